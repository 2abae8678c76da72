"""The volunteer console."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user, login_required

bp = Blueprint("volunteer", __name__)


@bp.get("/console")
@login_required
def console():  # type: ignore[no-untyped-def]
    """Waiting conversations, several chats at once, the knowledge base at hand."""
    return render_template("volunteer/console.html", me=current_user)
