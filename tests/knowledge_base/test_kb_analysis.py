"""Text analysis: Russian and English stemming, stop words, tokens."""

from __future__ import annotations

import pytest

from knowledge_base.analysis import analyze, analyze_word, tokenize


@pytest.mark.parametrize(
    "family",
    [
        ["пароль", "пароля", "паролем", "пароли", "паролей"],
        ["заявка", "заявки", "заявку", "заявкой", "заявках"],
        ["детский", "детского", "детских", "детскому"],
        ["сад", "сада", "садах", "саду"],
        ["счётчик", "счетчиков", "счётчиками", "счетчике"],
        ["мошенник", "мошенника", "мошенники", "мошенников"],
        ["восстановление", "восстановления", "восстановлением"],
        ["телефон", "телефону", "телефоне", "телефонов"],
    ],
)
def test_russian_inflections_share_a_term(family: list[str]) -> None:
    assert len({analyze_word(word, "ru") for word in family}) == 1


@pytest.mark.parametrize(
    "family",
    [
        # both aspects of a verb, and the imperative of an article
        ["проверять", "проверяю", "проверить", "проверьте"],
        ["заполнять", "заполняйте", "заполнить", "заполните"],
        ["подписывать", "подписывайте", "подписать", "подписал"],
        ["оформлять", "оформляю", "оформить", "оформите"],
        ["отправлять", "отправить", "отправьте"],
        ["получать", "получаю", "получить", "получите"],
        ["сохранять", "сохранить", "сохраните"],
        ["скачивать", "скачать", "скачайте"],
    ],
)
def test_russian_verb_aspects_share_a_term(family: list[str]) -> None:
    terms = {word: analyze_word(word, "ru") for word in family}
    assert len(set(terms.values())) == 1, terms


@pytest.mark.parametrize(
    "family",
    [
        # the о/е of the nominative drops in the other cases
        ["звонок", "звонка", "звонки", "звонков"],
        ["ребёнок", "ребенок", "ребёнка", "ребенку"],
        ["список", "списка", "списке"],
        ["кошелёк", "кошелька", "кошельке"],
        ["подарок", "подарка", "подарки"],
        ["продавец", "продавца", "продавцу"],
        # and a word whose vowel stays is one term all the same
        ["человек", "человека", "человеку"],
    ],
)
def test_russian_fleeting_vowels_share_a_term(family: list[str]) -> None:
    terms = {word: analyze_word(word, "ru") for word in family}
    assert len(set(terms.values())) == 1, terms


@pytest.mark.parametrize(
    "family",
    [
        ["scam", "scams", "scammed"],
        ["backup", "backups"],
        ["interview", "interviews", "interviewing"],
        ["contact", "contacts"],
    ],
)
def test_english_inflections_share_a_term(family: list[str]) -> None:
    assert len({analyze_word(word, "en") for word in family}) == 1


def test_kazakh_words_in_a_russian_text_are_stemmed_as_kazakh() -> None:
    assert analyze_word("балабақшаға", "ru") == analyze_word("балабақша", "kk")


def test_stop_words_and_chat_filler_are_dropped() -> None:
    assert (
        analyze("Здравствуйте, подскажите пожалуйста, как мне это сделать?", "ru") == []
    )
    assert analyze("Сәлеметсіз бе! Рахмет, алдын ала", "kk") == []
    assert analyze("Hi! Thanks a lot in advance, please", "en") == []
    # Russian-keyboard Kazakh filler is dropped too
    assert analyze("калай", "kk") == []
    # written with ё or with е
    assert analyze("её, ещё, всё", "ru") == analyze("ее, еще, все", "ru") == []
    # the same small words in each language: now, always, never, everything
    assert analyze("сейчас всегда никогда всё иногда", "ru") == []
    assert analyze("қазір әрқашан ешқашан бәрі кейде", "kk") == []
    assert analyze("now always never everything sometimes", "en") == []
    # and the small numbers: "екі күн" (two days) is no "екі сатылы тексеру"
    assert analyze("один два две", "ru") == analyze("бір екі", "kk") == []
    assert analyze("one two", "en") == []
    # "что делать" / "не істеу керек" / "what to do", another, a day, a year
    assert analyze("что делать? другой день, год", "ru") == []
    assert analyze("не істеймін? басқа күн, жыл", "kk") == []
    assert analyze("what to make of it? other days, years", "en") == []


