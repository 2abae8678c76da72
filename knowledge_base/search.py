"""Retrieval, evidence, the relevance threshold, snippets and suggestions.

Whoosh stores the postings; scoring is done here, in two steps, because
Whoosh's matcher tree costs about ten microseconds a posting in Python while
reading a posting list's document numbers costs well under one:

1. Candidates. The (alternative, field) pairs of all query units are taken
   from the rarest to the commonest, and each article on a pair's posting list
   gets the pair's value for its unit (keeping the best value per unit):
   weight × unit weight × specificity, halved for the body. Pairs are read
   until a budget of postings is spent; the commonest ones, which would add
   little, are left to step 2. The best CANDIDATES articles go on.
2. Evidence. For each candidate, from its stored term sets, the exact sum over
   units of the best matched alternative's value (see `evidence`; a body
   match of an article longer than most counts less), and how many units
   matched with at least UNIT_MIN. Hits are ranked by evidence,
   times LANG_BOOST for an article in the query's language (and
   STARTER_WEIGHT for an unedited starter article), and kept only if
   `accept` says the evidence is enough (or, after a clear answer, if they
   come near it); a starter article needs more (STARTER_NEEDS, and
   STARTER_NEEDS_BESIDE_OWN once the centre has articles of its own), and after
   a story an article must match a word of a question that has words of its
   own (QUESTION_WORDS), and when such a question of QUESTION_ALONE words
   finds nothing asked alone, the message gets no answer. Each answer is
   then listed once, in the reader's language where it has that version
   (`with_translations`, `one_per_answer`).

Specificity is a term's IDF divided by the IDF of a term found in a single
article: 1 for the rarest words, near 0 for words in most articles.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray
from whoosh.reading import IndexReader
from whoosh.searching import Searcher

from .analysis import Token, analyze_word, tokenize
from .folding import fold_cyrillic, is_cyrillic, is_latin
from .language import LANGUAGES
from .postings import posting_ids
from .query import (
    QUESTION_WORDS,
    Alt,
    Lexicon,
    QueryPlan,
    Unit,
    analyze_query,
    edit_distance,
    second_language,
)
from .snippets import make_snippet, markdown_to_text
from .vocabulary import CONCEPT_PREFIX, Vocabulary

LANG_BOOST = 1.25  # an article in the asker's language ranks this much higher
# An unedited starter article ranks at this share of the centre's own
# articles: a centre that wrote its own answer wants it seen first, even in
# another language (LANG_BOOST does not lift a starter answer in the asker's
# language over it unless its evidence is 1.6 times as strong); the starter
# answer still follows it.
STARTER_WEIGHT = 0.5
# An unedited starter article needs STARTER_NEEDS times the evidence of the
# centre's own to be an answer (1.83 instead of EVIDENCE_MIN) or to follow a
# clear one: the starter articles are long general seeds on every topic, and a
# question nobody answered matches a couple of their words by chance. Where
# three query words name one concept the article holds (a phrase of the
# vocabulary: "телефонымды автобуста қалдырып кеттім"), the match is no chance:
# it needs STARTER_PHRASE_NEEDS times as much, what the centre's own needs. So
# does a concept told in other words (see query.py) that the article holds,
# while the starter articles are all the centre has.
STARTER_NEEDS = 5 / 3
STARTER_PHRASE_NEEDS = 1.0
# Once the centre has articles of its own, they answer its questions and a
# starter article with middling evidence is more often a chance match than the
# answer: it needs STARTER_NEEDS_BESIDE_OWN times as much (2.2). A centre with
# the starter articles alone keeps STARTER_NEEDS: they are all it has. In
# between, the bar rises with the centre's own articles, reaching the full one
# at OWN_ARTICLES_FULL, as many as the starter base has answers: a centre's
# first article of its own does not cover what the starter articles answered.
STARTER_NEEDS_BESIDE_OWN = 2.0
OWN_ARTICLES_FULL = 50
PHRASE_WORDS = 3
# ... is about something the knowledge base does not hold when fewer than this
# share of them occur in it: the story's words then match by chance
QUESTION_KNOWN = 0.5
TITLE_FOCUS = 0.2  # up to this much more for a title made of the query's words
BODY_ONLY = 0.5  # a word found only in the body counts half (title, tags: full)
# A body match in an article longer than the mean counts (mean / length) **
# LENGTH_POWER, at least LENGTH_FLOOR: a long article holds more words, and so
# more of a long message's words by chance.
LENGTH_POWER = 0.5
LENGTH_FLOOR = 0.6
UNIT_MIN = 0.2  # the evidence of one query word that counts as a real match
CANDIDATES = 50
POSTINGS_BUDGET = 40_000  # postings read in step 1, after the two rarest pairs
PREFIX_POSTINGS_BUDGET = 15_000  # as you type: fewer, the titles matter most
MIN_PAIRS = 2
MAX_UNITS = 32
VALUE_FLOOR = 0.05  # pairs worth less than this are not read in step 1

# accept(): a hit that matches every word of a query of up to SHORT_QUERY
# words is an answer, unless its title shares only the request's frame with
# the query. Otherwise it needs at least MIN_UNITS matched words (one
# in a one-word query) and EVIDENCE_MIN in all: about two specific words, or
# one specific word of its title. As-you-type searches need EVIDENCE_PREFIX.
# Words matched in the body by one term (the concept of "продать квартиру")
# count as one matched word: the article mentions it once.
SHORT_QUERY = 3
# ... but an unedited starter article must hold one of several such words in
# its title or tags: the starter articles are long, and the one on the
# kindergarten queue holds "ЭЦҚ", "құпиясөз" and "ұмыттым" in passing. A word
# looked up alone ("ЭЦП") lists every article that uses it, the articles about
# it first.
MIN_UNITS = 2
# ... or one well matched word with at least WIDE_UNITS words, half of the
# query's, matched at all: in "пришла смс, что выиграла машину, надо оплатить
# доставку" the prize is the one telling word, the others are common ones
# that the article on fake prizes holds too
WIDE_UNITS = 3
# The evidence an answer needs: about one specific word of its title and a
# little more, or three specific words of its body (see docs/search.md)
EVIDENCE_MIN = 1.1
# The title and tags name what an article is about. A hit whose title and tags
# hold none of the query's needs (words neither of its frame nor of its
# setting) speaks of them in passing: "тариф мобильной связи" in an article on
# saving photos that warns of the mobile tariff. It needs SUBJECT_IN_BODY times
# the evidence, unless PHRASE_WORDS query words name one concept of its body
# ("телефонымды автобуста қалдырып" in the article on a lost phone).
SUBJECT_IN_BODY = 1.3
EVIDENCE_PREFIX = 0.5
# A query answered clearly (a hit with CLEAR_ANSWER of evidence, twice what an
# answer needs) is about something the knowledge base knows: other articles
# that match its words with RELATED_MIN (and MIN_UNITS words) are listed after
# the answers. Among many articles on one topic, the words of an everyday
# story spread over them, and the one that answers may fall just under
# EVIDENCE_MIN. A query with no clear answer gets no such help.
CLEAR_ANSWER = 2 * EVIDENCE_MIN
RELATED_MIN = 0.5
# A query word found only in the body, with no other query word within
# NEAR_WORDS words of it there (stop words not counted), counts ISOLATED of its
# value: words of one need stand together, words an article uses for
# something else do not.
NEAR_WORDS = 12
ISOLATED = 0.5


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


@dataclass
class RawHit:
    """A candidate article with its evidence."""

    slug: str
    title: str
    lang: str
    body: str
    score: float
    matched: dict[str, set[str]]  # term -> "head" and/or "body"
    evidence: float = 0.0
    units_matched: int = 0  # units matched with at least UNIT_MIN
    units_any: int = 0  # units matched at all
    body_weight: float = BODY_ONLY  # of a word found only in the body
    group: str | None = None  # translation group: one answer in its languages
    starter: bool = False  # an unedited starter article
    # ... beside articles of the centre's own: their number over
    # OWN_ARTICLES_FULL, at most 1 (see `_needed`)
    own_coverage: float = 0.0
    phrase: bool = False  # PHRASE_WORDS query words name one of its concepts
    told: bool = False  # it holds a concept the query tells in other words
    # matches a word of a story message's question: a question of its own
    # words (QUESTION_WORDS) names its topic, and an article that matches only
    # the story around it (the pension card, the grandson's phone) is about
    # something else
    speaks_to_question: bool = True
    # matches a query word that is neither of its frame nor of its setting
    # (see query.Unit.setting): "такси" in "как вызвать такси через приложение
    # для пожилого человека"
    meets_a_need: bool = True
    # ... in its title or tags, or names a phrase (see SUBJECT_IN_BODY)
    need_in_head: bool = True


# per query word, its alternatives: (term, value in the title or tags, value
# in the body before the body's weight)
Values = list[list[tuple[str, float, float]]]


def _specificity(lexicon: Lexicon, alt: Alt, field: str) -> float:
    """How telling the term is where it is found (see "Specificity" in docs).

    In the title or tags it counts by the articles that have it there: "звонок
    из банка" is in the bodies of many articles and in the titles of the few
    that are about it. In the body, by every article that has it anywhere.
    """
    if field == "head" and "head" in alt.fields:
        return lexicon.specificity(alt.term, ("head",))
    return lexicon.specificity(alt.term, alt.fields)


def _value(weight: float, specificity: float, field: str) -> float:
    return weight * specificity * (BODY_ONLY if field == "body" else 1.0)


def candidates(
    searcher: Searcher, plan: QueryPlan, lexicon: Lexicon, budget: int = 0
) -> list[int]:
    """Step 1: document numbers of the articles most likely to match."""
    budget = budget or POSTINGS_BUDGET
    pairs: list[tuple[int, float, int, str, str]] = []
    for index, unit in enumerate(plan.units):
        for alt in unit.alts:
            weight = alt.weight * unit.weight
            for field in alt.fields:
                df = lexicon.df(field, alt.term)
                if df:
                    value = _value(weight, _specificity(lexicon, alt, field), field)
                    pairs.append((df, -value, index, field, alt.term))
    pairs.sort()
    chosen: list[tuple[float, int, str, str]] = []
    spent = 0
    for number, (df, negative, index, field, term) in enumerate(pairs):
        if number >= MIN_PAIRS:
            if -negative < VALUE_FLOOR:
                continue
            if spent + df > budget:
                break
        spent += df
        chosen.append((-negative, index, field, term))
    # per unit, the best value for each article: ascending values, so that a
    # better alternative overwrites a worse one; then the sum over units
    chosen.sort()
    reader = searcher.reader()
    lists: dict[int, list[tuple[float, NDArray[np.int64]]]] = {}
    for value, index, field, term in chosen:
        docs = posting_ids(reader, field, term)
        if len(docs):
            lists.setdefault(index, []).append((value, docs))
    totals = np.zeros(reader.doc_count_all())
    best = np.zeros_like(totals)
    listed = np.zeros(len(totals), dtype=bool)  # a value of 0 still lists it
    for unit_lists in lists.values():
        for _unused, docs in unit_lists:
            listed[docs] = True
        if len(unit_lists) == 1:  # one posting list holds each article once
            value, docs = unit_lists[0]
            totals[docs] += value
            continue
        best.fill(0.0)
        for value, docs in unit_lists:
            best[docs] = value
        totals += best
    return _best_documents(totals, np.flatnonzero(listed), CANDIDATES)


def _best_documents(
    totals: NDArray[np.float64], found: NDArray[np.int64], count: int
) -> list[int]:
    """The `count` documents found of highest total, best first; ties by number."""
    if len(found) > count:
        values = totals[found]
        cut = values[np.argpartition(-values, count - 1)[count - 1]]
        above = found[values > cut]
        found = np.concatenate((above, found[values == cut][: count - len(above)]))
    order = np.lexsort((found, -totals[found]))
    return [int(doc) for doc in found[order]]


def _unit_values(plan: QueryPlan, lexicon: Lexicon) -> Values:
    """Per unit: (term, value in the head, value in the body) of each alternative.

    The body value is before the body's weight (`BODY_ONLY`, article length).
    """
    return [
        [
            (
                alt.term,
                alt.weight * unit.weight * _specificity(lexicon, alt, "head"),
                alt.weight * unit.weight * _specificity(lexicon, alt, "body"),
            )
            for alt in unit.alts
        ]
        for unit in plan.units
    ]


def evidence(
    values: Values,
    matched: dict[str, set[str]],
    body: float = BODY_ONLY,
) -> tuple[float, int, int]:
    """Sum over units of the best matched value; units matched well, and at all.

    Units matched through the same body-only term count once, in both counts
    (see above).
    """
    total = 0.0
    telling: set[str] = set()
    head_units = 0
    any_count = 0
    body_terms: set[str] = set()
    for alternatives in values:
        best = 0.0
        best_term = ""
        found = False
        for term, in_head, in_body in alternatives:
            where = matched.get(term)
            if where:
                found = True
                value = in_head if "head" in where else in_body * body
                if value > best:
                    best = value
                    best_term = term
        total += best
        if best >= UNIT_MIN:
            if "head" in matched[best_term]:
                head_units += 1
            else:
                telling.add(best_term)
        repeated = best_term in body_terms  # a body term again: one word matched
        if best_term and "head" not in matched[best_term]:
            body_terms.add(best_term)
        any_count += found and not repeated
    return total, len(telling) + head_units, any_count


def _isolated_units(
    values: Values,
    matched: dict[str, set[str]],
    positions: dict[str, list[int]],
) -> set[int]:
    """Units matched only in the body, with no other matched unit near them.

    A unit matched in the title or tags names what the article is about: the
    body words of a question then stand beside it, wherever they are.
    """
    in_head = False
    where: list[list[int]] = []  # body positions of each unit's matches
    for alternatives in values:
        found = [term for term, *_values in alternatives if matched.get(term)]
        in_head = in_head or any("head" in matched[term] for term in found)
        where.append(sorted(p for term in found for p in positions.get(term, ())))
    if in_head:
        return set()
    isolated = set()
    for index, mine in enumerate(where):
        near = any(
            abs(a - b) <= NEAR_WORDS
            for other, theirs in enumerate(where)
            if other != index
            for a in mine
            for b in theirs
        )
        if mine and not near:
            isolated.add(index)
    return isolated


def _scaled(values: Values, units: set[int]) -> Values:
    return [
        [(term, head * ISOLATED, body * ISOLATED) for term, head, body in alternatives]
        if index in units
        else alternatives
        for index, alternatives in enumerate(values)
    ]


def with_proximity(
    hit: RawHit,
    plan: QueryPlan,
    values: Values,
    vocabulary: Vocabulary,
) -> None:
    """Recount a hit's evidence with its isolated body words at ISOLATED.

    Only where it can matter: a hit that stays an answer even with all its
    body-only words at ISOLATED keeps its evidence, and its body is not read.
    """
    body_only = {
        index
        for index, alternatives in enumerate(values)
        if not any("head" in hit.matched.get(term, ()) for term, *_v in alternatives)
    }
    worst = replace(hit)
    worst.evidence, worst.units_matched, worst.units_any = evidence(
        _scaled(values, body_only), hit.matched, hit.body_weight
    )
    if accept(worst, plan, False):
        return
    positions: dict[str, list[int]] = {}
    for term, position in vocabulary.annotate(markdown_to_text(hit.body), hit.lang):
        positions.setdefault(term, []).append(position)
    isolated = _isolated_units(values, hit.matched, positions)
    if not isolated:
        return
    boost = hit.score / hit.evidence if hit.evidence else 1.0
    scaled = _scaled(values, isolated)
    hit.evidence, hit.units_matched, hit.units_any = evidence(
        scaled, hit.matched, hit.body_weight
    )
    hit.score = hit.evidence * boost


def _answers(
    raw: list[RawHit],
    plan: QueryPlan,
    values: Values,
    vocabulary: Vocabulary,
    limit: int,
) -> list[RawHit]:
    """The accepted hits, best first, proximity counted (see `with_proximity`).

    Proximity only lowers a score, so the hits are taken best first until the
    next one cannot reach the first `limit` any more: only those are read.
    """
    kept: list[RawHit] = []
    for hit in raw:
        if len(kept) >= limit and hit.score <= sorted(h.score for h in kept)[-limit]:
            break
        if accept(hit, plan, False):
            with_proximity(hit, plan, values, vocabulary)
            if accept(hit, plan, False):
                kept.append(hit)
    if len(kept) < limit and max((h.evidence for h in kept), default=0) >= CLEAR_ANSWER:
        kept.extend(_related(raw, kept, plan, values, vocabulary, limit - len(kept)))
    kept.sort(key=lambda h: (-h.score, h.slug))
    return kept


def _related(
    raw: list[RawHit],
    kept: list[RawHit],
    plan: QueryPlan,
    values: Values,
    vocabulary: Vocabulary,
    room: int,
) -> list[RawHit]:
    """Up to `room` hits under the threshold that a clear answer lets through."""
    taken = {h.slug for h in kept}
    related: list[RawHit] = []
    for hit in raw:
        if len(related) >= room:
            break
        if hit.slug in taken or not _near_answer(hit, plan):
            continue
        with_proximity(hit, plan, values, vocabulary)
        if _near_answer(hit, plan):
            related.append(hit)
    return related


def _near_answer(hit: RawHit, plan: QueryPlan) -> bool:
    return hit.evidence >= _needed(hit, RELATED_MIN) and hit.units_matched >= min(
        MIN_UNITS, plan.n_words
    )


def _length_norm(reader: IndexReader, doc: int, mean_length: float) -> float:
    """How much a body match counts in this article, for its length (see above)."""
    length = reader.doc_field_length(doc, "body", 0)
    if length <= mean_length:
        return 1.0
    return max(LENGTH_FLOOR, (mean_length / length) ** LENGTH_POWER)


def accept(hit: RawHit, plan: QueryPlan, prefix: bool) -> bool:
    """Is the evidence of this hit enough for the query to call it an answer?"""
    if prefix:
        return hit.evidence >= EVIDENCE_PREFIX
    if (
        plan.n_words <= SHORT_QUERY
        and hit.units_any == plan.n_words
        and not _title_frames_only(hit, plan)
        and (not hit.starter or plan.n_words == 1 or any(_in_head(hit, plan)))
    ):
        return True  # every word of a short query: "ЭЦП", "пароль egov"
    if hit.units_matched < min(MIN_UNITS, plan.n_words) and not (
        hit.units_matched >= 1
        and hit.units_any >= WIDE_UNITS
        and 2 * hit.units_any >= len(plan.units)
    ):
        return False
    if plan.question_words >= QUESTION_WORDS and (
        not hit.speaks_to_question
        or plan.question_known < QUESTION_KNOWN * plan.question_words
    ):
        return False
    if plan.needs and not hit.meets_a_need:
        return False
    needed = _needed(hit, EVIDENCE_MIN)
    if plan.needs and not hit.need_in_head:
        needed *= SUBJECT_IN_BODY
    return hit.evidence >= needed


def _in_head(hit: RawHit, plan: QueryPlan) -> list[bool]:
    """For each query word, does the hit's title or tags hold it?"""
    return [
        any("head" in hit.matched.get(a.term, ()) for a in unit.alts)
        for unit in plan.units
    ]


