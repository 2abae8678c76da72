"""Domain errors carry a message meant for a person; the edges map them."""

from __future__ import annotations


class HelpdeskError(Exception):
    """Base of every error a person may see; `status` is the HTTP status."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(HelpdeskError):
    """The request is malformed or out of range; `field` names the culprit."""

    status = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotAuthenticated(HelpdeskError):
    """Credentials are missing or wrong."""

    status = 401


class Forbidden(HelpdeskError):
    """The caller may not do this."""

    status = 403


class NotFound(HelpdeskError):
    """Unknown, or not visible to the caller (no hint which)."""

    status = 404


class Conflict(HelpdeskError):
    """The object is not in a state that allows this."""

    status = 409


class RateLimited(HelpdeskError):
    """Too many requests in a short time."""

    status = 429
