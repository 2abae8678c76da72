"""Plain text of Markdown bodies, and highlighted snippets."""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Mapping

from .analysis import tokenize

_MARKDOWN = [
    (re.compile(r"^\s*(```|~~~).*$", re.M), " "),
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"<https?://[^>]+>"), " "),
    (re.compile(r"</?[A-Za-z][^>]*>"), " "),
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),
    (re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", re.M), ""),
    (re.compile(r"^\s*>\s?", re.M), ""),
    (re.compile(r"^\s*(?:[-*_]\s*){3,}$", re.M), " "),
    (re.compile(r"(\*{1,3}|_{2,3}|`+|~~)"), ""),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),
]
MIN_WEIGHT = 0.05  # of a matched term in every article: still a match
_SPACES = re.compile(r"[ \t\r\f\v]+")
_LINES = re.compile(r"\s*\n\s*")


def markdown_to_text(markdown: str) -> str:
    """Strip Markdown syntax, keeping the words; paragraphs become ' ¶ '-free lines."""
    text = markdown
    for pattern, replacement in _MARKDOWN:
        text = pattern.sub(replacement, text)
    text = _SPACES.sub(" ", text)
    return _LINES.sub("\n", text).strip()


def make_snippet(
    text: str,
    match_key: Callable[[str], str | None],
    width: int = 200,
    weights: Mapping[str, float] | None = None,
) -> str:
    """Cut the part of text with most matches; HTML-escape it and <mark> matches.

    `match_key` gives a word's matched term, or None for a word that does not
    match. The window shows the different matched terms of most weight (each
    1 without `weights`, else its weight, at least MIN_WEIGHT), then the most
    matches: "справку о несудимости" once each says more than "eGov" three
    times, and "алудан", "алуына", "алуға" are one term (алу), said three
    times.
    """
    tokens = tokenize(text)
    keys: dict[str, str] = {}
    for word in {t.word for t in tokens}:  # each word asked once
        key = match_key(word)
        if key is not None:
            keys[word] = key
    marked = [t for t in tokens if t.word in keys]

    def weight(key: str) -> float:
        return max(weights.get(key, 0.0), MIN_WEIGHT) if weights is not None else 1.0

    flat = text.replace("\n", " ")
    if not marked:
        start = 0
    else:
        # the window (by characters) with the most different marked words
        best, start = (0.0, 0), marked[0].start
        inside: Counter[str] = Counter()
        j = 0
        for i, first in enumerate(marked):
            while j < len(marked) and marked[j].end - first.start <= width:
                inside[keys[marked[j].word]] += 1
                j += 1
            if j <= i:  # a single word longer than the window
                j = i + 1
                continue
            score = (sum(weight(key) for key in inside), j - i)
            if score > best:
                best, start = score, first.start
            key = keys[first.word]
            inside[key] -= 1
            if not inside[key]:
                del inside[key]
        # open a little before the first match, at a word or sentence start
        lead = max(0, start - width // 5)
        cut = max(flat.rfind(". ", lead, start), flat.rfind("\n", lead, start))
        if cut != -1:
            start = cut + 2 if flat[cut] == "." else cut + 1
        elif lead > 0:
            space = flat.find(" ", lead, start)
            start = space + 1 if space != -1 else start
        else:
            start = 0
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", start + width // 2, end)
        end = space if space != -1 else end
    pieces: list[str] = ["…" if start > 0 else ""]
    cursor = start
    for token in marked:
        if token.start < start or token.end > end:
            continue
        pieces.append(html.escape(flat[cursor : token.start]))
        pieces.append("<mark>" + html.escape(flat[token.start : token.end]) + "</mark>")
        cursor = token.end
    pieces.append(html.escape(flat[cursor:end]))
    if end < len(flat):
        pieces.append("…")
    return "".join(pieces).strip()