def _title_frames_only(hit: RawHit, plan: QueryPlan) -> bool:
    """Are the query words in the hit's title or tags only words of its frame?

    "как узнать свой ИИН онлайн" has all its words in an article "Налог на
    имущество онлайн" that mentions the ИИН in its body: a title that shares
    only the frame of the request (онлайн, узнать) names another subject.
    """
    in_head = _in_head(hit, plan)
    return any(in_head) and all(
        unit.frame for unit, found in zip(plan.units, in_head, strict=True) if found
    )


def _needed(hit: RawHit, evidence: float) -> float:
    """The evidence a hit needs: an unedited starter article needs more (see above)."""
    if not hit.starter:
        return evidence
    if hit.phrase:
        return evidence * STARTER_PHRASE_NEEDS
    # the bar of a centre with the starter articles alone, rising with its own
    alone = STARTER_PHRASE_NEEDS if hit.told else STARTER_NEEDS
    return evidence * (alone + (STARTER_NEEDS_BESIDE_OWN - alone) * hit.own_coverage)


def _names_a_phrase(values: Values, matched: dict[str, set[str]]) -> bool:
    """Do PHRASE_WORDS query words name one concept the article holds?

    Three words of one story ("телефонымды автобуста қалдырып") are no
    chance; two may be one term written in two words ("вай фай").
    """
    words: Counter[str] = Counter()
    for alternatives in values:
        words.update(
            {
                term
                for term, *_values in alternatives
                if term.startswith(CONCEPT_PREFIX) and term in matched
            }
        )
    return any(count >= PHRASE_WORDS for count in words.values())


