"""Routing: who is offered which conversation, accept, transfer, close, release.

Every decision reads and writes the database under row locks (and SQLite's
immediate transactions), so several server processes can share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from flask_babel import gettext
from sqlmodel import Session, col, delete, func, select

from helpdesk.errors import Conflict, Forbidden, InvalidInput, NotFound
from helpdesk.i18n import N_
from helpdesk.models import Conversation, Offer, StaffConnection, User, pk, utcnow
from helpdesk.services.conversations import (
    active_count,
    add_system_message,
    can_see,
    create_conversation,
    lock_conversation,
    move,
    queue_order,
    system_text,
)

PRESENCE = ("online", "away", "offline")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


# system messages, translated into the conversation's language when stored
JOINED = N_("%(name)s has joined the conversation.")
CLOSED = N_("The conversation is closed.")
REQUEUED = N_(
    "The volunteer had to leave. Your question is back in the queue; "
    "the next free volunteer will answer."
)
TRANSFERRED = N_("%(name)s has taken over the conversation.")


@dataclass
class Changes:
    """What a routing step changed, for the edge to announce after commit."""

    conversations: set[int] = field(default_factory=set)
    offers: list[tuple[int, int]] = field(default_factory=list)  # (conv, user)
    messages: list[int] = field(default_factory=list)
    queue_changed: bool = False

    def merge(self, other: Changes) -> None:
        """Add another step's changes to these."""
        self.conversations |= other.conversations
        self.offers += other.offers
        self.messages += other.messages
        self.queue_changed |= other.queue_changed


def _load(session: Session, user_id: int) -> int:
    """Active conversations plus pending offers of a volunteer."""
    offers = session.exec(
        select(func.count())
        .select_from(Conversation)
        .where(Conversation.offered_to_id == user_id, Conversation.status == "queued")
    ).one()
    return active_count(session, user_id) + offers


def online_volunteer_ids(session: Session) -> set[int]:
    """Volunteers connected now with presence `online`."""
    rows = session.exec(
        select(User.id)
        .join(StaffConnection, col(StaffConnection.user_id) == col(User.id))
        .where(
            User.presence == "online",
            User.role == "volunteer",
            User.is_active,
            User.is_approved,
        )
    )
    return {uid for uid in rows if uid is not None}


def pick_volunteer(session: Session, conv: Conversation) -> User | None:
    """The best online volunteer for a conversation, or None.

    Language first; then room under the volunteer's limit; urgent conversations
    go to seniors first; then least busy, then longest idle.
    """
    tried = set(
        session.exec(select(Offer.user_id).where(Offer.conversation_id == conv.id))
    )
    candidates = []
    for user_id in online_volunteer_ids(session) - tried:
        user = session.get(User, user_id)
        if user is None or not user.speaks(conv.lang):
            continue
        load = _load(session, user_id)
        if load >= user.max_chats:
            continue
        senior_first = 0 if (not conv.urgent or user.level == "senior") else 1
        idle_since = user.last_assigned_at or _EPOCH
        candidates.append(((senior_first, load, idle_since, user_id), user))
    if not candidates:
        return None
    return min(candidates, key=lambda pair: pair[0])[1]


def dispatch(session: Session, *, lang: str | None = None) -> Changes:
    """Offer every queued conversation without a pending offer to whoever fits."""
    changes = Changes()
    for conv in queue_order(session, lang):
        if conv.offered_to_id is not None:
            continue
        user = pick_volunteer(session, conv)
        if user is None:
            continue
        conv.offered_to_id = user.id
        conv.offered_at = utcnow()
        session.add(conv)
        session.add(Offer(conversation_id=pk(conv), user_id=pk(user)))
        session.flush()
        changes.offers.append((pk(conv), pk(user)))
    return changes


def _settle_offers(session: Session, conv: Conversation, outcome: str) -> None:
    """Close the conversation's pending offers with an outcome."""
    for offer in session.exec(
        select(Offer).where(
            Offer.conversation_id == conv.id,
            col(Offer.outcome).is_(None),
        )
    ):
        offer.outcome = outcome
        session.add(offer)
    conv.offered_to_id = None
    conv.offered_at = None


