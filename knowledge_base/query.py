"""Query analysis: from a person's words to weighted alternative index terms.

A query word becomes a *unit* with weighted alternatives, of which only those
present in the index are kept:

* its stem in the query's language (weight 1); with a second plausible
  language (a guess that contradicts the given language, or a close runner-up
  when none was given), its reading in that language too (×0.6);
* for a Latin word, its English stem, its Kazakh reading (Latin → Cyrillic →
  folded → stemmed; full weight in a Kazakh query, 0.7 otherwise) and, in a
  Kazakh query, the word without a Kazakh ending glued to a brand name
  ("whatsappta", "zoomdağy");
* for a Russian diminutive (справочка, талончик, больничка), the stem of its
  plain word (0.9);
* for a Cyrillic word that the Russian dictionary does not know, its Latin
  transliteration for brand names ("телеграм"; "висит" is not "visit");
* the concepts of the field vocabulary the word takes part in (0.8), and the
  weak topic marks of its rarer vocabulary words (0.35); a concept told in
  other words by several words of one sentence that stand in its terms
  (0.5; see `vocabulary.TOLD_*`);
* for a Russian word none of whose readings is in the index and that the
  Russian dictionary does not know, the stems of
  the word spelled again with one unstressed vowel swapped (а/о, е/и, я/е:
  "несудимасти"), found before the concepts so that they count too (0.6);
* when none of its readings is in the index: stems one or two letters shorter,
  or up to two longer (0.7), then fuzzy terms at edit distance 1, or 2 for
  words of nine letters or more (0.6, 0.45); a word of the Russian dictionary
  (pymorphy3's) is not a typo, and is neither respelled nor matched fuzzily;
* short stems count less (two letters ×0.3, three ×0.7): "ма" or "из" stand
  for too many words; a word of the request's frame (узнать, оформить,
  онлайн) counts 0.7.

Words in the non-question sentences of a message that has a question weigh
0.85, and 0.51 when the question has three words of its own: people tell the
story first and put their need into the question. A phrase of the vocabulary
is found within one sentence.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pymorphy3  # type: ignore[import-untyped]
from whoosh.reading import IndexReader

from .analysis import (
    Token,
    kazakh_variants,
    part_numbers,
    reads_as_kazakh,
    stem_english,
    stem_kazakh,
    stem_russian,
    stem_russian_raw,
    tokenize,
)
from .folding import (
    KAZAKH_LATIN_LETTERS,
    cyrillic_to_latin,
    fold_cyrillic,
    fold_kazakh,
    is_cyrillic,
    is_latin,
    latin_to_russian,
)
from .language import LANGUAGES, guess_language, language_scores
from .postings import posting_ids, terms_near, terms_with_prefix
from .stopwords import ANAPHORA, FRAME_WORDS, SETTING_WORDS, is_stop
from .vocabulary import CONCEPT_PREFIX, Vocabulary

TEXT_FIELDS = ("head", "body")  # title and tags; body
SPECIFIC_ONE_IN = 40  # a term in 1 of 40 articles or fewer is fully specific

W_EXACT = 1.0
W_OTHER_LANG = 0.6  # the word read in a second plausible language
W_TRANSLIT = 0.9
W_LATIN_KK = 0.7  # Kazakh reading of a Latin word in a non-Kazakh query
W_NEAR = 0.7
W_FUZZY = {1: 0.6, 2: 0.45}
W_CONCEPT = 0.8  # an equivalent of the field vocabulary counts nearly as the word
W_VARIANT = 0.9  # another stem of a Kazakh word (see kazakh.stem_variants)
W_PHRASE = 0.85  # a phrase of the vocabulary names its concept more surely
W_PHRASE_WORD = 0.6  # a word of such a phrase, on its own
W_RELATIVE = 0.8  # a concept of the word with another Russian verbal prefix
W_TOPIC = 0.35
W_PREFIX = 1.0
W_PREFIX_BODY = 0.5
# A word of the request's frame (узнать, оформить, онлайн; see
# stopwords.FRAME_WORDS) says what the person wants done, not about what: in
# "как узнать свой ИИН онлайн" the ИИН is the topic.
W_FRAME = 0.7
# A concept told in other words by several words of the query (see
# vocabulary.TOLD_*) counts less than one of its terms
W_TOLD = 0.5
# Fuzzy look-ups are the dearest step: a typo matters in a short query, while
# a long message has many words the articles never use.
FUZZY_WORDS = 3

# Kazakh endings written in Latin after a brand name: "whatsappta", "zoomdağy".
_LATIN_ENDINGS = sorted(
    """ta te da de tağy tegi dağy degi dagy tagy ğa ge ga qa ke ka ny ni dy di ty ti
    nyñ niñ nyn nin nyng ning dyñ diñ dyn din tyñ tiñ tyn tin dan den tan ten nan
    nen men ben pen ge y i""".split(),
    key=len,
    reverse=True,
)


@dataclass
class Alt:
    """One index term a query word may stand for, and how much it counts."""

    term: str
    weight: float
    kind: str
    fields: tuple[str, ...] = TEXT_FIELDS


@dataclass
class Unit:
    """A query word with its alternatives."""

    token: Token
    alts: list[Alt] = field(default_factory=list)
    is_prefix: bool = False
    weight: float = 1.0
    in_story: bool = False  # a word of the story around a message's question
    frame: bool = False  # a word of the request's frame (see W_FRAME)
    setting: bool = False  # a word of the request's setting (SETTING_WORDS)


class Lexicon:
    """Document frequencies read from the index, cached for one search."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self.n = max(reader.doc_count(), 1)
        self._df: dict[tuple[str, str], int] = {}
        self._scale = math.log(min(max(self.n, 2), SPECIFIC_ONE_IN))
        self._specificity: dict[tuple[str, tuple[str, ...]], float] = {}

    def df(self, fieldname: str, term: str) -> int:
        """Number of articles with the term in the field."""
        key = (fieldname, term)
        value = self._df.get(key)
        if value is None:
            try:
                value = self.reader.doc_frequency(fieldname, term)
            except (KeyError, ValueError):
                value = 0
            self._df[key] = value
        return value

    def live_count(self, fieldname: str, term: str, at_most: int) -> int:
        """How many articles in the index now hold the term in the field, up
        to `at_most`.

        Unlike `df`, which counts a removed article until its segment is
        merged away. The posting list is read only when the removed articles
        could bring the count under `at_most`.
        """
        removed = self.reader.doc_count_all() - self.reader.doc_count()
        if self.df(fieldname, term) - removed >= at_most:
            return at_most
        return min(at_most, len(posting_ids(self.reader, fieldname, term)))

    def df_any(self, term: str, fields: Iterable[str] = TEXT_FIELDS) -> int:
        """The largest document frequency of the term over the fields."""
        return max(self.df(f, term) for f in fields)

    def specificity(self, term: str, fields: tuple[str, ...] = TEXT_FIELDS) -> float:
        """How telling the term is, 0..1, from the share of articles holding it.

        ln(N / df) / ln(SPECIFIC_ONE_IN), at most 1: a term in one article of
        SPECIFIC_ONE_IN or fewer counts fully, one in every article not at
        all. It depends on the share, not on N, so the evidence a query needs
        means the same in 40 articles and in 100,000 (in a smaller index the
        scale is ln N).
        """
        key = (term, fields)
        value = self._specificity.get(key)
        if value is None:
            df = max(self.df_any(term, fields), 1)
            value = (
                min(1.0, math.log(self.n / df) / self._scale) if self._scale else 1.0
            )
            self._specificity[key] = value = max(value, 0.0)
        return value