def _matched_terms(stored: dict, plan: QueryPlan) -> dict[str, set[str]]:
    wanted = {a.term for u in plan.units for a in u.alts}
    matched: dict[str, set[str]] = {}
    for where, key in (("head", "head_terms"), ("body", "body_terms")):
        for term in wanted.intersection(stored.get(key, "").split()):
            matched.setdefault(term, set()).add(where)
    prefixes = [a.term for u in plan.units for a in u.alts if a.kind == "prefix"]
    if prefixes:
        words = stored.get("head_words", "").split()
        for prefix in prefixes:
            if any(w.startswith(prefix) for w in words):
                matched.setdefault(prefix, set()).add("head")
    return matched


def highlight(
    body_markdown: str,
    doc_lang: str,
    matched: set[str],
    vocabulary: Vocabulary,
    prefixes: list[str],
    weights: Mapping[str, float] | None = None,
) -> str:
    """A snippet of the body with the matched words marked.

    `weights` gives each term of the query its value (`_term_values`): the
    snippet shows the passage with the most telling ones ("несудимости"
    rather than "онлайн" and "получить").
    """

    def match_key(word: str) -> str | None:
        """The matched term a word stands for: its stem, or else a concept."""
        terms = vocabulary.terms_of_word(word, doc_lang)
        if terms and terms[0] in matched:
            return terms[0]
        concepts = matched.intersection(terms[1:])
        if concepts:
            return min(concepts)
        if prefixes:
            folded = fold_cyrillic(word) if is_cyrillic(word) else word
            return next((p for p in prefixes if folded.startswith(p)), None)
        return None

    return make_snippet(markdown_to_text(body_markdown), match_key, weights=weights)


