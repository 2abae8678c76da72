"""Playwright fixtures: Debian's chromium, one browser a session, fresh contexts a test.

Nothing here downloads a browser: the tests drive /usr/bin/chromium (``apt-get
install chromium``) and skip, which CI turns into a failure, when it is absent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support import LiveServer

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: how long an expect() or an action waits for the page, in milliseconds
TIMEOUT_MS = 10_000


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    """Debian's chromium, headless, with nothing that talks to the Internet."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One chromium for the whole session; each test gets its own contexts."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        chromium = launch_chromium(playwright)
    except BaseException:
        playwright.stop()
        raise
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()


@pytest.fixture
def new_page(browser) -> Iterator[Callable[..., object]]:  # type: ignore[no-untyped-def]
    """Open a page in a browser context of its own (its own cookies and storage).

    ``new_page(server, viewport=...)`` returns a Page whose relative URLs go to
    the server. Every context is closed after the test. An uncaught JavaScript
    error on any page fails the test.
    """
    contexts = []
    errors: list[str] = []

    def _new_page(
        server: LiveServer,
        *,
        viewport: dict[str, int] | None = None,
        locale: str = "ru-RU",
    ):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=server.base,
            viewport=viewport or {"width": 1280, "height": 800},
            locale=locale,
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
        return page

    yield _new_page
    for context in contexts:
        for page in context.pages:
            page.close()
        context.close()
    assert not errors, "JavaScript errors on the pages:\n" + "\n".join(errors)


@pytest.fixture(scope="module")
def kb_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with the starter knowledge base, shared by a module's tests."""
    server = LiveServer(
        tmp_path_factory.mktemp("kb") / "data",
        env={"HELPDESK_IMPORT_STARTER_KB": "1"},
    ).start()
    yield server
    server.stop()
