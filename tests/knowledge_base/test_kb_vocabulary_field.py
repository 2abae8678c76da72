"""The shipped field vocabulary ties everyday words to the field's terms.

The cases are in `vocabulary_cases.py`, by area: pairs of texts that must
share a concept across wordings and languages, and off-topic texts that must
not name one.
"""

from __future__ import annotations

import pytest

from knowledge_base import Vocabulary
from knowledge_base.analysis import analyze

from .vocabulary_cases import NO_CONCEPT, OFF_TOPIC, PAIRS


def concepts(vocabulary: Vocabulary, text: str, lang: str) -> dict[str, str]:
    """Concept id -> label, for every concept the text names."""
    found = vocabulary.find(analyze(text, lang))
    return {concept: vocabulary.labels[concept] for _positions, concept in found}


@pytest.mark.parametrize(
    ("text_a", "lang_a", "text_b", "lang_b", "label"),
    PAIRS,
    ids=[f"{pair[0][:40]}~{pair[2][:40]}" for pair in PAIRS],
)
def test_everyday_words_meet_the_term(
    shipped: Vocabulary,
    text_a: str,
    lang_a: str,
    text_b: str,
    lang_b: str,
    label: str | None,
) -> None:
    a = concepts(shipped, text_a, lang_a)
    b = concepts(shipped, text_b, lang_b)
    shared = {a[c] for c in a.keys() & b.keys()}
    if label is None:
        assert shared, (a, b)
    else:
        assert label in shared, (a, b)


@pytest.mark.parametrize(("text", "lang", "label"), OFF_TOPIC)
def test_off_topic_text_does_not_name_the_concept(
    shipped: Vocabulary, text: str, lang: str, label: str
) -> None:
    assert label in shipped.labels.values(), label  # the case names a real concept
    assert label not in concepts(shipped, text, lang).values()


@pytest.mark.parametrize(("text", "lang"), NO_CONCEPT)
def test_off_topic_text_names_no_concept(
    shipped: Vocabulary, text: str, lang: str
) -> None:
    assert concepts(shipped, text, lang) == {}
