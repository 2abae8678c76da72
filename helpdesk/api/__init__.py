"""The JSON API: parse, authorise, call a service, answer JSON."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import text

from helpdesk.chat.announce import announce
from helpdesk.db import read_session, write_session
from helpdesk.errors import InvalidInput, NotAuthenticated, NotFound
from helpdesk.extensions import limiter
from helpdesk.runtime import runtime
from helpdesk.services import articles, routing
from helpdesk.services import conversations as convs
from helpdesk.services.users import authenticate, issue_token

bp = Blueprint("api", __name__)


def json_body() -> dict[str, Any]:
    """The request's JSON object, or a 400."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise InvalidInput(
            gettext("Send a JSON object with Content-Type: application/json.")
        )
    return data


def bearer_token() -> str | None:
    """The token from `Authorization: Bearer T`."""
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """200 once the database and the search index answer."""
    rt = runtime()
    with read_session(rt.engine) as session:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    rt.index.doc_count()
    return jsonify(status="ok")


@bp.post("/api/auth/token")
@limiter.limit("10 per minute")
def create_token():  # type: ignore[no-untyped-def]
    """Exchange email and password for a bearer token."""
    data = json_body()
    email, password = data.get("email"), data.get("password")
    if not isinstance(email, str) or not isinstance(password, str):
        raise NotAuthenticated(gettext("wrong email or password"))
    with write_session(runtime().engine) as session:
        user = authenticate(session=session, email=email, password=password)
        token = issue_token(
            session=session, user=user, ttl_days=current_app.config["TOKEN_TTL_DAYS"]
        )
        body = {
            "token": token,
            "user": {"id": user.id, "name": user.name, "role": user.role},
        }
    return jsonify(body)


@bp.post("/api/conversations")
@limiter.limit("10 per minute;100 per hour")
def create_conversation():  # type: ignore[no-untyped-def]
    """A citizen asks a question; it waits for a volunteer."""
    data = json_body()
    with write_session(runtime().engine) as session:
        conv, token, changes = routing.open_conversation(
            session=session,
            question=data.get("question"),
            lang=data.get("lang"),
            name=data.get("name"),
            region=data.get("region"),
            topic=data.get("topic"),
        )
        articles.note_outcome(
            session=session, search_id=data.get("search_id"), outcome="asked"
        )
        state = convs.conversation_state(session, conv)
    announce(changes)
    return jsonify(
        id=conv.id,
        token=token,
        status=state["status"],
        queue_position=state["queue_position"],
    ), 201


@bp.get("/api/conversations/<conv_id>")
def get_conversation(conv_id: str):  # type: ignore[no-untyped-def]
    """The conversation and its messages, for its citizen or staff who may see it."""
    token = bearer_token()
    if token is None:
        raise NotFound(gettext("No such conversation."))
    with read_session(runtime().engine) as session:
        body = convs.read_conversation(
            session=session, conversation_id=conv_id, token=token
        )
    return jsonify(body)


@bp.get("/api/kb/search")
def kb_search():  # type: ignore[no-untyped-def]
    """Search the knowledge base; best first, the asker's language ranked higher."""
    q, lang, limit = articles.parse_search_args(
        request.args.get("q"), request.args.get("lang"), request.args.get("limit")
    )
    prefix = request.args.get("prefix") in ("1", "true")
    rt = runtime()
    result = articles.search(index=rt.index, q=q, lang=lang, limit=limit, prefix=prefix)
    search_id = None
    # the log shows what citizens look for: staff searches and keystrokes stay out
    if q and not prefix and not current_user.is_authenticated:
        with write_session(rt.engine) as session:
            search_id = articles.log_search(
                session=session, query=q, lang=result.lang, results=len(result.hits)
            )
    return jsonify(articles.search_payload(result, article_url, search_id))


@bp.post("/api/kb/search/<int:search_id>/outcome")
def kb_search_outcome(search_id: int):  # type: ignore[no-untyped-def]
    """Record that a search led to an opened article or a question to a volunteer."""
    data = json_body()
    with write_session(runtime().engine) as session:
        articles.log_outcome(
            session=session, search_id=search_id, outcome=data.get("outcome")
        )
    return jsonify(ok=True)


@bp.get("/api/kb/articles/<slug>")
def kb_article(slug: str):  # type: ignore[no-untyped-def]
    """One published article with its translations."""
    with read_session(runtime().engine) as session:
        article = articles.get_published(session, slug)
        body = articles.article_dict(session, article, url_for("kb.article", slug=slug))
    return jsonify(body)


def article_url(slug: str) -> str:
    """Where an article's page is."""
    return url_for("kb.article", slug=slug)
