"""The field vocabulary: concepts named by equivalent terms in Russian, Kazakh, English.

Each non-comment line of `vocabulary/*.txt` is one concept, its terms separated
by " | "; its first term is its label, and a later line with the same label
adds terms to that concept (the stories files extend the field's concepts so).
Every term goes through the text analysis of `analysis.py` (a Cyrillic term
without Kazakh letters in both the Russian and the Kazakh way, a Latin one in
the English way), so that a term matches its inflected forms. A single-word
term maps its stem to the concept; a phrase maps a set of stems that must
stand close together (within the phrase's length plus two words, in any
order, as Kazakh and Russian order words differently). A phrase whose stop
words leave a single word is dropped: it would match far more than it means.

Articles get a concept token (§n) for each concept found in their title, tags
and body; queries look up the concepts of their words. A Kazakh question thus
meets a Russian article through the concept both name.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import (
    analyze_tokens,
    analyze_word,
    has_kazakh_letter,
    kazakh_variants,
    part_numbers,
    reads_as_kazakh,
    tokenize,
)
from .folding import is_cyrillic, is_latin, normalize_text
from .kazakh import spelled
from .language import language_scores
from .stopwords import is_stop

# where a clause ends inside a sentence: a spaced dash, a colon
_CLAUSE_END = re.compile(r"\s[—–-]\s|:(?=\s)")

VOCABULARY_DIR = Path(__file__).parent / "vocabulary"
# the words of texts whose terms and concepts are kept for the snippets
WORD_TERMS_KEPT = 200_000
CONCEPT_PREFIX = "§"
WEAK_PREFIX = "¤"
# A word of any term (also inside a phrase) that occurs in at most this many
# concepts marks them weakly: "көшіру" in "жаңа телефонға көшіру" ties a Kazakh
# question to an article on "перенос данных" of the same concept.
WEAK_MAX_CONCEPTS = 3
WEAK_MIN_LENGTH = 4
# A concept told in other words: words of a text that stand in the terms of
# one concept, though in none of its terms whole ("хочу разговаривать с дочкой
# и видеть её лицо": "видеть" and "лицо" are words of the terms of the video
# call). Each word counts by how few concepts its terms hold it in (log N/n
# over log N, N the concepts); a word in more than TOLD_MAX_CONCEPTS counts
# nothing. TOLD_MIN_WORDS distinct words with TOLD_MIN in all tell the
# concept; the TOLD_TOP best are kept.
TOLD_MAX_CONCEPTS = 50
TOLD_MIN_WORDS = 2
TOLD_MIN = 1.0
TOLD_TOP = 3


@dataclass(frozen=True, slots=True)
class Phrase:
    """A multi-word term: its stems and the concept it names."""

    stems: tuple[str, ...]
    concept: str


@dataclass
class Vocabulary:
    """Concepts and their analysed terms, ready to find in a sequence of stems."""

    single: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    phrases: list[Phrase] = field(default_factory=list)
    phrases_by_stem: dict[str, list[Phrase]] = field(
        default_factory=lambda: defaultdict(list)
    )
    weak: dict[str, set[str]] = field(default_factory=dict)
    phrase_stems: frozenset[str] = frozenset()
    # a Kazakh word a phrase writes whole -> the stem the phrase has for it
    whole_words: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    # a stem -> the other stems of the single-word terms of its concepts
    synonyms: dict[str, frozenset[str]] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    # a stem -> the concepts whose terms hold it (see TOLD_*)
    in_terms_of: dict[str, frozenset[str]] = field(default_factory=dict)
    fingerprint: str = ""
    # a word of a text, and its language -> its term and the concepts the
    # term names (see `terms_of_word`)
    _word_terms: dict[tuple[str, str], tuple[str, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def load(cls, folder: str | Path | None = None) -> Vocabulary:
        """Load every *.txt file of a folder (default: knowledge_base/vocabulary)."""
        path = Path(folder) if folder is not None else VOCABULARY_DIR
        files = sorted(path.glob("*.txt")) if path.is_dir() else []
        lines: list[str] = []
        for file in files:
            lines.extend(file.read_text(encoding="utf-8").splitlines())
        return cls.from_lines(lines)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> Vocabulary:
        """Build a vocabulary from lines in the vocabulary file format."""
        vocabulary = cls()
        digest = hashlib.sha256()
        number = 0
        lines_of: dict[str, set[str]] = defaultdict(set)
        concept_of: dict[str, str] = {}  # label (first term) -> concept
        for raw in lines:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            terms = [t.strip() for t in line.split("|") if t.strip()]
            if not terms:
                continue
            concept = concept_of.get(terms[0])
            if concept is None:  # a line with an earlier line's label extends it
                number += 1
                concept = f"{CONCEPT_PREFIX}{number}"
                concept_of[terms[0]] = concept
                vocabulary.labels[concept] = terms[0]
            digest.update(line.encode() + b"\n")
            for term in terms:
                for stem in vocabulary._add_term(term, concept):
                    lines_of[stem].add(concept)
        vocabulary._key_phrases()
        vocabulary._synonyms()
        vocabulary.weak = {
            stem: concepts
            for stem, concepts in lines_of.items()
            if len(concepts) <= WEAK_MAX_CONCEPTS and len(stem) >= WEAK_MIN_LENGTH
        }
        vocabulary.in_terms_of = {
            stem: frozenset(concepts)
            for stem, concepts in lines_of.items()
            if len(concepts) <= TOLD_MAX_CONCEPTS
        }
        vocabulary.fingerprint = digest.hexdigest()[:16]
        return vocabulary

    def _add_term(self, term: str, concept: str) -> tuple[str, ...]:
        """Register a term; return the stems of its likeliest reading."""
        term = normalize_text(term)
        words = term.split()
        if any(has_kazakh_letter(w) for w in words):
            langs: Sequence[str] = ("kk",)
        elif all(is_latin(w) or not is_cyrillic(w) for w in words):
            langs = ("en",)
        else:
            scores = language_scores(term)
            langs = ("kk", "ru") if scores["kk"] > scores["ru"] else ("ru", "kk")
        seen: set[tuple[str, ...]] = set()
        primary: tuple[str, ...] = ()
        for lang in langs:
            pairs = analyze_tokens(tokenize(term), lang)
            stems = tuple(stem for _token, stem in pairs)
            if not stems or stems in seen:
                continue
            seen.add(stems)
            primary = primary or stems
            if len(stems) == 1:
                if len(words) == 1 and not _over_stripped(term, stems[0]):
                    self.single[stems[0]].add(concept)
                if len(words) == 1 and lang == "kk":  # сілтеме: also силтеме
                    for variant in kazakh_variants(term):
                        self.single[variant].add(concept)
                continue
            self.phrases.append(Phrase(stems, concept))
            if lang == "kk":
                for token, stem in pairs:
                    self._add_whole_word(token.word, stem)
        return primary

    def _add_whole_word(self, word: str, stem: str) -> None:
        """Let a text's `анықтама` stand for the `анықта` of a phrase's `анықтама`.

        A bare Kazakh noun can be stemmed as if inflected (анықта-м-а, "to my
        анықта"), while its inflected forms keep it whole (анықтаманы →
        анықтама): a phrase that writes the word bare is then not found in
        a text that inflects it. Where the word itself is one of its
        variants, a text's word found whole counts as the phrase's stem.
        """
        if not is_cyrillic(word):
            return
        whole = spelled(word)[0]
        if whole != stem and whole in kazakh_variants(word):
            self.whole_words[whole].add(stem)

    def _key_phrases(self) -> None:
        """File each phrase under its rarest stem: a text must hold that stem."""
        counts: dict[str, int] = defaultdict(int)
        for phrase in self.phrases:
            for stem in set(phrase.stems):
                counts[stem] += 1
        self.phrases_by_stem = defaultdict(list)
        self.phrase_stems = frozenset(counts) | frozenset(self.whole_words)
        for phrase in self.phrases:
            key = min(phrase.stems, key=lambda s: (counts[s], s))
            self.phrases_by_stem[key].append(phrase)

    def _synonyms(self) -> None:
        """Let a word stand in a query for its single-word synonyms in phrases.

        "карточка" and "карта" are two terms of one concept, and the phrase
        "вытащили кошелек с картой" should hear "вытащили кошелёк, там была
        карточка". Only a stem that names one concept gets stand-ins: "сын"
        (a son, and the Kazakh "broken") would bring phrases about children
        to a broken screen.
        """
        stems_of: dict[str, set[str]] = defaultdict(set)
        for stem, concepts in self.single.items():
            for concept in concepts:
                stems_of[concept].add(stem)
        for stem, concepts in self.single.items():
            if len(concepts) != 1:
                continue
            (concept,) = concepts
            others = (stems_of[concept] - {stem}) & self.phrase_stems
            if others:
                self.synonyms[stem] = frozenset(others)

    def __len__(self) -> int:
        return len(self.labels)

    def knows(self, stem: str) -> bool:
        """Is this stem part of a term of the vocabulary?"""
        return stem in self.single or stem in self.phrase_stems

    def concepts_of(self, stem: str) -> set[str]:
        """Concepts named by a single-word term with this stem."""
        return self.single.get(stem, set())

    def terms_of_word(self, word: str, lang: str) -> tuple[str, ...]:
        """A lower-case word's term in a text in `lang` and its concepts.

        For the snippets: the articles found share most of their words, from
        one search to the next, so the answers are kept (up to WORD_TERMS_KEPT).
        """
        key = (word, lang)
        found = self._word_terms.get(key)
        if found is None:
            term = analyze_word(word, lang) if not is_stop(word) else ""
            found = (term, *self.concepts_of(term)) if term else ()
            if len(self._word_terms) >= WORD_TERMS_KEPT:
                self._word_terms.clear()
            self._word_terms[key] = found
        return found

    def topics_of(self, stem: str) -> set[str]:
        """Weak concept tokens of a word that names few concepts (see WEAK_*)."""
        return {WEAK_PREFIX + c[1:] for c in self.weak.get(stem, ())}

    def annotate(self, text: str, lang: str) -> list[tuple[str, int]]:
        """The terms of a text with the position of their word.

        Its stems, the concepts they name (at each of their words) and topic
        marks. A Kazakh word is looked up under its stem variants too (see
        `kazakh.stem_variants`), as a query's words are: a bare "пошта" cut to
        "пош" still names the concept of the term "пошта".
        """
        pairs = analyze_tokens(tokenize(text), lang)
        terms: list[tuple[str, int]] = []
        lattice: list[set[str]] = []
        for position, (token, stem) in enumerate(pairs):
            terms.append((stem, position))
            terms.extend((topic, position) for topic in self.topics_of(stem))
            stems = {stem}
            if reads_as_kazakh(token.word, lang):
                stems.update(kazakh_variants(token.word))
            lattice.append(stems)
        # a term of the field is said within one clause: "консультация врача
        # — как не попасться на подделку" is not "попасть к врачу"
        clauses = part_numbers(text, [token for token, _stem in pairs], _CLAUSE_END)
        first = 0
        for last in range(1, len(pairs) + 1):
            if last < len(pairs) and clauses[last] == clauses[first]:
                continue
            for members, concept in self.find_lattice(lattice[first:last]):
                terms.extend((concept, first + position) for position in members)
            first = last
        return terms

    def told(
        self,
        lattice: Sequence[Iterable[str]],
        keep: Callable[[tuple[int, ...], str], bool] | None = None,
    ) -> list[tuple[tuple[int, ...], str]]:
        """Concepts told by several words of a text in other words (see TOLD_*).

        Each position of the lattice holds the candidate stems of one word;
        returns the positions that tell each concept, best concepts first,
        of those that `keep` keeps (the concepts an index holds, say).
        """
        scale = math.log(max(len(self.labels), 2))
        score: dict[str, float] = defaultdict(float)
        members: dict[str, list[int]] = defaultdict(list)
        used: dict[str, set[str]] = defaultdict(set)
        for position, stems in enumerate(lattice):
            best: dict[str, tuple[float, str]] = {}
            for stem in stems:
                concepts = self.in_terms_of.get(stem, frozenset())
                if not concepts:
                    continue
                weight = math.log(len(self.labels) / len(concepts)) / scale
                for concept in concepts:
                    if weight > best.get(concept, (0.0, ""))[0]:
                        best[concept] = (weight, stem)
            for concept, (weight, stem) in best.items():
                if stem not in used[concept]:  # "друг друга" is one word
                    used[concept].add(stem)
                    score[concept] += weight
                    members[concept].append(position)
        told = [
            concept
            for concept, positions in members.items()
            if len(positions) >= TOLD_MIN_WORDS and score[concept] >= TOLD_MIN
        ]
        told.sort(key=lambda concept: (-score[concept], concept))
        kept: list[tuple[tuple[int, ...], str]] = []
        for concept in told:
            positions = tuple(members[concept])
            if keep is None or keep(positions, concept):
                kept.append((positions, concept))
                if len(kept) == TOLD_TOP:
                    break
        return kept

    def _stands_for(self, stem: str, synonyms: bool) -> Iterable[str]:
        """The phrase stems a text's stem also counts as (see `find_lattice`)."""
        yield from self.whole_words.get(stem, ())
        if synonyms:
            yield from self.synonyms.get(stem, ())

    def find(self, stems: Sequence[str]) -> list[tuple[tuple[int, ...], str]]:
        """Find concepts in a sequence of stems: (positions of its words, concept)."""
        return self.find_lattice([(stem,) for stem in stems])

    def find_lattice(
        self, lattice: Sequence[Iterable[str]], synonyms: bool = False
    ) -> list[tuple[tuple[int, ...], str]]:
        """Like `find`, where each position may hold several candidate stems.

        With `synonyms` (a query's words), a word also stands for its
        synonyms in phrases (see `_synonyms`). Articles keep to their own
        words: stand-ins in their texts as well answered three more
        questions that have no answer, and no more that have one.
        """
        found: list[tuple[tuple[int, ...], str]] = []
        positions: dict[str, list[int]] = defaultdict(list)
        for i, stems in enumerate(lattice):
            for stem in stems:
                positions[stem].append(i)
                for concept in self.single.get(stem, ()):
                    found.append(((i,), concept))
                for other in self._stands_for(stem, synonyms):
                    if other not in stems:
                        positions[other].append(i)
        for stem in positions:
            for phrase in self.phrases_by_stem.get(stem, ()):
                for other in phrase.stems:
                    if other not in positions:
                        break
                else:
                    found.extend(_phrase_matches(phrase, positions))
        return found


def _over_stripped(term: str, stem: str) -> bool:
    """A long word cut to two or three letters (алдау → ал) means too many words."""
    return len(stem) <= 3 and len(term) - len(stem) >= 2


def _phrase_matches(
    phrase: Phrase, positions: dict[str, list[int]]
) -> list[tuple[tuple[int, ...], str]]:
    window = len(phrase.stems) + 2
    first, rest = phrase.stems[0], phrase.stems[1:]
    hits: list[tuple[tuple[int, ...], str]] = []
    for anchor in sorted(set(positions[first])):  # a stem may stand twice
        members = [anchor]
        for stem in rest:
            near = [p for p in positions[stem] if abs(p - anchor) <= window]
            if not near:
                break
            members.append(min(near, key=lambda p: abs(p - anchor)))
        else:
            hits.append((tuple(members), phrase.concept))
    return hits
