"""Concurrent writers: every update lands, searches keep working meanwhile."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from knowledge_base import ArticleDoc, SearchIndex, Vocabulary

REPO = Path(__file__).resolve().parents[2]
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def _article(writer: str, number: int, version: int) -> ArticleDoc:
    # a unique, searchable title word per article and version
    marker = f"{writer}x{number}v{version}"
    return ArticleDoc(
        slug=f"{writer}-{number}",
        lang="en",
        title=f"Note {marker}",
        body=f"Written by {writer}: {' '.join(WORDS)} {marker}.",
    )


def _assert_all_landed(
    index: SearchIndex, writers: list[str], count: int, version: int
) -> None:
    assert index.doc_count() == len(writers) * count
    for writer in writers:
        for number in range(count):
            marker = f"{writer}x{number}v{version}"
            hits = index.search(marker, lang="en").hits
            assert [h.slug for h in hits] == [f"{writer}-{number}"], marker


def test_threads_write_and_search_at_once(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix", vocabulary=Vocabulary.from_lines([]))
    writers = [f"t{i}" for i in range(4)]
    count = 8
    errors: list[BaseException] = []
    done = threading.Event()

    def write(writer: str) -> None:
        try:
            for number in range(count):
                index.index_article(_article(writer, number, 1))
            for number in range(count):  # then edit each: the edit must win
                index.index_article(_article(writer, number, 2))
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    def search() -> None:
        try:
            while not done.wait(0.002):  # search on and on until the writers finish
                index.search("alpha bravo charlie", lang="en")
                index.search("note", lang="en", prefix=True)
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    searchers = [threading.Thread(target=search) for _ in range(3)]
    threads = [threading.Thread(target=write, args=(w,)) for w in writers]
    for thread in searchers + threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    done.set()
    for thread in searchers:
        thread.join(timeout=30)
    assert errors == []
    _assert_all_landed(index, writers, count, version=2)
    index.close()


_CHILD = """
import sys
from knowledge_base import SearchIndex, Vocabulary
sys.path.insert(0, {tests!r})
from test_kb_concurrency import _article
index = SearchIndex({path!r}, vocabulary=Vocabulary.from_lines([]))
for number in range({count}):
    index.index_article(_article({writer!r}, number, 1))
index.close()
"""


def test_two_processes_and_this_one_write_the_same_index(tmp_path: Path) -> None:
    path = tmp_path / "ix"
    SearchIndex(path, vocabulary=Vocabulary.from_lines([])).close()  # create it
    count = 25
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""),
    }
    children = [
        subprocess.Popen(
            [
                sys.executable,
                "-W",
                "ignore",
                "-c",
                _CHILD.format(
                    tests=str(Path(__file__).parent),
                    path=str(path),
                    count=count,
                    writer=writer,
                ),
            ],
            env=env,
        )
        for writer in ("p1", "p2")
    ]
    try:
        index = SearchIndex(path, vocabulary=Vocabulary.from_lines([]))
        for number in range(count):
            index.index_article(_article("p0", number, 1))
        codes = [child.wait(timeout=120) for child in children]
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert codes == [0, 0]
    _assert_all_landed(index, ["p0", "p1", "p2"], count, version=1)
    index.close()


def test_a_commit_while_a_searcher_opens_does_not_break_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A commit may remove a segment file while a searcher opens the segments:
    # Whoosh then opens them again. Its refresh() would close the readers it
    # meant to reuse on each try, the second time a closed one (ReaderClosed).
    from whoosh.index import FileIndex

    index = SearchIndex(tmp_path / "ix", vocabulary=Vocabulary.from_lines([]))
    index.index_article(_article("a", 0, 1))
    index.index_article(_article("b", 0, 1))
    assert index.search("ax0v1", lang="en").hits  # a searcher is now pooled
    index.index_article(_article("a", 1, 1))  # the pooled one is behind
    real_reader = FileIndex._reader.__func__  # type: ignore[attr-defined]
    failed: list[bool] = []

    def reader_whose_file_vanished(cls, *args, **kwargs):  # type: ignore[no-untyped-def]
        reader = real_reader(cls, *args, **kwargs)
        if not failed:
            failed.append(True)
            raise FileNotFoundError("a segment file a commit removed")
        return reader

    monkeypatch.setattr(FileIndex, "_reader", classmethod(reader_whose_file_vanished))
    assert [h.slug for h in index.search("ax1v1", lang="en").hits] == ["a-1"]
    assert [h.slug for h in index.search("bx0v1", lang="en").hits] == ["b-0"]
    assert failed == [True]
    index.close()


def test_a_searcher_behind_the_index_is_closed(tmp_path: Path) -> None:
    index = SearchIndex(tmp_path / "ix", vocabulary=Vocabulary.from_lines([]))
    index.index_article(_article("a", 0, 1))
    index.index_article(_article("b", 0, 1))
    with index._searcher() as searcher:
        readers = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
    assert len(readers) == 2
    index.index_article(_article("c", 0, 1))
    assert [h.slug for h in index.search("cx0v1", lang="en").hits] == ["c-0"]
    # none of the old segment readers is left open (Whoosh's refresh left all
    # but one of them to the garbage collector, with their files)
    assert all(leaf.is_closed for leaf in readers)
    index.close()
