"""The server process: what its threads leave in the log."""

from __future__ import annotations

import errno
import logging
import threading
from collections.abc import Callable, Iterator

import pytest
import requests
from simple_websocket.ws import Base

from helpdesk.server import quiet_gone_websockets


class _GoneSocket:
    def send(self, data: bytes) -> int:
        raise OSError(errno.EBADF, "Bad file descriptor")


class _Frames:
    def send(self, event: object) -> bytes:
        return b"\x88\x00"


def _websocket_whose_client_left() -> Base:
    # simple-websocket's own close(), on a socket gunicorn has already closed
    ws = Base.__new__(Base)
    ws.connected = True
    ws.ws = _Frames()
    ws.sock = _GoneSocket()
    return ws


@pytest.fixture
def died_in() -> Iterator[
    tuple[list[BaseException | None], Callable[[Callable[[], None]], None]]
]:
    """Run a function in a thread; record what reaches the previous excepthook."""
    seen: list[BaseException | None] = []
    original = threading.excepthook

    def record(args: threading.ExceptHookArgs) -> None:
        seen.append(args.exc_value)

    threading.excepthook = record
    quiet_gone_websockets()

    def run(target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target)
        thread.start()
        thread.join(timeout=10)

    try:
        yield seen, run
    finally:
        threading.excepthook = original


def test_closing_a_websocket_after_its_client_left_is_one_log_line(
    died_in, caplog: pytest.LogCaptureFixture
) -> None:
    seen, run = died_in
    with caplog.at_level(logging.INFO, logger="helpdesk.server"):
        run(_websocket_whose_client_left().close)
    assert seen == []
    assert "closed after its client had left" in caplog.text


def test_any_other_error_of_a_thread_still_reaches_the_log(died_in) -> None:
    seen, run = died_in

    def fails() -> None:
        raise OSError(errno.EBADF, "Bad file descriptor")  # not a WebSocket close

    run(fails)
    run(lambda: 1 / 0)
    assert [type(e) for e in seen] == [OSError, ZeroDivisionError]


def test_a_long_search_gets_the_apis_json_error_not_the_servers_own(
    shared_server,
) -> None:
    # a pasted letter of about a thousand Cyrillic characters is over 5,000
    # bytes of request line: the API answers it, not gunicorn's HTML 414
    question = "Как получить справку о несудимости через eGov? " * 24
    response = requests.get(
        f"{shared_server.base}/api/kb/search", params={"q": question}, timeout=10
    )
    assert len(response.request.url or "") > 5000
    assert response.status_code == 400
    assert "500" in response.json()["error"]  # the limit, in the reader's language