def _latin_bases(word: str) -> list[str]:
    bases = []
    for ending in _LATIN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            bases.append(word[: -len(ending)])
    return bases


def _length_factor(term: str, word: str, kazakh: bool) -> float:
    """Short stems cut from longer words (ал-ды, ет-уге) stand for many words.

    A word written whole keeps its weight however short ("QR", "ЭЦП", "ИИН"),
    and so does a three-letter Russian or English stem (код-ом, дом-а): it is a
    root, where a three-letter Kazakh stem is often a cut too many.
    """
    if len(term) >= len(word):
        return 1.0
    if len(term) <= 2:
        return 0.3
    return 0.7 if len(term) == 3 and kazakh else 1.0


# Russian verbs alternate the last consonant of the root between the aspects:
# оплач-ивать / оплат-ить, запрещ-ать / запрет-ить, подтвержд-ать / подтверд-ить.
_ALTERNATIONS = (("жд", "д"), ("ч", "т"), ("щ", "т"))


def _alternations(stem: str) -> list[str]:
    if len(stem) < 5:
        return []
    return [stem[: -len(a)] + b for a, b in _ALTERNATIONS if stem.endswith(a)][:1]


# The verbs of going change their root between forms: при-йти, при-ду,
# при-шла, при-ходит ("пенсия не приходит" against "если пенсия не пришла"),
# and so do за-йти (into an account), на-йти, вы-йти, пере-йти (by a link),
# про-йти, в-ойти. Each prefix's forms stand for one another. Not до-, у-,
# по-, рас-: доход, уход, поход, расход are nouns of their own.
_GOING_ENDINGS = "йти йду йдёт йдут шла шёл шло шли ходить ходит ходят".split()
_GOING = (
    "прийти приду придёт придут пришла пришёл пришло пришли "
    "приходить приходит приходят".split(),
    "войти войду войдёт войдут вошла вошёл вошло вошли входить входит входят".split(),
    *(
        [prefix + ending for ending in _GOING_ENDINGS]
        for prefix in ("за", "на", "вы", "пере", "про")
    ),
)


