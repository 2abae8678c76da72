"""The Whoosh index of articles: writes, searches, and what they guarantee.

Writes are serialised: one lock per index folder inside the process, and
Whoosh's file lock across processes, which a writer waits for with backoff and
jitter (up to `lock_timeout` seconds) instead of failing at once. Each write is
one commit, visible to the next search. Searches never wait for writes: they
take a searcher from a small pool, which costs a directory listing when
nothing changed; when something did, it is closed and a new one opened (see
`_take_searcher`).

The index keeps each article's fields as written, so it can rebuild itself:
when the analysis version or the field vocabulary has changed since it was
built (both recorded in `kb-meta.json`), opening it re-indexes every stored
article. The index is derived data: when its folder or files are removed under
a running process, the next search or write builds it again from `source`
(the database), or empty when there is none.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from whoosh import fields, index, writing
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.filedb.filestore import FileStorage
from whoosh.searching import Searcher

from .analysis import ANALYSIS_VERSION, analyze, tokenize
from .articles import ArticleDoc, is_unedited_starter
from .folding import fold_cyrillic, is_cyrillic
from .search import SearchResult, run_search
from .snippets import markdown_to_text
from .stopwords import is_stop
from .vocabulary import Vocabulary

log = logging.getLogger(__name__)

META_FILE = "kb-meta.json"
INDEX_NAME = "articles"
AC_MIN, AC_MAX = 2, 12


def _schema() -> fields.Schema:
    words = SpaceSeparatedTokenizer()
    return fields.Schema(
        slug=fields.ID(unique=True, stored=True),
        lang=fields.ID(stored=True),
        category=fields.ID(stored=True),
        group=fields.STORED(),
        group_id=fields.ID(),  # finds the translations of an answer
        starter=fields.STORED(),  # an unedited starter article
        origin=fields.ID(),  # "starter" or "own": has the centre written any?
        title_text=fields.STORED(),
        tags_list=fields.STORED(),
        body_text=fields.STORED(),
        head_terms=fields.STORED(),
        title_stems=fields.STORED(),  # the title's words alone (TITLE_FOCUS)
        body_terms=fields.STORED(),
        head_words=fields.STORED(),
        head=fields.TEXT(analyzer=words, phrase=False),
        body=fields.TEXT(analyzer=words, phrase=False),
        ac=fields.TEXT(analyzer=words, phrase=False),
    )


_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _folder_lock(path: Path) -> threading.Lock:
    key = str(path.resolve())
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


def _head_words(text: str) -> list[str]:
    words = []
    for token in tokenize(text):
        if not is_stop(token.word):
            word = token.word
            words.append(fold_cyrillic(word) if is_cyrillic(word) else word)
    return words


def _edge_grams(words: list[str]) -> list[str]:
    grams: list[str] = []
    for word in words:
        grams.extend(word[:n] for n in range(AC_MIN, min(len(word), AC_MAX) + 1))
    return grams


def document_fields(doc: ArticleDoc, vocabulary: Vocabulary) -> dict[str, Any]:
    """The Whoosh fields of an article: analysed terms plus concept tokens."""
    body_text = markdown_to_text(doc.body)

    def terms(text: str) -> list[str]:  # stems, concepts and topic marks
        return [term for term, _position in vocabulary.annotate(text, doc.lang)]

    title_terms = terms(doc.title)
    tag_terms = [term for tag in doc.tags for term in terms(tag)]
    body_terms = terms(body_text)
    head_words = _head_words(doc.title + "\n" + "\n".join(doc.tags))
    return {
        "slug": doc.slug,
        "lang": doc.lang,
        "category": doc.category or "",
        "group": doc.group,
        "group_id": doc.group or "",
        "starter": is_unedited_starter(doc),
        "origin": "starter" if is_unedited_starter(doc) else "own",
        "title_text": doc.title,
        "tags_list": list(doc.tags),
        "body_text": doc.body,
        "head_terms": " ".join(sorted(set(title_terms + tag_terms))),
        "title_stems": " ".join(analyze(doc.title, doc.lang)),
        "body_terms": " ".join(sorted(set(body_terms))),
        "head_words": " ".join(sorted(set(head_words))),
        "head": " ".join(title_terms + tag_terms),
        "body": " ".join(body_terms),
        "ac": " ".join(_edge_grams(head_words)),
    }


def _doc_from_stored(stored: dict[str, Any]) -> ArticleDoc:
    return ArticleDoc(
        slug=stored["slug"],
        lang=stored["lang"],
        title=stored.get("title_text", ""),
        body=stored.get("body_text", ""),
        category=stored.get("category", ""),
        tags=list(stored.get("tags_list") or []),
        group=stored.get("group"),
    )


_T = TypeVar("_T")


def _with_backoff(
    action: Callable[[], _T],
    retry_on: type[BaseException] | tuple[type[BaseException], ...],
    timeout: float,
    max_delay: float = 0.1,
) -> _T:
    """Run an action; while it raises `retry_on`, again after a growing pause."""
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            return action()
        except retry_on:
            if time.monotonic() >= deadline:
                raise
            time.sleep(delay * (1 + random.random()))  # noqa: S311
            delay = min(delay * 2, max_delay)


def _acquire(lock: Any) -> None:
    """Take a Whoosh file lock now, or raise LockError."""
    if not lock.acquire(blocking=False):
        raise index.LockError("the index is locked by another writer")


def _again_if_vanished(action: Callable[[], _T], timeout: float = 5.0) -> _T:
    """Run an action that reads the index's table of contents, again if needed.

    Another process's commit writes a new generation of the table and removes
    the old one: a reader that listed the old one finds it gone. Reading again
    finds the new one.
    """
    return _with_backoff(action, FileNotFoundError, timeout)


def _again_if_recreated(action: Callable[[], _T], timeout: float = 5.0) -> _T:
    """Run an action that reads the table of contents, again while it is missing.

    Beyond `_again_if_vanished`: re-creating a lost index (`SearchIndex._heal`)
    removes every table of contents before it writes the first new one, and a
    reader in between finds none at all (`EmptyIndexError`).
    """
    return _with_backoff(action, (FileNotFoundError, index.EmptyIndexError), timeout)


class SearchIndex:
    """A Whoosh index of articles, safe to share between threads and processes."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        vocabulary: Vocabulary | None = None,
        lock_timeout: float = 30.0,
        source: Callable[[], Iterable[ArticleDoc]] | None = None,
    ) -> None:
        self.path = Path(path)
        self.source = source
        self.path.mkdir(parents=True, exist_ok=True)
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary.load()
        self.lock_timeout = lock_timeout
        self._lock = _folder_lock(self.path)
        self._pool: list[Searcher] = []
        self._pool_lock = threading.Lock()
        self._closed = False
        with self._lock:
            if _again_if_vanished(lambda: index.exists_in(self.path, INDEX_NAME)):
                self._ix = _again_if_vanished(
                    lambda: index.open_dir(self.path, indexname=INDEX_NAME)
                )
                if set(self._ix.schema.names()) != set(_schema().names()):
                    self._recreate()
            else:
                self._ix = index.create_in(self.path, _schema(), indexname=INDEX_NAME)
                self._write_meta()
        if self._read_meta() != self._meta():
            self._reindex_stale()

    # -- bookkeeping -----------------------------------------------------------

    def _meta(self) -> dict[str, str]:
        return {"analysis": ANALYSIS_VERSION, "vocabulary": self.vocabulary.fingerprint}

    def _read_meta(self) -> dict[str, str]:
        try:
            data = json.loads((self.path / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _write_meta(self) -> None:
        tmp = self.path / f"{META_FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
        tmp.write_text(json.dumps(self._meta()), encoding="utf-8")
        os.replace(tmp, self.path / META_FILE)

    def _reindex_stale(self) -> None:
        """Re-index the stored articles with this analysis and vocabulary, once."""

        def work(writer: writing.IndexWriter) -> bool:
            if self._read_meta() == self._meta():
                return False  # another process did it while we waited
            log.info("re-indexing %s for a new analysis or vocabulary", self.path)
            with self._ix.searcher() as searcher:
                docs = [_doc_from_stored(s) for s in searcher.all_stored_fields()]
            for doc in docs:
                writer.add_document(**document_fields(doc, self.vocabulary))
            return True

        self._write(work, clear=True)

    def _recreate(self) -> None:
        """Re-create the index with the current schema, keeping its articles.

        Only after an upgrade that changed the fields; the caller holds the
        thread lock, and other processes must not write meanwhile.
        """
        old = index.open_dir(self.path, indexname=INDEX_NAME)
        with old.searcher() as searcher:
            docs = [_doc_from_stored(s) for s in searcher.all_stored_fields()]
        old.close()
        self._ix = index.create_in(self.path, _schema(), indexname=INDEX_NAME)
        writer = self._ix.writer()
        for doc in docs:
            writer.add_document(**document_fields(doc, self.vocabulary))
        writer.commit()
        self._write_meta()

    def _is_lost(self) -> bool:
        """Whether the index's folder or table of contents has been removed."""
        try:
            return not index.exists_in(self.path, INDEX_NAME)
        except OSError:
            return True

    def _heal(self) -> None:
        """Build the index again after its files were removed under this process.

        The process that finds it lost first re-creates it, holding Whoosh's
        write lock, and fills it from `source`; another that finds it already
        re-created only opens it (a search there may see it empty until the
        first one commits).
        """
        with self._lock:
            if not self._is_lost():
                self._reopen()
                return
            log.error("the search index at %s is gone: building it again", self.path)
            self.path.mkdir(parents=True, exist_ok=True)
            lock = FileStorage(str(self.path)).lock(f"{INDEX_NAME}_WRITELOCK")
            _with_backoff(
                lambda: _acquire(lock), index.LockError, self.lock_timeout, 0.25
            )
            try:
                created = self._is_lost()
                if created:
                    self._ix = index.create_in(
                        self.path, _schema(), indexname=INDEX_NAME
                    )
            finally:
                lock.release()
            if not created:
                self._reopen()
                return
            self._drop_pool()
        if self.source is not None:
            self._fill_from_source(self.source)
        else:
            self._write_meta()

    def _reopen(self) -> None:
        """Open the index's files anew (the caller holds the thread lock)."""
        self._ix = _again_if_recreated(
            lambda: index.open_dir(self.path, indexname=INDEX_NAME)
        )
        self._drop_pool()

    def _drop_pool(self) -> None:
        with self._pool_lock:
            pool, self._pool = self._pool, []
        for searcher in pool:
            searcher.close()

    def _fill_from_source(self, source: Callable[[], Iterable[ArticleDoc]]) -> None:
        """Replace the index by the source's articles, read inside the write lock.

        Read there, the source holds every article whose own write to the
        index could come before this commit, so none of them is lost.
        """

        def work(writer: writing.IndexWriter) -> None:
            latest = {doc.slug: doc for doc in source()}
            for doc in latest.values():
                writer.add_document(**document_fields(doc, self.vocabulary))

        self._write(work, clear=True)

    def _take_searcher(self) -> Searcher:
        """A pooled searcher of the latest commit, or a new one.

        Not Whoosh's `refresh()`: 2.7 files the segment readers it means to
        reuse by generation and looks them up by segment id, so it reuses
        none, closes one and leaves the others open; and when a commit
        removes a file while it opens the new ones, it retries and closes
        that one again (ReaderClosed). A searcher behind the index is closed
        whole instead.
        """
        with self._pool_lock:
            searcher = self._pool.pop() if self._pool else None
        if searcher is not None and not self._is_current(searcher):
            searcher.close()
            searcher = None
        if searcher is None:
            searcher = _again_if_vanished(self._ix.searcher)
        return searcher

    def _is_current(self, searcher: Searcher) -> bool:
        try:
            return bool(self._ix.latest_generation() == searcher.reader().generation())
        except (OSError, index.EmptyIndexError):  # the folder is being replaced
            return False

    @contextmanager
    def _searcher(self) -> Iterator[Searcher]:
        if self._closed:
            raise RuntimeError("the search index is closed")
        try:
            searcher = self._take_searcher()
        except (FileNotFoundError, index.EmptyIndexError):
            # lost (build it again) or being re-created by another process
            # (open it anew): in both, the table of contents returns shortly
            self._heal()
            searcher = _again_if_recreated(self._take_searcher)
        try:
            yield searcher
        finally:
            with self._pool_lock:
                if not self._closed and len(self._pool) < 16:
                    self._pool.append(searcher)
                    searcher = None
            if searcher is not None:
                searcher.close()

    def _write(
        self,
        work: Callable[[writing.IndexWriter], bool | None],
        clear: bool = False,
        optimize: bool = False,
    ) -> None:
        """Run `work` in one commit, holding the thread lock and the file lock.

        `work` returning False cancels the commit. A commit with `clear` drops
        every earlier segment (a rebuild) and records the analysis version and
        vocabulary the index now has.
        """
        if self._is_lost():
            self._heal()
        with self._lock:
            # another process holds Whoosh's file lock: wait for it
            writer = _with_backoff(
                lambda: _again_if_recreated(self._ix.writer),
                index.LockError,
                self.lock_timeout,
                max_delay=0.25,
            )
            try:
                if work(writer) is False:
                    writer.cancel()
                    return
            except BaseException:
                writer.cancel()
                raise
            if clear:
                writer.commit(mergetype=writing.CLEAR)
                self._write_meta()
            else:
                writer.commit(optimize=optimize)

    # -- public API ------------------------------------------------------------

    def index_article(self, doc: ArticleDoc) -> None:
        """Add or replace (by slug) one article; the next search sees it."""
        self.index_articles([doc])

    def index_articles(self, docs: Iterable[ArticleDoc]) -> None:
        """Add or replace (by slug) many articles in one commit."""
        latest = {doc.slug: doc for doc in docs}
        prepared = [document_fields(d, self.vocabulary) for d in latest.values()]
        if not prepared:
            return

        def work(writer: writing.IndexWriter) -> None:
            # Whoosh's update_document opens a searcher per document; one
            # reader for the whole batch is much faster on big imports
            reader = writer.reader()
            try:
                for fields_ in prepared:
                    if ("slug", fields_["slug"]) in reader:
                        for docnum in reader.postings(
                            "slug", fields_["slug"]
                        ).all_ids():
                            writer.delete_document(docnum)
                    writer.add_document(**fields_)
            finally:
                reader.close()

        self._write(work)

    def remove_article(self, slug: str) -> None:
        """Remove an article by slug (nothing happens if there is none)."""
        self._write(lambda writer: writer.delete_by_term("slug", slug))

    def rebuild(self, docs: Iterable[ArticleDoc]) -> None:
        """Replace the whole index by these articles, in one commit."""
        latest = {doc.slug: doc for doc in docs}
        prepared = [document_fields(d, self.vocabulary) for d in latest.values()]

        def work(writer: writing.IndexWriter) -> None:
            for fields_ in prepared:
                writer.add_document(**fields_)

        self._write(work, clear=True)

    def optimize(self) -> None:
        """Merge the index into one segment (worth it after a big import)."""
        self._write(lambda writer: None, optimize=True)

    def doc_count(self) -> int:
        """Number of articles in the index."""
        with self._searcher() as searcher:
            return searcher.doc_count()

    def search(
        self, query: str, lang: str | None = None, limit: int = 10, prefix: bool = False
    ) -> SearchResult:
        """Search articles; lang ranks (it does not filter); prefix: as-you-type."""
        if limit < 1:
            raise ValueError("limit must be at least 1")
        with self._searcher() as searcher:
            return run_search(searcher, self.vocabulary, query, lang, limit, prefix)

    def close(self) -> None:
        """Close the searchers and the index."""
        self._closed = True
        self._drop_pool()
        self._ix.close()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
