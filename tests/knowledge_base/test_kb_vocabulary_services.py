"""The shipped vocabulary of services and health: everyday words meet official ones.

Each case is a pair of texts, often in two languages: how a person tells what
happened, and the term an article uses. Both must carry the concept of one line
of `knowledge_base/vocabulary/*.txt`, named here by its first term. The negative
cases are off-topic sentences whose words look like a term but mean something
else.
"""

from __future__ import annotations

import pytest

from knowledge_base import Vocabulary
from knowledge_base.analysis import analyze


def concepts(vocabulary: Vocabulary, text: str, lang: str) -> dict[str, str]:
    """Concept ids found in a text, with their labels."""
    return {c: vocabulary.labels[c] for _pos, c in vocabulary.find(analyze(text, lang))}


@pytest.mark.parametrize(
    ("everyday", "everyday_lang", "official", "official_lang", "label"),
    [
        # health
        (
            "Анам төсектен тұра алмайды, дәрігерді үйге қалай шақырамын?",
            "kk",
            "Вызов врача на дом",
            "ru",
            "вызов врача на дом",
        ),
        (
            "Мама не может встать с постели, нужен врач",
            "ru",
            "Дәрігерді үйге шақыру",
            "kk",
            "вызов врача на дом",
        ),
        (
            "Немеремнің қызуы көтерілді",
            "kk",
            "Что делать при высокой температуре",
            "ru",
            "высокая температура",
        ),
        (
            "У мамы сильный жар со вчерашнего дня",
            "ru",
            "What to do about a high fever",
            "en",
            "высокая температура",
        ),
        (
            "Зубы болят, к кому записаться?",
            "ru",
            "Тіс дәрігеріне онлайн жазылу",
            "kk",
            "стоматолог",
        ),
        (
            "Әкемнің қан қысымы көтерілді",
            "kk",
            "Если поднялось давление",
            "ru",
            "давление",
        ),
        (
            "Басқа емханаға ауысқым келеді",
            "kk",
            "Прикрепление к поликлинике через eGov",
            "ru",
            "прикрепиться к поликлинике",
        ),
        (
            "Тұмаумен ауырып жатырмын",
            "kk",
            "Грипп и ОРВИ: когда вызывать врача",
            "ru",
            "простудился",
        ),
        # eGov and social support
        (
            "Где взять бумажку из ЦОНа?",
            "ru",
            "Электрондық анықтама алу",
            "kk",
            "справка",
        ),
        (
            "Прописать ребенка в квартире",
            "ru",
            "Тұрақты тіркеу мекенжай бойынша",
            "kk",
            "прописка",
        ),
        (
            "Зейнетақым бұл айда келмеді",
            "kk",
            "Пенсия не пришла: что делать",
            "ru",
            "пенсия не пришла",
        ),
        (
            "Хочу выйти на пенсию в этом году",
            "ru",
            "Зейнеткерлікке шығу үшін өтініш",
            "kk",
            "пенсия",
        ),
        (
            "Pension is late this month",
            "en",
            "Зейнетақы түспеді",
            "kk",
            "пенсия не пришла",
        ),
        (
            "Паспорт за границу для внука",
            "ru",
            "Шетелдік төлқұжат рәсімдеу",
            "kk",
            "паспорт",
        ),
        # digital signature
        (
            "Эцп кончилась, что делать",
            "ru",
            "ЭЦҚ мерзімі бітті",
            "kk",
            "срок эцп истек",
        ),
        (
            "Кілттің құпиясөзін ұмыттым",
            "kk",
            "Забыл пароль ЭЦП",
            "ru",
            "забыл пароль эцп",
        ),
        # children
        (
            "Балабақшаға кезекке қалай тұрамыз?",
            "kk",
            "Постановка в очередь в детский сад",
            "ru",
            "очередь в детский сад",
        ),
        (
            "Бала жоғалып кетті, телефонын алмайды",
            "kk",
            "Пропал ребенок: что делать",
            "ru",
            "пропал ребенок",
        ),
        (
            "Сын не может оторваться от игр",
            "ru",
            "Ойынға тәуелділік",
            "kk",
            "зависимость от телефона",
        ),
        # learning
        ("Немерем ұбт-ға тіркелу керек", "kk", "Регистрация на ЕНТ", "ru", "ент"),
        ("Жатақханадан орын алу", "kk", "Общежитие для студентов", "ru", "общежитие"),
        # jobs
        (
            "Жұмыссыз қалдым",
            "kk",
            "Как получить статус безработного",
            "ru",
            "безработный",
        ),
        (
            "Зарплату не платят уже три месяца",
            "ru",
            "Жалақы төленбейді",
            "kk",
            "задержка зарплаты",
        ),
        ("Түйіндеме қалай жазамын?", "kk", "Как составить резюме", "ru", "резюме"),
        # utilities
        (
            "Жарық өшіп қалды",
            "kk",
            "Отключение электроэнергии",
            "ru",
            "отключение света",
        ),
        ("Батарея жылымай тұр", "kk", "Отопление в квартире", "ru", "отопление"),
        (
            "Есептегіштің санын қалай жіберемін?",
            "kk",
            "Передать показания счетчика онлайн",
            "ru",
            "счетчик",
        ),
        # volunteering
        (
            "Су тасқынынан зардап шеккендерге көмек",
            "kk",
            "Паводок: как помочь",
            "ru",
            "паводок",
        ),
    ],
)
def test_everyday_words_meet_the_official_term(
    shipped: Vocabulary,
    everyday: str,
    everyday_lang: str,
    official: str,
    official_lang: str,
    label: str,
) -> None:
    left = concepts(shipped, everyday, everyday_lang)
    right = concepts(shipped, official, official_lang)
    shared = {left[c] for c in left.keys() & right.keys()}
    assert label in shared, (left, right)


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("Как пожарить картошку с луком", "ru", "высокая температура"),
        ("Рецепт бешбармака из баранины", "ru", "электронный рецепт"),
        ("Какой простой салат приготовить на праздник", "ru", "простудился"),
        ("Колорадский жук на картошке", "ru", "беременность"),
        ("Күнделікті тамақ мәзірі", "kk", "электронный дневник"),
        ("Кешке футбол ойынын көру", "kk", "нко"),
        ("How to disable notifications", "en", "инвалидность"),
        ("Это развод на деньги?", "ru", "развод брака"),
        ("Новый тариф мобильной связи", "ru", "тариф на коммуналку"),
        ("Посадить помидоры на даче", "ru", "земельный участок"),
    ],
)
def test_off_topic_words_do_not_name_the_concept(
    shipped: Vocabulary, text: str, lang: str, label: str
) -> None:
    assert label not in concepts(shipped, text, lang).values()
