"""Relevance of the knowledge-base search on an evaluation set.

The set is a folder with articles and queries: the kb-eval development set
(dev_articles.jsonl, dev_queries.jsonl) or bench/holdout (articles.jsonl,
queries.jsonl), a second set written apart from the search's vocabulary; or
a folder of queries alone, asked of the starter articles
(bench/starter_queries).
Loads the articles into a temporary index, runs the queries and
prints recall@3 and MRR per query kind and overall, and the share of
no-answer queries (relevant: []) answered with no result; where the set marks
them with a scope, also for the off-topic ones (a recipe, a poem) and those
in the helpdesk's field that no article of the set answers. With --distractors
(the default when knowledge_base/starter exists) it runs again with the starter
articles added to the index, to show the figures hold among more articles on
the same topics.

    python bench/kb_eval.py [EVAL_DIR] [--no-distractors] [--show-misses]
                            [--mix OTHER_SET ...]

--mix adds other sets' articles to the distractors, as articles of the
centre's own (many more articles on the same topics; they may answer a
query too, so read the column with the distractors struck out).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from knowledge_base import STARTER_DIR, SearchIndex, load_articles  # noqa: E402

# a no-answer query's scope, where the set marks it (see evaluate)
SCOPES = ("off-topic", "in-field")


def eval_files(eval_dir: Path) -> tuple[Path, Path] | None:
    """The articles and queries files of an evaluation folder, if it has them.

    A folder with queries only (bench/starter_queries) asks them of the
    starter articles, as a centre that has no articles of its own yet.
    """
    for prefix in ("dev_", ""):
        articles = eval_dir / f"{prefix}articles.jsonl"
        queries = eval_dir / f"{prefix}queries.jsonl"
        if articles.exists() and queries.exists():
            return articles, queries
    if (eval_dir / "queries.jsonl").exists() and any(STARTER_DIR.glob("*.md")):
        return STARTER_DIR, eval_dir / "queries.jsonl"
    return None


def evaluate(
    eval_dir: Path,
    distractors: bool,
    show_misses: bool,
    limit: int = 10,
    mix: tuple[Path, ...] = (),
) -> dict[str, dict[str, float]]:
    """Run the queries against a fresh index and return the figures by kind."""
    files = eval_files(eval_dir)
    assert files is not None
    articles_file, queries_file = files
    docs, errors = load_articles(articles_file)
    if errors:
        print(f"warning: {len(errors)} bad article records: {errors[:3]}")
    if distractors:
        extra, extra_errors = load_articles(STARTER_DIR)
        for other in mix:  # other sets' articles, as the centre's own
            other_files = eval_files(other)
            assert other_files is not None, other
            extra += load_articles(other_files[0])[0]
    else:
        extra, extra_errors = [], []
    if distractors:
        if extra_errors:
            print(
                f"warning: {len(extra_errors)} bad starter articles: {extra_errors[:3]}"
            )
        docs = docs + extra
    queries = [
        json.loads(line)
        for line in queries_file.read_text("utf-8").splitlines()
        if line.strip()
    ]
    dev_slugs = {d.slug for d in docs[: len(docs) - (len(extra) if distractors else 0)]}
    per_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    dev_order: dict[str, list[float]] = defaultdict(list)
    empty_answers: list[bool] = []
    empty_of_own: list[bool] = []  # no article of the set's own in the answer
    # per scope of a no-answer query, where the set says it: off-topic (a
    # recipe, a poem) or in-field (a public service no article covers)
    empty_by_scope: dict[str, list[bool]] = defaultdict(list)
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        index = SearchIndex(Path(tmp) / "index")
        index.rebuild(docs)
        for q in queries:
            started = time.perf_counter()
            result = index.search(q["q"], lang=q.get("lang"), limit=limit)
            timings.append(time.perf_counter() - started)
            slugs = [h.slug for h in result.hits]
            relevant = set(q["relevant"])
            if not relevant:
                empty_answers.append(not slugs)
                empty_of_own.append(not any(s in dev_slugs for s in slugs))
                if "scope" in q:
                    empty_by_scope[q["scope"]].append(not slugs)
                if slugs and show_misses:
                    print(f"  NOT EMPTY [{q['kind']}] {q['q'][:70]!r} -> {slugs[:3]}")
                continue
            rank = next((i for i, s in enumerate(slugs, 1) if s in relevant), None)
            hit3 = 1.0 if rank is not None and rank <= 3 else 0.0
            rr = 1.0 / rank if rank else 0.0
            per_kind[q["kind"]].append((hit3, rr))
            # the same, with the distractors struck out of the ranked list
            own = [s for s in slugs if s in dev_slugs]
            dev_order[q["kind"]].append(1.0 if relevant & set(own[:3]) else 0.0)
            if show_misses and not hit3:
                print(
                    f"  MISS [{q['kind']}] {q['q'][:70]!r} rank={rank} "
                    f"top={slugs[:3]} want={sorted(relevant)}"
                )
        index.close()
    table: dict[str, dict[str, float]] = {}
    all_pairs: list[tuple[float, float]] = []
    for kind, pairs in per_kind.items():
        all_pairs.extend(pairs)
        table[kind] = {
            "n": len(pairs),
            "recall@3": sum(p[0] for p in pairs) / len(pairs),
            "mrr": sum(p[1] for p in pairs) / len(pairs),
            "dev_order": sum(dev_order[kind]) / len(pairs),
        }
    all_dev = [v for values in dev_order.values() for v in values]
    table["overall"] = {
        "dev_order": sum(all_dev) / max(len(all_dev), 1),
        "n": len(all_pairs),
        "recall@3": sum(p[0] for p in all_pairs) / max(len(all_pairs), 1),
        "mrr": sum(p[1] for p in all_pairs) / max(len(all_pairs), 1),
    }
    table["no-answer"] = {
        "n": len(empty_answers),
        "empty": sum(empty_answers) / max(len(empty_answers), 1),
        "dev_order": sum(empty_of_own) / max(len(empty_of_own), 1),
    }
    for scope, empties in sorted(empty_by_scope.items()):
        table["no-answer"][f"{scope} n"] = len(empties)
        table["no-answer"][f"{scope} empty"] = sum(empties) / len(empties)
    timings.sort()
    table["_timing"] = {"n": len(docs), "p50_ms": 1000 * timings[len(timings) // 2]}
    return table


def print_table(
    title: str, table: dict[str, dict[str, float]], with_dev_order: bool = False
) -> None:
    """Print one evaluation as a Markdown table."""
    print(f"\n### {title} ({int(table['_timing']['n'])} articles)\n")
    head = "| kind | queries | recall@3 | MRR |"
    rule = "| --- | ---: | ---: | ---: |"
    if with_dev_order:
        head += " recall@3, distractors struck out of the list |"
        rule += " ---: |"
    print(head)
    print(rule)
    kinds = sorted(k for k in table if k not in ("overall", "no-answer", "_timing"))
    for kind in [*kinds, "overall"]:
        row = table[kind]
        cells = (
            f"| {kind} | {int(row['n'])} | {row['recall@3']:.2f} | {row['mrr']:.2f} |"
        )
        if with_dev_order:
            cells += f" {row['dev_order']:.2f} |"
        print(cells)
    na = table["no-answer"]
    # struck out: a distractor may answer what the set's articles do not
    tail = f" {na['dev_order']:.2f} |" if with_dev_order else ""
    print(f"| no-answer: empty result | {int(na['n'])} | {na['empty']:.2f} | |{tail}")
    for scope in SCOPES:
        if f"{scope} n" in na:
            n, empty = int(na[f"{scope} n"]), na[f"{scope} empty"]
            cells = f"| of which {scope} | {n} | {empty:.2f} | |"
            print(cells + (" |" if with_dev_order else ""))
    print(f"\nmedian query time {table['_timing']['p50_ms']:.1f} ms")


def main() -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "eval_dir",
        nargs="?",
        default=str(ROOT.parent / "shared" / "kb-eval"),
        help="folder with (dev_)articles.jsonl and (dev_)queries.jsonl "
        "(default: ../shared/kb-eval from the repository root)",
    )
    parser.add_argument("--no-distractors", action="store_true")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument(
        "--mix",
        nargs="+",
        default=[],
        metavar="DIR",
        help="add these sets' articles to the distractors, as a centre's own",
    )
    args = parser.parse_args()
    eval_dir = Path(args.eval_dir)
    files = eval_files(eval_dir)
    if files is None:
        print(f"error: no articles and queries files in {eval_dir}", file=sys.stderr)
        return 2
    print_table("the set's articles only", evaluate(eval_dir, False, args.show_misses))
    on_starter = files[0] == STARTER_DIR  # the starter articles are the set's own
    if not args.no_distractors and not on_starter and any(STARTER_DIR.glob("*.md")):
        mix = tuple(Path(d) for d in args.mix)
        for other in mix:
            if eval_files(other) is None:
                print(f"error: no articles file in {other}", file=sys.stderr)
                return 2
        title = "the set's articles + starter articles as distractors"
        if mix:
            title += " + the articles of " + ", ".join(d.name for d in mix)
        print_table(
            title,
            evaluate(eval_dir, True, args.show_misses, mix=mix),
            with_dev_order=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
