"""The field vocabulary: loading, concepts in text, topic marks."""

from __future__ import annotations

from pathlib import Path

from knowledge_base import VOCABULARY_DIR, Vocabulary
from knowledge_base.analysis import analyze


def concepts(vocabulary: Vocabulary, text: str, lang: str) -> set[str]:
    return {vocabulary.labels[c] for _pos, c in vocabulary.find(analyze(text, lang))}


def test_lines_comments_and_blank_lines(vocabulary_lines: list[str]) -> None:
    vocabulary = Vocabulary.from_lines(vocabulary_lines)
    assert len(vocabulary) == sum(
        1 for line in vocabulary_lines if line.strip() and not line.startswith("#")
    )
    assert vocabulary.labels["§1"] == "пароль"


def test_a_term_matches_its_inflected_forms_in_every_language(
    vocabulary: Vocabulary,
) -> None:
    assert concepts(vocabulary, "забыл пароля", "ru") >= {"пароль"}
    assert concepts(vocabulary, "құпиясөзімді ұмыттым", "kk") >= {"пароль"}
    assert concepts(vocabulary, "kupiyasozdi", "kk") == set()  # Latin is English here
    assert concepts(vocabulary, "my passwords", "en") == {"пароль"}


def test_phrases_match_inflected_and_in_any_order(vocabulary: Vocabulary) -> None:
    assert "врач на дом" in concepts(vocabulary, "вызвать врача на дом", "ru")
    assert "врач на дом" in concepts(vocabulary, "на дом можно вызвать врача", "ru")
    assert "врач на дом" in concepts(vocabulary, "үйге дәрігерді қалай шақырамын", "kk")
    # the words of a phrase far apart are not the phrase
    far = "врач сказал: завтра, послезавтра и в выходные отдыхать, побыть дома"
    assert "врач на дом" not in concepts(vocabulary, far, "ru")


def test_a_phrase_whose_stop_words_leave_one_word_is_dropped() -> None:
    vocabulary = Vocabulary.from_lines(
        ["статус заявки | где моя заявка | application status"]
    )
    # "где моя заявка" would otherwise make every "заявка" mean "status"
    assert concepts(vocabulary, "подать заявку", "ru") == set()
    assert concepts(vocabulary, "статус заявки", "ru") == {"статус заявки"}


def test_words_cut_too_short_do_not_name_a_concept() -> None:
    vocabulary = Vocabulary.from_lines(["мошенник | алдау | scam"])
    # алдау (to deceive) stems to ал-, the stem of алу (to take): dropped
    assert concepts(vocabulary, "ақша алдым", "kk") == set()
    assert concepts(vocabulary, "мошенники", "ru") == {"мошенник"}


def test_rare_words_of_phrases_mark_their_topic() -> None:
    vocabulary = Vocabulary.from_lines(
        [
            "перенести данные на новый телефон | жаңа телефонға көшіру",
            "телефон | ұялы телефон | phone",
        ]
    )
    (stem,) = analyze("көшіремін", "kk")
    assert vocabulary.topics_of(stem) == {"¤1"}
    (phone,) = analyze("телефон", "ru")
    assert vocabulary.topics_of(phone) == {"¤1", "¤2"}


def test_fingerprint_follows_the_content(vocabulary_lines: list[str]) -> None:
    same = Vocabulary.from_lines(vocabulary_lines)
    other = Vocabulary.from_lines([*vocabulary_lines, "сим-карта | sim card"])
    assert same.fingerprint == Vocabulary.from_lines(vocabulary_lines).fingerprint
    assert other.fingerprint != same.fingerprint


