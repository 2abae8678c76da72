"""Conversations and their messages: the citizen's side of the chat."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from flask_babel import force_locale, gettext
from sqlmodel import Session, func, select

from helpdesk.config import LANGUAGES
from helpdesk.errors import Conflict, Forbidden, InvalidInput, NotFound
from helpdesk.i18n import N_
from helpdesk.models import Conversation, Message, User, pk
from helpdesk.services import triage
from helpdesk.services.users import hash_token

MAX_BODY = 4000
MAX_CLIENT_ID = 64
STAFF_ROLES = ("volunteer", "moderator", "admin")

# Every status change goes through `move`; these are the moves allowed.
TRANSITIONS: dict[str, set[str]] = {
    "queued": {"active", "closed"},
    "active": {"queued", "closed"},
    "closed": set(),
}


@dataclass(frozen=True)
class Author:
    """Who writes a message."""

    role: str  # citizen | volunteer | moderator | system
    name: str = ""
    user_id: int | None = None


def move(conv: Conversation, status: str) -> None:
    """Change a conversation's status, if the move is allowed."""
    if status not in TRANSITIONS[conv.status]:
        raise Conflict(
            gettext("This conversation is %(status)s.", status=_status_label(conv))
        )
    conv.status = status


def _status_label(conv: Conversation) -> str:
    return {
        "queued": gettext("waiting in the queue"),
        "active": gettext("already taken"),
        "closed": gettext("closed"),
    }[conv.status]


# how a field is named in an error message a person reads
FIELD_LABELS = {
    "question": N_("The question"),
    "body": N_("The message"),
    "name": N_("The name"),
    "region": N_("The region"),
    "topic": N_("The topic"),
    "comment": N_("The comment"),
}


def clean_text(value: Any, *, field: str, max_len: int, required: bool) -> str | None:
    """Trim a text field and check its type and length."""
    label = gettext(FIELD_LABELS.get(field, field))
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(gettext("%(field)s is required.", field=label), field)
        return None
    if not isinstance(value, str):
        raise InvalidInput(gettext("%(field)s must be text.", field=label), field)
    value = value.strip()
    if len(value) > max_len:
        raise InvalidInput(
            gettext(
                "%(field)s is too long (at most %(n)d characters).",
                field=label,
                n=max_len,
            ),
            field,
        )
    return value


def clean_lang(value: Any) -> str:
    """A supported language code."""
    if not isinstance(value, str) or value.strip().lower() not in LANGUAGES:
        raise InvalidInput(
            gettext("lang must be one of %(langs)s.", langs=", ".join(LANGUAGES)),
            "lang",
        )
    return value.strip().lower()


def clean_client_id(value: Any) -> str:
    """A client-chosen message id of 1 to 64 characters."""
    if not isinstance(value, str) or not 1 <= len(value) <= MAX_CLIENT_ID:
        raise InvalidInput(gettext("client_id must be text of 1 to 64 characters."))
    return value


def create_conversation(
    *,
    session: Session,
    question: Any,
    lang: Any,
    name: Any = None,
    region: Any = None,
    topic: Any = None,
    urgent: bool = False,
) -> tuple[Conversation, str]:
    """Open a citizen's conversation; returns it and the citizen's secret token."""
    text = clean_text(question, field="question", max_len=MAX_BODY, required=True)
    assert text is not None  # noqa: S101  (required above)
    code = clean_lang(lang)
    conv = Conversation(
        lang=code,
        citizen_name=clean_text(name, field="name", max_len=80, required=False),
        region=clean_text(region, field="region", max_len=80, required=False),
        topic=clean_text(topic, field="topic", max_len=80, required=False),
        urgent=urgent or triage.is_urgent(text, code),
        token_hash="",
    )
    token = secrets.token_urlsafe(32)
    conv.token_hash = hash_token(token)
    session.add(conv)
    session.flush()
    add_message(
        session=session,
        conv=conv,
        author=Author("citizen", conv.citizen_name or ""),
        client_id="question",
        body=text,
    )
    return conv, token


