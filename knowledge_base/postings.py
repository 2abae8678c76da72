"""Fast reading of the document numbers on a Whoosh posting list.

Whoosh's matchers hand out postings one Python call at a time. For the
candidate step of a search only the document numbers matter, so this reads
Whoosh 2.7's posting blocks directly: one block (up to 128 postings) per step.
Any other matcher (short lists are stored inline, other codecs) goes through
the ordinary `all_ids()`. Deleted documents are filtered out either way.
"""

from __future__ import annotations

from itertools import accumulate

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader


def _leaf_ids(matcher: W3LeafMatcher) -> list[int]:
    out: list[int] = []
    while not matcher._atend:
        if matcher._ids is None:
            data = matcher._data
            if data is None:
                matcher._read_data()
                data = matcher._data
            ids = data[0]
            matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))
        out.extend(matcher._ids)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return out


def posting_ids(reader: IndexReader, fieldname: str, text: str) -> list[int]:
    """Document numbers (of the whole index) of the live articles with the term."""
    out: list[int] = []
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        matcher = leaf.postings(fieldname, text)
        deleted: frozenset[int] | None = None
        if isinstance(matcher, FilterMatcher) and matcher._exclude:
            deleted, matcher = frozenset(matcher._ids), matcher.child
        if isinstance(matcher, W3LeafMatcher):
            ids = _leaf_ids(matcher)
        else:
            ids = list(matcher.all_ids())
        if deleted:
            ids = [i for i in ids if i not in deleted]
        out.extend(ids if offset == 0 else [i + offset for i in ids])
    return out


def _text(term: bytes | str) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else term


def terms_with_prefix(
    reader: IndexReader, fieldname: str, prefix: str, limit: int
) -> list[str]:
    """Up to `limit` terms of the field starting with `prefix`, shortest first.

    Read segment by segment: a reader over many segments otherwise merges their
    whole term lists in Python.
    """
    found: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        for count, term in enumerate(leaf.expand_prefix(fieldname, prefix)):
            if count >= limit:
                break
            found.add(_text(term))
    return sorted(found, key=lambda t: (len(t), t))[:limit]


def terms_near(
    reader: IndexReader, fieldname: str, text: str, maxdist: int, prefix: int
) -> set[str]:
    """Terms of the field within `maxdist` edits of `text`, segment by segment."""
    found: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        found.update(
            _text(t) for t in leaf.terms_within(fieldname, text, maxdist, prefix)
        )
    return found
