"""SQLModel tables: the one source of truth for everything the helpdesk knows."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class User(SQLModel, table=True):
    """A staff member: volunteer, moderator or admin."""

    __tablename__ = "users"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    name: str = Field(max_length=120)
    password_hash: str = Field(max_length=255)
    role: str = Field(max_length=16)  # volunteer | moderator | admin
    level: str = Field(default="volunteer", max_length=16)
    languages: str = Field(default="kk,ru", max_length=32)
    max_chats: int = Field(default=3)
    is_approved: bool = Field(default=True)
    is_active: bool = Field(default=True)
    presence: str = Field(default="offline", max_length=16)
    last_assigned_at: datetime | None = None
    last_seen_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)

    @property
    def language_list(self) -> list[str]:
        """The languages this staff member answers in."""
        return [code for code in self.languages.split(",") if code]

    def speaks(self, lang: str) -> bool:
        """Whether this staff member answers in `lang`."""
        return lang in self.language_list


class ApiToken(SQLModel, table=True):
    """A bearer token for a staff member, stored as a hash."""

    __tablename__ = "api_tokens"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = None


class StaffConnection(SQLModel, table=True):
    """A live Socket.IO connection of a staff member (derived, rebuilt on start)."""

    __tablename__ = "staff_connections"

    sid: str = Field(primary_key=True, max_length=64)
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    server_id: str = Field(max_length=64, index=True)
    connected_at: datetime = Field(default_factory=utcnow)


class Conversation(SQLModel, table=True):
    """A citizen's question and the chat that answers it."""

    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_queue", "status", "lang", "queued_at"),)

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    lang: str = Field(max_length=2)
    status: str = Field(default="queued", max_length=16)  # queued | active | closed
    urgent: bool = Field(default=False)
    citizen_name: str | None = Field(default=None, max_length=80)
    region: str | None = Field(default=None, max_length=80)
    topic: str | None = Field(default=None, max_length=80)
    volunteer_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    offered_to_id: int | None = Field(default=None, foreign_key="users.id", index=True)
    offered_at: datetime | None = None
    next_seq: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow)
    queued_at: datetime = Field(default_factory=utcnow)
    accepted_at: datetime | None = None
    released_at: datetime | None = None
    closed_at: datetime | None = None
    resolution: str | None = Field(default=None, max_length=500)
    rating: int | None = None
    rating_comment: str | None = Field(default=None, max_length=1000)


class Offer(SQLModel, table=True):
    """A conversation offered to one volunteer, and what came of it."""

    __tablename__ = "offers"

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversations.id", index=True, ondelete="CASCADE"
    )
    user_id: int = Field(foreign_key="users.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    outcome: str | None = Field(default=None, max_length=16)  # accepted|expired|...


class Message(SQLModel, table=True):
    """One chat message; `seq` numbers a conversation's messages without gaps."""

    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "seq", name="uq_messages_seq"),
        UniqueConstraint("conversation_id", "client_id", name="uq_messages_client_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    conversation_id: int = Field(
        foreign_key="conversations.id", index=True, ondelete="CASCADE"
    )
    seq: int
    client_id: str = Field(max_length=64)
    author_role: str = Field(max_length=16)  # citizen | volunteer | moderator | system
    author_name: str = Field(default="", max_length=120)
    author_id: int | None = Field(default=None, foreign_key="users.id")
    body: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)


class Article(SQLModel, table=True):
    """A knowledge-base article; the search index is derived from these rows."""

    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=200, unique=True, index=True)
    lang: str = Field(max_length=2, index=True)
    title: str = Field(max_length=300)
    body: str = Field(sa_column=Column(Text, nullable=False))
    category: str = Field(default="", max_length=64, index=True)
    tags: str = Field(default="", max_length=1000)  # comma-separated
    group: str | None = Field(default=None, max_length=200, index=True)
    status: str = Field(
        default="published", max_length=16
    )  # published | draft | unpublished
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def tag_list(self) -> list[str]:
        """The article's tags as a list."""
        return [tag for tag in self.tags.split(",") if tag]


class SearchLog(SQLModel, table=True):
    """One knowledge-base search, kept without anything that identifies who searched."""

    __tablename__ = "search_log"

    id: int | None = Field(default=None, primary_key=True)
    query: str = Field(max_length=500)
    lang: str = Field(max_length=2)
    results: int = 0
    outcome: str | None = Field(default=None, max_length=16)  # opened | asked
    created_at: datetime = Field(default_factory=utcnow, index=True)


def pk(row: User | Conversation | Message | Article | Offer | SearchLog) -> int:
    """The primary key of a row that has been flushed to the database."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id yet; flush it first")
    return row.id