def conversation_for_token(*, session: Session, token: str) -> Conversation | None:
    """The conversation a citizen's token opens, if any."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    return session.exec(
        select(Conversation).where(Conversation.token_hash == hash_token(token))
    ).first()


def lock_conversation(session: Session, conversation_id: Any) -> Conversation:
    """Load a conversation for update, or raise NotFound."""
    conv_id = parse_id(conversation_id)
    conv = session.get(Conversation, conv_id, with_for_update=True)
    if conv is None:
        raise NotFound(gettext("No such conversation."))
    return conv


MAX_ID = 2**63 - 1  # the largest key the databases store


def parse_id(value: Any) -> int:
    """A conversation id from JSON (a number or a numeric string)."""
    if isinstance(value, str) and value.isdigit() and len(value) < 19:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        raise NotFound(gettext("No such conversation."))
    return value


def can_see(user: User, conv: Conversation) -> bool:
    """Whether a staff member may read this conversation."""
    if user.role in ("moderator", "admin"):
        return True
    if conv.volunteer_id == user.id:
        return True
    return conv.status == "queued" and user.speaks(conv.lang)


def can_write(user: User, conv: Conversation, *, joined: bool) -> bool:
    """Whether a staff member may send into this conversation."""
    if conv.status == "closed":
        return False
    if conv.volunteer_id == user.id and conv.status == "active":
        return True
    return user.role in ("moderator", "admin") and joined


def add_message(
    *, session: Session, conv: Conversation, author: Author, client_id: str, body: str
) -> tuple[Message, bool]:
    """Store a message once per client_id; returns it and whether it is new."""
    existing = session.exec(
        select(Message).where(
            Message.conversation_id == conv.id, Message.client_id == client_id
        )
    ).first()
    if existing is not None:
        return existing, False
    msg = Message(
        conversation_id=conv.id,  # type: ignore[arg-type]
        seq=conv.next_seq,
        client_id=client_id,
        author_role=author.role,
        author_name=author.name,
        author_id=author.user_id,
        body=body,
    )
    conv.next_seq += 1
    session.add(conv)
    session.add(msg)
    session.flush()
    return msg, True


def send_message(
    *,
    session: Session,
    conversation_id: Any,
    client_id: Any,
    body: Any,
    staff: User | None = None,
    joined: bool = False,
) -> tuple[Message, bool]:
    """Store a message from the conversation's citizen (no `staff`) or a staff
    member, once per client_id; returns it and whether it is new."""
    client_id = clean_client_id(client_id)
    text = clean_text(body, field="body", max_len=MAX_BODY, required=True)
    conv = lock_conversation(session, conversation_id)
    if staff is None:
        author = Author("citizen", conv.citizen_name or "")
    else:
        role = "moderator" if staff.role == "admin" else staff.role
        author = Author(role, staff.name, staff.id)
        if not can_see(staff, conv) and not joined:
            raise NotFound(gettext("No such conversation."))
        if not can_write(staff, conv, joined=joined):
            raise Forbidden(gettext("You are not in this conversation."))
    existing = session.exec(
        select(Message).where(
            Message.conversation_id == conv.id, Message.client_id == client_id
        )
    ).first()
    if existing is not None:
        return existing, False
    if conv.status == "closed":
        raise Conflict(gettext("This conversation is closed."))
    assert text is not None  # noqa: S101
    return add_message(
        session=session, conv=conv, author=author, client_id=client_id, body=text
    )


def add_system_message(*, session: Session, conv: Conversation, text: str) -> Message:
    """A system note in the conversation, e.g. who joined."""
    msg, _ = add_message(
        session=session,
        conv=conv,
        author=Author("system"),
        client_id=f"system-{secrets.token_hex(8)}",
        body=text,
    )
    return msg


def system_text(conv: Conversation, message: str, **params: Any) -> str:
    """A system message translated into the conversation's language."""
    with force_locale(conv.lang):
        return gettext(message, **params)


def messages_after(
    *, session: Session, conversation_id: int, last_seq: int = 0
) -> list[Message]:
    """The conversation's messages with seq > last_seq, in order."""
    return list(
        session.exec(
            select(Message)
            .where(Message.conversation_id == conversation_id, Message.seq > last_seq)
            .order_by(Message.seq)  # type: ignore[arg-type]
        )
    )


