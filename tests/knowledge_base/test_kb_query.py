"""The query side: which terms a query word may match, and how much each counts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from knowledge_base import ArticleDoc, SearchIndex, Vocabulary
from knowledge_base.analysis import tokenize
from knowledge_base.query import (
    Lexicon,
    QueryPlan,
    _in_story,
    _word_alternatives,
    analyze_query,
    story_question,
)


def asked_alone(text: str) -> str | None:
    tokens = tokenize(text)
    return story_question(text, tokens, _in_story(text, tokens))


def weights(word: str, lang: str) -> dict[str, float]:
    return {alt.term: alt.weight for alt in _word_alternatives(word, lang)}


def test_a_short_word_written_whole_keeps_its_weight() -> None:
    assert weights("qr", "ru")["qr"] == 1.0
    assert max(weights("эцп", "ru").values()) == 1.0


def test_a_short_stem_cut_from_a_longer_word_counts_less() -> None:
    assert weights("алды", "kk")["ал"] < 0.5  # ал-ды: "took", and many more
    assert weights("кодом", "ru")["код"] == 1.0  # a Russian stem is a real root


def test_both_consonants_of_a_russian_verb_root_are_tried() -> None:
    # оплачивать (оплач-) finds an article that says оплатить (оплат-)
    assert "оплат" in weights("оплачивать", "ru")
    assert "подтверд" in weights("подтверждать", "ru")


def test_a_word_of_a_field_term_found_in_the_query_means_the_term(
    tmp_path: Path,
) -> None:
    # "удостоверение" in "водительское удостоверение" asks for a driving
    # licence: on its own it counts less than in "удостоверение потерялось"
    vocabulary = Vocabulary.from_lines(
        ["водительское удостоверение | жүргізуші куәлігі | driving licence"]
    )
    article = ArticleDoc(
        slug="ru-udostoverenie",
        lang="ru",
        title="Удостоверение личности и водительское удостоверение",
        body="Потерянное удостоверение можно восстановить.",
    )
    with SearchIndex(tmp_path / "index", vocabulary=vocabulary) as index:
        index.rebuild([article])
        with index._searcher() as searcher:
            lexicon = Lexicon(searcher.reader())

            def weight(query: str) -> float:
                plan = analyze_query(query, "ru", lexicon, vocabulary, False)
                return max(
                    alt.weight
                    for unit in plan.units
                    for alt in unit.alts
                    if alt.term == "удостоверен"
                )

            alone = weight("удостоверение потерялось")
            in_term = weight("получить водительское удостоверение")
    assert in_term < alone


def test_russian_typed_in_latin_letters_is_read_as_russian() -> None:
    assert weights("spravku", "ru")["справк"] == 1.0  # справку, справка
    assert weights("zvonyat", "ru")["звон"] == 1.0  # звонят
    assert "звон" not in weights("zvonyat", "en")  # read as Russian only in ru


def test_a_russian_verb_meets_its_prefixed_form_in_the_vocabulary() -> None:
    from knowledge_base.analysis import stem_russian
    from knowledge_base.query import _prefix_relatives

    vocabulary = Vocabulary.from_lines(
        [
            "оплатить | заплатить | төлеу | pay",
            "записаться к врачу | записаться | дәрігерге жазылу | book a doctor",
            "подписать | қол қою | sign",
        ]
    )
    # платить is оплатить / заплатить without the prefix: the same payment
    assert _prefix_relatives(stem_russian("платить"), vocabulary)
    # писать may be записаться or подписать: neither is assumed
    assert not _prefix_relatives(stem_russian("писать"), vocabulary)


@contextmanager
def planner(
    tmp_path: Path, articles: list[ArticleDoc]
) -> Iterator[Callable[[str, str], QueryPlan]]:
    """Analyse queries against an index of `articles`, with no field vocabulary."""
    vocabulary = Vocabulary.from_lines([])
    with SearchIndex(tmp_path / "index", vocabulary=vocabulary) as index:
        index.rebuild(articles)
        with index._searcher() as searcher:
            lexicon = Lexicon(searcher.reader())
            yield lambda query, lang: analyze_query(
                query, lang, lexicon, vocabulary, False
            )


def test_the_words_of_a_request_frame_count_less(tmp_path: Path) -> None:
    # what the person wants done (узнать, білу, find out) and where (онлайн)
    # count less than what about: the ИИН, the pension
    articles = [
        ArticleDoc("ru-iin", "ru", "Как узнать ИИН онлайн", "ИИН на сайте."),
        ArticleDoc("kk-zhsn", "kk", "ЖСН-ді онлайн білу", "ЖСН сайтта."),
        ArticleDoc("en-iin", "en", "Find out your IIN online", "IIN on the site."),
    ]
    with planner(tmp_path, articles) as plan_of:
        for query, lang, frame, topic in [
            ("как узнать свой ИИН онлайн", "ru", ["узнать", "онлайн"], "иин"),
            ("ЖСН-імді қалай білемін онлайн", "kk", ["білемін", "онлайн"], "жсн"),
            ("how to find out my IIN online", "en", ["find", "online"], "iin"),
        ]:
            weight = {
                u.token.word.lower(): u.weight for u in plan_of(query, lang).units
            }
            assert all(weight[word] < 1 for word in frame), (query, weight)
            assert weight[topic] == 1, (query, weight)


def test_who_asks_and_through_what_is_the_setting_of_a_request(
    tmp_path: Path,
) -> None:
    # in any of their forms, and eGov as people write it, in Latin letters
    articles = [
        ArticleDoc(
            "ru-taxi",
            "ru",
            "Такси через приложение для бабушки",
            "Справка о составе семьи через eGov детям.",
        ),
        ArticleDoc(
            "kk-taxi", "kk", "Такси", "Балаларымның телефонына такси қосымшасы."
        ),
        ArticleDoc("en-taxi", "en", "Taxi", "A taxi app for my grandchildren."),
        ArticleDoc("ru-taxi-kids", "ru", "Такси для ребёнка", "Для дочки и отца."),
        ArticleDoc("en-taxi-kid", "en", "A taxi for a grandchild", "A safe ride."),
    ]
    with planner(tmp_path, articles) as plan_of:
        for query, lang, setting, need in [
            ("такси через приложение для бабушки", "ru", "приложение", "такси"),
            ("справка о составе семьи через eGov детям", "ru", "egov", "справка"),
            ("балаларымның телефонына такси қосымшасы", "kk", "телефонына", "такси"),
            ("a taxi app for my grandchildren", "en", "grandchildren", "taxi"),
            # words whose stem changes with the form (ребёнок, ребёнка)
            ("вызвать такси для ребёнка", "ru", "ребёнка", "такси"),
            ("такси для дочки", "ru", "дочки", "такси"),
            ("такси для отца", "ru", "отца", "такси"),
            ("a taxi for a grandchild", "en", "grandchild", "taxi"),
        ]:
            plan = plan_of(query, lang)
            units = {u.token.word.lower(): u for u in plan.units}
            assert units[setting].setting, (query, setting)
            assert not units[need].setting, (query, need)
            assert plan.needs >= 1


def test_the_dot_of_a_site_name_ends_no_sentence() -> None:
    # "egov.kz" inside one question: no story around it
    question = "Я захожу на egov.kz и ввожу пароль, а он не подходит?"
    assert not any(_in_story(question, tokenize(question)))
    # a story, then the question: only the question's words are not story
    message = "Внук поставил мне каспи. Как оплатить свет?"
    told = dict(
        zip(
            (t.word for t in tokenize(message)),
            _in_story(message, tokenize(message)),
            strict=True,
        )
    )
    assert told["каспи"] and not told["свет"]


def test_a_story_asks_its_question_alone_when_the_question_names_its_topic() -> None:
    story = (
        "Здравствуйте! Я пенсионерка, мне 68 лет. Внук подарил мне смартфон. "
        "Пенсию получаю на карту. "
    )
    border = "Какие документы нужны, чтобы пересечь границу с Россией?"
    assert asked_alone(story + border) == "документы пересечь границу россией"
    # a question that leaves its topic to the story is not asked alone
    assert asked_alone(story + "Как это сделать?") is None
    document = "Мен студентпін. Агенттік маған анықтама әкел деді. "
    police = "Оны алу үшін полицияға бару керек пе, әлде интернеттен алуға бола ма?"
    assert asked_alone(document + police) is None
    assert asked_alone(document + police.replace("Оны", "Анықтаманы")) == (
        "анықтаманы алу полицияға бару интернеттен алуға"
    )
    # one sentence before the question is one need told in two, no story
    assert asked_alone("Пенсию получаю на карту. " + border) is None
    # no question, no story
    assert asked_alone(story.strip()) is None