@functools.cache
def _going_families() -> dict[str, frozenset[str]]:
    families: dict[str, frozenset[str]] = {}
    for forms in _GOING:
        stems = frozenset(fold_cyrillic(stem_russian_raw(f)) for f in forms)
        for stem in stems:
            families[stem] = stems - {stem}
    return families


# People, older people above all, say things fondly: талончик в больничку,
# справочка, карточка, паспортик, страничка. The stemmer keeps the diminutive
# suffix, so such a word also stands for the stem of its plain word, the
# first of the suffix's plain forms that the Russian dictionary knows. A
# masculine -ик or -чик that names a person is a word of its own (электрик,
# счётчик, заказчик): only a thing's diminutive stands for its plain word.
_DIMINUTIVES = (
    ("ичк", ("ица", "а")),  # больн-ичк-а, стран-ичк-а
    ("очк", ("ка", "а")),  # справ-очк-а, карт-очк-а
    ("ечк", ("ка", "а")),  # заяв-ечк-а
    ("чик", ("",)),  # талон-чик, телефон-чик
    ("ик", ("",)),  # паспорт-ик, ключ-ик
)


def _diminutive_base(word: str, raw: str) -> str | None:
    """The stem of the plain word a Russian diminutive stands for, if any."""
    dictionary = _russian_dictionary()
    for suffix, endings in _DIMINUTIVES:
        root = raw[: -len(suffix)]
        if not raw.endswith(suffix) or len(root) < 3:
            continue
        if suffix == "чик" and not root.endswith("н"):  # лёт-чик, дат-чик
            continue
        if suffix.endswith("ик") and any(
            {"NOUN", "anim"} in p.tag for p in dictionary.parse(word)[:1]
        ):
            return None
        for ending in endings:
            if dictionary.word_is_known(root + ending):
                return stem_russian(root + ending)
    return None


# Unstressed Russian vowels are written as they sound: несудим-а-сти for
# несудимости, удост-а-верение. A typo in the ending also changes where the
# stemmer cuts, so the stem is then far from the article's (несудимаст and
# несудим): the word is spelled again with each such vowel swapped.
_VOWEL_SWAPS = {"а": "о", "о": "а", "е": "и", "и": "е", "я": "е"}


@functools.cache
def _russian_dictionary() -> Any:
    return pymorphy3.MorphAnalyzer()  # about 24 MB, loaded on first use


def _is_russian_word(word: str, lang: str) -> bool:
    """Is this a word of the Russian dictionary, so not a typo of another word?

    Only a word the dictionary does not know is matched fuzzily: "конины" is
    a word (of a recipe) that no article uses, not a typo of an article's
    word one letter away.
    """
    if not is_cyrillic(word) or reads_as_kazakh(word, lang):
        return False
    return bool(_russian_dictionary().word_is_known(word))


