"""Take the screenshots in docs/screenshots/ from a live server (not a test).

    python tests/browser/screenshots.py

Starts `helpdesk serve` with the starter knowledge base on a temporary data
dir, plays a short scene in Debian's chromium (a citizen asks in Russian, the
volunteer Айгерим accepts and answers with help from the knowledge base, a
second citizen waits in the queue) and saves:

- docs/screenshots/citizen.png: the citizen's chat, 1280x800
- docs/screenshots/console.png: the volunteer console with the chat open and
  knowledge-base results, 1400x850
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"
# tests/ first: its conftest (LiveServer) and the browser package
sys.path[:0] = [str(ROOT)]

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from tests.browser.conftest import CHROMIUM, TIMEOUT_MS, launch_chromium  # noqa: E402
from tests.support import PASSWORD, LiveServer  # noqa: E402

OUT = ROOT / "docs" / "screenshots"

QUESTION = "Как получить справку о несудимости через eGov?"
REPLY = (
    "Здравствуйте, Мария! Это можно сделать онлайн, без похода в ЦОН. "
    "Откройте egov.kz или приложение eGov mobile и войдите в личный кабинет "
    "(по ЭЦП, по ИИН и паролю или по QR-коду). Вот подробная инструкция:"
)
THANKS = "Спасибо! Вошла по QR-коду, нашла услугу. Подписывать кодом из SMS?"
REPLY2 = (
    "Да, одноразовым кодом из SMS или ЭЦП. Только никому не сообщайте этот "
    "код, даже если звонят «из банка» или «из ЦОНа»."
)
KB_QUERY = "справка о несудимости"
SECOND = "Сәлеметсіз бе! ЭЦҚ кілтін телефон арқылы қалай алуға болады?"


def main() -> None:
    if not CHROMIUM.exists():
        sys.exit("Debian's chromium is not installed: apt-get install chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    pythonpath = os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
    )
    with tempfile.TemporaryDirectory() as tmp:
        server = LiveServer(
            Path(tmp) / "data",
            env={"HELPDESK_IMPORT_STARTER_KB": "1", "PYTHONPATH": pythonpath},
        ).start()
        try:
            server.create_staff("aigerim@example.kz", languages="kk,ru", name="Айгерим")
            with sync_playwright() as playwright:
                browser = launch_chromium(playwright)
                try:
                    scene(browser, server)
                finally:
                    browser.close()
        finally:
            server.stop()
    sys.stdout.write(f"wrote {OUT / 'citizen.png'} and {OUT / 'console.png'}\n")


def scene(browser, server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    expect.set_options(timeout=TIMEOUT_MS)
    citizen_ctx = browser.new_context(
        base_url=server.base, viewport={"width": 1280, "height": 800}, locale="ru-RU"
    )
    volunteer_ctx = browser.new_context(
        base_url=server.base, viewport={"width": 1400, "height": 850}, locale="ru-RU"
    )
    try:
        citizen = citizen_ctx.new_page()
        citizen.goto("/?lang=ru")
        citizen.locator("#question").fill(QUESTION)
        citizen.locator("#name").fill("Мария")
        expect(citizen.locator("#suggestions")).to_be_visible()
        citizen.locator("#ask-button").click()
        expect(citizen).to_have_url(re.compile(r"/chat"))
        expect(citizen.locator("#status")).to_have_class(re.compile(r"\bqueued\b"))

        volunteer = volunteer_ctx.new_page()
        volunteer.goto("/login?lang=ru")
        volunteer.locator("#email").fill("aigerim@example.kz")
        volunteer.locator("#password").fill(PASSWORD)
        volunteer.locator("main form button[type=submit]").click()
        expect(volunteer).to_have_url(re.compile(r"/console$"))
        waiting = volunteer.locator("#queue li", has_text=QUESTION)
        waiting.locator("button").click()
        expect(volunteer.locator("#active")).to_be_visible()

        def say(page, text: str) -> None:  # type: ignore[no-untyped-def]
            page.locator("#body").fill(text)
            page.locator("#body").press("Enter")

        messages = volunteer.locator("#messages li")
        say(volunteer, REPLY)
        expect(messages.filter(has_text=REPLY)).to_have_count(1)

        # the volunteer looks the answer up and sends the article's link
        volunteer.locator("#kb-q").fill(KB_QUERY)
        volunteer.locator("#kb-q").press("Enter")
        results = volunteer.locator("#kb-results li")
        expect(results.first.locator("a")).to_be_visible()
        results.first.locator("button").click()
        expect(messages.filter(has_text="/help/")).to_have_count(1)

        say(citizen, THANKS)
        expect(messages.filter(has_text=THANKS)).to_have_count(1)
        say(volunteer, REPLY2)

        # a second citizen is waiting meanwhile
        server.ask(SECOND, "kk", name="Ерлан")
        expect(volunteer.locator("#queue li")).to_have_count(1)

        expect(citizen.locator("#messages li.msg", has_text=REPLY2)).to_have_count(1)
        expect(citizen.locator("#status")).to_have_class(re.compile(r"\bactive\b"))
        # "typing…" clears two seconds after the last key
        expect(citizen.locator("#typing")).to_be_hidden()
        citizen.screenshot(path=str(OUT / "citizen.png"))

        expect(messages.filter(has_text=REPLY2)).to_have_count(1)
        expect(results.first.locator(".snippet")).to_be_visible()
        expect(volunteer.locator("#typing")).to_be_hidden()
        volunteer.screenshot(path=str(OUT / "console.png"))
    finally:
        citizen_ctx.close()
        volunteer_ctx.close()


if __name__ == "__main__":
    main()
