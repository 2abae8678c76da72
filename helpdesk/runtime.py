"""What one running application holds: the engine, the search index, its id."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import Engine

if TYPE_CHECKING:
    from knowledge_base import SearchIndex


@dataclass
class Runtime:
    """Per-process state; all of it derived from the configuration."""

    engine: Engine
    index: SearchIndex
    server_id: str = field(default_factory=lambda: uuid.uuid4().hex)


def runtime() -> Runtime:
    """The running application's runtime."""
    return current_app.extensions["helpdesk"]