def _known_respellings(
    spellings: Iterable[str],
    stems_of: Callable[[str], list[str]],
    lexicon: Lexicon,
    vocabulary: Vocabulary,
) -> list[Alt]:
    """The stems of other spellings of a word that the index or the vocabulary
    knows (a term's concept may be in the index where the word itself is not:
    "несудимости" of "справка о несудимости"), at most two, as a typo's."""
    found: dict[str, None] = {}
    for spelling in spellings:
        for stem in stems_of(spelling):
            if len(stem) >= 4 and (lexicon.df_any(stem) or vocabulary.knows(stem)):
                found[stem] = None
    return [Alt(stem, W_FUZZY[1], "fuzzy1") for stem in list(found)[:2]]


def _respelled(word: str, lexicon: Lexicon, vocabulary: Vocabulary) -> list[Alt]:
    """Stems of a Russian word with one unstressed vowel swapped."""
    if len(word) < 5:
        return []
    spellings = [
        word[:i] + _VOWEL_SWAPS[letter] + word[i + 1 :]
        for i, letter in enumerate(word[1:], start=1)
        if letter in _VOWEL_SWAPS
    ]
    return _known_respellings(
        spellings, lambda w: [stem_russian(w)], lexicon, vocabulary
    )


def _swapped_back(
    word: str, lang: str, lexicon: Lexicon, vocabulary: Vocabulary
) -> list[Alt]:
    """Stems of the word with two neighbouring letters swapped back.

    A swap near the ending changes what the stemmer cuts: "несудимсоти" stems
    to "несудимсот", three edits from the index's "несудим", while
    "несудимости" stems to it. The swap is undone on the word, then stemmed.
    """
    if len(word) < 5:
        return []

    def stems_of(spelling: str) -> list[str]:
        alts = _word_alternatives(spelling, lang)
        return [a.term for a in alts if a.kind == "exact"]

    spellings = sorted(_transpositions(word) - {word})
    return _known_respellings(spellings, stems_of, lexicon, vocabulary)


def _word_alternatives(word: str, lang: str) -> list[Alt]:
    alts: list[Alt] = []
    if is_latin(word):
        alts.append(Alt(stem_english(word), W_EXACT, "exact"))
        kk_weight = W_EXACT if lang == "kk" else W_LATIN_KK
        alts.append(Alt(stem_kazakh(word), kk_weight, "kk-latin"))
        alts.extend(
            Alt(v, kk_weight * W_VARIANT, "variant") for v in kazakh_variants(word)
        )
        if "ng" in word:  # phone Latin writes ң as ng
            alts.append(
                Alt(stem_kazakh(word.replace("ng", "ñ")), kk_weight, "kk-latin")
            )
        if lang == "kk":
            for base in _latin_bases(word):
                alts.append(Alt(stem_english(base), W_TRANSLIT, "exact"))
        if lang == "ru":  # Russian typed in Latin letters: "kak poluchit spravku"
            alts.append(Alt(stem_russian(latin_to_russian(word)), W_EXACT, "ru-latin"))
    elif is_cyrillic(word):
        kazakh_first = reads_as_kazakh(word, lang)
        primary = stem_kazakh(word) if kazakh_first else stem_russian(word)
        alts.append(Alt(primary, W_EXACT, "exact"))
        if kazakh_first:
            variants = kazakh_variants(word)
            alts.extend(Alt(v, W_VARIANT, "variant") for v in variants)
            # a name with a Kazakh ending: телеграмда, вотсапқа
            alts.extend(
                Alt(stem_english(cyrillic_to_latin(v)), W_TRANSLIT, "translit")
                for v in variants
            )
        if not kazakh_first:
            raw = stem_russian_raw(word)
            for variant in _alternations(raw):
                alts.append(Alt(fold_cyrillic(variant), W_TRANSLIT, "exact"))
            for variant in sorted(_going_families().get(fold_cyrillic(raw), ())):
                alts.append(Alt(variant, W_TRANSLIT, "exact"))
            plain = _diminutive_base(word.lower(), raw)
            if plain:
                alts.append(Alt(plain, W_TRANSLIT, "exact"))
        if not _is_russian_word(word, lang):  # a name: телеграм, not висит
            for latin in {
                cyrillic_to_latin(word),
                cyrillic_to_latin(stem_russian_raw(word)),
            }:
                alts.append(Alt(stem_english(latin), W_TRANSLIT, "translit"))
    else:
        alts.append(Alt(word, W_EXACT, "exact"))
    whole = fold_cyrillic(word) if is_cyrillic(word) else word
    kazakh_reading = reads_as_kazakh(word, lang)
    for alt in alts:
        kazakh = alt.kind in ("kk-latin", "variant") or (
            kazakh_reading and alt.kind == "exact"
        )
        alt.weight *= _length_factor(alt.term, whole, kazakh)
    return alts


