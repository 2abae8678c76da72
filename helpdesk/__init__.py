"""The cyber-volunteer consultation helpdesk: a Flask application."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request, session
from flask_babel import get_locale, gettext

from helpdesk.config import LANGUAGES, load_config
from helpdesk.db import make_engine, read_session, upgrade_database, write_session
from helpdesk.extensions import babel, csrf, limiter, login_manager, socketio
from helpdesk.i18n import N_
from helpdesk.runtime import Runtime

HERE = Path(__file__).resolve().parent
log = logging.getLogger(__name__)


def _asset_dir(name: str) -> str:
    """Installed packages carry templates/ and static/ inside helpdesk/;
    a source checkout has them at the top level."""
    inside = HERE / name
    return str(inside if inside.is_dir() else HERE.parent / name)


def select_locale() -> str:
    """The reader's language: chosen on the page, else the browser's."""
    if not has_request_context():
        return "en"  # the command line and background work; chats force their own
    chosen = request.args.get("lang")
    if chosen in LANGUAGES:
        session["lang"] = chosen
        return chosen
    if session.get("lang") in LANGUAGES:
        return session["lang"]
    return request.accept_languages.best_match(LANGUAGES) or "ru"


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application; `config` overrides settings from the environment."""
    settings = load_config(config)
    app = Flask(
        __name__,
        template_folder=_asset_dir("templates"),
        static_folder=_asset_dir("static"),
    )
    app.config.update(settings)
    app.config["RATELIMIT_ENABLED"] = settings["RATELIMIT_ENABLED"]
    # one process keeps its counters in memory; several share them in Redis
    app.config.setdefault(
        "RATELIMIT_STORAGE_URI", settings.get("REDIS_URL") or "memory://"
    )

    if app.config.get("AUTO_MIGRATE", True):
        upgrade_database(app.config["DATABASE_URL"])
    engine = make_engine(app.config["DATABASE_URL"])

    from helpdesk.services.articles import published_docs
    from knowledge_base import SearchIndex

    # the database is the source of truth: a lost index is built again from it
    index = SearchIndex(
        Path(app.config["INDEX_DIR"]), source=lambda: published_docs(engine)
    )
    app.extensions["helpdesk"] = Runtime(engine=engine, index=index)

    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(HERE / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = N_("Please sign in to open this page.")
    login_manager.localize_callback = gettext
    csrf.init_app(app)
    limiter.init_app(app)
    socketio.init_app(
        app,
        async_mode="threading",
        message_queue=settings.get("REDIS_URL"),
        channel=settings["REDIS_CHANNEL"],
        # pages of this site only, unless more origins are listed
        cors_allowed_origins=app.config["CORS_ORIGINS"] or None,
        ping_interval=20,
        ping_timeout=20,
        max_http_buffer_size=64 * 1024,
    )

    from helpdesk.chat.namespace import ChatNamespace

    socketio.on_namespace(ChatNamespace("/"))

    from helpdesk.api import bp as api_bp
    from helpdesk.auth import bp as auth_bp
    from helpdesk.citizen import bp as citizen_bp
    from helpdesk.kb import bp as kb_bp
    from helpdesk.volunteer import bp as volunteer_bp

    csrf.exempt(api_bp)
    for blueprint in (api_bp, auth_bp, citizen_bp, kb_bp, volunteer_bp):
        app.register_blueprint(blueprint)

    from helpdesk import errors_http

    errors_http.register(app)

    @app.context_processor
    def inject_locale() -> dict[str, Any]:
        return {"current_locale": str(get_locale()), "languages": LANGUAGES}

    if app.config.get("IMPORT_STARTER_KB", True):
        _sync_knowledge_base(app)
    return app


def _sync_knowledge_base(app: Flask) -> None:
    """Import the starter articles into an empty database; rebuild a stale index."""
    from helpdesk.services import articles
    from knowledge_base import STARTER_DIR, load_articles

    rt: Runtime = app.extensions["helpdesk"]
    with app.app_context():
        with read_session(rt.engine) as s:
            count = articles.count_published(s)
        if count == 0 and STARTER_DIR.is_dir():
            docs, problems = load_articles(STARTER_DIR)
            for problem in problems:
                log.warning("starter article skipped: %s", problem.message)
            with write_session(rt.engine) as s:
                articles.import_docs(session=s, index=rt.index, docs=docs)
        with read_session(rt.engine) as s:
            if rt.index.doc_count() != articles.count_published(s):
                articles.reindex(session=s, index=rt.index)
