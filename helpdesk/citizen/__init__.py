"""The citizen's pages: ask a question, then chat."""

from __future__ import annotations

from flask import Blueprint, render_template

from ..services.articles import MAX_QUERY

bp = Blueprint("citizen", __name__)


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    """Pick a language, write a question, see matching answers first."""
    return render_template("citizen/index.html", max_query=MAX_QUERY)


@bp.get("/chat")
def chat():  # type: ignore[no-untyped-def]
    """The chat view; the conversation token lives in the browser."""
    return render_template("citizen/chat.html")
