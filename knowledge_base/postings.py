"""Fast reading of the document numbers on a Whoosh posting list.

Whoosh's matchers hand out postings one Python call at a time. For the
candidate step of a search only the document numbers matter, so this reads
Whoosh 2.7's posting blocks directly: one block (up to 128 postings) per step.
Any other matcher (short lists are stored inline, other codecs) goes through
the ordinary `all_ids()`.

A segment's postings never change once written (new articles go to new
segments, merges write new ones), so the numbers read are kept by index
folder, segment, field and term, up to CACHED_POSTINGS of them: the common
words of one query are the common words of the next. Deletions are a
segment's own list that grows, so they are filtered out at every reading.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from itertools import accumulate

import numpy as np
from numpy.typing import NDArray
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import IndexReader

CACHED_POSTINGS = 4_000_000  # document numbers kept, 32 MB

_EMPTY: NDArray[np.int64] = np.zeros(0, dtype=np.int64)


class _PostingCache:
    """The document numbers of recently read posting lists, least recent out."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._lists: OrderedDict[tuple[str, str, str, str], NDArray[np.int64]] = (
            OrderedDict()
        )
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, str, str]) -> NDArray[np.int64] | None:
        with self._lock:
            ids = self._lists.get(key)
            if ids is not None:
                self._lists.move_to_end(key)
            return ids

    def clear(self) -> None:
        with self._lock:
            self._lists.clear()
            self._size = 0

    def put(self, key: tuple[str, str, str, str], ids: NDArray[np.int64]) -> None:
        if len(ids) > self.capacity:
            return
        ids.flags.writeable = False  # shared between searches
        with self._lock:
            old = self._lists.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._lists[key] = ids
            self._size += len(ids)
            while self._size > self.capacity:
                _key, dropped = self._lists.popitem(last=False)
                self._size -= len(dropped)


_CACHE = _PostingCache(CACHED_POSTINGS)


def forget_postings() -> None:
    """Drop the posting lists kept (to measure a search that reads them all)."""
    _CACHE.clear()


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


def _segment_ids(leaf: IndexReader, fieldname: str, text: str) -> NDArray[np.int64]:
    """The document numbers of a segment with the term, deleted ones included."""
    # Whoosh draws segment ids from the global random generator, which a
    # program may seed: the folder keeps two indexes' segments apart
    folder = _folder(leaf.storage())
    key = (folder, leaf.segment().segment_id(), fieldname, text) if folder else None
    ids = _CACHE.get(key) if key else None
    if ids is None:
        matcher = leaf.postings(fieldname, text)
        if isinstance(matcher, FilterMatcher):  # the segment's deletions
            matcher = matcher.child
        if isinstance(matcher, W3LeafMatcher):
            found = _leaf_ids(matcher)
        else:
            found = list(matcher.all_ids())
        ids = np.array(found, dtype=np.int64)
        if key:
            _CACHE.put(key, ids)
    return ids


def _folder(storage: object) -> str | None:
    """The folder of a segment's files; None for an index held in memory.

    A small segment is one compound file, read through an overlay of it on
    the folder's storage (`b`).
    """
    for candidate in (storage, getattr(storage, "b", None)):
        folder = getattr(candidate, "folder", None)
        if folder:
            return str(folder)
    return None


def _without(ids: NDArray[np.int64], deleted: Iterable[int]) -> NDArray[np.int64]:
    """The sorted numbers `ids` less the `deleted` ones (a few, as a rule)."""
    gone = np.fromiter(deleted, dtype=np.int64)
    at = np.searchsorted(ids, gone)
    inside = at < len(ids)
    at, gone = at[inside], gone[inside]
    return np.delete(ids, at[ids[at] == gone])


def posting_ids(reader: IndexReader, fieldname: str, text: str) -> NDArray[np.int64]:
    """Document numbers (of the whole index) of the live articles with the term.

    The array may be shared with other searches: read it, do not change it.
    """
    parts: list[NDArray[np.int64]] = []
    for leaf, offset in reader.leaf_readers():
        if (fieldname, text) not in leaf:
            continue
        ids = _segment_ids(leaf, fieldname, text)
        segment = leaf.segment()
        if segment.has_deletions():
            ids = _without(ids, segment.deleted_docs())
        parts.append(ids + offset if offset else ids)
    if not parts:
        return _EMPTY
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


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
