"""Relevance when the page's language is not the language the query is typed in.

The help centre searches with the page's language, the suggestions before a
chat with the chat's: a citizen on a Russian page may type Kazakh. This asks
each query of evaluation sets again with each of the two other languages
given, among the starter articles, and counts a query answered when one of
the first three hits is a version (the same translation group) of a relevant
article, and a no-answer query right when nothing comes back.

    python bench/kb_page_language.py [EVAL_DIR ...]

With no folders: the development set and the held-out sets under bench/
that were read while the search was changed (the blind ones are left out).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kb_eval import eval_files  # noqa: E402

from knowledge_base import STARTER_DIR, SearchIndex, load_articles  # noqa: E402

LANGS = ("kk", "ru", "en")
READ_SETS = [
    ROOT.parent / "shared" / "kb-eval",
    *(ROOT / "bench" / name for name in ("holdout", "holdout2", "holdout3")),
    *(ROOT / "bench" / f"holdout{n}" for n in (4, 5, 6, 8, 9, 11)),
]


def asked_elsewhere(eval_dir: Path) -> Counter[tuple[str, str]]:
    """(kind, "right") and (kind, "asked") counts for one set."""
    files = eval_files(eval_dir)
    assert files is not None, eval_dir
    docs = load_articles(files[0])[0]
    if files[0] != STARTER_DIR:
        docs += load_articles(STARTER_DIR)[0]
    group = {d.slug: d.group or d.slug for d in docs}
    counts: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        index = SearchIndex(Path(tmp) / "index")
        index.rebuild(docs)
        for line in files[1].read_text("utf-8").splitlines():
            if not line.strip():
                continue
            query = json.loads(line)
            wanted = {group.get(s, s) for s in query["relevant"]}
            kind = query["kind"] if wanted else "no-answer"
            for lang in LANGS:
                if lang == query.get("lang"):
                    continue
                hits = index.search(query["q"], lang=lang, limit=10).hits
                if wanted:
                    right = any(group.get(h.slug, h.slug) in wanted for h in hits[:3])
                else:
                    right = not hits
                counts[(kind, "right")] += right
                counts[(kind, "asked")] += 1
        index.close()
    return counts


def main() -> int:
    folders = [Path(a) for a in sys.argv[1:]] or [d for d in READ_SETS if d.exists()]
    total: Counter[tuple[str, str]] = Counter()
    for folder in folders:
        total += asked_elsewhere(folder)
    kinds = sorted({kind for kind, _ in total})
    print("| kind | asked | right | share |\n| --- | ---: | ---: | ---: |")
    for kind in kinds:
        right, asked = total[(kind, "right")], total[(kind, "asked")]
        print(f"| {kind} | {asked} | {right} | {right / asked:.2f} |")
    answerable = [k for k in kinds if k != "no-answer"]
    right = sum(total[(k, "right")] for k in answerable)
    asked = sum(total[(k, "asked")] for k in answerable)
    print(f"| answerable | {asked} | {right} | {right / asked:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