def test_load_reads_every_txt_file_of_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("# a\nпароль | password\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("очередь | кезек | queue\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text(
        "не словарь | not vocabulary\n", encoding="utf-8"
    )
    assert sorted(Vocabulary.load(tmp_path).labels.values()) == ["очередь", "пароль"]
    assert len(Vocabulary.load(tmp_path / "missing")) == 0


def test_the_shipped_vocabulary_loads() -> None:
    vocabulary = Vocabulary.load(VOCABULARY_DIR)
    if any(VOCABULARY_DIR.glob("*.txt")):
        assert len(vocabulary) > 0 and vocabulary.fingerprint


def test_a_kazakh_term_names_its_concept_in_every_form() -> None:
    vocabulary = Vocabulary.from_lines(["ссылка | сілтеме | link", "почта | пошта"])
    for text in ("сілтеме", "сілтемені ашпаңыз", "сілтемеге кірдім"):
        assert concepts(vocabulary, text, "kk") == {"ссылка"}, text
    # in an article, a word the stripper cuts too short (пошта → пош) still
    # names the concept of its whole form
    terms = vocabulary.annotate("Пошта арқылы жіберіңіз", "kk")
    assert {vocabulary.labels.get(term) for term, _position in terms} >= {"почта"}


def labels_in(vocabulary: Vocabulary, text: str, lang: str) -> set[str | None]:
    return {vocabulary.labels.get(t) for t, _pos in vocabulary.annotate(text, lang)}


def test_a_phrase_finds_its_kazakh_words_in_their_inflected_forms() -> None:
    # "анықтама" alone is stemmed as if it were "to my анықта" (анықта-м-а);
    # "анықтаманы", "анықтамасын" are "анықтама": the phrase takes both
    vocabulary = Vocabulary.from_lines(
        ["справка о несудимости | сотталмағандығы туралы анықтама"]
    )
    for text in (
        "сотталмағандығы туралы анықтама",
        "eGov арқылы сотталмағандығы туралы анықтаманы алу",
        "сотталмағандығы туралы анықтамасын жүктеп алдым",
    ):
        assert "справка о несудимости" in labels_in(vocabulary, text, "kk"), text
    # its words apart still are not the phrase
    apart = (
        "анықтаманы алдым, сосын дүкенге бардым, нан, сүт, ет сатып алдым, "
        "үйге қайттым. Сотталмағандығы туралы"
    )
    assert "справка о несудимости" not in labels_in(vocabulary, apart, "kk")


def test_a_phrase_is_found_within_one_clause_of_an_article() -> None:
    vocabulary = Vocabulary.from_lines(["записаться к врачу | попасть к врачу"])
    assert "записаться к врачу" in labels_in(
        vocabulary, "Как попасть к врачу без очереди", "ru"
    )
    # "попасться" (to fall for) stems as "попасть" does; a dash or a colon
    # closes the clause the term is said in
    for text in (
        "Консультация врача — как не попасться на подделку",
        "Онлайн-консультация врача: как не попасться на подделку",
    ):
        assert "записаться к врачу" not in labels_in(vocabulary, text, "ru"), text


def test_a_query_word_stands_for_its_synonym_in_a_phrase() -> None:
    vocabulary = Vocabulary.from_lines(
        [
            "банковская карта | карточка | карта",
            "кража карты | вытащили кошелек с картой",
            "ключ эцп | ключ | ключик",
            "ключ от квартиры | ключ",
            "потеря ключика | потерял ключик от эцп",
        ]
    )

    def phrases(text: str, synonyms: bool) -> set[str]:
        stems = [{stem} for stem in analyze(text, "ru")]
        return {
            vocabulary.labels[concept]
            for members, concept in vocabulary.find_lattice(stems, synonyms)
            if len(members) > 1
        }

    query = "в автобусе вытащили кошелёк, там была карточка"
    assert phrases(query, synonyms=True) == {"кража карты"}
    assert phrases(query, synonyms=False) == set()
    # an article keeps to its own words: annotate finds no stand-ins
    assert "кража карты" not in labels_in(vocabulary, query, "ru")
    # a word of two concepts stands for neither: "ключ" may be a door's
    assert "потеря ключика" in phrases("потерял ключик от эцп", synonyms=True)
    assert "потеря ключика" not in phrases("потерял ключ от эцп", synonyms=True)


def test_a_line_with_an_earlier_label_extends_that_concept() -> None:
    # a stories file adds everyday phrasings to a concept of the field by
    # repeating its label: one concept, so a word of either line is a synonym
    # of the other's, and an article naming the term meets the story
    vocabulary = Vocabulary.from_lines(
        [
            "справка о несудимости | несудимость | справка из полиции",
            "пароль | құпиясөз",
            "справка о несудимости | бумажка что не привлекался",
        ]
    )
    assert len(vocabulary) == 2
    story = concepts(vocabulary, "нужна бумажка что не привлекался", "ru")
    term = concepts(vocabulary, "Справка о несудимости онлайн", "ru")
    assert story == term == {"справка о несудимости"}
    assert {c for _p, c in vocabulary.find(analyze("несудимость", "ru"))} == {
        c for _p, c in vocabulary.find(analyze("бумажка что не привлекался", "ru"))
    }


def test_a_concept_is_told_by_words_of_its_terms_in_other_words() -> None:
    vocabulary = Vocabulary.from_lines(
        [
            "видеозвонок | позвонить по видео | хочу видеть внуков когда звоню"
            " | видеть лицо собеседника | video call",
            "звонок | позвонить | звонок в банк | call",
            "пароль | забыл пароль | password",
            "паспорт | удостоверение личности | заменить удостоверение",
        ]
    )

    def told(text: str, lang: str) -> list[str]:
        lattice = [{stem} for stem in analyze(text, lang)]
        return [vocabulary.labels[c] for _members, c in vocabulary.told(lattice)]

    # "видеть" and "лицо" stand in the terms of the video call, in none whole
    assert told("хочу разговаривать с дочкой и видеть её лицо", "ru") == ["видеозвонок"]
    assert not concepts(vocabulary, "разговаривать с дочкой и видеть её лицо", "ru")
    # one word is no concept told, nor one word said twice
    assert told("видеть дочку", "ru") == []
    assert told("лицо к лицу", "ru") == []
    # a word in the terms of every concept tells none of them
    crowded = Vocabulary.from_lines(
        [f"тема {n} | телефон тема {n} | видеть телефон {n}" for n in range(60)]
    )
    lattice = [{stem} for stem in analyze("видеть телефон", "ru")]
    assert crowded.told(lattice) == []
