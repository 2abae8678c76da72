"""The knowledge base through the API: search, articles, edits that search follows."""

from __future__ import annotations

import dataclasses
import shutil
import threading

import pytest

from helpdesk import create_app
from helpdesk.db import read_session, write_session
from helpdesk.services import articles
from knowledge_base import ArticleDoc


@pytest.fixture(scope="module")
def kb_app(tmp_path_factory):
    """An app with the starter knowledge base imported, shared by the module."""
    app = create_app(
        {
            "DATA_DIR": tmp_path_factory.mktemp("kb") / "data",
            "RATELIMIT_ENABLED": False,
            "TESTING": True,
        }
    )
    yield app
    app.extensions["helpdesk"].index.close()
    app.extensions["helpdesk"].engine.dispose()


@pytest.fixture
def kb_client(kb_app):
    return kb_app.test_client()


def test_the_starter_knowledge_base_is_imported_in_three_languages(kb_app):
    with read_session(kb_app.extensions["helpdesk"].engine) as session:
        langs = {a.lang for a in articles.published(session)}
        assert articles.count_published(session) >= 40
    assert langs == {"kk", "ru", "en"}


@pytest.mark.parametrize(
    "q, lang",
    [
        ("мошенники звонят из банка", "ru"),
        ("алаяқтар", "kk"),
        ("password", "en"),
        ("eGov", None),
    ],
)
def test_search_answers_in_the_contract_shape(kb_client, q, lang):
    r = kb_client.get(
        "/api/kb/search", query_string={"q": q, **({"lang": lang} if lang else {})}
    )
    assert r.status_code == 200
    body = r.get_json()
    assert body["query"] == q and body["results"]
    first = body["results"][0]
    assert set(first) >= {"slug", "title", "lang", "snippet", "url", "score"}
    assert first["url"] == f"/help/{first['slug']}"
    assert "suggestion" in body


def test_off_topic_queries_come_back_empty(kb_client):
    r = kb_client.get(
        "/api/kb/search",
        query_string={"q": "рецепт бешбармака из баранины", "lang": "ru"},
    )
    assert r.status_code == 200 and r.get_json()["results"] == []


@pytest.mark.parametrize(
    "args",
    [
        {"q": "egov", "limit": "notanumber"},
        {"q": "egov", "limit": 0},
        {"q": "egov", "limit": 51},
        {"q": "egov", "lang": "de"},
        {"q": "x" * 501},
        {},
    ],
)
def test_bad_search_input_is_a_400(kb_client, args):
    r = kb_client.get("/api/kb/search", query_string=args)
    assert r.status_code == 400 and "error" in r.get_json()


def test_an_article_with_its_translations(kb_app, kb_client):
    with read_session(kb_app.extensions["helpdesk"].engine) as session:
        grouped = next(
            a
            for a in articles.published(session)
            if a.group and articles.translations(session, a)
        )
        others = {t.slug for t in articles.translations(session, grouped)}
    r = kb_client.get(f"/api/kb/articles/{grouped.slug}")
    assert r.status_code == 200
    body = r.get_json()
    assert body["title"] == grouped.title and "<" in body["html"]
    assert {t["slug"] for t in body["translations"]} == others
    assert kb_client.get("/api/kb/articles/no-such-article").status_code == 404


def test_search_survives_its_index_being_deleted(kb_app, kb_client):
    # the index is derived from the database: with its folder deleted under
    # the running server, the next search builds it again and answers
    shutil.rmtree(kb_app.config["INDEX_DIR"])
    r = kb_client.get(
        "/api/kb/search", query_string={"q": "справка о несудимости", "lang": "ru"}
    )
    assert r.status_code == 200
    assert r.get_json()["results"][0]["slug"] == "ru-egov-spravka-o-nesudimosti"
    with read_session(kb_app.extensions["helpdesk"].engine) as session:
        assert kb_app.extensions["helpdesk"].index.doc_count() == (
            articles.count_published(session)
        )


def test_markdown_is_rendered_and_sanitised(app):
    html = articles.render_markdown(
        "**bold** <script>alert(1)</script> [x](javascript:alert(1))"
    )
    assert "<strong>bold</strong>" in html
    assert "<script" not in html and 'href="javascript' not in html


def test_the_centres_own_answer_comes_before_the_starter_one(kb_app, kb_client):
    # a centre writes its own article on the question a starter article answers
    rt = kb_app.extensions["helpdesk"]
    with read_session(rt.engine) as session:
        starter = articles.get_published(session, "ru-egov-spravka-o-nesudimosti")
        own = dataclasses.replace(
            articles.to_doc(starter), slug="ru-nash-centr-spravka", group=None
        )
    with kb_app.app_context(), write_session(rt.engine) as session:
        articles.import_docs(session=session, index=rt.index, docs=[own])
    try:
        r = kb_client.get(
            "/api/kb/search", query_string={"q": "справка о несудимости", "lang": "ru"}
        )
        found = [hit["slug"] for hit in r.get_json()["results"]]
        # the same words: the centre's article first, the starter one found too
        assert found[:2] == [own.slug, "ru-egov-spravka-o-nesudimosti"]
    finally:
        with kb_app.app_context(), write_session(rt.engine) as session:
            articles.set_status(
                session=session, index=rt.index, slug=own.slug, status="unpublished"
            )