# Words that make no need of a request on their own (see Unit.frame, .setting)
_LISTS = {"frame": FRAME_WORDS, "setting": SETTING_WORDS}


@functools.cache
def _listed_stems(listing: str) -> dict[str, frozenset[str]]:
    """The stems of the frame or setting words by language, with their forms."""
    return {
        lang: frozenset(
            alt.term
            for word in words.split()
            for alt in _word_alternatives(word, lang)
            if alt.kind == "exact"
        )
        for lang, words in _LISTS[listing].items()
    }


def _is_listed(alts: list[Alt], lang: str, listing: str) -> bool:
    """Is the word, read in the query's language, a frame (setting) word?"""
    stems = _listed_stems(listing).get(lang, frozenset())
    readings = ("exact", "variant", "kk-latin")
    return any(alt.term in stems for alt in alts if alt.kind in readings)


def _dedupe(alts: list[Alt]) -> list[Alt]:
    best: dict[tuple[str, tuple[str, ...]], Alt] = {}
    for alt in alts:
        key = (alt.term, alt.fields)
        if key not in best or best[key].weight < alt.weight:
            best[key] = alt
    return list(best.values())


def _transpositions(term: str) -> set[str]:
    return {
        term[:i] + term[i + 1] + term[i] + term[i + 2 :] for i in range(len(term) - 1)
    }


def _near_alts(term: str, lexicon: Lexicon) -> list[Alt]:
    if len(term) < 5:
        return []
    alts = []
    for cut in (1, 2):
        shorter = term[:-cut]
        if len(shorter) >= 5 and lexicon.df_any(shorter):
            alts.append(Alt(shorter, W_NEAR, "near"))
            break
    longer: set[str] = set()
    for fieldname in TEXT_FIELDS:
        for text in terms_with_prefix(lexicon.reader, fieldname, term, 8):
            if len(text) <= len(term) + 2 and text != term:
                longer.add(text)
    longer = set(sorted(longer, key=lambda t: (len(t), t))[:3])
    alts.extend(Alt(t, W_NEAR, "near") for t in sorted(longer))
    return alts


def _fuzzy_alts(term: str, lexicon: Lexicon) -> list[Alt]:
    if len(term) < 5 or term.startswith(CONCEPT_PREFIX):
        return []
    maxdist = 2 if len(term) >= 9 else 1
    found: dict[str, int] = {}
    for fieldname in TEXT_FIELDS:
        for text in terms_near(lexicon.reader, fieldname, term, maxdist, prefix=1):
            if text != term:
                found[text] = min(found.get(text, 9), edit_distance(term, text))
    for swapped in _transpositions(term):
        if swapped != term and lexicon.df_any(swapped):
            found[swapped] = 1
    ranked = sorted(found.items(), key=lambda kv: (kv[1], -lexicon.df_any(kv[0])))
    return [Alt(t, W_FUZZY.get(d, W_FUZZY[2]), f"fuzzy{d}") for t, d in ranked[:2]]


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count as one edit)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            current[j] = min(
                previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost
            )
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]


