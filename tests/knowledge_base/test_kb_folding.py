"""Script folding: every spelling of a Kazakh word meets the Cyrillic one."""

from __future__ import annotations

import pytest

from knowledge_base.analysis import stem_kazakh
from knowledge_base.folding import (
    cyrillic_to_latin,
    fold_cyrillic,
    fold_kazakh,
    is_cyrillic,
    is_latin,
    latin_to_cyrillic,
)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        # 2018 acute-accent alphabet: á ǵ ı ń ó ú ý, y = ы, ı = и/й
        ("birgemiz", "біргеміз"),
        ("áreket", "әрекет"),
        ("ýaqyty", "уақыты"),
        ("dárigerdi", "дәрігерді"),
        ("úıge", "үйге"),
        ("beıneqońyraý", "бейнеқоңырау"),
        ("jaǵdaıǵa", "жағдайға"),
        ("qıyn", "қиын"),
        # 2021 alphabet: ä ğ ñ ö ū ü ş ı
        ("qūpiasözin", "құпиясөзін"),
        ("ūmyttym", "ұмыттым"),
        ("balabaqşağa", "балабақшаға"),
        ("üige", "үйге"),
        ("äreket", "әрекет"),
        # informal phone Latin: sh ch zh j, q for қ, y for ы or й
        ("qalay", "қалай"),
        ("qalai", "қалай"),
        ("aqsha", "ақша"),
        ("jalgan", "жалған"),
        ("chek", "чек"),
        ("zhumys", "жұмыс"),
        ("telefon", "телефон"),
        ("shaqyru", "шақыру"),
        ("qoiu", "қою"),
        ("oyyn", "ойын"),
    ],
)
def test_latin_kazakh_folds_like_cyrillic(latin: str, cyrillic: str) -> None:
    assert fold_kazakh(latin) == fold_kazakh(cyrillic)


@pytest.mark.parametrize(
    ("russian_keyboard", "cyrillic"),
    [
        ("балабакшага", "балабақшаға"),
        ("купиясозин", "құпиясөзін"),
        ("даригерди", "дәрігерді"),
        ("уйге", "үйге"),
        ("корсеткиштерин", "көрсеткіштерін"),
        ("жумыссыз", "жұмыссыз"),
        ("тиркелу", "тіркелу"),
        ("кенес", "кеңес"),
        ("хабар", "һабар"),
    ],
)
def test_russian_keyboard_folds_like_kazakh(
    russian_keyboard: str, cyrillic: str
) -> None:
    assert fold_cyrillic(russian_keyboard) == fold_cyrillic(cyrillic)


def test_fold_merges_the_letters_a_russian_keyboard_lacks() -> None:
    assert fold_cyrillic("әғқңөұүһі") == "агкноуухи"
    assert fold_cyrillic("ёжик съешь") == "ежик сеш"


def test_whole_words_stem_alike_in_every_spelling() -> None:
    forms = ["құпиясөзін", "qūpiasözin", "qupiyasozin", "купиясозин"]
    assert len({stem_kazakh(form) for form in forms}) == 1


def test_latin_transliteration_reads_kazakh_letters() -> None:
    assert latin_to_cyrillic("qazaqstan") == "қазақстан"
    assert latin_to_cyrillic("shaǵym") == "шағым"


def test_cyrillic_brand_names_transliterate_to_latin() -> None:
    assert cyrillic_to_latin("телеграм") == "telegram"
    assert cyrillic_to_latin("каспи") == "kaspi"


def test_script_detection() -> None:
    assert is_latin("whatsapp") and is_latin("qūpia") and not is_latin("телефон")
    assert is_cyrillic("құпиясөз") and not is_cyrillic("egov")
