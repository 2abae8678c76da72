"""Whatever a client sends, the answer is a clear 2xx or 4xx, never a 500."""

from __future__ import annotations

import pytest

WEIRD_QUERIES = [
    '"',
    "*",
    "?",
    "(",
    ")",
    "AND",
    "OR NOT",
    "title:egov",
    "egov~2",
    "eg*ov^3",
    "[a TO z]",
    "{}",
    "\\",
    "'; DROP TABLE articles; --",
    "\x00",
    "\u200b\u200b",
    "😀🙏",
    "ң" * 400,
    "a " * 240,
    "ЭЦП" + "ә" * 300,
    "%%%",
    "<script>",
    "\ud7ff",
    "1e309",
    "-1",
    "@#$%^&",
    "Ꭿ",
    "ﬃ",
    "İstanbul",
    "ΑΒΓ",
    "汉字",
]


@pytest.mark.parametrize("q", WEIRD_QUERIES)
def test_strange_search_queries_are_answered(client, q):
    for extra in ({}, {"prefix": "1"}, {"lang": "kk"}):
        r = client.get("/api/kb/search", query_string={"q": q, **extra})
        assert r.status_code in (200, 400), (q, r.status_code)
        assert isinstance(r.get_json(), dict)
    r = client.get("/help/", query_string={"q": q})
    assert r.status_code in (200, 400)


@pytest.mark.parametrize(
    "payload",
    [
        {"question": None, "lang": None},
        {"question": ["a"], "lang": ["ru"]},
        {"question": {"x": 1}, "lang": "ru"},
        {"question": "ok", "lang": "ru", "region": 5, "topic": []},
        {"question": "ok", "lang": "RU "},
        {"question": "\x00", "lang": "ru"},
        {"question": "ok", "lang": "ru", "search_id": "x"},
        {"question": "ok", "lang": "ru", "search_id": 10**30},
        {"question": "ok", "lang": "ru", "name": True},
    ],
)
def test_strange_conversation_payloads_are_answered(client, payload):
    r = client.post("/api/conversations", json=payload)
    assert r.status_code in (201, 400), (payload, r.status_code, r.data[:200])


@pytest.mark.parametrize(
    "path",
    [
        "/api/kb/articles/%00",
        "/api/kb/articles/" + "a" * 5000,
        "/help/..%2F..%2Fetc",
        "/api/conversations/-1",
        "/api/conversations/99999999999999999999999",
        "/api/kb/search/1/outcome",
    ],
)
def test_strange_paths_are_4xx(client, path):
    r = client.get(path, headers={"Authorization": "Bearer x"})
    assert 400 <= r.status_code < 500
