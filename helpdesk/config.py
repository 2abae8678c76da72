"""Settings from the environment, in one place."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

LANGUAGES = ("kk", "ru", "en")
LEVEL_MAX_CHATS = {"trainee": 1, "volunteer": 3, "senior": 5}


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() not in {"0", "false", "no", "off"}


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, not {value!r}") from exc


def secret_key_for(data_dir: Path) -> str:
    """The signing key kept in the data dir, generated on first use."""
    path = data_dir / "secret_key"
    if path.exists():
        return path.read_text().strip()
    data_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    # created with 0600 so that only the service user can read it
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build the Flask config from the environment, then apply overrides."""
    overrides = dict(overrides or {})
    data_dir = Path(
        overrides.get("DATA_DIR") or os.environ.get("HELPDESK_DATA_DIR") or "instance"
    ).resolve()
    config: dict[str, Any] = {
        "DATA_DIR": data_dir,
        "DATABASE_URL": os.environ.get("HELPDESK_DATABASE_URL")
        or f"sqlite:///{data_dir / 'helpdesk.sqlite3'}",
        "REDIS_URL": os.environ.get("HELPDESK_REDIS_URL") or None,
        # processes that share a Redis channel act as one helpdesk
        "REDIS_CHANNEL": os.environ.get("HELPDESK_REDIS_CHANNEL") or "helpdesk",
        "CORS_ORIGINS": [
            o.strip()
            for o in os.environ.get("HELPDESK_CORS_ORIGINS", "").split(",")
            if o.strip()
        ],
        "RATELIMIT_ENABLED": _env_bool("HELPDESK_RATELIMIT_ENABLED", True),
        "OFFER_TIMEOUT_S": _env_float("HELPDESK_OFFER_TIMEOUT_S", 45.0),
        "DISCONNECT_GRACE_S": _env_float("HELPDESK_DISCONNECT_GRACE_S", 120.0),
        "TOKEN_TTL_DAYS": _env_float("HELPDESK_TOKEN_TTL_DAYS", 30.0),
        "IMPORT_STARTER_KB": _env_bool("HELPDESK_IMPORT_STARTER_KB", True),
        "BABEL_DEFAULT_LOCALE": "ru",
        "LANGUAGES": LANGUAGES,
        "MAX_QUESTION_CHARS": 4000,
        "MAX_MESSAGE_CHARS": 4000,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 1024 * 1024,
    }
    config.update(overrides)
    config["DATA_DIR"] = Path(config["DATA_DIR"]).resolve()
    if "DATABASE_URL" not in overrides and not os.environ.get("HELPDESK_DATABASE_URL"):
        config["DATABASE_URL"] = f"sqlite:///{config['DATA_DIR'] / 'helpdesk.sqlite3'}"
    config.setdefault("INDEX_DIR", config["DATA_DIR"] / "index")
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = os.environ.get("HELPDESK_SECRET_KEY") or secret_key_for(
            config["DATA_DIR"]
        )
    config["RATELIMIT_ENABLED"] = bool(config["RATELIMIT_ENABLED"])
    return config