def test_need_survives_the_filler() -> None:
    terms = analyze("Здравствуйте! Забыла пароль от eGov, помогите пожалуйста", "ru")
    assert terms == [analyze_word("забыла", "ru"), analyze_word("пароль", "ru"), "egov"]


def test_kazakh_ending_after_a_hyphen_belongs_to_the_word() -> None:
    words = [t.word for t in tokenize("WhatsApp-қа жазыңыз, ЭЦҚ-мен қол қойыңыз")]
    assert words == ["whatsapp", "жазыңыз", "эцқ", "қол", "қойыңыз"]
    assert [t.word for t in tokenize("кибер-волонтёр")] == ["кибер", "волонтёр"]


def test_kazakh_ending_glued_to_a_latin_name_is_dropped() -> None:
    text = "egovқа кіріп, kaspiге аударыңыз, QRкод"
    tokens = tokenize(text)
    assert [t.word for t in tokens] == ["egov", "кіріп", "kaspi", "аударыңыз", "qrкод"]
    assert [text[t.start : t.end] for t in tokens][:3] == ["egov", "кіріп", "kaspi"]


@pytest.mark.parametrize(
    ("typed", "meant", "lang"),
    [
        # the Latin i for і, where the keyboard has no Kazakh letters
        ("eGov-ке кiре алмай жүрмiн", "eGov-ке кіре алмай жүрмін", "kk"),
        ("тiркелмегенмiн", "тіркелмегенмін", "kk"),
        ("балаларымызғa", "балаларымызға", "kk"),
        # a Russian word typed half in the Latin layout
        ("пapoль от пoчты", "пароль от почты", "ru"),
    ],
)
def test_latin_look_alike_letters_in_a_cyrillic_word_are_read_as_cyrillic(
    typed: str, meant: str, lang: str
) -> None:
    assert analyze(typed, lang) == analyze(meant, lang)
    text = "Тiркелу керек"  # offsets still point into what was typed
    assert [text[t.start : t.end] for t in tokenize(text)] == ["Тiркелу", "керек"]


def test_a_latin_name_with_a_kazakh_ending_keeps_its_latin() -> None:
    # "taxi" is all look-alike letters, but "-ге" is the ending of a name
    assert [t.word for t in tokenize("taxiге отырдым")] == ["taxi", "отырдым"]


def test_token_offsets_point_into_the_text() -> None:
    text = "Забыл ПАРОЛЬ от eGov.kz"
    for token in tokenize(text):
        assert text[token.start : token.end].lower() == token.word


def test_russian_terms_are_folded_like_kazakh_ones() -> None:
    # й and ё fold, so a Russian stem meets the Kazakh reading of a loanword
    assert analyze_word("смартфоны", "ru") == analyze_word("смартфоным", "kk")
    assert analyze_word("аккаунт", "ru") == analyze_word("аккаунтты", "kk")


@pytest.mark.parametrize(
    ("text", "lang", "left_out", "kept"),
    [
        # "first of all" is no queue; a queue is
        ("Что делать в первую очередь", "ru", "очередь", None),
        ("Очередь в детский сад", "ru", None, "очередь"),
        ("Бірінші кезекте банкке хабарласыңыз", "kk", "кезек", "банкке"),
        ("Балабақшаға кезекке тұру", "kk", None, "кезекке"),
        # "owing to" is no phone connection
        ("В связи с ремонтом", "ru", "связи", None),
        ("Нет связи на телефоне", "ru", None, "связи"),
    ],
)
def test_the_words_of_a_set_expression_are_left_out(
    text: str, lang: str, left_out: str | None, kept: str | None
) -> None:
    terms = analyze(text, lang)
    if left_out:
        assert analyze_word(left_out, lang) not in terms
    if kept:
        assert analyze_word(kept, lang) in terms
