"""Reading posting lists: the live documents with a term, kept between searches."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from whoosh import fields, index

from knowledge_base.postings import _CACHE, _PostingCache, forget_postings, posting_ids


def _index(path: Path) -> index.Index:
    path.mkdir()
    schema = fields.Schema(key=fields.ID(stored=True, unique=True), body=fields.TEXT)
    return index.create_in(str(path), schema)


def _add(ix: index.Index, docs: dict[str, str]) -> None:
    """One commit, one new segment."""
    writer = ix.writer()
    for key, body in docs.items():
        writer.add_document(key=key, body=body)
    writer.commit(merge=False)


def _keys(ix: index.Index, term: str) -> list[str]:
    with ix.searcher() as searcher:
        ids = posting_ids(searcher.reader(), "body", term)
        return sorted(searcher.stored_fields(int(i))["key"] for i in ids)


def test_live_documents_of_every_segment_are_read(tmp_path: Path) -> None:
    ix = _index(tmp_path / "ix")
    # more than one posting block (128) in the first segment
    _add(ix, {f"a{i}": "pension card" if i % 2 else "pension" for i in range(300)})
    _add(ix, {"b1": "card blocked", "b2": "pension statement"})
    expected = sorted(f"a{i}" for i in range(1, 300, 2)) + ["b1"]
    assert _keys(ix, "card") == sorted(expected)
    assert _keys(ix, "card") == sorted(expected)  # read again, from the cache
    assert _keys(ix, "nothing") == []


def test_a_deletion_is_seen_in_a_list_read_before(tmp_path: Path) -> None:
    ix = _index(tmp_path / "ix")
    _add(ix, {"a": "lost phone", "b": "lost card", "c": "new phone"})
    assert _keys(ix, "lost") == ["a", "b"]
    with ix.writer() as writer:
        writer.delete_by_term("key", "a")
    assert _keys(ix, "lost") == ["b"]
    _add(ix, {"a": "lost phone again"})  # the edited article, in a new segment
    assert _keys(ix, "lost") == ["a", "b"]
    writer = ix.writer()
    writer.add_document(key="d", body="lost keys")
    writer.commit(optimize=True)  # one new segment of everything
    assert _keys(ix, "lost") == ["a", "b", "d"]
    assert _keys(ix, "phone") == ["a", "c"]


def test_indexes_whose_segments_share_an_id_keep_their_own_lists(
    tmp_path: Path,
) -> None:
    random.seed(5)  # Whoosh names segments with the global generator
    first = _index(tmp_path / "first")
    _add(first, {"a": "lost phone"})
    random.seed(5)
    second = _index(tmp_path / "second")
    _add(second, {"x": "old phone", "y": "new phone"})
    assert _segment_ids(first) == _segment_ids(second)
    assert _keys(first, "phone") == ["a"]
    assert _keys(second, "phone") == ["x", "y"]


def test_a_small_segment_s_list_is_kept_under_its_folder(tmp_path: Path) -> None:
    # a small segment is one compound file, read through an overlay storage
    ix = _index(tmp_path / "ix")
    _add(ix, {"a": "lost phone", "b": "new phone"})
    (segment,) = ix._segments()
    assert segment.is_compound()
    forget_postings()
    assert _keys(ix, "phone") == ["a", "b"]
    key = (str(tmp_path / "ix"), segment.segment_id(), "body", "phone")
    kept = _CACHE.get(key)
    assert kept is not None and list(kept) == [0, 1]
    assert _keys(ix, "phone") == ["a", "b"]  # a new searcher reads it from there


def _segment_ids(ix: index.Index) -> list[str]:
    return [segment.segment_id() for segment in ix._segments()]


def test_the_cache_keeps_the_most_recent_lists_within_its_size() -> None:
    cache = _PostingCache(capacity=10)
    first, second = np.arange(6), np.arange(4)
    cache.put(("ix", "s", "body", "one"), first)
    cache.put(("ix", "s", "body", "two"), second)
    assert cache.get(("ix", "s", "body", "one")) is first  # now the most recent
    cache.put(("ix", "s", "body", "three"), np.arange(3))
    assert cache.get(("ix", "s", "body", "two")) is None  # the least recent went
    assert cache.get(("ix", "s", "body", "one")) is first
    cache.put(("ix", "s", "body", "huge"), np.arange(11))  # larger than the cache
    assert cache.get(("ix", "s", "body", "huge")) is None
    assert cache.get(("ix", "s", "body", "three")) is not None
    assert not first.flags.writeable  # shared: nobody may change it
