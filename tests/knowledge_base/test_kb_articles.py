"""Loading and dumping articles; slugs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from knowledge_base import (
    STARTER_DIR,
    ArticleDoc,
    dump_article,
    load_articles,
    slugify,
)


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Забыл пароль от eGov.kz", "zabyl-parol-ot-egov-kz"),
        ("Балабақшаға кезекке тұру", "balabaqshaga-kezekke-turu"),
        ("Бейнеқоңырау: WhatsApp-та", "beyneqongyrau-whatsapp-ta"),
        ("Щётка, ёж и съёмка", "shchetka-ezh-i-semka"),
        ("  Romance scams!  ", "romance-scams"),
        ("Ünïcödé Crème brûlée", "unicode-creme-brulee"),
    ],
)
def test_slugify_transliterates(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["", "!!!", "—", "数据", "🙂🙂"])
def test_slugify_is_never_empty(title: str) -> None:
    slug = slugify(title)
    assert slug and slug == slug.lower() and slug.isascii()
    assert slugify(title) == slug  # stable


def test_slugify_cuts_long_titles_at_a_word() -> None:
    slug = slugify("очень длинное название " * 20)
    assert len(slug) <= 120 and not slug.endswith("-")


def _record(**fields: object) -> str:
    base: dict[str, object] = {
        "slug": "a-slug",
        "lang": "ru",
        "title": "Заголовок",
        "body": "Текст",
    }
    base.update(fields)
    return json.dumps(
        {k: v for k, v in base.items() if v is not None}, ensure_ascii=False
    )


def test_jsonl_bad_records_are_reported_by_line_and_the_rest_loads(
    tmp_path: Path,
) -> None:
    lines = [
        _record(slug="good-1", tags=["a", "b"], group="g1", category="egov"),
        "{not json",
        _record(slug="no-lang", lang=None),
        _record(slug="bad-lang", lang="de"),
        "",  # blank lines are skipped, not errors
        _record(slug=None),
        _record(slug="good-2", lang="kk"),
        _record(slug="good-1"),  # duplicate
        "[1, 2]",
        _record(slug="Bad Slug!"),
        _record(slug="no-title", title=""),
        _record(slug="good-3", lang="en", tags="x, y"),
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs, errors = load_articles(path)
    assert [d.slug for d in docs] == ["good-1", "good-2", "good-3"]
    assert [e.line for e in errors] == [2, 3, 4, 6, 8, 9, 10, 11]
    messages = dict(errors)
    assert "JSON" in messages[2]
    assert "lang" in messages[3]
    assert "unknown lang" in messages[4]
    assert "slug" in messages[6]
    assert "duplicate" in messages[8]
    assert "title" in messages[11]
    assert docs[0] == ArticleDoc(
        slug="good-1",
        lang="ru",
        title="Заголовок",
        body="Текст",
        category="egov",
        tags=["a", "b"],
        group="g1",
    )
    assert docs[2].tags == ["x", "y"]


def test_markdown_folder_loads_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(
        "---\nslug: good\nlang: kk\ntitle: Тақырып\ncategory: egov\n"
        "tags: [бір, екі]\ngroup: 42\n---\n# Heading\n\nМәтін.\n",
        encoding="utf-8",
    )
    (tmp_path / "no-front-matter.md").write_text("# Just text\n", encoding="utf-8")
    (tmp_path / "bad-yaml.md").write_text("---\nslug: [unclosed\n---\nx\n", "utf-8")
    (tmp_path / "no-lang.md").write_text("---\nslug: x\ntitle: T\n---\nbody\n", "utf-8")
    (tmp_path / "ignored.txt").write_text("not an article", encoding="utf-8")
    docs, errors = load_articles(tmp_path)
    assert [d.slug for d in docs] == ["good"]
    assert docs[0].body == "# Heading\n\nМәтін.\n"
    assert docs[0].tags == ["бір", "екі"] and docs[0].group == "42"
    assert all(e.line == 0 for e in errors)
    assert sorted(e.message.split(":")[0] for e in errors) == [
        "bad-yaml.md",
        "no-front-matter.md",
        "no-lang.md",
    ]


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    docs = [
        ArticleDoc("one", "ru", "Раз", "Тело **жирное**", "egov", ["t"], "grp"),
        ArticleDoc("two", "en", "Two", "Body", "", [], None),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text(
        "".join(json.dumps(dump_article(d), ensure_ascii=False) + "\n" for d in docs),
        encoding="utf-8",
    )
    loaded, errors = load_articles(path)
    assert errors == [] and loaded == docs
    assert "group" not in dump_article(docs[1])


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_articles(tmp_path / "nope.jsonl")


def test_starter_articles_load_cleanly() -> None:
    if not any(STARTER_DIR.glob("*.md")):
        pytest.skip("no starter articles yet")
    docs, errors = load_articles(STARTER_DIR)
    assert errors == []
    assert {d.lang for d in docs} == {"kk", "ru", "en"}


def test_every_starter_answer_is_in_kazakh_and_russian() -> None:
    # citizens ask in either language: each answer of the starter knowledge
    # base (a translation group) has a Kazakh and a Russian version
    docs, _errors = load_articles(STARTER_DIR)
    languages: dict[str, set[str]] = {}
    for doc in docs:
        assert doc.group, f"{doc.slug} belongs to no translation group"
        languages.setdefault(doc.group, set()).add(doc.lang)
    missing = {
        g: sorted(langs) for g, langs in languages.items() if not {"kk", "ru"} <= langs
    }
    assert missing == {}
