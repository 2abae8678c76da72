"""Urgent triage: questions about a scam in progress, violence or self-harm."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpdesk.config import LANGUAGES
from knowledge_base.analysis import analyze

PHRASES = Path(__file__).resolve().parent.parent / "triage" / "phrases.txt"


@dataclass(frozen=True)
class Phrase:
    """One triage phrase: every stem must occur in the question."""

    lang: str
    text: str
    stems: frozenset[str]


def parse_phrases(text: str) -> list[Phrase]:
    """Phrases from the `lang: words` format; comments and blank lines skipped."""
    phrases = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        lang, sep, words = line.partition(":")
        lang = lang.strip()
        if not sep or lang not in LANGUAGES or not words.strip():
            raise ValueError(
                f"triage phrases line {number}: expected 'kk|ru|en: words'"
            )
        stems = frozenset(analyze(words, lang))
        if stems:
            phrases.append(Phrase(lang, words.strip(), stems))
    return phrases


@lru_cache(maxsize=4)
def load_phrases(path: str) -> tuple[Phrase, ...]:
    """The phrases of a file, read once."""
    return tuple(parse_phrases(Path(path).read_text(encoding="utf-8")))


def phrases_path() -> str:
    """The shipped phrases, or the file named by HELPDESK_TRIAGE_FILE."""
    return os.environ.get("HELPDESK_TRIAGE_FILE") or str(PHRASES)


def matching_phrase(question: str, lang: str) -> Phrase | None:
    """The first triage phrase the question contains, if any.

    The question is analysed in its own language and, since people mix them,
    in the other two; a phrase matches in the language it was written in.
    """
    stems_by_lang = {code: set(analyze(question, code)) for code in LANGUAGES}
    for phrase in load_phrases(phrases_path()):
        if phrase.stems <= stems_by_lang[phrase.lang]:
            return phrase
    return None


def is_urgent(question: str, lang: str) -> bool:
    """Whether a question needs a volunteer before everyone else."""
    return matching_phrase(question, lang) is not None