def test_search_follows_edits_and_unpublishing_at_once(app, client):
    rt = app.extensions["helpdesk"]
    doc = ArticleDoc(
        slug="ru-test-pensiya",
        lang="ru",
        title="Как узнать размер пенсии",
        body="Размер пенсии видно в личном кабинете ЕНПФ и на eGov.",
        category="egov",
        tags=["пенсия"],
    )
    with app.app_context(), write_session(rt.engine) as session:
        articles.import_docs(session=session, index=rt.index, docs=[doc])

    def slugs(q):
        r = client.get("/api/kb/search", query_string={"q": q, "lang": "ru"})
        return [hit["slug"] for hit in r.get_json()["results"]]

    assert "ru-test-pensiya" in slugs("размер пенсии")
    edited = ArticleDoc(
        **{
            **doc.__dict__,
            "title": "Как узнать пенсионные накопления",
            "body": "Накопления видно в выписке ЕНПФ.",
        }
    )
    with app.app_context(), write_session(rt.engine) as session:
        articles.import_docs(session=session, index=rt.index, docs=[edited])
    assert "ru-test-pensiya" in slugs("пенсионные накопления выписка")
    with app.app_context(), write_session(rt.engine) as session:
        articles.set_status(
            session=session,
            index=rt.index,
            slug="ru-test-pensiya",
            status="unpublished",
        )
    assert "ru-test-pensiya" not in slugs("пенсионные накопления выписка")
    assert client.get("/api/kb/articles/ru-test-pensiya").status_code == 404


def test_concurrent_imports_lose_no_article(app, client):
    rt = app.extensions["helpdesk"]
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            for i in range(5):
                doc = ArticleDoc(
                    slug=f"en-concurrent-{n}-{i}",
                    lang="en",
                    title=f"Zanzibar lighthouse number {n} {i}",
                    body="How to reach the zanzibar lighthouse online.",
                    category="learning",
                    tags=["zanzibar"],
                )
                with app.app_context(), write_session(rt.engine) as session:
                    articles.import_docs(session=session, index=rt.index, docs=[doc])
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert rt.index.doc_count() == 20
    with read_session(rt.engine) as session:
        assert articles.count_published(session) == 20


def test_the_search_log_keeps_the_query_and_the_outcome_only(app, client):
    from sqlmodel import select

    from helpdesk.models import SearchLog

    r = client.get("/api/kb/search", query_string={"q": "справка", "lang": "ru"})
    search_id = r.get_json()["search_id"]
    assert (
        client.post(
            f"/api/kb/search/{search_id}/outcome", json={"outcome": "opened"}
        ).status_code
        == 200
    )
    assert (
        client.post(
            f"/api/kb/search/{search_id}/outcome", json={"outcome": "bought"}
        ).status_code
        == 400
    )
    client.post(
        "/api/conversations",
        json={"question": "справка", "lang": "ru", "search_id": search_id},
    )
    with read_session(app.extensions["helpdesk"].engine) as session:
        row = session.exec(select(SearchLog)).one()
    assert (row.query, row.lang, row.outcome) == ("справка", "ru", "asked")
    assert set(SearchLog.model_fields) == {
        "id",
        "query",
        "lang",
        "results",
        "outcome",
        "created_at",
    }


def test_opening_an_article_from_the_help_centre_is_logged(app, client):
    from sqlmodel import select

    from helpdesk.models import SearchLog

    rt = app.extensions["helpdesk"]
    doc = ArticleDoc(
        slug="ru-test-schetchik",
        lang="ru",
        title="Показания счётчиков онлайн",
        body="Передать показания счётчиков можно в приложении.",
        category="utilities",
        tags=["счётчик"],
    )
    with app.app_context(), write_session(rt.engine) as session:
        articles.import_docs(session=session, index=rt.index, docs=[doc])
    page = client.get("/help/", query_string={"q": "показания счётчиков", "lang": "ru"})
    assert page.status_code == 200
    with read_session(rt.engine) as session:
        row = session.exec(select(SearchLog)).one()
    assert f"/help/ru-test-schetchik?s={row.id}".encode() in page.data
    assert client.get(f"/help/ru-test-schetchik?s={row.id}").status_code == 200
    assert client.get("/help/ru-test-schetchik?s=999999").status_code == 200
    with read_session(rt.engine) as session:
        assert session.get(SearchLog, row.id).outcome == "opened"


def test_help_centre_results_link_the_other_language_versions(kb_client):
    # search lists an answer once, in the reader's language; its Kazakh and
    # English versions are a link away
    page = kb_client.get(
        "/help/", query_string={"q": "справка о несудимости", "lang": "ru"}
    ).get_data(as_text=True)
    first = page.index('href="/help/ru-egov-spravka-o-nesudimosti')
    also = page[first : page.index("</li>", first)]
    assert "На других языках:" in also
    assert 'hreflang="kk"' in also and 'hreflang="en"' in also
    assert "/help/en-egov-certificate-of-no-criminal-record" in also


@pytest.mark.parametrize("page_lang", ["ru", "en"])
def test_kazakh_typed_on_a_page_in_another_language_finds_its_answer(
    kb_client, page_lang
):
    # the help centre searches in the page's language; a citizen types Kazakh
    # in phone Latin there and gets the answer, in the page's language
    answer = {"ru": "ru-poterya-ili-krazha-telefona", "en": "en-lost-or-stolen-phone"}
    page = kb_client.get(
        "/help/",
        query_string={"q": "telefonym zhogaldy ne isteimin", "lang": page_lang},
    ).get_data(as_text=True)
    results = page[page.index('<ol class="results">') :]
    assert results.index(f'href="/help/{answer[page_lang]}') < results.index("</li>")
