"""Fixtures: an app on a temporary data dir, a live server, socket clients."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpdesk import create_app
from tests.support import ChatClient, LiveServer

STRICT = os.environ.get("HELPDESK_TEST_STRICT") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """In CI (HELPDESK_TEST_STRICT=1) a test that would skip fails instead."""
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = (
            report.longrepr[2]
            if isinstance(report.longrepr, tuple)
            else report.longrepr
        )
        report.longrepr = f"skipped in strict mode (CI): {reason}"


@pytest.fixture
def app(tmp_path: Path):
    """The application on a fresh data dir, without the starter articles."""
    app = create_app(
        {
            "DATA_DIR": tmp_path / "data",
            "RATELIMIT_ENABLED": False,
            "IMPORT_STARTER_KB": False,
            "TESTING": True,
            "WTF_CSRF_ENABLED": False,
        }
    )
    yield app
    app.extensions["helpdesk"].index.close()
    app.extensions["helpdesk"].engine.dispose()


@pytest.fixture
def client(app):
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def engine(app):
    """The app's database engine."""
    return app.extensions["helpdesk"].engine


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A fresh server process for one test."""
    server = LiveServer(tmp_path / "data").start()
    yield server
    server.stop()
    assert not server.errors(), server.errors()[0]


@pytest.fixture(scope="module")
def shared_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server process shared by a module's tests."""
    server = LiveServer(tmp_path_factory.mktemp("srv") / "data").start()
    yield server
    server.stop()
    assert not server.errors(), server.errors()[0]


@pytest.fixture
def connect():
    """Open socket clients; all are closed after the test."""
    clients: list[ChatClient] = []

    def _connect(
        base: str, token: str | None, last_seq: int | None = None
    ) -> ChatClient:
        c = ChatClient(base, token, last_seq)
        clients.append(c)
        return c

    yield _connect
    for c in clients:
        c.close()


PG_ADMIN_URL = os.environ.get(
    "HELPDESK_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import uuid

    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(
            f"PostgreSQL not reachable at {PG_ADMIN_URL}: {str(exc).splitlines()[0]}"
        )
    name = f"helpdesk_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        base = PG_ADMIN_URL.rsplit("/", 1)[0].replace(
            "postgresql://", "postgresql+psycopg://"
        )
        try:
            yield f"{base}/{name}"
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_app(tmp_path: Path, pg_url: str):
    """The application on PostgreSQL."""
    app = create_app(
        {
            "DATA_DIR": tmp_path / "data",
            "DATABASE_URL": pg_url,
            "RATELIMIT_ENABLED": False,
            "IMPORT_STARTER_KB": False,
            "TESTING": True,
        }
    )
    yield app
    app.extensions["helpdesk"].index.close()
    app.extensions["helpdesk"].engine.dispose()


@pytest.fixture
def redis_url() -> str:
    """Redis for the Socket.IO message queue, or a skip when none answers."""
    redis = pytest.importorskip("redis")
    url = os.environ.get("HELPDESK_TEST_REDIS", "redis://127.0.0.1:6379/0")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis not reachable at {url}: {exc}")
    return url
