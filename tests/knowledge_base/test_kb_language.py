"""Guessing the language of a query."""

from __future__ import annotations

import pytest

from knowledge_base import guess_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("как восстановить пароль от egov", "ru"),
        ("Здравствуйте, мне пришло странное смс от банка", "ru"),
        ("балабақшаға кезекке қалай тұрамын", "kk"),
        ("құпиясөзді ұмыттым", "kk"),
        # Kazakh typed on a Russian keyboard: function words and suffixes decide
        ("жадты калай босатамын", "kk"),
        ("балабакшага кезекке туру керек", "kk"),
        ("маган смс келди не истеймин", "kk"),
        # Kazakh in the 2018 and 2021 Latin alphabets and in phone Latin
        ("dárigerdi úıge shaqyrý", "kk"),
        ("qūpiasözimdi ūmyttym", "kk"),
        ("telefon jady tolyp qaldy qalai bosatamyn", "kk"),
        ("balabaqshaga kezekke qalai turamyz", "kk"),
        # Russian typed in Latin letters
        ("kak poluchit spravku o nesudimosti", "ru"),
        ("zabyla parol ot egov", "ru"),
        # English
        ("how do I recover my password", "en"),
        ("my whatsapp account was hacked", "en"),
    ],
)
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


def test_empty_text_falls_back_to_the_default() -> None:
    assert guess_language("", default="kk") == "kk"
    assert guess_language("12345 !!!", default="en") == "en"
