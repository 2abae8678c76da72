"""The Socket.IO namespace: parse, authorise, call a service, emit, answer."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app, request
from flask_babel import gettext
from flask_login import current_user
from flask_socketio import ConnectionRefusedError, Namespace, emit, join_room
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from helpdesk.chat.announce import (
    announce,
    conv_room,
    emit_message,
    rooms_for,
    user_room,
    waiting_for,
)
from helpdesk.db import read_session, write_session
from helpdesk.errors import HelpdeskError, InvalidInput, NotFound, RateLimited
from helpdesk.extensions import socketio
from helpdesk.models import User, pk
from helpdesk.runtime import runtime
from helpdesk.services import conversations as convs
from helpdesk.services import routing
from helpdesk.services.users import user_for_token

log = logging.getLogger(__name__)

MESSAGES_PER_MINUTE = RateLimitItemPerMinute(60)
_limiter = MovingWindowRateLimiter(MemoryStorage())


@dataclass
class Identity:
    """Who is behind one connection."""

    conversation_id: int | None = None  # a citizen's conversation
    user_id: int | None = None  # a staff member
    joined: set[int] = field(default_factory=set)  # conversations a moderator joined

    @property
    def is_citizen(self) -> bool:
        """Whether this connection is a citizen's."""
        return self.conversation_id is not None