def suggest(query: str, units: list[Unit], hits: list[RawHit]) -> str | None:
    """The query with each word found only by fuzzy matching spelled as in the hits."""
    replacements: list[tuple[Token, str]] = []
    for unit in units:
        if unit.is_prefix or any(
            a.kind in ("exact", "translit", "variant") for a in unit.alts
        ):
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
                    distance = edit_distance(typed, token.word)
                    if best is None or distance < best[0]:
                        best = (distance, token.word)
        if best is not None and best[1] != typed:
            replacements.append((unit.token, best[1]))
    if not replacements:
        return None
    out, cursor = [], 0
    for token, word in sorted(replacements, key=lambda r: r[0].start):
        out.append(query[cursor : token.start])
        original = query[token.start : token.end]
        out.append(word.capitalize() if original[:1].isupper() else word)
        cursor = token.end
    out.append(query[cursor:])
    suggestion = "".join(out)
    return suggestion if suggestion.lower() != query.lower() else None


def with_translations(
    searcher: Searcher, plan: QueryPlan, hits: list[RawHit], lang: str
) -> list[RawHit]:
    """Put the reader's-language version of each answer found right before it.

    `one_per_answer` then keeps only that version.

    `lang` ranks: when the search finds an answer in another language and the
    same answer (its translation group) exists in the reader's language, that
    version is shown first, whether or not its own words matched as well.
    """
    reader = searcher.reader()
    out: list[RawHit] = []
    seen: set[str] = set()
    shown = {h.slug for h in hits}
    for hit in hits:
        if hit.slug in seen:
            continue
        if hit.lang != lang:
            group = reader.stored_fields(_docnum(searcher, hit.slug)).get("group")
            if group:
                for doc in searcher.document_numbers(group_id=group, lang=lang):
                    stored = reader.stored_fields(doc)
                    sibling = stored["slug"]
                    if sibling in seen or (
                        sibling in shown and not _below(hits, sibling, hit)
                    ):
                        continue
                    seen.add(sibling)
                    out.append(
                        RawHit(
                            slug=sibling,
                            title=stored.get("title_text", ""),
                            lang=stored["lang"],
                            body=stored.get("body_text", ""),
                            score=hit.score,
                            matched=_matched_terms(stored, plan),
                            evidence=hit.evidence,
                            units_matched=hit.units_matched,
                            units_any=hit.units_any,
                            group=group,
                        )
                    )
        seen.add(hit.slug)
        out.append(hit)
    return out