def parse_last_seq(value: Any) -> int | None:
    """A `last_seq` from a client: a non-negative integer, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput(gettext("last_seq must be a whole number."))
    try:
        number = int(value)
    except ValueError:
        raise InvalidInput(gettext("last_seq must be a whole number.")) from None
    if not 0 <= number <= MAX_ID:
        raise InvalidInput(gettext("last_seq must be a whole number."))
    return number


def rate_conversation(
    *, session: Session, conv: Conversation, score: Any, comment: Any = None
) -> None:
    """The citizen rates a closed conversation, once."""
    if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
        raise InvalidInput(gettext("score must be a whole number from 1 to 5."))
    if conv.status != "closed":
        raise Conflict(gettext("You can rate the conversation once it is closed."))
    conv.rating = score
    conv.rating_comment = clean_text(
        comment, field="comment", max_len=1000, required=False
    )
    session.add(conv)


def queue_order(session: Session, lang: str | None = None) -> list[Conversation]:
    """Queued conversations, next to be served first: urgent, then by arrival."""
    query = select(Conversation).where(Conversation.status == "queued")
    if lang is not None:
        query = query.where(Conversation.lang == lang)
    query = query.order_by(
        Conversation.urgent.desc(),  # type: ignore[attr-defined]
        Conversation.queued_at,  # type: ignore[arg-type]
        Conversation.id,  # type: ignore[arg-type]
    )
    return list(session.exec(query))


def queue_position(session: Session, conv: Conversation) -> int | None:
    """1 for the next to be served among queued conversations of its language."""
    if conv.status != "queued":
        return None
    for index, other in enumerate(queue_order(session, conv.lang), start=1):
        if other.id == conv.id:
            return index
    return None


def conversation_state(
    session: Session, conv: Conversation, *, position: int | None = None
) -> dict[str, Any]:
    """The conversation as the contract's `conversation:state` describes it."""
    volunteer = session.get(User, conv.volunteer_id) if conv.volunteer_id else None
    if position is None and conv.status == "queued":
        position = queue_position(session, conv)
    return {
        "id": conv.id,
        "status": conv.status,
        "lang": conv.lang,
        "urgent": conv.urgent,
        "queue_position": position if conv.status == "queued" else None,
        "volunteer": {"name": volunteer.name} if volunteer else None,
        "created_at": conv.created_at.isoformat(),
        "rating": conv.rating,
    }


def staff_view(session: Session, conv: Conversation, **kw: Any) -> dict[str, Any]:
    """The state plus what staff need to pick a conversation: name and question."""
    state = conversation_state(session, conv, **kw)
    first = session.exec(
        select(Message).where(Message.conversation_id == conv.id, Message.seq == 1)
    ).first()
    state.update(
        name=conv.citizen_name,
        topic=conv.topic,
        region=conv.region,
        question=first.body if first else "",
        volunteer_id=conv.volunteer_id,
        offered_to_id=conv.offered_to_id,
    )
    return state


def message_dict(msg: Message) -> dict[str, Any]:
    """A message as the contract's `message:new` describes it."""
    return {
        "id": msg.id,
        "conversation_id": msg.conversation_id,
        "seq": msg.seq,
        "client_id": msg.client_id,
        "author": {"role": msg.author_role, "name": msg.author_name},
        "body": msg.body,
        "created_at": msg.created_at.isoformat(),
    }


def active_count(session: Session, user_id: int) -> int:
    """How many conversations a volunteer holds now."""
    return session.exec(
        select(func.count())
        .select_from(Conversation)
        .where(Conversation.volunteer_id == user_id, Conversation.status == "active")
    ).one()


def get_conversation(session: Session, conversation_id: Any) -> Conversation:
    """A conversation by id, or NotFound."""
    conv = session.get(Conversation, parse_id(conversation_id))
    if conv is None:
        raise NotFound(gettext("No such conversation."))
    return conv


def held_by(session: Session, user_id: int) -> list[Conversation]:
    """The active conversations a volunteer holds, oldest first."""
    return list(
        session.exec(
            select(Conversation)
            .where(
                Conversation.volunteer_id == user_id, Conversation.status == "active"
            )
            .order_by(Conversation.accepted_at)  # type: ignore[arg-type]
        )
    )


def read_conversation(
    *, session: Session, conversation_id: Any, token: str
) -> dict[str, Any]:
    """The conversation with its messages, for its citizen's token or a staff
    token allowed to see it; NotFound otherwise, with no hint which."""
    from helpdesk.services.users import user_for_token

    conv = conversation_for_token(session=session, token=token)
    if conv is not None and str(conv.id) == str(conversation_id):
        body = conversation_state(session, conv)
    else:
        user = user_for_token(session=session, token=token)
        conv = get_conversation(session, conversation_id) if user else None
        if user is None or conv is None or not can_see(user, conv):
            raise NotFound(gettext("No such conversation."))
        body = staff_view(session, conv)
    body["messages"] = [
        message_dict(m)
        for m in messages_after(session=session, conversation_id=pk(conv))
    ]
    return body