def _prefix_alts(word: str, lang: str, lexicon: Lexicon) -> list[Alt]:
    forms = {fold_cyrillic(word) if is_cyrillic(word) else word}
    if is_latin(word) and (
        lang == "kk" or any(c in KAZAKH_LATIN_LETTERS for c in word)
    ):
        forms.add(fold_kazakh(word))
    alts = [Alt(f, W_PREFIX, "prefix", ("ac",)) for f in forms]
    for form in forms:
        if len(form) >= 3:
            alts.extend(
                Alt(text, W_PREFIX_BODY, "prefix-body")
                for text in terms_with_prefix(lexicon.reader, "body", form, 12)
            )
    return alts


# Russian verbs take a prefix for the other aspect or a shade of meaning:
# платить / оплатить / заплатить, звонить / позвонить, делать / сделать.
_RU_PREFIXES = tuple("о об от за по под у вы при пере рас раз на с до про вз".split())


def _prefix_relatives(stem: str, vocabulary: Vocabulary) -> set[str]:
    """Concepts of the same Russian stem with another verbal prefix.

    Only when every relative found names the same concepts: писать leads to
    записать (an appointment) and подписать (a signature), so to neither.
    """
    relatives = {p + stem for p in _RU_PREFIXES}
    relatives |= {
        stem[len(p) :]
        for p in _RU_PREFIXES
        if stem.startswith(p) and len(stem) - len(p) >= 3
    }
    found = [c for r in relatives if (c := vocabulary.concepts_of(r))]
    if not found or any(c != found[0] for c in found):
        return set()
    return set(found[0])


@dataclass
class QueryPlan:
    """The analysed query: units found in the index, and how many words it had."""

    units: list[Unit]
    n_words: int
    # in a story message, the words of its questions (see `_question_words`),
    # and how many of them the index knows
    question_words: int = 0
    question_known: int = 0
    needs: int = 0  # words that are neither frame nor setting
    told: frozenset[str] = frozenset()  # concepts told in other words
    alone: str | None = None  # a story's question to ask alone (story_question)