def one_per_answer(hits: list[RawHit]) -> list[RawHit]:
    """The first version of each answer: its translations would repeat it."""
    seen: set[str] = set()
    out: list[RawHit] = []
    for hit in hits:
        if hit.group:
            if hit.group in seen:
                continue
            seen.add(hit.group)
        out.append(hit)
    return out


def _docnum(searcher: Searcher, slug: str) -> int:
    number = searcher.document_number(slug=slug)
    if number is None:  # pragma: no cover  (the hit came from this searcher)
        raise KeyError(slug)
    return number


def _below(hits: list[RawHit], slug: str, hit: RawHit) -> bool:
    """Whether `slug` is ranked after `hit` (so it may move up to it)."""
    order = [h.slug for h in hits]
    return order.index(slug) > order.index(hit.slug)


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
    reading, second = second_language(query, lang)
    # answers are ranked and shown for the given language, read or not
    lang_used = lang if lang in LANGUAGES else reading
    if not query:
        return SearchResult(query, lang_used, [], None)
    lexicon = Lexicon(searcher.reader())
    plan = analyze_query(query, reading, lexicon, vocabulary, prefix, second)
    if not plan.units:
        return SearchResult(query, lang_used, [], None)
    raw, kept = _ranked(
        searcher, vocabulary, lexicon, plan, lang_used, limit, prefix=prefix
    )
    if kept and plan.alone and not _finds(searcher, vocabulary, plan.alone, lang_used):
        kept = []  # the story's question, asked alone, finds nothing
    kept = one_per_answer(with_translations(searcher, plan, kept, lang_used))[:limit]
    prefixes = [
        a.term for u in plan.units if u.is_prefix for a in u.alts if a.kind == "prefix"
    ]
    telling = _term_values(plan, lexicon)
    hits = [
        SearchHit(
            slug=h.slug,
            title=h.title,
            lang=h.lang,
            snippet=highlight(
                h.body, h.lang, set(h.matched), vocabulary, prefixes, telling
            ),
            score=round(h.score, 4),
        )
        for h in kept
    ]
    suggestion = suggest(query, plan.units, kept or raw[:3])
    return SearchResult(query, lang_used, hits, suggestion)


