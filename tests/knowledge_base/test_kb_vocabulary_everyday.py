"""The shipped vocabulary ties everyday words to official ones across languages.

Each case is a question as people write it (one language, everyday words) and
a phrase as an article says it (another language, official words): both must
name a shared concept of the shipped vocabulary files.
"""

from __future__ import annotations

import pytest

from knowledge_base import Vocabulary
from knowledge_base.analysis import analyze


def concept_ids(vocabulary: Vocabulary, text: str, lang: str) -> set[str]:
    return {concept for _pos, concept in vocabulary.find(analyze(text, lang))}


def labels(vocabulary: Vocabulary, ids: set[str]) -> set[str]:
    return {vocabulary.labels[c] for c in ids}


@pytest.mark.parametrize(
    "question, q_lang, article, a_lang",
    [
        # devices
        (
            "телефоным қатып қалады, баяулайды",
            "kk",
            "Смартфон тормозит и зависает",
            "ru",
        ),
        (
            "жад толып қалды, суреттер сақталмайды",
            "kk",
            "Память заполнена: как освободить место",
            "ru",
        ),
        ("мобильник глючит и виснет", "ru", "Why your phone is slow and freezes", "en"),
        ("батарея тез отырады", "kk", "Батарея быстро садится: энергосбережение", "ru"),
        (
            "ірі әріп қалай жасаймын, әріптер ұсақ",
            "kk",
            "Как увеличить размер шрифта на телефоне",
            "ru",
        ),
        ("экран басылмайды", "kk", "Сенсор не реагирует на нажатия", "ru"),
        (
            "не могу перенести контакты на новый телефон",
            "ru",
            "Жаңа телефонға деректерді көшіру",
            "kk",
        ),
        ("купила новый телефон, подарили внуки", "ru", "Жаңа телефон алдыңыз ба", "kk"),
        ("телефонға ақша салу керек", "kk", "Как пополнить баланс телефона", "ru"),
        (
            "телефонды зарядқа қойдым, зарядталмайды",
            "kk",
            "Phone won't charge: check the charger",
            "en",
        ),
        # messengers
        ("уатсапта видео арқылы сөйлесу", "kk", "Видеозвонок в WhatsApp", "ru"),
        (
            "как поговорить по видео с внуком",
            "ru",
            "Бейне қоңырау қалай шалуға болады",
            "kk",
        ),
        ("аудио жіберу", "kk", "Как отправить голосовое сообщение", "ru"),
        ("код келмейді", "kk", "Не приходит код из SMS", "ru"),
        ("от моего имени пишут друзьям", "ru", "Аккаунтымды бұзып алды", "kk"),
        (
            "ватсаптан сурет сақтау",
            "kk",
            "Как сохранить фото из WhatsApp в галерею",
            "ru",
        ),
        ("скинуть фотку дочке", "ru", "Суретті WhatsApp арқылы жіберу", "kk"),
        # everyday glue
        ("немерем үйретті", "kk", "Внук научил пользоваться телефоном", "ru"),
        ("әжем жалғыз тұрады", "kk", "Бабушка живет одна", "ru"),
        ("ұлым шетелде тұрады", "kk", "Сын живет за границей", "ru"),
        ("көршім қоңырау соғып сұрады", "kk", "Позвонил сосед", "ru"),
        ("отправила деньги внучке", "ru", "Ақша аудару", "kk"),
        ("кассирша попросила оплатить телефоном", "ru", "Телефонмен төлеу", "kk"),
        ("мой пожилой отец", "ru", "Қарттарға арналған кеңестер: қария", "kk"),
        ("зарядить телефон", "ru", "Телефонды зарядқа қою", "kk"),
        ("курьер келді", "kk", "Курьер доставки звонит", "ru"),
        ("ничего не понимаю в телефоне", "ru", "Техникаға түсінбеймін", "kk"),
    ],
)
def test_everyday_words_meet_official_ones_across_languages(
    shipped: Vocabulary, question: str, q_lang: str, article: str, a_lang: str
) -> None:
    asked = concept_ids(shipped, question, q_lang)
    written = concept_ids(shipped, article, a_lang)
    assert asked & written, (labels(shipped, asked), labels(shipped, written))


@pytest.mark.parametrize(
    "text, lang, concept_of",
    [
        ("как посадить помидоры на даче", "ru", ("зарядка", "ru")),
        ("какая завтра погода в Алматы", "ru", ("телефон", "ru")),
        ("палау қалай пісіреді", "kk", ("ватсап", "kk")),
        ("қияр отырғызу", "kk", ("немере", "kk")),
        ("weather forecast for tomorrow", "en", ("video call", "en")),
        ("сколько варить картошку", "ru", ("медленно работает", "ru")),
    ],
)
def test_off_topic_text_names_none_of_these_concepts(
    shipped: Vocabulary, text: str, lang: str, concept_of: tuple[str, str]
) -> None:
    term, term_lang = concept_of
    named = concept_ids(shipped, term, term_lang)
    assert named, term
    assert not concept_ids(shipped, text, lang) & named


@pytest.mark.parametrize(
    "text, lang",
    [
        ("как испечь торт с кремом", "ru"),
        ("какая завтра погода в Алматы", "ru"),
        ("қияр отырғызу", "kk"),
        ("when to plant tomatoes", "en"),
    ],
)
def test_off_topic_text_names_no_concept_at_all(
    shipped: Vocabulary, text: str, lang: str
) -> None:
    assert concept_ids(shipped, text, lang) == set()