def analyze_query(
    text: str,
    lang: str,
    lexicon: Lexicon,
    vocabulary: Vocabulary,
    prefix: bool,
    second_lang: str | None = None,
) -> QueryPlan:
    """Turn a query into units with the alternatives found in the index.

    `second_lang` is another language the words may be read in (at a lower
    weight): the guess when it contradicts the given language, or the runner-up
    when the language was guessed with little margin.
    """
    tokens = tokenize(text)
    story = _in_story(text, tokens)
    kk_latin = lang == "kk"
    respell_left = fuzzy_left = FUZZY_WORDS
    units: list[Unit] = []
    candidates: list[list[Alt]] = []
    for index, token in enumerate(tokens):
        last = prefix and index == len(tokens) - 1
        word = token.word
        if not last and is_stop(word, latin_kazakh=kk_latin and is_latin(word)):
            continue
        if not last and is_stop(word):
            continue
        if (
            not last
            and lang == "ru"
            and is_latin(word)
            and is_stop(latin_to_russian(word))
        ):
            continue  # Russian typed in Latin: the "o" of "spravka o nesudimosti"
        alts = _word_alternatives(word, lang)
        weight = NARRATIVE if story[index] else 1.0
        frame = _is_listed(alts, lang, "frame")
        if frame:
            weight *= W_FRAME
        units.append(
            Unit(
                token,
                is_prefix=last,
                weight=weight,
                in_story=story[index],
                frame=frame,
                setting=_is_listed(alts, lang, "setting"),
            )
        )
        if (
            respell_left > 0
            and is_cyrillic(word)
            and not reads_as_kazakh(word, lang)
            and not any(lexicon.df_any(a.term) for a in alts)
            and not _is_russian_word(word, lang)
        ):
            respell_left -= 1
            alts.extend(_respelled(word, lexicon, vocabulary))
        if second_lang and second_lang != lang:
            for alt in _word_alternatives(word, second_lang):
                alt.weight *= W_OTHER_LANG
                if alt.kind in ("exact", "variant"):
                    alt.kind = "other"
                alts.append(alt)
        if len(word) >= 4 and not any(lexicon.df_any(a.term) for a in alts):
            # a word the index does not know: a stem near it, or a typo; found
            # before the concepts, so that "записатся к врачу" is the term
            # "записаться к врачу" as its correct spelling is
            bases = _dedupe([a for a in alts if a.kind in ("exact", "kk-latin")])
            near = [n for base in bases for n in _near_alts(base.term, lexicon)]
            if not near and fuzzy_left > 0 and not _is_russian_word(word, lang):
                fuzzy_left -= 1
                near = _swapped_back(word, lang, lexicon, vocabulary) or [
                    f for base in bases for f in _fuzzy_alts(base.term, lexicon)
                ]
            alts.extend(near)
        candidates.append(alts)

    # concepts: single-word terms, and phrases over the sequence of candidates
    lattice = [{a.term for a in alts if a.kind != "other"} for alts in candidates]
    concepts: list[dict[str, float]] = [{} for _ in units]
    topics: list[set[str]] = [set() for _ in units]
    for i, stems in enumerate(lattice):
        for stem in stems:
            concepts[i].update(dict.fromkeys(vocabulary.concepts_of(stem), W_CONCEPT))
            topics[i] |= vocabulary.topics_of(stem)
        word = units[i].token.word
        if not concepts[i] and is_cyrillic(word) and not reads_as_kazakh(word, lang):
            related = _prefix_relatives(stem_russian(word), vocabulary)
            concepts[i].update(dict.fromkeys(related, W_CONCEPT * W_RELATIVE))
    in_phrase: set[int] = set()
    sentence = _sentence_numbers(text, [unit.token for unit in units])
    for members, concept in vocabulary.find_lattice(lattice, synonyms=True):
        if len({sentence[i] for i in members}) > 1:
            continue  # a term of the field is said in one sentence
        weight = W_PHRASE if len(members) > 1 else W_CONCEPT
        if len(members) > 1:
            in_phrase.update(members)
        for i in members:
            concepts[i][concept] = max(concepts[i].get(concept, 0.0), weight)
    # a concept told in other words, by words of one sentence that are no
    # frame of the request and found none of its terms
    told_lattice = [
        set() if unit.frame else stems
        for unit, stems in zip(units, lattice, strict=True)
    ]

    def new_here(members: tuple[int, ...], concept: str) -> bool:
        return (
            len({sentence[i] for i in members}) == 1
            and not any(concept in concepts[i] for i in members)
            and lexicon.df_any(concept) > 0
        )

    concepts_told: set[str] = set()
    for members, concept in vocabulary.told(told_lattice, new_here):
        concepts_told.add(concept)
        for i in members:
            concepts[i][concept] = max(concepts[i].get(concept, 0.0), W_TOLD)
    # a word of a term of the field (водительское удостоверение) means the term:
    # on its own it says less than it would alone (удостоверение личности)
    for i in in_phrase:
        for alt in candidates[i]:
            alt.weight *= W_PHRASE_WORD

    for unit, alts, unit_concepts, unit_topics in zip(
        units, candidates, concepts, topics, strict=True
    ):
        kept = [a for a in _dedupe(alts) if lexicon.df_any(a.term)]
        kept.extend(
            Alt(c, weight, "concept")
            for c, weight in sorted(unit_concepts.items())
            if lexicon.df_any(c)
        )
        kept.extend(
            Alt(t, W_TOPIC, "topic") for t in sorted(unit_topics) if lexicon.df_any(t)
        )
        if unit.is_prefix:
            kept.extend(_prefix_alts(unit.token.word, lang, lexicon))
        unit.alts = _dedupe(kept)
    asked = _question_words(units)
    told = {sentence[i] for i, unit in enumerate(units) if unit.in_story}
    if len(asked) >= QUESTION_WORDS and len(told) >= STORY_SENTENCES:
        for unit in units:
            if unit.in_story:
                unit.weight *= AROUND_A_QUESTION
    in_index = [u for u in units if u.alts]
    needs = sum(not (u.frame or u.setting or u.token.word.isdigit()) for u in units)
    return QueryPlan(
        in_index,
        len(units),
        len(asked),
        len([u for u in asked if u.alts]),
        needs,
        frozenset(concepts_told),
        None if prefix else story_question(text, tokens, story),
    )


