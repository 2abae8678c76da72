"""The evaluation sets under bench/ and the script that scores them."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
QUERY_FILES = sorted(BENCH.glob("*/queries.jsonl"))


@pytest.fixture(scope="module")
def kb_eval():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(BENCH))
    try:
        import kb_eval

        yield kb_eval
    finally:
        sys.path.remove(str(BENCH))


def test_the_bench_sets_are_there() -> None:
    assert len(QUERY_FILES) >= 10


@pytest.mark.parametrize("queries", QUERY_FILES, ids=lambda p: p.parent.name)
def test_each_no_answer_query_says_whether_it_is_off_topic(queries: Path) -> None:
    """The empty share is reported for off-topic and in-field questions apart."""
    for number, line in enumerate(queries.read_text("utf-8").splitlines(), 1):
        query = json.loads(line)
        if query["relevant"]:
            assert "scope" not in query, f"line {number}: an answered query"
        else:
            assert query["kind"] == "no-answer", f"line {number}"
            assert query.get("scope") in ("off-topic", "in-field"), f"line {number}"


def test_the_empty_answers_are_counted_by_scope(kb_eval, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    articles = [
        {
            "slug": "ru-egov-parol",
            "lang": "ru",
            "title": "Забыли пароль от eGov: как восстановить доступ",
            "body": "На странице входа нажмите «Забыли пароль?», укажите ИИН и "
            "введите код из SMS. Затем задайте новый пароль.",
        },
        {
            "slug": "ru-detskiy-sad",
            "lang": "ru",
            "title": "Очередь в детский сад через eGov",
            "body": "Встать в очередь в детский сад можно на портале eGov: "
            "выберите садик, укажите данные ребёнка и следите за номером.",
        },
    ]
    queries = [
        {"q": "забыл пароль егов", "lang": "ru", "relevant": ["ru-egov-parol"]},
        {"q": "рецепт борща с говядиной", "lang": "ru", "relevant": []},
        {"q": "какая погода завтра в Астане", "lang": "ru", "relevant": []},
        {"q": "очередь в детский сад", "lang": "ru", "relevant": []},
    ]
    kinds = ["exact", "no-answer", "no-answer", "no-answer"]
    scopes = [None, "off-topic", "off-topic", "in-field"]
    lines = []
    for query, kind, scope in zip(queries, kinds, scopes, strict=True):
        query["kind"] = kind
        if scope:
            query["scope"] = scope
        lines.append(json.dumps(query, ensure_ascii=False))
    (tmp_path / "articles.jsonl").write_text(
        "\n".join(json.dumps(a, ensure_ascii=False) for a in articles), "utf-8"
    )
    (tmp_path / "queries.jsonl").write_text("\n".join(lines), "utf-8")

    table = kb_eval.evaluate(tmp_path, distractors=False, show_misses=False)

    no_answer = table["no-answer"]
    assert no_answer["n"] == 3
    assert no_answer["off-topic n"] == 2
    assert no_answer["off-topic empty"] == 1.0
    # the kindergarten article answers it: this set counted it as unanswered
    assert no_answer["in-field n"] == 1
    assert no_answer["in-field empty"] == 0.0
    assert no_answer["empty"] == pytest.approx(2 / 3)
    assert table["overall"]["recall@3"] == 1.0
