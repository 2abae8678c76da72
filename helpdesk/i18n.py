"""Translation helpers shared by the services and the pages."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802  (the marker pybabel extracts)
    """Mark a message for translation; it is translated where it is shown."""
    return message