def _question_words(units: list[Unit]) -> list[Unit]:
    """The words of a story message's questions (none if it is no story).

    "Что нам теперь делать?" after a story leaves the topic to the story;
    "Какой ноутбук выбрать студенту?" names one, which an answer must speak of.
    """
    if not any(u.in_story for u in units):
        return []
    return [u for u in units if not u.in_story and not u.token.word.isdigit()]


NARRATIVE = 0.85  # weight of words outside the questions of a long message
# ... and 0.45 of that when the question has QUESTION_WORDS words of its own
# and the story STORY_SENTENCES sentences (a greeting, who writes, what they
# can do already): "Как освободить место на телефоне?" after a story of
# WhatsApp, YouTube and the banking app asks about memory. A message of one
# sentence and a question is one need told in two.
AROUND_A_QUESTION = 0.45
QUESTION_WORDS = 3  # a story's question with this many words of its own
STORY_SENTENCES = 2


_SENTENCE_END = re.compile(r"[.!?…]+(?=\s|$)|\n")  # not the dot of "egov.kz"


def _sentence_numbers(text: str, tokens: list[Token]) -> list[int]:
    """The number of the sentence each token stands in."""
    return part_numbers(text, tokens, _SENTENCE_END)


def _in_story(text: str, tokens: list[Token]) -> list[bool]:
    """Which words of a message of several sentences with a question are story.

    People tell the story first and put the need into the question; words of
    the other sentences (who they are, what happened around) weigh less
    (NARRATIVE). A message of one sentence, or with no question, is no story.
    """
    marks = [m.group() for m in _SENTENCE_END.finditer(text)]
    numbers = _sentence_numbers(text, tokens)
    asked = {n for n in numbers if n < len(marks) and "?" in marks[n]}
    if len(set(numbers)) < 2 or not asked:
        return [False] * len(tokens)
    return [n not in asked for n in numbers]


# A story's question of QUESTION_ALONE words of its own or more must find an
# answer on its own (see `story_question`)
QUESTION_ALONE = 4


def story_question(text: str, tokens: list[Token], story: list[bool]) -> str | None:
    """The question of a story message that must find an answer by itself.

    A message that tells a story of STORY_SENTENCES sentences or more (who
    writes, what they already do) and asks a question of QUESTION_ALONE words
    of its own: "…Пенсию получаю на карту. Летом хочу съездить к сестре в
    Самару. Какие документы нужны, чтобы пересечь границу с Россией?" The
    story only sets the scene; when nothing answers the question, nothing
    answers the message. A question that leaves its topic to the story is
    not asked alone: a short one ("Что нам теперь делать?"), or one that
    points back to it (`stopwords.ANAPHORA`: "Оны алу үшін полицияға бару
    керек пе, әлде интернеттен алуға бола ма?").
    """
    sentences = _sentence_numbers(text, tokens)
    told = {n for n, in_story in zip(sentences, story, strict=True) if in_story}
    if len(told) < STORY_SENTENCES:
        return None
    question = [
        token.word
        for token, in_story in zip(tokens, story, strict=True)
        if not in_story
    ]
    if any(word in ANAPHORA for word in question):
        return None  # "Как это сделать?": the topic is the story's
    asked = [word for word in question if not is_stop(word)]
    return " ".join(asked) if len(asked) >= QUESTION_ALONE else None


def second_language(query: str, lang: str | None) -> tuple[str, str | None]:
    """The language to read the query in, and a second one worth trying.

    A given language is where the asker comes from (the page's language, the
    chat's), and a query plainly in another one is read in that one first:
    "telefonym zhogaldy ne isteimin" typed on a Russian page is Kazakh. The
    given language still ranks the answers (see `run_search`).
    """
    scores = language_scores(query)
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    if lang in LANGUAGES:
        guess = ranked[0]
        strong = scores[guess] >= 2 * scores[lang] + 2  # type: ignore[index]
        if guess != lang and strong:
            return guess, lang
        return lang, None
    best, runner = ranked[0], ranked[1]
    if scores[best] <= 0:
        return guess_language(query), None
    close = scores[runner] > 0 and scores[runner] >= 0.5 * scores[best]
    return best, (runner if close else None)
