"""Serving: gunicorn's threaded worker, the schema brought up to date first."""

from __future__ import annotations

import errno
import logging
import threading
import traceback
from pathlib import PurePath
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


def _closing_a_gone_websocket(args: threading.ExceptHookArgs) -> bool:
    """Whether a thread died closing a WebSocket whose client has already gone.

    When a connection ends, engine.io's writer thread closes the WebSocket; if
    the client left first, gunicorn has already closed the socket, and the
    close frame meets EBADF, which simple-websocket does not expect (it only
    expects a broken pipe). Nothing is lost: the connection was over.
    """
    exc = args.exc_value
    if not isinstance(exc, OSError) or exc.errno != errno.EBADF:
        return False
    return any(
        frame.name == "close"
        and PurePath(frame.filename).parts[-2:] == ("simple_websocket", "ws.py")
        for frame in traceback.extract_tb(args.exc_traceback)
    )


def quiet_gone_websockets() -> None:
    """Log a WebSocket closed after its client left as one line, not a traceback."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if _closing_a_gone_websocket(args):
            log.info("a WebSocket was closed after its client had left")
            return
        previous(args)

    threading.excepthook = hook


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
        quiet_gone_websockets()
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
            # a pasted letter in a search URL: the API says it is too long
            "limit_request_line": 8190,
        }
    ).run()
