"""Staff accounts and their bearer tokens."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta

from flask_babel import gettext
from sqlmodel import Session, select
from werkzeug.security import check_password_hash, generate_password_hash

from helpdesk.config import LANGUAGES, LEVEL_MAX_CHATS
from helpdesk.errors import Conflict, InvalidInput, NotAuthenticated
from helpdesk.models import ApiToken, User, utcnow

ROLES = ("volunteer", "moderator", "admin")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MIN_PASSWORD = 8
# verified against when the email is unknown, so both paths cost the same
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def hash_token(token: str) -> str:
    """The stored form of a secret token."""
    return hashlib.sha256(token.encode()).hexdigest()


def parse_languages(value: str | list[str]) -> str:
    """Validate a language list ("kk,ru" or a list) and return it normalised."""
    items = value.split(",") if isinstance(value, str) else list(value)
    codes = [c.strip().lower() for c in items if c.strip()]
    unknown = [c for c in codes if c not in LANGUAGES]
    if unknown or not codes:
        raise InvalidInput(
            gettext("languages must be some of %(langs)s", langs=", ".join(LANGUAGES))
        )
    return ",".join(dict.fromkeys(codes))


def create_user(
    *,
    session: Session,
    email: str,
    name: str,
    role: str,
    password: str,
    languages: str | list[str] = "kk,ru",
    level: str = "volunteer",
    max_chats: int | None = None,
) -> User:
    """Create an approved staff account."""
    email = email.strip().lower()
    name = name.strip()
    if not EMAIL_RE.match(email) or len(email) > 254:
        raise InvalidInput(gettext("a valid email address is required"))
    if not name or len(name) > 120:
        raise InvalidInput(gettext("a name of 1 to 120 characters is required"))
    if role not in ROLES:
        raise InvalidInput(
            gettext("role must be one of %(roles)s", roles=", ".join(ROLES))
        )
    if level not in LEVEL_MAX_CHATS:
        raise InvalidInput(
            gettext(
                "level must be one of %(levels)s", levels=", ".join(LEVEL_MAX_CHATS)
            )
        )
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            gettext("the password needs at least %(n)d characters", n=MIN_PASSWORD)
        )
    if max_chats is None:
        max_chats = LEVEL_MAX_CHATS[level]
    if not 1 <= max_chats <= 20:
        raise InvalidInput(gettext("max chats must be between 1 and 20"))
    if session.exec(select(User).where(User.email == email)).first():
        raise Conflict(
            gettext("a user with email %(email)s already exists", email=email)
        )
    user = User(
        email=email,
        name=name,
        role=role,
        level=level,
        languages=parse_languages(languages),
        max_chats=max_chats,
        password_hash=generate_password_hash(password),
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, email: str, password: str) -> User:
    """The active, approved user with these credentials."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        raise NotAuthenticated(gettext("wrong email or password"))
    if not check_password_hash(user.password_hash, password):
        raise NotAuthenticated(gettext("wrong email or password"))
    if not (user.is_active and user.is_approved):
        raise NotAuthenticated(gettext("this account is not active"))
    return user


def issue_token(*, session: Session, user: User, ttl_days: float = 30) -> str:
    """A new bearer token for `user`; only its hash is stored."""
    token = secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            user_id=user.id,  # type: ignore[arg-type]
            token_hash=hash_token(token),
            expires_at=utcnow() + timedelta(days=ttl_days),
        )
    )
    session.flush()
    return token


def user_for_token(*, session: Session, token: str) -> User | None:
    """The active user a valid, unexpired, unrevoked token belongs to."""
    if not token or len(token) > 200:
        return None
    row = session.exec(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token))
    ).first()
    if row is None or row.revoked_at is not None or row.expires_at <= utcnow():
        return None
    user = session.get(User, row.user_id)
    if user is None or not (user.is_active and user.is_approved):
        return None
    return user


def revoke_token(*, session: Session, token: str) -> bool:
    """Revoke a token; whether it existed."""
    row = session.exec(
        select(ApiToken).where(ApiToken.token_hash == hash_token(token))
    ).first()
    if row is None:
        return False
    row.revoked_at = utcnow()
    session.add(row)
    return True
