"""The query side: which terms a query word may match, and how much each counts."""

from __future__ import annotations

from knowledge_base.query import _word_alternatives


def weights(word: str, lang: str) -> dict[str, float]:
    return {alt.term: alt.weight for alt in _word_alternatives(word, lang)}


def test_a_short_word_written_whole_keeps_its_weight() -> None:
    assert weights("qr", "ru")["qr"] == 1.0
    assert max(weights("эцп", "ru").values()) == 1.0


def test_a_short_stem_cut_from_a_longer_word_counts_less() -> None:
    assert weights("алды", "kk")["ал"] < 0.5  # ал-ды: "took", and many more
    assert weights("кодом", "ru")["код"] == 1.0  # a Russian stem is a real root


def test_both_consonants_of_a_russian_verb_root_are_tried() -> None:
    # оплачивать (оплач-) finds an article that says оплатить (оплат-)
    assert "оплат" in weights("оплачивать", "ru")
    assert "подтверд" in weights("подтверждать", "ru")
