"""The money and safety vocabulary (fraud, security, banking) bridges everyday words.

Each case is a pair of texts, an everyday phrasing in one language and the
official term in another, that must share the concept named by its label
(the first term of its line in knowledge_base/vocabulary/*.txt).
"""

from __future__ import annotations

import pytest

from knowledge_base import Vocabulary
from knowledge_base.analysis import analyze


@pytest.fixture(scope="module")
def shipped() -> Vocabulary:
    return Vocabulary.load()


def labels(vocabulary: Vocabulary, text: str, lang: str) -> set[str]:
    return {vocabulary.labels[c] for _pos, c in vocabulary.find(analyze(text, lang))}


PAIRS = [
    # fraud: how victims tell it ↔ the article's words
    (
        "ұлым апатқа түсті деп біреу қоңырау шалды",
        "kk",
        "Мошенничество: родственник в беде",
        "ru",
        "родственник в беде",
    ),
    (
        "Пишут: мама, это мой новый номер, скинь денег",
        "ru",
        "Алаяқ жаңа нөмірден жазып, ақша сұрайды",
        "kk",
        "новый номер родственника",
    ),
    (
        "позвонил какой-то майор и велел перевести деньги",
        "ru",
        "Fake police call: how to recognise it",
        "en",
        "звонок из полиции",
    ),
    (
        "банктен хабарласты, картаңыз бұғатталды деді",
        "kk",
        "Звонок из службы безопасности банка",
        "ru",
        "звонок из банка",
    ),
    (
        "сказали перевести все накопления на специальный счет",
        "ru",
        "Қауіпсіз шот деген жоқ",
        "kk",
        "безопасный счет",
    ),
    (
        "попросили скачать энидеск, чтобы помочь",
        "ru",
        "Қашықтан қол жеткізу қосымшалары қауіпті",
        "kk",
        "удаленный доступ",
    ),
    (
        "предлагают вложиться, проценты капают каждый день",
        "ru",
        "Жалған инвестиция белгілері",
        "kk",
        "инвестиционное мошенничество",
    ),
    (
        "покупатель на олх прислал скрин оплаты, а денег нет",
        "ru",
        "Жалған чек: ақша түспесе тауарды жібермеңіз",
        "kk",
        "фейковый чек",
    ),
    (
        "the seller took my money and disappeared",
        "en",
        "Предоплата мошеннику",
        "ru",
        "предоплата",
    ),
    (
        "вы выиграли автомобиль, оплатите налог на выигрыш",
        "ru",
        "Ұтысқа салық төлеуді сұраса, бұл алаяқтық",
        "kk",
        "оплатить доставку приза",
    ),
    (
        "бір нөмірден күні бойы қоңырау шалады, мазамды алды",
        "kk",
        "Как избавиться от спам-звонков",
        "ru",
        "спам-звонки",
    ),
    (
        "что сделать, чтобы мошенники не звонили",
        "ru",
        "How to block spam calls",
        "en",
        "блокировка спам-звонков",
    ),
    (
        "на моё имя взяли кредит, а я не брал",
        "ru",
        "Атыма несие алып қойған болса не істеу керек",
        "kk",
        "кредит на мое имя",
    ),
    (
        "картамнан ақша шешілді, мен ештеңе сатып алмадым",
        "kk",
        "Несанкционированное списание с карты",
        "ru",
        "списали деньги",
    ),
    (
        "просят сдать карту в аренду за деньги",
        "ru",
        "Картаны жалға беруге болмайды",
        "kk",
        "дроп",
    ),
    (
        "просят проголосовать за племянницу по ссылке",
        "ru",
        "Сілтеме арқылы дауыс беру алаяқтығы",
        "kk",
        "голосование по ссылке",
    ),
    (
        "голос был как у сына, но это был не он",
        "ru",
        "Voice cloning and deepfake calls",
        "en",
        "дипфейк",
    ),
    # security
    (
        "поштама біреу кірген сияқты",
        "kk",
        "Подозрительный вход в аккаунт",
        "ru",
        "подозрительный вход",
    ),
    (
        "аккаунтымды бұзып кірді",
        "kk",
        "Что делать, если взломали аккаунт",
        "ru",
        "взлом",
    ),
    (
        "пришел код, а я ничего не запрашивала",
        "ru",
        "Сұрамаған код келді: не істеу керек",
        "kk",
        "код пришел сам",
    ),
    (
        "кодты ешкімге айтпаңыз",
        "kk",
        "Never share the code with anyone",
        "en",
        "не сообщать данные",
    ),
    # banking
    ("как скинуть деньги внуку на карту", "ru", "Картаға ақша аудару", "kk", "перевод"),
    (
        "продавщица попросила отсканировать квадратик для оплаты",
        "ru",
        "QR арқылы төлеу",
        "kk",
        "оплата по qr",
    ),
    (
        "хочу поставить запрет, чтобы на меня не брали кредиты",
        "ru",
        "Несиеге өз еркімен тыйым салу",
        "kk",
        "самозапрет на кредиты",
    ),
    ("три цифры сзади карточки", "ru", "Never tell anyone the CVV", "en", "cvv"),
    (
        "коллекторы звонят каждый день",
        "ru",
        "Коллекторлық агенттік қоңырау шалса",
        "kk",
        "коллектор",
    ),
    (
        "банкомат не выдал деньги, а с карты списал",
        "ru",
        "Банкоматтан ақша алу",
        "kk",
        "банкомат",
    ),
]


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "label"),
    PAIRS,
    ids=[pair[4] for pair in PAIRS],
)
def test_everyday_and_official_words_share_a_concept(
    shipped: Vocabulary, text_a: str, lang_a: str, text_b: str, lang_b: str, label: str
) -> None:
    a, b = labels(shipped, text_a, lang_a), labels(shipped, text_b, lang_b)
    assert label in a & b, (a, b)


@pytest.mark.parametrize(
    ("text", "lang", "label"),
    [
        ("как развести костер в лесу", "ru", "мошенник"),
        ("муж кинул мяч в окно соседей", "ru", "мошенник"),
        ("перевести текст на английский язык", "ru", "перевод"),
        ("какой подарок купить маме на день рождения", "ru", "выигрыш"),
        ("басым ауырып мазалайды", "kk", "спам-звонки"),
        ("нарезать картошку квадратиками для супа", "ru", "qr-код"),
        ("тема урока по математике", "ru", "temu"),
        ("халық ән айтып, той тойлады", "kk", "halyk"),
        ("как посадить помидоры в теплице", "ru", "кредит"),
    ],
)
def test_off_topic_words_do_not_name_the_concept(
    shipped: Vocabulary, text: str, lang: str, label: str
) -> None:
    assert label not in labels(shipped, text, lang)