def _term_values(plan: QueryPlan, lexicon: Lexicon) -> dict[str, float]:
    """Each term of the query with the most it is worth in a body."""
    values: dict[str, float] = {}
    for alternatives in _unit_values(plan, lexicon):
        for term, _in_head, in_body in alternatives:
            values[term] = max(values.get(term, 0.0), in_body)
    return values


def _finds(searcher: Searcher, vocabulary: Vocabulary, query: str, lang: str) -> bool:
    """Does the knowledge base answer this query at all?

    The starter articles count as the centre's own here: a story's question
    asked alone (`query.story_question`) asks whether the knowledge base
    knows its topic, not which article to show.
    """
    reading, second = second_language(query, lang)
    lexicon = Lexicon(searcher.reader())
    plan = analyze_query(query, reading, lexicon, vocabulary, False, second)
    if not plan.units:
        return False
    _raw, kept = _ranked(searcher, vocabulary, lexicon, plan, lang, 1, as_own=True)
    return bool(kept)


def _ranked(
    searcher: Searcher,
    vocabulary: Vocabulary,
    lexicon: Lexicon,
    plan: QueryPlan,
    lang_used: str,
    limit: int,
    *,
    prefix: bool = False,
    as_own: bool = False,
) -> tuple[list[RawHit], list[RawHit]]:
    """The candidates with their evidence, best first, and those accepted."""
    if len(plan.units) > MAX_UNITS:  # a very long message: its most telling words
        values = _unit_values(plan, lexicon)
        best = sorted(
            range(len(plan.units)), key=lambda i: -max(v for _t, v, _b in values[i])
        )[:MAX_UNITS]
        plan.units = [plan.units[i] for i in sorted(best)]
    raw: list[RawHit] = []
    reader = searcher.reader()
    values = _unit_values(plan, lexicon)
    budget = PREFIX_POSTINGS_BUDGET if prefix else POSTINGS_BUDGET
    mean_length = reader.field_length("body") / max(reader.doc_count_all(), 1)
    question = [
        alt.term for unit in plan.units if not unit.in_story for alt in unit.alts
    ]
    needs = [
        alt.term
        for unit in plan.units
        if not (unit.frame or unit.setting)
        for alt in unit.alts
    ]
    own = lexicon.live_count("origin", "own", OWN_ARTICLES_FULL)
    own_coverage = own / OWN_ARTICLES_FULL  # the centre's own articles
    for doc in candidates(searcher, plan, lexicon, budget):
        stored = reader.stored_fields(doc)
        matched = _matched_terms(stored, plan)
        body_weight = BODY_ONLY * _length_norm(reader, doc, mean_length)
        total, count, any_count = evidence(values, matched, body_weight)
        boost = LANG_BOOST if stored["lang"] == lang_used else 1.0
        if stored.get("starter") and not as_own:
            boost *= STARTER_WEIGHT
        phrase = _names_a_phrase(values, matched)
        title_terms = stored.get("title_stems", "").split()
        if title_terms:  # among equals, the article whose title the query covers
            covered = sum(1 for t in title_terms if t in matched)
            boost *= 1 + TITLE_FOCUS * covered / len(title_terms)
        raw.append(
            RawHit(
                slug=stored["slug"],
                title=stored.get("title_text", ""),
                lang=stored["lang"],
                body=stored.get("body_text", ""),
                score=total * boost,
                matched=matched,
                evidence=total,
                units_matched=count,
                units_any=any_count,
                body_weight=body_weight,
                group=stored.get("group"),
                starter=bool(stored.get("starter")) and not as_own,
                own_coverage=own_coverage,
                phrase=phrase,
                told=not plan.told.isdisjoint(matched),
                speaks_to_question=any(matched.get(term) for term in question),
                meets_a_need=any(matched.get(term) for term in needs),
                need_in_head=phrase
                or any("head" in matched.get(term, ()) for term in needs),
            )
        )
    raw.sort(key=lambda h: (-h.score, h.slug))
    if prefix:
        return raw, [h for h in raw if accept(h, plan, prefix)]
    return raw, _answers(raw, plan, values, vocabulary, limit)