def accept(*, session: Session, user: User, conversation_id: Any) -> Changes:
    """A volunteer takes a queued conversation in one of their languages."""
    if user.role != "volunteer":
        raise Forbidden(gettext("Only volunteers accept conversations."))
    # lock the volunteer first: two accepts by the same person run one at a time
    me = session.get(User, user.id, with_for_update=True)
    assert me is not None  # noqa: S101
    conv = lock_conversation(session, conversation_id)
    if not can_see(me, conv):
        raise NotFound(gettext("No such conversation."))
    if conv.status != "queued":
        raise Conflict(gettext("Someone else has already taken this conversation."))
    if active_count(session, me.id) >= me.max_chats:  # type: ignore[arg-type]
        raise Conflict(
            gettext("You already have %(n)d conversations, your limit.", n=me.max_chats)
        )
    _settle_offers(session, conv, "accepted")
    move(conv, "active")
    conv.volunteer_id = me.id
    conv.accepted_at = utcnow()
    me.last_assigned_at = utcnow()
    session.add_all([conv, me])
    msg = add_system_message(
        session=session, conv=conv, text=system_text(conv, JOINED, name=me.name)
    )
    changes = Changes(conversations={pk(conv)}, messages=[pk(msg)], queue_changed=True)  # type: ignore[arg-type]
    if active_count(session, me.id) >= me.max_chats:  # type: ignore[arg-type]
        changes.merge(release_offers(session, me.id))  # type: ignore[arg-type]
    return changes


def release_offers(
    session: Session, user_id: int, outcome: str = "withdrawn"
) -> Changes:
    """Take back a volunteer's pending offers and offer them to others."""
    changes = Changes()
    for conv in session.exec(
        select(Conversation).where(
            Conversation.offered_to_id == user_id, Conversation.status == "queued"
        )
    ):
        _settle_offers(session, conv, outcome)
        session.add(conv)
        changes.conversations.add(pk(conv))
    session.flush()
    if changes.conversations:
        changes.merge(dispatch(session))
    return changes


def close(
    *,
    session: Session,
    conversation_id: Any,
    user: User | None = None,
    resolution: Any = None,
) -> Changes:
    """Close a conversation: its volunteer, a moderator, or the citizen (no user)."""
    conv = lock_conversation(session, conversation_id)
    if user is not None:
        if not can_see(user, conv):
            raise NotFound(gettext("No such conversation."))
        if user.role == "volunteer" and conv.volunteer_id != user.id:
            raise Forbidden(gettext("You are not in this conversation."))
    if resolution is not None and (
        not isinstance(resolution, str) or len(resolution) > 500
    ):
        raise InvalidInput(
            gettext("resolution must be text of at most 500 characters.")
        )
    was_queued = conv.status == "queued"
    _settle_offers(session, conv, "closed")
    move(conv, "closed")
    conv.closed_at = utcnow()
    conv.resolution = resolution.strip() if isinstance(resolution, str) else None
    session.add(conv)
    msg = add_system_message(session=session, conv=conv, text=system_text(conv, CLOSED))
    changes = Changes(
        conversations={pk(conv)}, messages=[pk(msg)], queue_changed=was_queued
    )  # type: ignore[arg-type]
    session.flush()
    changes.merge(dispatch(session, lang=conv.lang))
    return changes


def requeue(session: Session, conv: Conversation, text: str = REQUEUED) -> Changes:
    """Put an active conversation back in the queue, keeping its place."""
    previous = conv.volunteer_id
    move(conv, "queued")
    conv.volunteer_id = None
    conv.released_at = utcnow()
    session.add(conv)
    if previous is not None:
        # the volunteer who let it go is not offered it again
        session.add(
            Offer(conversation_id=pk(conv), user_id=previous, outcome="released")
        )
    msg = add_system_message(session=session, conv=conv, text=system_text(conv, text))
    session.flush()
    changes = Changes(conversations={pk(conv)}, messages=[pk(msg)], queue_changed=True)  # type: ignore[arg-type]
    changes.merge(dispatch(session))
    return changes


