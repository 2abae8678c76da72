"""Tell the connected people what a committed change means for them.

Rooms: `conv:<id>` holds the citizen's connections (and moderators who
joined), `user:<id>` every connection of one staff member. A message reaches
the conversation's room and its volunteer's room; Socket.IO sends it once
to a connection that is in both.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from helpdesk.db import read_session
from helpdesk.extensions import socketio
from helpdesk.models import Conversation, Message, StaffConnection, User
from helpdesk.runtime import runtime
from helpdesk.services.conversations import (
    conversation_state,
    message_dict,
    queue_order,
    staff_view,
)
from helpdesk.services.routing import Changes


def conv_room(conv_id: int) -> str:
    """The room of a conversation's citizen (and joined moderators)."""
    return f"conv:{conv_id}"


def user_room(user_id: int) -> str:
    """The room of all connections of one staff member."""
    return f"user:{user_id}"


def rooms_for(conv: Conversation) -> list[str]:
    """Everyone who follows a conversation's messages."""
    rooms = [conv_room(conv.id)]  # type: ignore[arg-type]
    if conv.volunteer_id is not None:
        rooms.append(user_room(conv.volunteer_id))
    return rooms


def emit_message(conv: Conversation, msg: Message, skip_sid: str | None = None) -> None:
    """Send a new message to everyone on the conversation."""
    socketio.emit(
        "message:new", message_dict(msg), to=rooms_for(conv), skip_sid=skip_sid
    )


def waiting_for(
    session: Session, user: User, queued: list[Conversation]
) -> list[dict[str, Any]]:
    """The queued conversations a staff member may take, in queue order."""
    positions: dict[str, int] = {}
    out = []
    for conv in queued:
        positions[conv.lang] = positions.get(conv.lang, 0) + 1
        if user.role in ("moderator", "admin") or user.speaks(conv.lang):
            out.append(staff_view(session, conv, position=positions[conv.lang]))
    return out


def publish_queue(session: Session) -> None:
    """Push queue positions to waiting citizens and the queue to online staff."""
    queued = queue_order(session)
    positions: dict[str, int] = {}
    for conv in queued:
        positions[conv.lang] = positions.get(conv.lang, 0) + 1
        socketio.emit(
            "conversation:state",
            conversation_state(session, conv, position=positions[conv.lang]),
            to=conv_room(conv.id),  # type: ignore[arg-type]
        )
    staff_ids = set(session.exec(select(StaffConnection.user_id)))
    for user in session.exec(select(User).where(col(User.id).in_(staff_ids))):
        socketio.emit(
            "queue:update",
            {"waiting": waiting_for(session, user, queued)},
            to=user_room(user.id),  # type: ignore[arg-type]
        )


def announce(changes: Changes) -> None:
    """Emit what changed: new messages, states, offers and the queue."""
    if not (changes.conversations or changes.offers or changes.messages):
        return
    with read_session(runtime().engine) as session:
        for msg_id in changes.messages:
            msg = session.get(Message, msg_id)
            conv = session.get(Conversation, msg.conversation_id) if msg else None
            if msg and conv:
                emit_message(conv, msg)
        for conv_id in changes.conversations:
            conv = session.get(Conversation, conv_id)
            if conv is None:
                continue
            if conv.status != "queued":
                socketio.emit(
                    "conversation:state",
                    conversation_state(session, conv),
                    to=rooms_for(conv),
                )
        for conv_id, user_id in changes.offers:
            conv = session.get(Conversation, conv_id)
            if conv is not None and conv.offered_to_id == user_id:
                socketio.emit(
                    "conversation:offer",
                    staff_view(session, conv),
                    to=user_room(user_id),
                )
        publish_queue(session)
