"""Searching: query analysis, retrieval, the relevance threshold, snippets.

A query word becomes a *unit* with weighted alternative index terms, of which
only those present in the index are kept:

* its stem in the query's language (weight 1), and in the other Cyrillic
  language (0.5) when the word has no Kazakh letter;
* for a Latin word, its English stem, its Kazakh reading (Latin → Cyrillic →
  folded → stemmed; full weight in a Kazakh query) and, in a Kazakh query, the
  word without a Kazakh ending glued to a brand name ("whatsappta");
* for a Cyrillic word, its Latin transliteration (брэнды: "телеграм");
* the concepts of the field vocabulary the word takes part in (0.6);
* when none of these is in the index: stems one or two letters shorter or
  longer (0.7), then fuzzy terms at edit distance 1, or 2 for long words
  (0.6, 0.45), whose surface form becomes the "did you mean" suggestion.

Units are OR-ed (a disjunction-max over each unit's alternatives, fields
weighted title 3 > tags 2 > body 1) and ranked by BM25F, times 1.25 for an
article in the query's language. A hit is kept only when the query's words it
matches carry enough *evidence*: the sum, over matched units, of the
alternative's weight times the term's specificity (its IDF relative to the
rarest possible term). See `docs/search.md` for the rule and its constants.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh import query as wq
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .analysis import (
    Token,
    analyze_word,
    has_kazakh_letter,
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
)
from .language import guess_language, language_scores
from .snippets import make_snippet, markdown_to_text
from .stopwords import is_stop
from .vocabulary import CONCEPT_PREFIX, Vocabulary

TEXT_FIELDS = ("title", "tags", "body")
FIELD_BOOSTS = {"title": 3.0, "tags": 2.0, "body": 1.0, "ac": 2.0}
LANG_BOOST = 1.25
RANK_EVIDENCE_POWER = 1.0  # score = BM25F × evidence^power

W_EXACT = 1.0
W_OTHER_LANG = 0.6  # the word read in a second plausible language
W_TRANSLIT = 0.9
W_LATIN_KK = 0.7  # Kazakh reading of a Latin word in a non-Kazakh query
W_NEAR = 0.7
W_FUZZY = {1: 0.6, 2: 0.45}
W_CONCEPT = 0.6
W_TOPIC = 0.35
W_PREFIX = 1.0
W_PREFIX_BODY = 0.5
CANDIDATES = 40

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


@dataclass
class RawHit:
    """A retrieved article before it becomes a public SearchHit."""

    slug: str
    title: str
    lang: str
    body: str
    score: float
    matched: dict[str, set[str]]  # term -> fields it matched in
    evidence: float = 0.0
    units_matched: int = 0  # units whose evidence is at least UNIT_MIN


@dataclass
class SearchHit:
    """One article found: snippet is HTML-escaped text with <mark>ed matches."""

    slug: str
    title: str
    lang: str
    snippet: str
    score: float


@dataclass
class SearchResult:
    """What a search returns; lang is the given or guessed language."""

    query: str
    lang: str
    hits: list[SearchHit]
    suggestion: str | None


class Lexicon:
    """Document frequencies read from the index, cached for one search."""

    def __init__(self, reader: IndexReader) -> None:
        self.reader = reader
        self.n = max(reader.doc_count(), 1)
        self._df: dict[tuple[str, str], int] = {}
        self._idf_max = self._idf(1)

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

    def df_any(self, term: str, fields: Iterable[str] = TEXT_FIELDS) -> int:
        """The largest document frequency of the term over the fields."""
        return max(self.df(f, term) for f in fields)

    def _idf(self, df: int) -> float:
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def specificity(self, term: str, fields: Iterable[str] = TEXT_FIELDS) -> float:
        """IDF of the term relative to a term found in one article (0..1)."""
        df = self.df_any(term, fields)
        return self._idf(max(df, 1)) / self._idf_max if self._idf_max > 0 else 1.0


def _latin_bases(word: str) -> list[str]:
    bases = []
    for ending in _LATIN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            bases.append(word[: -len(ending)])
    return bases


def _length_factor(term: str) -> float:
    """Short stems (ма, ки, из) stand for many words: they count for less."""
    return 0.3 if len(term) <= 2 else 0.7 if len(term) == 3 else 1.0


def _word_alternatives(word: str, lang: str) -> list[Alt]:
    alts: list[Alt] = []
    if is_latin(word):
        alts.append(Alt(stem_english(word), W_EXACT, "exact"))
        kk_weight = W_EXACT if lang == "kk" else W_LATIN_KK
        alts.append(Alt(stem_kazakh(word), kk_weight, "kk-latin"))
        if "ng" in word:  # phone Latin writes ң as ng
            alts.append(
                Alt(stem_kazakh(word.replace("ng", "ñ")), kk_weight, "kk-latin")
            )
        if lang == "kk":
            for base in _latin_bases(word):
                alts.append(Alt(stem_english(base), W_TRANSLIT, "exact"))
    elif is_cyrillic(word):
        kazakh_first = lang == "kk" or has_kazakh_letter(word)
        primary = stem_kazakh(word) if kazakh_first else stem_russian(word)
        alts.append(Alt(primary, W_EXACT, "exact"))
        for latin in {
            cyrillic_to_latin(word),
            cyrillic_to_latin(stem_russian_raw(word)),
        }:
            alts.append(Alt(stem_english(latin), W_TRANSLIT, "translit"))
    else:
        alts.append(Alt(word, W_EXACT, "exact"))
    for alt in alts:
        alt.weight *= _length_factor(alt.term)
    return alts


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
    longer = []
    for candidate in lexicon.reader.expand_prefix("body", term):
        text = candidate.decode("utf-8") if isinstance(candidate, bytes) else candidate
        if len(text) > len(term) + 2:
            continue
        if text != term:
            longer.append(text)
        if len(longer) >= 3:
            break
    alts.extend(Alt(t, W_NEAR, "near") for t in longer)
    return alts


def _fuzzy_alts(term: str, lexicon: Lexicon) -> list[Alt]:
    if len(term) < 6 or term.startswith(CONCEPT_PREFIX):
        return []
    maxdist = 2 if len(term) >= 9 else 1
    found: dict[str, int] = {}
    for fieldname in ("title", "body"):
        for candidate in lexicon.reader.terms_within(
            fieldname, term, maxdist, prefix=1
        ):
            text = (
                candidate.decode("utf-8") if isinstance(candidate, bytes) else candidate
            )
            if text != term:
                found[text] = min(found.get(text, 9), _distance(term, text))
    for swapped in _transpositions(term):
        if swapped != term and lexicon.df_any(swapped):
            found[swapped] = 1
    ranked = sorted(found.items(), key=lambda kv: (kv[1], -lexicon.df_any(kv[0])))
    return [Alt(t, W_FUZZY.get(d, W_FUZZY[2]), f"fuzzy{d}") for t, d in ranked[:2]]


def _distance(a: str, b: str) -> int:
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
        if len(form) < 3:
            continue
        count = 0
        for candidate in lexicon.reader.expand_prefix("body", form):
            text = (
                candidate.decode("utf-8") if isinstance(candidate, bytes) else candidate
            )
            alts.append(Alt(text, W_PREFIX_BODY, "prefix-body", ("body",)))
            count += 1
            if count >= 12:
                break
    return alts


@dataclass
class QueryPlan:
    """The analysed query: units found in the index, and how many words it had."""

    units: list[Unit]
    n_words: int


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
    weights = _sentence_weights(text, tokens)
    kk_latin = lang == "kk"
    units: list[Unit] = []
    candidates: list[list[Alt]] = []
    for index, token in enumerate(tokens):
        last = prefix and index == len(tokens) - 1
        word = token.word
        if not last and is_stop(word, latin_kazakh=kk_latin and is_latin(word)):
            continue
        if not last and is_stop(word):
            continue
        units.append(Unit(token, is_prefix=last, weight=weights[index]))
        alts = _word_alternatives(word, lang)
        if second_lang and second_lang != lang:
            for alt in _word_alternatives(word, second_lang):
                alt.weight *= W_OTHER_LANG
                if alt.kind == "exact":
                    alt.kind = "other"
                alts.append(alt)
        candidates.append(alts)

    # concepts: single-word terms, and phrases over the sequence of candidates
    lattice = [{a.term for a in alts if a.kind != "other"} for alts in candidates]
    concepts: list[set[str]] = [set() for _ in units]
    topics: list[set[str]] = [set() for _ in units]
    for i, stems in enumerate(lattice):
        for stem in stems:
            concepts[i] |= vocabulary.concepts_of(stem)
            topics[i] |= vocabulary.topics_of(stem)
    for members, concept in vocabulary.find_lattice(lattice):
        for i in members:
            concepts[i].add(concept)

    for unit, alts, unit_concepts, unit_topics in zip(
        units, candidates, concepts, topics, strict=True
    ):
        kept = [a for a in _dedupe(alts) if lexicon.df_any(a.term)]
        if not kept and len(unit.token.word) >= 4:
            for base in _dedupe([a for a in alts if a.kind in ("exact", "kk-latin")]):
                kept.extend(_near_alts(base.term, lexicon))
            if not kept:
                for base in _dedupe(
                    [a for a in alts if a.kind in ("exact", "kk-latin")]
                ):
                    kept.extend(_fuzzy_alts(base.term, lexicon))
        kept.extend(
            Alt(c, W_CONCEPT, "concept")
            for c in sorted(unit_concepts)
            if lexicon.df_any(c)
        )
        kept.extend(
            Alt(t, W_TOPIC, "topic") for t in sorted(unit_topics) if lexicon.df_any(t)
        )
        if unit.is_prefix:
            kept.extend(_prefix_alts(unit.token.word, lang, lexicon))
        unit.alts = _dedupe(kept)
    return QueryPlan([u for u in units if u.alts], len(units))


def build_query(units: list[Unit], lexicon: Lexicon) -> wq.Query | None:
    """Make the Whoosh query: OR over units, disjunction-max over alternatives."""
    unit_queries: list[wq.Query] = []
    for unit in units:
        alt_queries: list[wq.Query] = []
        for alt in unit.alts:
            terms = [
                wq.Term(f, alt.term, boost=FIELD_BOOSTS[f] * alt.weight * unit.weight)
                for f in alt.fields
                if lexicon.df(f, alt.term)
            ]
            if terms:
                alt_queries.append(terms[0] if len(terms) == 1 else wq.Or(terms))
        if alt_queries:
            unit_queries.append(
                alt_queries[0]
                if len(alt_queries) == 1
                else wq.DisjunctionMax(alt_queries, tiebreak=0.1)
            )
    if not unit_queries:
        return None
    return unit_queries[0] if len(unit_queries) == 1 else wq.Or(unit_queries)


BODY_ONLY = 0.6  # evidence of a word found in the body but not in title or tags


UNIT_MIN = 0.25  # the evidence of one query word that counts as a real match


def evidence(
    units: list[Unit], matched: dict[str, set[str]], lexicon: Lexicon
) -> tuple[float, int]:
    """Sum over units of the best matched alternative's weight × specificity.

    Also returns how many units matched with at least UNIT_MIN each.
    """
    total = 0.0
    count = 0
    for unit in units:
        best = 0.0
        for alt in unit.alts:
            where = matched.get(alt.term)
            if where:
                value = alt.weight * lexicon.specificity(alt.term, alt.fields)
                value *= unit.weight
                if where == {"body"}:
                    value *= BODY_ONLY
                best = max(best, value)
        total += best
        count += best >= UNIT_MIN
    return total, count


def query_mass(units: list[Unit], lexicon: Lexicon) -> float:
    """The evidence a document matching every unit at its best would have."""
    return sum(
        unit.weight
        * max(a.weight * lexicon.specificity(a.term, a.fields) for a in unit.alts)
        for unit in units
        if unit.alts
    )


_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
NARRATIVE = 0.7  # weight of words outside the questions of a long message


def _sentence_weights(text: str, tokens: list[Token]) -> list[float]:
    """In a message of several sentences with a question, the question counts most.

    People tell the story first and put the need into the question; words of
    the other sentences (who they are, what happened around) weigh less.
    """
    sentences = [
        (m.start(), m.end(), "?" in m.group()) for m in _SENTENCE.finditer(text)
    ]
    sentences = [s for s in sentences if text[s[0] : s[1]].strip()]
    if len(sentences) < 2 or not any(q for _a, _b, q in sentences):
        return [1.0] * len(tokens)
    weights = []
    for token in tokens:
        is_question = next((q for a, b, q in sentences if a <= token.start < b), False)
        weights.append(1.0 if is_question else NARRATIVE)
    return weights


def resolve_language(query: str, lang: str | None) -> str:
    """The given language if valid, else the one guessed from the query."""
    if lang in ("kk", "ru", "en"):
        return lang  # type: ignore[return-value]
    return guess_language(query)


def highlight(
    body_markdown: str,
    doc_lang: str,
    matched: set[str],
    vocabulary: Vocabulary,
    prefixes: list[str],
) -> str:
    """A snippet of the body with the matched words marked."""
    text = markdown_to_text(body_markdown)
    cache: dict[str, bool] = {}

    def is_match(token: Token) -> bool:
        word = token.word
        hit = cache.get(word)
        if hit is None:
            term = analyze_word(word, doc_lang) if not is_stop(word) else ""
            hit = bool(term) and (
                term in matched or bool(vocabulary.concepts_of(term) & matched)
            )
            if not hit and prefixes:
                folded = fold_cyrillic(word) if is_cyrillic(word) else word
                hit = any(folded.startswith(p) for p in prefixes)
            cache[word] = hit
        return hit

    return make_snippet(text, is_match)


def suggest(query: str, units: list[Unit], hits: list[RawHit]) -> str | None:
    """Rewrite the query with the words its fuzzy matches stand for, if any."""
    replacements: list[tuple[Token, str]] = []
    for unit in units:
        if unit.is_prefix or any(a.kind in ("exact", "translit") for a in unit.alts):
            continue
        fuzzy = {a.term for a in unit.alts if a.kind.startswith("fuzzy")}
        if not fuzzy:
            continue
        typed = unit.token.word
        best: tuple[int, str] | None = None
        for hit in hits[:3]:
            if not fuzzy & hit.matched.keys():
                continue
            for token in tokenize(hit.title + "\n" + markdown_to_text(hit.body)):
                if is_latin(token.word) != is_latin(typed):
                    continue
                if analyze_word(token.word, hit.lang) in fuzzy:
                    d = _distance(typed, token.word)
                    if best is None or d < best[0]:
                        best = (d, token.word)
        if best is not None and best[1] != typed:
            replacements.append((unit.token, best[1]))
    if not replacements:
        return None
    out, cursor = [], 0
    lowered = query.lower()
    for token, word in sorted(replacements, key=lambda r: r[0].start):
        out.append(query[cursor : token.start])
        original = query[token.start : token.end]
        out.append(word.capitalize() if original[:1].isupper() else word)
        cursor = token.end
    out.append(query[cursor:])
    suggestion = "".join(out)
    return suggestion if suggestion.lower() != lowered else None


def second_language(query: str, lang: str | None) -> tuple[str, str | None]:
    """The language to read the query in, and a second one worth trying."""
    scores = language_scores(query)
    ranked = sorted(scores, key=lambda k: scores[k], reverse=True)
    if lang in ("kk", "ru", "en"):
        guess = ranked[0]
        strong = scores[guess] >= 2 * scores[lang] + 2  # type: ignore[index]
        return lang, (guess if guess != lang and strong else None)  # type: ignore[return-value]
    best, runner = ranked[0], ranked[1]
    if scores[best] <= 0:
        return guess_language(query), None
    close = scores[runner] > 0 and scores[runner] >= 0.5 * scores[best]
    return best, (runner if close else None)


EVIDENCE_MIN = 0.9  # a query of up to three words: about one specific word in a title
EVIDENCE_PER_WORD = 0.025  # each further word: more chances of a chance match
EVIDENCE_MAX = 1.4
EVIDENCE_PREFIX = 0.5
MIN_UNITS = 2  # words of the query that must match (one for a one-word query)


def accept(hit: RawHit, plan: QueryPlan, prefix: bool) -> bool:
    """Is the evidence of this hit enough for the query to call it an answer?"""
    if prefix:
        return hit.evidence >= EVIDENCE_PREFIX
    if hit.units_matched < min(MIN_UNITS, plan.n_words):
        return False
    needed = EVIDENCE_MIN + EVIDENCE_PER_WORD * max(0, plan.n_words - 3)
    return hit.evidence >= min(needed, EVIDENCE_MAX)


def run_search(
    searcher: Searcher,
    vocabulary: Vocabulary,
    query: str,
    lang: str | None,
    limit: int,
    prefix: bool,
) -> SearchResult:
    """Search with an open Whoosh searcher (see the module docstring)."""
    query = query.strip()
    lang_used, second = second_language(query, lang)
    if not query:
        return SearchResult(query, lang_used, [], None)
    lexicon = Lexicon(searcher.reader())
    plan = analyze_query(query, lang_used, lexicon, vocabulary, prefix, second)
    whoosh_query = build_query(plan.units, lexicon)
    if whoosh_query is None:
        return SearchResult(query, lang_used, [], None)
    raw: list[RawHit] = []
    for hit in searcher.search(whoosh_query, limit=CANDIDATES, terms=True):
        stored = hit.fields()
        matched: dict[str, set[str]] = {}
        for fieldname, term in hit.matched_terms():
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            matched.setdefault(text, set()).add(fieldname)
        total, count = evidence(plan.units, matched, lexicon)
        raw.append(
            RawHit(
                slug=stored["slug"],
                title=stored.get("title_text", ""),
                lang=stored["lang"],
                body=stored.get("body_text", ""),
                score=hit.score * (LANG_BOOST if stored["lang"] == lang_used else 1.0),
                matched=matched,
                evidence=total,
                units_matched=count,
            )
        )
    for h in raw:
        h.score *= h.evidence**RANK_EVIDENCE_POWER
    raw.sort(key=lambda h: h.score, reverse=True)
    kept = [h for h in raw if accept(h, plan, prefix)][:limit]
    prefixes = [
        a.term for u in plan.units if u.is_prefix for a in u.alts if a.kind == "prefix"
    ]
    hits = [
        SearchHit(
            slug=h.slug,
            title=h.title,
            lang=h.lang,
            snippet=highlight(h.body, h.lang, set(h.matched), vocabulary, prefixes),
            score=round(h.score, 4),
        )
        for h in kept
    ]
    suggestion = suggest(query, plan.units, kept or raw[:3])
    return SearchResult(query, lang_used, hits, suggestion)