def transfer(
    *, session: Session, user: User, conversation_id: Any, to_user_id: Any = None
) -> Changes:
    """Hand a conversation to another volunteer, or back to the queue."""
    conv = lock_conversation(session, conversation_id)
    if not can_see(user, conv):
        raise NotFound(gettext("No such conversation."))
    if user.role == "volunteer" and conv.volunteer_id != user.id:
        raise Forbidden(gettext("You are not in this conversation."))
    if conv.status != "active":
        raise Conflict(gettext("Only an active conversation can be transferred."))
    if to_user_id is None:
        return requeue(session, conv)
    if (
        isinstance(to_user_id, bool)
        or not isinstance(to_user_id, int)
        or not 0 < to_user_id < 2**63
    ):
        raise InvalidInput(gettext("to_user_id must be a user id."))
    target = session.get(User, to_user_id, with_for_update=True)
    if target is None or target.role != "volunteer" or not target.is_active:
        raise NotFound(gettext("No such volunteer."))
    if not target.speaks(conv.lang):
        raise Conflict(gettext("That volunteer does not speak this language."))
    if active_count(session, target.id) >= target.max_chats:  # type: ignore[arg-type]
        raise Conflict(gettext("That volunteer has no room for another conversation."))
    conv.volunteer_id = target.id
    target.last_assigned_at = utcnow()
    session.add_all([conv, target])
    msg = add_system_message(
        session=session,
        conv=conv,
        text=system_text(conv, TRANSFERRED, name=target.name),
    )
    return Changes(conversations={pk(conv)}, messages=[pk(msg)])  # type: ignore[arg-type]


def set_presence(*, session: Session, user: User, status: Any) -> Changes:
    """A staff member says whether they take new conversations."""
    if status not in PRESENCE:
        raise InvalidInput(gettext("status must be online, away or offline."))
    me = session.get(User, user.id, with_for_update=True)
    assert me is not None  # noqa: S101
    me.presence = status
    me.last_seen_at = utcnow()
    session.add(me)
    session.flush()
    if status == "online":
        return dispatch(session)
    return release_offers(session, me.id)  # type: ignore[arg-type]


def connect_staff(*, session: Session, user: User, sid: str, server_id: str) -> None:
    """Record a staff member's live connection."""
    session.add(StaffConnection(sid=sid, user_id=user.id, server_id=server_id))  # type: ignore[arg-type]
    me = session.get(User, user.id)
    if me is not None:
        me.last_seen_at = utcnow()
        session.add(me)


def disconnect_staff(*, session: Session, sid: str) -> Changes:
    """Forget a connection; when it was the last, stop offering to its owner."""
    row = session.get(StaffConnection, sid)
    if row is None:
        return Changes()
    user_id = row.user_id
    session.delete(row)
    session.flush()
    left = session.exec(
        select(func.count())
        .select_from(StaffConnection)
        .where(StaffConnection.user_id == user_id)
    ).one()
    if left:
        return Changes()
    me = session.get(User, user_id, with_for_update=True)
    if me is not None:
        me.presence = "offline"
        me.last_seen_at = utcnow()
        session.add(me)
    return release_offers(session, user_id, outcome="gone")


def clear_connections(*, session: Session, server_id: str | None = None) -> None:
    """Drop connection rows of a server (all of them when None) after a restart."""
    query = delete(StaffConnection)
    if server_id is not None:
        query = query.where(col(StaffConnection.server_id) == server_id)
    session.exec(query)  # type: ignore[call-overload]


def sweep(*, session: Session, offer_timeout_s: float, grace_s: float) -> Changes:
    """Lapse old offers and return a vanished volunteer's conversations."""
    changes = Changes()
    now = utcnow()
    stale = session.exec(
        select(Conversation).where(
            Conversation.status == "queued",
            col(Conversation.offered_at) < now - timedelta(seconds=offer_timeout_s),
        )
    ).all()
    for conv in stale:
        _settle_offers(session, conv, "expired")
        session.add(conv)
        changes.conversations.add(pk(conv))
    connected = select(StaffConnection.user_id)
    gone = session.exec(
        select(Conversation)
        .join(User, col(User.id) == col(Conversation.volunteer_id))
        .where(
            Conversation.status == "active",
            col(User.id).not_in(connected),
            col(User.last_seen_at) < now - timedelta(seconds=grace_s),
        )
    ).all()
    for conv in gone:
        changes.merge(requeue(session, conv))
    session.flush()
    if stale:
        changes.merge(dispatch(session))
    return changes


def open_conversation(
    *, session: Session, **fields: Any
) -> tuple[Conversation, str, Changes]:
    """A citizen's new conversation, offered at once to whoever fits.

    Returns it, the citizen's token and what changed, to announce after commit.
    """
    conv, token = create_conversation(session=session, **fields)
    changes = dispatch(session, lang=conv.lang)
    changes.conversations.add(pk(conv))
    changes.queue_changed = True
    return conv, token, changes
