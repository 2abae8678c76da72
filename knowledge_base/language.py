"""Guess whether a short text is Kazakh, Russian or English.

Each word votes: Kazakh letters (әғқңөұүһі) and the Kazakh Latin letters
(á ǵ ń ó ú ý ı ä ğ ñ ö ū ü ş) are near-certain Kazakh; function words of each
language count next; then word endings (Kazakh suffixes such as -лар, -дың,
-мын, -ға; Russian endings such as -ться, -ого, -ами; English -ing, -tion) and
letters only one language uses (щ ъ э ё for Russian, w th for English, q
without u for Kazakh Latin). Kazakh typed on a Russian keyboard has no Kazakh
letters, so its function words and suffixes decide it.
"""

from __future__ import annotations

import re

from .folding import (
    KAZAKH_LATIN_LETTERS,
    KAZAKH_LETTERS,
    fold_cyrillic,
    fold_kazakh,
    is_cyrillic,
    is_latin,
    normalize_text,
)
from .stopwords import ENGLISH, KAZAKH, RUSSIAN

LANGUAGES = ("kk", "ru", "en")

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Kazakh function words that are not also Russian words once folded.
_KK_WORDS = KAZAKH - {fold_cyrillic(w) for w in RUSSIAN}
_RU_WORDS = RUSSIAN - KAZAKH
_KK_LATIN_WORDS = _KK_WORDS - ENGLISH
_KK_ENDINGS = re.compile(
    r"(лар|лер|дар|дер|тар|тер|нын|нин|дын|дин|тын|тин|мын|мин|пын|бын|сыз|сиз"
    r"|дан|ден|тан|тен|нан|нен|дагы|деги|тагы|теги|ымыз|имиз|ыныз|иниз|амын|емин"
    r"|имын|ады|еди|иды|ып|ип|гым|гим|ган|ген|кан|кен|атын|етин|уга|уге|ды|ты)$"
)
_RU_ENDINGS = re.compile(
    r"(ться|тся|ть|ся|сь|ого|его|ому|ему|ыми|ими|ами|ями|ах|ях|ов|ев|ая|яя|ое|ее"
    r"|ые|ие|ый|ий|ой|ую|юю|ешь|ишь|ет|ит|ем|им|ют|ут|ат|ят|ия|ие|ость|ция|ние"
    r"|тель)$"
)
_RU_LETTERS = frozenset("щъэё")
# Russian words typed in Latin letters that are neither English nor Kazakh
_RU_LATIN_WORDS = frozenset(
    """kak chto shto chtoby gde kogda pochemu zachem skolko kto mne menya mnoy
    eto etot eta dlya ili esli mozhno nuzhno nado pomogite pozhaluysta spasibo
    zdravstvuyte zdravstvuite privet moy moya moi tolko uzhe eshche vse vsyo
    sdelat delat mogu iz ot bez pri ya""".split()
)
_EN_PATTERNS = re.compile(r"(th|wh|w|ck|ing$|tion$|ee|oo|ou|ea|ph)")
_KK_LATIN_PATTERNS = re.compile(
    r"(q(?!u)|(lar|ler|dar|der|tar|ter|nyn|nin|dyn|din|myn|min|ymyn|imin|ga|ge"
    r"|qa|ke|dy|di|ty|ti|dan|den|tan|ten|mın|dagy|degi|ğy|ym|im|yp|ip|u)$)"
)


def language_scores(text: str) -> dict[str, float]:
    """Score the evidence for each language in the text (higher is likelier)."""
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for word in _WORD.findall(normalize_text(text)):
        if is_cyrillic(word):
            folded = fold_cyrillic(word)
            if any(ch in KAZAKH_LETTERS for ch in word):
                scores["kk"] += 3.0
            elif folded in _KK_WORDS:
                scores["kk"] += 2.0
            elif word in _RU_WORDS:
                scores["ru"] += 2.0
            else:
                if any(ch in _RU_LETTERS for ch in word) or word.endswith("ь"):
                    scores["ru"] += 1.0
                if _RU_ENDINGS.search(word):
                    scores["ru"] += 0.8
                if len(folded) > 3 and _KK_ENDINGS.search(folded):
                    scores["kk"] += 0.8
                scores["ru"] += 0.2  # plain Cyrillic leans Russian
        elif is_latin(word):
            if any(ch in KAZAKH_LATIN_LETTERS for ch in word):
                scores["kk"] += 3.0
            elif word in ENGLISH:
                scores["en"] += 2.0
            elif word in _RU_LATIN_WORDS:
                scores["ru"] += 2.0
            elif fold_kazakh(word) in _KK_LATIN_WORDS and len(word) > 2:
                scores["kk"] += 2.0
            else:
                if _EN_PATTERNS.search(word):
                    scores["en"] += 0.8
                if len(word) > 3 and _KK_LATIN_PATTERNS.search(word):
                    scores["kk"] += 0.8
                scores["en"] += 0.2  # brand names and plain Latin lean English
    return scores


def guess_language(text: str, default: str = "ru") -> str:
    """Return "kk", "ru" or "en": the likeliest language of the text."""
    scores = language_scores(text)
    best = max(LANGUAGES, key=lambda lang: scores[lang])
    return best if scores[best] > 0 else default
