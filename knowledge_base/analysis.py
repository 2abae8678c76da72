"""Text analysis shared by the index and the queries.

One word goes through: NFC and lower case → stop words of the three languages
dropped → by script and language:

* Latin: the English Snowball stemmer (brand names such as WhatsApp, Kaspi stay
  whole), no folding;
* Cyrillic in a Russian (or English) text: the Russian Snowball stemmer on the
  real spelling, then folding (ё→е, й→и, ...);
* Cyrillic in a Kazakh text, or any word with a Kazakh letter: folding to the
  shared lossy alphabet, then the Kazakh suffix stripper.

Words joined by a hyphen are split, and a Kazakh case ending written after a
hyphen ("WhatsApp-қа", "ЭЦҚ-мен") is dropped. Queries get more than one
analysis per word (see `query.py`); articles get exactly this one.
"""

from __future__ import annotations

import bisect
import re
import threading
from functools import lru_cache
from typing import NamedTuple

import Stemmer

from .folding import (
    KAZAKH_LETTERS,
    cyrillic_spelling,
    fold_cyrillic,
    fold_kazakh,
    is_cyrillic,
    is_latin,
    normalize_text,
)
from .kazakh import is_suffix, spelled, stem_folded, stem_variants
from .stopwords import in_set_expressions, is_stop

# Bumped whenever analysis changes, so that old indexes are rebuilt.
ANALYSIS_VERSION = "31"

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_LATIN_THEN_CYRILLIC = re.compile(r"([a-z0-9]*[a-z][a-z0-9]*)([\u0400-\u04ff]+)")
_HYPHENS = "-‐‑–"

# PyStemmer's stemmers are not thread-safe: one of each per thread.
_STEMMERS = threading.local()


def _stemmer(language: str) -> Stemmer.Stemmer:
    stemmer = getattr(_STEMMERS, language, None)
    if stemmer is None:
        stemmer = Stemmer.Stemmer(language)
        setattr(_STEMMERS, language, stemmer)
    return stemmer


