"""What citizens and volunteers see in a real browser.

Texts the pages translate are read from the page itself (``window.I18N``), so
the assertions hold whichever translation ships; structure is found by the
ids and classes the page scripts use.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support import PASSWORD

STARTER = Path(__file__).resolve().parents[2] / "knowledge_base" / "starter"
CONVERSATION_KEY = "helpdesk.conversation"
OUTBOX_KEY = "helpdesk.outbox"


def i18n(page: Page) -> dict[str, str]:
    """The translated texts a page's script shows, once the page has them."""
    return page.wait_for_function("window.I18N").json_value()


def front_matter(path: Path) -> dict[str, str]:
    """The scalar fields of a starter article's YAML front matter."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "---", path
    fields = {}
    for line in lines[1 : lines.index("---", 1)]:
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return fields


def starter_article(slug: str) -> dict[str, str]:
    return front_matter(STARTER / f"{slug}.md")


def translations_of(slug: str) -> set[tuple[str, str]]:
    """(lang, slug) of the starter articles sharing the group of `slug`."""
    group = starter_article(slug)["group"]
    found = set()
    for path in STARTER.glob("*.md"):
        fields = front_matter(path)
        if fields.get("group") == group and fields["slug"] != slug:
            found.add((fields["lang"], fields["slug"]))
    return found


def sign_in(page: Page, email: str, password: str, lang: str = "ru") -> None:
    page.goto(f"/login?lang={lang}")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form button[type=submit]").click()


def ask(page: Page, question: str, lang: str) -> None:
    """Ask a volunteer from the citizen page, and land on the chat."""
    page.goto(f"/?lang={lang}")
    page.locator("#question").fill(question)
    page.locator("#ask-button").click()
    expect(page).to_have_url(re.compile(rf"/chat\?lang={lang}$"))


def send(page: Page, text: str) -> None:
    """Type a message and press Enter, as a person does."""
    page.locator("#body").fill(text)
    page.locator("#body").press("Enter")


def test_citizen_and_volunteer_end_to_end(live_server, new_page) -> None:
    live_server.create_staff("aigerim@example.kz", languages="kk,ru", name="Айгерим")
    question = "Как получить справку о несудимости через eGov?"
    reply = "Здравствуйте! Откройте egov.kz и войдите по QR-коду через eGov mobile."
    answer = "Спасибо, вошла. Что дальше?"
    reply2 = "В строке поиска наберите «справка о судимости»."
    answer2 = "Нашла, заказываю."
    offline = "Пишу без интернета: справка пришла!"

    # the citizen asks
    citizen = new_page(live_server)
    citizen.goto("/?lang=ru")
    citizen.locator("#question").fill(question)
    citizen.locator("#name").fill("Мария")
    citizen.locator("#ask-button").click()
    expect(citizen).to_have_url(re.compile(r"/chat\?lang=ru$"))
    text = i18n(citizen)
    status = citizen.locator("#status")
    expect(status).to_have_text(text["queued"].replace("{n}", "1"))
    expect(status).to_have_class(re.compile(r"\bqueued\b"))
    # what the citizen and the volunteer wrote; the helpdesk's own notes
    # (class "system", e.g. "a volunteer joined") are checked against the store
    chat = citizen.locator("#messages li.msg:not(.system) p")
    expect(chat).to_have_text([question])

    # the volunteer signs in and takes it from the queue
    volunteer = new_page(live_server)
    sign_in(volunteer, "aigerim@example.kz", PASSWORD)
    expect(volunteer).to_have_url(re.compile(r"/console$"))
    expect(volunteer.locator(".me strong")).to_have_text("Айгерим")
    waiting = volunteer.locator("#queue li", has_text=question)
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Мария")
    expect(volunteer.locator("#waiting-count")).to_have_text("1")
    waiting.get_by_role("button", name=i18n(volunteer)["accept"]).click()
    expect(volunteer.locator("#active")).to_be_visible()
    expect(volunteer.locator("#chat-title")).to_contain_text("Мария")
    expect(volunteer.locator("#queue li")).to_have_count(0)
    console_chat = volunteer.locator("#messages li:not(.system) p")
    expect(console_chat).to_have_text([question])
    send(volunteer, reply)

    # the citizen sees who answers, and the answer
    expect(status).to_have_text(text["active"].replace("{name}", "Айгерим"))
    expect(chat).to_have_text([question, reply])
    expect(citizen.locator("#messages li.msg.volunteer .who")).to_have_text(["Айгерим"])
    send(citizen, answer)
    expect(console_chat).to_have_text([question, reply, answer])

    # a reload keeps the whole history, each message once, and the chat goes on
    citizen.reload()
    expect(status).to_have_text(text["active"].replace("{name}", "Айгерим"))
    expect(chat).to_have_text([question, reply, answer])
    conv = citizen.evaluate(f"JSON.parse(localStorage.getItem('{CONVERSATION_KEY}'))")
    history = [m["body"] for m in live_server.conversation(conv)["messages"]]
    expect(citizen.locator("#messages li.msg p")).to_have_text(history)
    send(volunteer, reply2)
    # the socket replays history before anything newer: nothing doubled since
    expect(chat).to_have_text([question, reply, answer, reply2])
    send(citizen, answer2)
    expect(console_chat).to_have_text([question, reply, answer, reply2, answer2])
    # the citizen's page has its acknowledgement too (nothing left pending)
    expect(citizen.locator("#messages li.pending")).to_have_count(0)

    # the network drops: the message waits as pending, then goes exactly once
    citizen.context.set_offline(True)
    expect(status).to_have_text(text["offline"])
    send(citizen, offline)
    pending = citizen.locator("#messages li.pending")
    expect(pending).to_have_count(1)
    expect(pending.locator("p")).to_have_text(offline)
    expect(pending.locator(".who")).to_have_text(text["sending"])
    citizen.context.set_offline(False)
    expect(pending).to_have_count(0, timeout=20_000)
    expect(status).to_have_text(text["active"].replace("{name}", "Айгерим"))
    expect(chat).to_have_text([question, reply, answer, reply2, answer2, offline])
    expect(console_chat).to_have_text(
        [question, reply, answer, reply2, answer2, offline]
    )
    assert citizen.evaluate(f"localStorage.getItem('{OUTBOX_KEY}')") == "[]"

    stored = live_server.conversation(conv)["messages"]
    bodies = [m["body"] for m in stored]
    assert bodies.count(offline) == 1, bodies
    assert [m["seq"] for m in stored] == list(range(1, len(stored) + 1))
    expect(citizen.locator("#messages li.msg p")).to_have_text(bodies)


def test_help_centre_search_article_and_nothing_found(kb_server, new_page) -> None:
    page = new_page(kb_server)
    page.goto("/help/?lang=ru")

    # a word from the starter article on large text, in another form
    page.locator("#q").fill("шрифт")
    page.locator("form.search button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/help/\?q="))
    first = page.locator("ol.results > li").first
    expect(first).to_be_visible()
    marks = first.locator(".snippet mark")
    expect(marks.first).to_be_visible()
    expect(marks.first).to_have_text(re.compile(r"шрифт", re.IGNORECASE))

    # open the best answer: its title, and links to its translations
    link = first.locator("a").first
    # the link carries the search's id (?s=...) so that the log sees it opened
    slug = (link.get_attribute("href") or "").removeprefix("/help/").split("?")[0]
    article = starter_article(slug)
    assert article["lang"] == "ru", slug
    expect(link).to_have_text(article["title"])
    link.click()
    expect(page).to_have_url(re.compile(rf"/help/{slug}\?s=\d+$"))
    expect(page.locator("article h1")).to_have_text(article["title"])
    expect(page.locator("article")).to_have_attribute("lang", "ru")
    expected = translations_of(slug)
    assert expected, f"the starter article {slug} should have translations"
    links = page.locator("article .translations a")
    expect(links).to_have_count(len(expected))
    shown = {(a.get_attribute("lang"), a.get_attribute("href")) for a in links.all()}
    assert shown == {(lang, f"/help/{s}") for lang, s in expected}

    # follow a translation, which links back
    lang, other = sorted(expected)[0]
    page.locator(f'article .translations a[lang="{lang}"]').click()
    expect(page).to_have_url(re.compile(rf"/help/{other}$"))
    expect(page.locator("article h1")).to_have_text(starter_article(other)["title"])
    expect(page.locator("article")).to_have_attribute("lang", lang)
    back = page.locator(f'article .translations a[href="/help/{slug}"]')
    expect(back).to_be_visible()

    # an off-topic question: nothing found, and a way to a volunteer
    page.goto("/help/?lang=ru")
    page.locator("#q").fill("как сварить борщ")
    page.locator("form.search button[type=submit]").click()
    empty = page.locator(".empty-result")
    expect(empty).to_be_visible()
    expect(page.locator("ol.results")).to_have_count(0)
    ask = empty.locator("a")
    expect(ask).to_have_attribute("href", "/")
    ask.click()
    expect(page.locator("#question")).to_be_visible()


def test_suggestions_before_asking(kb_server, new_page) -> None:
    slug = "ru-egov-spravka-o-nesudimosti"
    page = new_page(kb_server)
    page.goto("/?lang=ru")
    box = page.locator("#suggestions")
    expect(box).to_be_hidden()
    page.locator("#question").fill("Как получить справку о несудимости?")
    expect(box).to_be_visible()
    expect(box.locator("h2")).not_to_be_empty()
    link = box.locator(f'a[href="/help/{slug}"]')
    expect(link).to_have_text(starter_article(slug)["title"])
    expect(box.locator(".snippet mark").first).to_be_visible()
    expect(page.locator("#ask-button")).to_have_text(i18n(page)["no_ask"])

    with page.expect_popup() as opened:
        link.click()
    popup = opened.value
    expect(popup.locator("article h1")).to_have_text(starter_article(slug)["title"])


def test_suggestions_for_a_long_message(kb_server, new_page) -> None:
    # a long chat message, longer than the search takes: its end, where the
    # question is, is searched
    slug = "ru-egov-spravka-o-nesudimosti"
    story = "Здравствуйте, меня зовут Галина, мне 67 лет, живу в Павлодаре. " * 12
    message = story + "Как получить справку о несудимости?"
    assert len(message) > 700
    page = new_page(kb_server)
    statuses: list[int] = []
    page.on(
        "response",
        lambda r: statuses.append(r.status) if "/api/kb/search?" in r.url else None,
    )
    page.goto("/?lang=ru")
    page.locator("#question").fill(message)
    box = page.locator("#suggestions")
    expect(box.locator(f'a[href="/help/{slug}"]')).to_be_visible()
    assert statuses and all(status == 200 for status in statuses)


def test_empty_question_is_not_sent(kb_server, new_page) -> None:
    page = new_page(kb_server)
    posts: list[str] = []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.goto("/?lang=ru")
    error = page.locator("#ask-error")
    expect(error).to_be_hidden()

    page.locator("#ask-button").click()
    expect(error).to_be_visible()
    expect(error).to_have_text(i18n(page)["required"])
    expect(page.locator("#question")).to_be_focused()

    page.locator("#question").fill("   \n  ")
    page.locator("#ask-button").click()
    expect(error).to_have_text(i18n(page)["required"])
    expect(page).to_have_url(re.compile(r"/\?lang=ru$"))
    assert posts == []
    assert page.evaluate(f"localStorage.getItem('{CONVERSATION_KEY}')") is None


def test_wrong_password_shows_the_error(kb_server, new_page) -> None:
    kb_server.create_staff("dana@example.kz", name="Дана")
    page = new_page(kb_server)
    sign_in(page, "dana@example.kz", PASSWORD + "x", lang="en")
    flash = page.locator(".flash.error")
    expect(flash).to_be_visible()
    expect(flash).to_have_text("Wrong email or password.")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.locator("#email")).to_have_value("dana@example.kz")
    expect(page.locator("#password")).to_have_value("")
    # and the console stays closed
    page.goto("/console")
    expect(page).to_have_url(re.compile(r"/login"))


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_page_language(kb_server, new_page, lang: str) -> None:
    page = new_page(kb_server)
    page.goto(f"/?lang={lang}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator(f'.langs a[lang="{lang}"]')).to_have_attribute(
        "aria-current", "true"
    )
    expect(page.locator(f'#lang option[value="{lang}"]')).to_have_attribute(
        "selected", ""
    )
    # the choice is remembered on the next page
    page.goto("/help/")
    expect(page.locator("html")).to_have_attribute("lang", lang)


def test_help_centre_answers_while_typing(kb_server, new_page) -> None:
    page = new_page(kb_server)
    page.goto("/help/?lang=ru")
    # an unfinished word: "несудимос" is the start of "несудимости"
    page.locator("#q").press_sequentially("справка о несудимос")
    live = page.locator("#live-results li a")
    expect(live.first).to_be_visible()
    expect(page.locator("#live-results")).to_contain_text("несудимост")
    live.first.click()
    expect(page).to_have_url(re.compile(r"/help/[a-z0-9-]+$"))
    expect(page.locator("article h1")).to_contain_text("несудимост")


def test_the_saved_link_opens_the_conversation_on_another_device(
    kb_server, new_page
) -> None:
    question = "Как оплатить коммунальные услуги онлайн?"
    phone = new_page(kb_server)
    ask(phone, question, "ru")
    expect(phone.locator("#messages li.msg:not(.system) p")).to_have_text([question])
    phone.locator("#keep summary").click()
    link = phone.locator("#keep-link").input_value()
    assert "#c=" in link

    laptop = new_page(kb_server)  # another browser: its own storage
    laptop.goto(link)
    expect(laptop.locator("#messages li.msg:not(.system) p")).to_have_text([question])
    assert "#c=" not in laptop.url  # the secret does not stay in the address bar
    laptop.locator("#body").fill("Пишу с ноутбука")
    laptop.locator("#send-form button[type=submit]").click()
    expect(phone.locator("#messages")).to_contain_text("Пишу с ноутбука")


def test_volunteer_sends_an_article_from_the_knowledge_base(
    kb_server, new_page
) -> None:
    kb_server.create_staff("erlan@example.kz", languages="kk,ru", name="Ерлан")
    question = "Телефоным жоғалды, енді не істеймін?"
    citizen = new_page(kb_server)
    ask(citizen, question, "kk")

    volunteer = new_page(kb_server)
    sign_in(volunteer, "erlan@example.kz", PASSWORD)
    expect(volunteer).to_have_url(re.compile(r"/console$"))
    waiting = volunteer.locator("#queue li", has_text=question)
    expect(waiting).to_have_count(1)
    waiting.get_by_role("button", name=i18n(volunteer)["accept"]).click()
    expect(volunteer.locator("#active")).to_be_visible()

    # the panel searches in the conversation's language, on Russian keys too
    volunteer.locator("#kb-q").fill("телефон жогалды")
    first = volunteer.locator("#kb-results > li").first
    link = first.locator("a")
    expect(link).to_be_visible()
    slug = (link.get_attribute("href") or "").removeprefix("/help/")
    assert slug == "kk-telefon-zhogalsa-nemese-urlansa", slug
    article = starter_article(slug)
    expect(link).to_have_text(article["title"])
    expect(first.locator(".snippet mark").first).to_be_visible()
    first.locator("button").click()

    # the citizen gets the title and a working link to the article
    sent = citizen.locator("#messages li.msg.volunteer p")
    expect(sent).to_have_count(1)
    expect(sent).to_contain_text(article["title"])
    href = sent.locator("a").get_attribute("href") or ""
    assert href == f"{kb_server.base}/help/{slug}", href
    with citizen.expect_popup() as opened:
        sent.locator("a").click()
    expect(opened.value.locator("article h1")).to_have_text(article["title"])
    # and the volunteer's console shows the same message
    expect(volunteer.locator("#messages li:not(.system) p").last).to_contain_text(
        article["title"]
    )
