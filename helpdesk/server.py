"""Serving: gunicorn's threaded worker, the schema brought up to date first."""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from helpdesk.config import load_config
from helpdesk.db import is_sqlite, make_engine, upgrade_database, write_session
from helpdesk.extensions import socketio

log = logging.getLogger(__name__)
SWEEP_INTERVAL_S = 1.0


def start_sweeper(app: Flask) -> threading.Event:
    """Lapse offers and return conversations of vanished volunteers, every second."""
    from helpdesk.chat.announce import announce
    from helpdesk.services import routing

    stop = threading.Event()

    def loop() -> None:
        rt = app.extensions["helpdesk"]
        while not stop.wait(SWEEP_INTERVAL_S):
            try:
                with app.app_context():
                    with write_session(rt.engine) as session:
                        changes = routing.sweep(
                            session=session,
                            offer_timeout_s=app.config["OFFER_TIMEOUT_S"],
                            grace_s=app.config["DISCONNECT_GRACE_S"],
                        )
                    announce(changes)
            except Exception:
                log.exception("routing sweep failed")

    socketio.start_background_task(loop)
    return stop


def prepare() -> None:
    """Migrate the schema and forget connections left by a previous run."""
    from helpdesk.services import routing

    config = load_config()
    upgrade_database(config["DATABASE_URL"])
    engine = make_engine(config["DATABASE_URL"])
    if is_sqlite(engine):
        # one process serves an SQLite data dir: every recorded connection is stale
        with write_session(engine) as session:
            routing.clear_connections(session=session)
    engine.dispose()


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            # settings that this gunicorn release does not know are skipped
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Flask:
        from helpdesk import create_app

        app = create_app({"AUTO_MIGRATE": False})
        start_sweeper(app)
        log.info("helpdesk ready on http://%s", self.cfg.bind[0])
        return app


def run(*, host: str, port: int, threads: int) -> None:
    """Serve until stopped."""
    logging.basicConfig(
        level=logging.INFO,
        format="[%(asctime)s] [%(process)d] [%(levelname)s] %(message)s",
    )
    prepare()
    _Gunicorn(
        {
            "bind": f"{host}:{port}",
            "workers": 1,
            "worker_class": "gthread",
            "threads": threads,
            "timeout": 60,
            "graceful_timeout": 5,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
            "control_socket_disable": True,
        }
    ).run()