class Token(NamedTuple):
    """A word of a text: its lower-case form and where it stands.

    A named tuple: a long chat message or an article's body makes hundreds.
    """

    word: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into lower-case words with their offsets in the text."""
    text_norm = normalize_text(text)
    if len(text_norm) != len(text):  # offsets must point into the original
        text_norm = text.lower()
    tokens: list[Token] = []
    previous_end = -2
    for match in _WORD.finditer(text_norm):
        word = match.group()
        start = match.start()
        # "egovқа": only a word that opens with a Latin letter or digit
        glued = word[0].isascii() and _LATIN_THEN_CYRILLIC.fullmatch(word)
        glued = glued if glued and is_suffix(fold_kazakh(glued.group(2))) else None
        if not glued:  # "кiре" with a Latin i, but not "taxiге"
            word = cyrillic_spelling(word)
        joined = start - previous_end == 1 and text_norm[start - 1] in _HYPHENS
        previous_end = match.end()
        if joined and tokens and is_suffix(fold_kazakh(word)):
            continue  # "WhatsApp-қа", "ЭЦҚ-мен": the ending of the word before
        if glued:
            # "egovқа", "kaspiге": a Kazakh ending typed onto a Latin name
            word = glued.group(1)
            tokens.append(Token(word, start, start + len(word)))
            continue
        tokens.append(Token(word, start, match.end()))
    dropped = in_set_expressions([t.word for t in tokens])
    return [t for i, t in enumerate(tokens) if i not in dropped] if dropped else tokens


def part_numbers(text: str, tokens: list[Token], ends: re.Pattern[str]) -> list[int]:
    """The number of the part of `text` each token stands in, parts ending
    where `ends` matches (a sentence, a clause)."""
    starts = [m.start() for m in ends.finditer(text)]
    return [bisect.bisect_right(starts, token.start) for token in tokens]


def has_kazakh_letter(word: str) -> bool:
    """Tell whether a word has a letter only Kazakh Cyrillic uses."""
    return any(ch in KAZAKH_LETTERS for ch in word)


@lru_cache(maxsize=100_000)
def stem_english(word: str) -> str:
    """Stem a Latin word with the English Snowball stemmer."""
    return _stemmer("english").stemWord(word.replace("’", "'"))


@lru_cache(maxsize=100_000)
def stem_russian_raw(word: str) -> str:
    """Stem a Russian word with Snowball, unfolded.

    Snowball leaves the -ова-/-ева- of verbs in -овать (зарегистрирова-ться)
    but not of their present forms (зарегистриру-йтесь); it is cut here so
    that the infinitive of a vocabulary term meets the imperative of an article;
    likewise the -у- of their present stems (рекоменду-ем).
    """
    stem = _stemmer("russian").stemWord(word.replace("ё", "е"))
    if len(stem) >= 7 and stem.endswith(("ова", "ева")):
        return stem[:-3]
    if len(stem) >= 7 and stem.endswith(("у", "ю")):  # рекоменду-ем
        return stem[:-1]
    if len(stem) >= 5 and stem.endswith("ьт"):  # провер-ьте
        return stem[:-2]
    return _fleeting_vowel(_aspect_stem(stem))


def _fleeting_vowel(stem: str) -> str:
    """One stem for the forms of a noun whose о/е drops: звонок, звонка.

    Snowball leaves the vowel in the nominative (звонок, ребенок, список,
    кошелек, продавец) and not in the other cases (звонк-а, ребенк-а,
    списк-е, кошельк-а, продавц-а). It is cut from every stem ending in a
    consonant, о or е, and к or ц; a word whose vowel stays (человек,
    человека) loses it in all its forms alike.
    """
    if (
        len(stem) >= 5
        and stem[-1] in "кц"
        and stem[-2] in "оеё"
        and stem[-3] not in _RU_VOWELS
        and stem[-3] not in "ьъй"
    ):
        return stem[:-2] + stem[-1]
    return stem


_RU_VOWELS = frozenset("аеиоуыэюя")


def _aspect_stem(stem: str) -> str:
    """One stem for both aspects of a Russian verb: оплачива-ть, оплат-ить.

    Snowball keeps the stem vowel of -ать/-ять verbs and the -ыва-/-ива- of
    secondary imperfectives, so "проверять" (провер-я) misses "проверьте"
    (провер) and "подписывать" misses "подписать". Both are cut here, and so is
    the л that follows a labial before -ять (оформл-ять, оформ-ить). Consonant
    alternations (оплач-/оплат-) are left to the query side, which tries both.
    """
    cut = False
    if len(stem) >= 6 and stem.endswith(("ыва", "ива")):
        stem, cut = stem[:-3], True
    elif len(stem) >= 5 and stem.endswith("ва") and stem[-3] in _RU_VOWELS:
        stem, cut = stem[:-2], True  # узна-ва-ть
    if len(stem) >= 5 and stem[-1] in "ая" and stem[-2] not in _RU_VOWELS:
        stem, cut = stem[:-1], True
    if cut and len(stem) >= 5 and stem[-2:] in ("бл", "пл", "вл", "мл", "фл"):
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=200_000)
def stem_russian(word: str) -> str:
    """Stem a Russian word and fold the stem."""
    return fold_cyrillic(stem_russian_raw(word))


@lru_cache(maxsize=200_000)
def stem_kazakh(word: str) -> str:
    """Fold a Kazakh word (any spelling) and strip its suffixes."""
    return stem_folded(*spelled(word))


def kazakh_variants(word: str) -> tuple[str, ...]:
    """Other stems a Kazakh word may share with its other forms (any spelling)."""
    return stem_variants(*spelled(word))


def reads_as_kazakh(word: str, lang: str) -> bool:
    """Is a Cyrillic word of a text in `lang` analysed as Kazakh?"""
    return is_cyrillic(word) and (lang == "kk" or has_kazakh_letter(word))


def analyze_word(word: str, lang: str) -> str:
    """Return the index term of one lower-case word of a text in `lang`."""
    if is_latin(word):
        return stem_english(word)
    if reads_as_kazakh(word, lang):
        return stem_kazakh(word)
    if is_cyrillic(word):
        return stem_russian(word)
    return word


def analyze_tokens(tokens: list[Token], lang: str) -> list[tuple[Token, str]]:
    """Return (token, term) for each token that is not a stop word."""
    out = []
    for token in tokens:
        if is_stop(token.word):
            continue
        term = analyze_word(token.word, lang)
        if term:
            out.append((token, term))
    return out


def analyze(text: str, lang: str) -> list[str]:
    """Return the index terms of a text in `lang`, in order, stop words removed."""
    return [term for _token, term in analyze_tokens(tokenize(text), lang)]
