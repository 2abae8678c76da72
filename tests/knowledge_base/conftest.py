"""Fixtures of the knowledge-base tests: a few articles and a small vocabulary."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from knowledge_base import ArticleDoc, SearchIndex, Vocabulary

# A few concepts in the vocabulary file format (the real files are written
# elsewhere; these tests must not depend on their exact content).
VOCABULARY_LINES = """
# test vocabulary: one concept a line, terms separated by " | "
пароль | құпиясөз | password
забыть пароль | құпиясөзді ұмыту | forgot password
детский сад | балабақша | kindergarten
очередь | кезек | queue
врач на дом | дәрігерді үйге шақыру | home visit
мошенник | алаяқ | scam | fraud
безработный | жұмыссыз | unemployed
зарегистрироваться | регистрация | тіркелу | register
""".splitlines()


def article(slug: str, lang: str, title: str, body: str, **extra: object) -> ArticleDoc:
    """Build an article with defaults for the optional fields."""
    return ArticleDoc(slug=slug, lang=lang, title=title, body=body, **extra)  # type: ignore[arg-type]


ARTICLES = [
    article(
        "ru-egov-parol",
        "ru",
        "Забыли пароль от eGov: как восстановить доступ",
        "На странице входа нажмите «Забыли пароль?», укажите **ИИН** и введите "
        "код из SMS. Затем задайте новый пароль.",
        category="egov",
        tags=["пароль", "egov"],
        group="egov-password",
    ),
    article(
        "kk-egov-parol",
        "kk",
        "eGov құпиясөзін ұмытып қалсаңыз",
        "Кіру бетінде «Құпиясөзді ұмыттыңыз ба?» батырмасын басып, ЖСН енгізіңіз "
        "және SMS кодын жазыңыз.",
        category="egov",
        tags=["құпиясөз", "egov"],
        group="egov-password",
    ),
    article(
        "ru-detsad-ochered",
        "ru",
        "Очередь в детский сад через интернет",
        "Поставить ребёнка в очередь в детский сад можно на портале eGov. "
        "Понадобится свидетельство о рождении.",
        category="egov",
        tags=["детский сад", "очередь"],
    ),
    article(
        "ru-vrach-na-dom",
        "ru",
        "Вызов врача на дом онлайн",
        "Если у вас температура, вызовите врача на дом через приложение поликлиники.",
        category="health",
        tags=["врач", "поликлиника"],
    ),
    article(
        "ru-bezrabotnyy",
        "ru",
        "Как получить статус безработного онлайн",
        "Зарегистрируйтесь на портале Enbek.kz, чтобы центр занятости подбирал "
        "вакансии.",
        category="jobs",
        tags=["безработный", "Enbek.kz"],
    ),
    article(
        "en-romance-scam",
        "en",
        "Romance scams: when an online friend asks for money",
        "A scammer builds trust for weeks and then asks for money. Never send "
        "money to someone you have not met.",
        category="fraud",
        tags=["scam", "dating"],
    ),
    article(
        "kk-whatsapp-video",
        "kk",
        "WhatsApp-та бейнеқоңырау қалай шалуға болады",
        "Чатты ашып, камера белгішесін басыңыз. Бейнеқоңырау интернет арқылы жүреді.",
        category="messengers",
        tags=["WhatsApp", "бейнеқоңырау"],
    ),
]


@pytest.fixture
def articles() -> list[ArticleDoc]:
    """The test articles (the `index` fixture holds them)."""
    return list(ARTICLES)


@pytest.fixture
def vocabulary_lines() -> list[str]:
    """The lines of the test vocabulary."""
    return list(VOCABULARY_LINES)


@pytest.fixture
def vocabulary() -> Vocabulary:
    """The small test vocabulary."""
    return Vocabulary.from_lines(VOCABULARY_LINES)


@pytest.fixture
def index(tmp_path: Path, vocabulary: Vocabulary) -> Iterator[SearchIndex]:
    """An index in a temporary folder holding ARTICLES."""
    search_index = SearchIndex(tmp_path / "index", vocabulary=vocabulary)
    search_index.rebuild(ARTICLES)
    yield search_index
    search_index.close()


@pytest.fixture(scope="session")
def shipped() -> Vocabulary:
    """The vocabulary the search ships with (knowledge_base/vocabulary)."""
    return Vocabulary.load()
