"""Indexing rate and query latency of the knowledge-base search at scale.

Generates a corpus (100,000 articles by default) from real words: the
sentences, titles and tags of the starter articles (and of the kb-eval
development articles when present) and the terms of the field vocabulary, in
Kazakh, Russian and English, recombined at random with a fixed seed. Then it
measures the indexing rate (one bulk commit per batch, as an import does) and
p50/p99 query times for typical queries (short and chatty, in all scripts)
and for search-as-you-type prefixes. Not a test: it prints numbers.

    python bench/kb_latency.py [--n 100000] [--queries 400] [--index-dir DIR]

Articles are indexed in commits of --batch (5,000), as an import does, then
the index is merged into one segment (as `rebuild` leaves it) before timing.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge_base import (  # noqa: E402
    STARTER_DIR,
    VOCABULARY_DIR,
    ArticleDoc,
    SearchIndex,
    load_articles,
)
from knowledge_base.postings import forget_postings  # noqa: E402
from knowledge_base.snippets import markdown_to_text  # noqa: E402

LANG_SHARE = {"ru": 0.45, "kk": 0.4, "en": 0.15}
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
_WORD = re.compile(r"[^\W\d_]{3,}")


def seed_articles() -> list[ArticleDoc]:
    """The real articles the corpus is recombined from."""
    docs, _ = load_articles(STARTER_DIR)
    dev = ROOT.parent / "shared" / "kb-eval" / "dev_articles.jsonl"
    if dev.exists():
        docs += load_articles(dev)[0]
    if not docs:
        raise SystemExit("no seed articles: knowledge_base/starter is empty")
    return docs


class CorpusGenerator:
    """Random articles made of real sentences, titles, tags and words."""

    def __init__(self, seeds: list[ArticleDoc], rng: random.Random) -> None:
        self.rng = rng
        self.sentences: dict[str, list[str]] = {lang: [] for lang in LANG_SHARE}
        self.titles: dict[str, list[str]] = {lang: [] for lang in LANG_SHARE}
        self.tags: dict[str, list[str]] = {lang: [] for lang in LANG_SHARE}
        self.words: dict[str, list[str]] = {lang: [] for lang in LANG_SHARE}
        for doc in seeds:
            text = markdown_to_text(doc.body)
            self.sentences[doc.lang] += [
                s.strip() for s in _SENTENCE.findall(text) if len(s.strip()) > 20
            ]
            self.titles[doc.lang].append(doc.title)
            self.tags[doc.lang] += doc.tags
            self.words[doc.lang] += _WORD.findall(doc.title + " " + text)
        for file in sorted(VOCABULARY_DIR.glob("*.txt")):
            for line in file.read_text("utf-8").splitlines():
                if line.strip() and not line.startswith("#"):
                    for term in line.split("|"):
                        term = term.strip()
                        lang = _term_lang(term)
                        self.words[lang] += _WORD.findall(term)
                        self.tags[lang].append(term)

    def article(self, number: int) -> ArticleDoc:
        """One random article."""
        rng = self.rng
        lang = rng.choices(list(LANG_SHARE), weights=list(LANG_SHARE.values()))[0]
        words = self.words[lang]
        title_words = rng.choice(self.titles[lang]).split()
        for _ in range(2):  # swap a couple of words for others of the language
            title_words[rng.randrange(len(title_words))] = rng.choice(words)
        sentences = rng.sample(
            self.sentences[lang], k=min(8, len(self.sentences[lang]))
        )
        body_words = " ".join(sentences).split()
        for _ in range(len(body_words) // 6):
            body_words[rng.randrange(len(body_words))] = rng.choice(words)
        paragraphs = [
            " ".join(body_words[i : i + 40]) for i in range(0, len(body_words), 40)
        ]
        return ArticleDoc(
            slug=f"gen-{lang}-{number}",
            lang=lang,
            title=" ".join(title_words),
            body="\n\n".join(paragraphs),
            category=rng.choice(["egov", "fraud", "banking", "smartphone", "health"]),
            tags=rng.sample(self.tags[lang], k=3),
        )

    def query(self) -> tuple[str, str]:
        """A typical query: a few words of a title, or a long chat message."""
        rng = self.rng
        lang = rng.choices(list(LANG_SHARE), weights=list(LANG_SHARE.values()))[0]
        if rng.random() < 0.25:
            text = " ".join(rng.sample(self.sentences[lang], k=3))
        else:
            words = _WORD.findall(rng.choice(self.titles[lang]))
            start = rng.randrange(max(1, len(words) - 2))
            text = " ".join(words[start : start + rng.randint(2, 4)])
        return text, lang

    def prefix_query(self) -> tuple[str, str]:
        """What a person has typed so far: whole words, then part of one."""
        rng = self.rng
        lang = rng.choices(list(LANG_SHARE), weights=list(LANG_SHARE.values()))[0]
        words = _WORD.findall(rng.choice(self.titles[lang])) or ["egov"]
        count = rng.randint(1, min(3, len(words)))
        typed = words[:count]
        last = typed[-1]
        typed[-1] = last[: rng.randint(min(2, len(last)), len(last))]
        return " ".join(typed), lang


def _term_lang(term: str) -> str:
    if re.search(r"[әғқңөұүһі]", term.lower()):
        return "kk"
    if re.search(r"[а-яё]", term.lower()):
        return "ru"
    return "en"


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_queries(
    index: SearchIndex, queries: list[tuple[str, str]], prefix: bool, cold: bool = False
) -> list[float]:
    """Run the queries once to warm up, then time each; milliseconds.

    cold: every query reads its posting lists anew, as if it were the first
    after a start (otherwise the lists of common words are kept between
    queries, as in a running server).
    """
    for text, lang in queries[:20]:
        index.search(text, lang=lang, prefix=prefix)
    times = []
    for text, lang in queries:
        if cold:
            forget_postings()
        started = time.perf_counter()
        index.search(text, lang=lang, prefix=prefix)
        times.append(1000 * (time.perf_counter() - started))
    return times


def time_floor(path: Path, queries: list[tuple[str, str]]) -> list[float]:
    """The floor: stock Whoosh (BM25F, top 10) on the first term of each query.

    The same index and the same machine in the same run: the ratio to it says
    what the analysis, the vocabulary and the evidence scoring cost.
    """
    from whoosh import index as whoosh_index
    from whoosh.query import Term

    from knowledge_base.analysis import analyze

    terms = [t[0] for t in (analyze(text, lang) for text, lang in queries) if t]
    ix = whoosh_index.open_dir(str(path), indexname="articles")
    times = []
    with ix.searcher() as searcher:
        for term in terms[:20]:
            searcher.search(Term("body", term), limit=10)
        for term in terms:
            started = time.perf_counter()
            list(searcher.search(Term("body", term), limit=10))
            times.append(1000 * (time.perf_counter() - started))
    ix.close()
    return times


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles to index")
    parser.add_argument("--queries", type=int, default=400, help="queries of each kind")
    parser.add_argument("--batch", type=int, default=5000, help="articles per commit")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--index-dir",
        help="keep the index here (default: temporary); an index that already "
        "holds --n articles is reused and only the queries are timed",
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    generator = CorpusGenerator(seed_articles(), rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.index_dir or Path(tmp) / "index")
        index = SearchIndex(path)
        count = index.doc_count()
        if count >= args.n:
            print(f"reusing the index in {path}: {count} articles")
        else:
            started = time.perf_counter()
            for first in range(count, args.n, args.batch):
                last = min(args.n, first + args.batch)
                index.index_articles(generator.article(i) for i in range(first, last))
            elapsed = time.perf_counter() - started
            added = index.doc_count() - count
            count += added
            rate = added / elapsed
            print(f"indexed {added} articles in {elapsed:.1f} s: {rate:.0f} articles/s")
            started = time.perf_counter()
            index.optimize()
            print(f"merged into one segment in {time.perf_counter() - started:.1f} s")

        # queries come from their own random stream: the same with a reused index
        generator.rng = random.Random(args.seed + 1)
        typical = [generator.query() for _ in range(args.queries)]
        prefixes = [generator.prefix_query() for _ in range(args.queries)]
        dev = ROOT.parent / "shared" / "kb-eval" / "dev_queries.jsonl"
        if dev.exists():  # real queries of every kind, chatty ones included
            for line in dev.read_text("utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    typical.append((record["q"], record["lang"]))
        floor = time_floor(path, typical)
        rows = [
            ("floor: stock Whoosh, one term", floor),
            ("typical queries", time_queries(index, typical, prefix=False)),
            (
                "typical, posting lists read anew",
                time_queries(index, typical, prefix=False, cold=True),
            ),
            ("as-you-type prefixes", time_queries(index, prefixes, prefix=True)),
        ]
        base = percentile(floor, 0.5)
        print(
            f"\n| queries ({count} articles) | n | p50 ms | p99 ms | mean ms "
            "| p50 / floor |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for name, times in rows:
            print(
                f"| {name} | {len(times)} | {percentile(times, 0.5):.1f} "
                f"| {percentile(times, 0.99):.1f} | {statistics.mean(times):.1f} "
                f"| {percentile(times, 0.5) / base:.1f}x |"
            )
        index.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
