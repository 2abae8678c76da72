"""Urgent triage on real questions in three languages."""

from __future__ import annotations

import pytest

from helpdesk.services.triage import (
    is_urgent,
    load_phrases,
    parse_phrases,
    phrases_path,
)


@pytest.mark.parametrize(
    "question, lang",
    [
        ("Мне прямо сейчас звонят из банка и просят код из СМС, что делать?", "ru"),
        (
            "Позвонили, сказали что из службы безопасности банка, я продиктовала код",
            "ru",
        ),
        ("Просят перевести все деньги на безопасный счёт", "ru"),
        ("С карты списали деньги, я ничего не покупала", "ru"),
        ("Қазір банктен қоңырау шалып, SMS кодын сұрап тұр", "kk"),
        ("Картамнан ақша шешіліп кетті, не істеймін?", "kk"),
        ("Someone is calling from my bank and asking for the code right now", "en"),
        ("Муж бьёт меня, куда обратиться?", "ru"),
        ("Я больше не хочу жить", "ru"),
        ("Өмір сүргім келмейді", "kk"),
        ("I want to kill myself", "en"),
    ],
)
def test_urgent_questions_are_flagged(question, lang):
    assert is_urgent(question, lang)


@pytest.mark.parametrize(
    "question, lang",
    [
        ("Как восстановить пароль от eGov?", "ru"),
        ("Как узнать код ЭЦП и где его взять?", "ru"),
        ("Банк приложение не открывается, что делать?", "ru"),
        ("Балабақшаға кезекке қалай тұрамын?", "kk"),
        ("How do I make a video call to my grandchildren?", "en"),
        ("Как оплатить коммуналку через каспи?", "ru"),
    ],
)
def test_ordinary_questions_are_not(question, lang):
    assert not is_urgent(question, lang)


def test_the_shipped_phrases_cover_three_languages_and_three_dangers():
    phrases = load_phrases(phrases_path())
    assert {p.lang for p in phrases} == {"kk", "ru", "en"}
    assert len(phrases) > 50


def test_a_malformed_phrase_file_names_the_line():
    with pytest.raises(ValueError, match="line 2"):
        parse_phrases("ru: звонят из банка\nde: etwas\n")