def _ack(handler: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    """Turn a handler's result or error into an acknowledgement; never raise."""

    def wrapper(self: ChatNamespace, data: Any = None, *_extra: Any) -> dict[str, Any]:
        identity = self.identities.get(request.sid)  # type: ignore[attr-defined]
        if identity is None:
            return {"ok": False, "error": gettext("Not connected.")}
        if data is None:
            data = {}
        if not isinstance(data, dict):
            return {"ok": False, "error": gettext("The event data must be an object.")}
        try:
            result = handler(self, identity, data)
        except HelpdeskError as exc:
            return {"ok": False, "error": exc.message}
        except Exception:
            log.exception("chat event failed")
            return {
                "ok": False,
                "error": gettext("Something went wrong; please retry."),
            }
        return {"ok": True, **result}

    wrapper.__name__ = handler.__name__
    wrapper.__doc__ = handler.__doc__
    return wrapper


class ChatNamespace(Namespace):
    """Citizens and staff on the default namespace."""

    def __init__(self, namespace: str = "/") -> None:
        super().__init__(namespace)
        self.identities: dict[str, Identity] = {}

    # -- connection ---------------------------------------------------------

    def on_connect(self, auth: Any = None) -> None:
        """Accept a citizen's or staff member's token, or the login session."""
        auth = auth if isinstance(auth, dict) else {}
        token = auth.get("token")
        if token is not None and not isinstance(token, str):
            raise ConnectionRefusedError(gettext("A valid token is required."))
        try:
            last_seq = convs.parse_last_seq(auth.get("last_seq"))
        except InvalidInput as exc:
            raise ConnectionRefusedError(exc.message) from None
        engine = runtime().engine
        sid = request.sid  # type: ignore[attr-defined]
        with write_session(engine) as session:
            conv = (
                convs.conversation_for_token(session=session, token=token)
                if token
                else None
            )
            user = None
            if conv is None:
                if token:
                    user = user_for_token(session=session, token=token)
                elif current_user.is_authenticated:
                    user = session.get(User, current_user.id)
            if conv is None and user is None:
                raise ConnectionRefusedError(gettext("A valid token is required."))
            if conv is not None:
                identity = Identity(conversation_id=conv.id)
                state = convs.conversation_state(session, conv)
                replay = (
                    convs.messages_after(
                        session=session,
                        conversation_id=pk(conv),
                        last_seq=last_seq,
                    )
                    if last_seq is not None
                    else []
                )
            else:
                assert user is not None  # noqa: S101
                routing.connect_staff(
                    session=session, user=user, sid=sid, server_id=runtime().server_id
                )
                identity = Identity(user_id=user.id)
        self.identities[sid] = identity
        if identity.is_citizen:
            for msg in replay:
                emit("message:new", convs.message_dict(msg))
            join_room(conv_room(identity.conversation_id))  # type: ignore[arg-type]
            emit("conversation:state", state)
        else:
            join_room(user_room(identity.user_id))  # type: ignore[arg-type]
            with read_session(engine) as session:
                me = session.get(User, identity.user_id)
                assert me is not None  # noqa: S101
                emit(
                    "queue:update",
                    {"waiting": waiting_for(session, me, convs.queue_order(session))},
                )
                emit(
                    "conversation:list",
                    {
                        "conversations": [
                            convs.staff_view(session, c)
                            for c in convs.held_by(session, me.id)  # type: ignore[arg-type]
                        ]
                    },
                )

    def on_disconnect(self, reason: Any = None) -> None:
        """Forget the connection; a volunteer's last one stops their offers."""
        identity = self.identities.pop(request.sid, None)  # type: ignore[attr-defined]
        if identity is None or identity.is_citizen:
            return
        try:
            with write_session(runtime().engine) as session:
                changes = routing.disconnect_staff(session=session, sid=request.sid)  # type: ignore[attr-defined]
            announce(changes)
        except Exception:
            log.exception("disconnect bookkeeping failed")

    # -- helpers ------------------------------------------------------------

    def _staff(self, session: Any, identity: Identity) -> User:
        if identity.is_citizen:
            raise NotFound(gettext("No such conversation."))
        user = session.get(User, identity.user_id)
        if user is None or not user.is_active:
            raise NotFound(gettext("No such conversation."))
        return user

    # -- events -------------------------------------------------------------

    @_ack
    def on_message_send(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Store a message (once per client_id) and deliver it."""
        sid = request.sid  # type: ignore[attr-defined]
        if current_app.config["RATELIMIT_ENABLED"] and not _limiter.hit(
            MESSAGES_PER_MINUTE, "message", sid
        ):
            raise RateLimited(gettext("You are sending too fast; wait a moment."))
        with write_session(runtime().engine) as session:
            if identity.is_citizen:
                conv_id: Any = identity.conversation_id
                staff = None
            else:
                staff = self._staff(session, identity)
                conv_id = data.get("conversation_id")
            msg, created = convs.send_message(
                session=session,
                conversation_id=conv_id,
                client_id=data.get("client_id"),
                body=data.get("body"),
                staff=staff,
                joined=convs.parse_id(conv_id) in identity.joined if staff else False,
            )
            conv = convs.get_conversation(session, msg.conversation_id)
        if created:
            emit_message(conv, msg)
        return {"message": convs.message_dict(msg)}

    @_ack
    def on_conversation_accept(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """A volunteer takes a queued conversation."""
        engine = runtime().engine
        with write_session(engine) as session:
            user = self._staff(session, identity)
            changes = routing.accept(
                session=session, user=user, conversation_id=data.get("conversation_id")
            )
        announce(changes)
        with read_session(engine) as session:
            conv = convs.get_conversation(session, data.get("conversation_id"))
            return {"conversation": convs.staff_view(session, conv)}

    @_ack
    def on_conversation_join(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Staff open a conversation they may see; get its messages."""
        last_seq = convs.parse_last_seq(data.get("last_seq")) or 0
        with read_session(runtime().engine) as session:
            user = self._staff(session, identity)
            conv = convs.get_conversation(session, data.get("conversation_id"))
            if not convs.can_see(user, conv):
                raise NotFound(gettext("No such conversation."))
            messages = convs.messages_after(
                session=session,
                conversation_id=pk(conv),
                last_seq=last_seq,
            )
            view = convs.staff_view(session, conv)
        if user.role in ("moderator", "admin"):
            identity.joined.add(conv.id)  # type: ignore[arg-type]
            join_room(conv_room(conv.id))  # type: ignore[arg-type]
        return {
            "conversation": view,
            "messages": [convs.message_dict(m) for m in messages],
        }

    @_ack
    def on_conversation_close(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Close the conversation (its volunteer, a moderator, or the citizen)."""
        engine = runtime().engine
        with write_session(engine) as session:
            if identity.is_citizen:
                conv_id: Any = identity.conversation_id
                changes = routing.close(session=session, conversation_id=conv_id)
            else:
                user = self._staff(session, identity)
                conv_id = data.get("conversation_id")
                changes = routing.close(
                    session=session,
                    conversation_id=conv_id,
                    user=user,
                    resolution=data.get("resolution"),
                )
        announce(changes)
        with read_session(engine) as session:
            conv = convs.get_conversation(session, conv_id)
            return {"conversation": convs.conversation_state(session, conv)}

    @_ack
    def on_conversation_transfer(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Hand a conversation to another volunteer or back to the queue."""
        engine = runtime().engine
        with write_session(engine) as session:
            user = self._staff(session, identity)
            changes = routing.transfer(
                session=session,
                user=user,
                conversation_id=data.get("conversation_id"),
                to_user_id=data.get("to_user_id"),
            )
        announce(changes)
        with read_session(engine) as session:
            conv = convs.get_conversation(session, data.get("conversation_id"))
            return {"conversation": convs.conversation_state(session, conv)}

    @_ack
    def on_conversation_rate(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """The citizen rates the closed conversation."""
        if not identity.is_citizen:
            raise InvalidInput(gettext("Only the citizen rates a conversation."))
        with write_session(runtime().engine) as session:
            conv = convs.lock_conversation(session, identity.conversation_id)
            convs.rate_conversation(
                session=session,
                conv=conv,
                score=data.get("score"),
                comment=data.get("comment"),
            )
        return {}

    @_ack
    def on_presence_set(
        self, identity: Identity, data: dict[str, Any]
    ) -> dict[str, Any]:
        """Staff go online, away or offline."""
        with write_session(runtime().engine) as session:
            user = self._staff(session, identity)
            changes = routing.set_presence(
                session=session, user=user, status=data.get("status")
            )
        announce(changes)
        return {"status": data.get("status")}

    def on_typing(self, data: Any = None) -> None:
        """Pass a typing indicator to the other side; no answer needed."""
        identity = self.identities.get(request.sid)  # type: ignore[attr-defined]
        if identity is None or not isinstance(data, dict):
            return
        typing = bool(data.get("typing"))
        try:
            with read_session(runtime().engine) as session:
                if identity.is_citizen:
                    conv = convs.get_conversation(session, identity.conversation_id)
                    role = "citizen"
                else:
                    user = self._staff(session, identity)
                    conv = convs.get_conversation(session, data.get("conversation_id"))
                    if not convs.can_write(
                        user, conv, joined=conv.id in identity.joined
                    ):
                        return
                    role = user.role
        except HelpdeskError:
            return
        socketio.emit(
            "typing",
            {"conversation_id": conv.id, "role": role, "typing": typing},
            to=rooms_for(conv),
            skip_sid=request.sid,  # type: ignore[attr-defined]
        )

    def on_unknown_event(self, *_args: Any) -> dict[str, Any]:
        """Answer an event this server does not know."""
        return {"ok": False, "error": gettext("Unknown event.")}

    def trigger_event(self, event: str, *args: Any) -> Any:
        """Route `message:send` to `on_message_send` and so on."""
        name = "on_" + (event or "").replace(":", "_")
        handler = getattr(self, name, None)
        if handler is None or event in ("unknown_event",):
            handler = self.on_unknown_event
        return self.socketio._handle_event(handler, event, self.namespace, *args)  # type: ignore[union-attr]
