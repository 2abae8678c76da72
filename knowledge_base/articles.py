"""Articles: the record, its JSON Lines and Markdown forms, and slugs.

Import format (docs/contract): one JSON object a line, or a folder of Markdown
files each with YAML front matter (`slug`, `lang`, `title`, `category`, `tags`,
`group`) and the body below it. `slug`, `lang`, `title` and `body` are
required: a record missing one of them, with a `lang` other than kk/ru/en, or
that is not valid JSON/YAML is reported as a `RecordError` and skipped, and the
rest loads. A missing slug is *not* derived from the title: re-importing an
edited title would then create a second article instead of updating the first,
so the record is reported instead (use `slugify(title)` to make one).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

LANGS = ("kk", "ru", "en")
STARTER_DIR = Path(__file__).parent / "starter"
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_MAX = 120


@dataclass
class ArticleDoc:
    """An article as indexed, imported and exported."""

    slug: str
    lang: str
    title: str
    body: str  # Markdown
    category: str = ""
    tags: list[str] = field(default_factory=list)
    group: str | None = None


class RecordError(NamedTuple):
    """A record that could not be loaded: its 1-based line (0 for a file) and why."""

    line: int
    message: str


_TRANSLIT = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d",
    "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "і": "i",
    "к": "k", "қ": "q", "л": "l", "м": "m", "н": "n", "ң": "ng", "о": "o",
    "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u",
    "ү": "u", "ф": "f", "х": "kh", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def slugify(title: str) -> str:
    """Make an ASCII slug of a title, Kazakh and Russian transliterated; never empty."""
    text = unicodedata.normalize("NFC", title).lower()
    text = "".join(_TRANSLIT.get(ch, ch) for ch in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0] or slug[:SLUG_MAX]
    if not slug:
        digest = hashlib.sha1(title.encode("utf-8"), usedforsecurity=False)
        slug = "article-" + digest.hexdigest()[:8]
    return slug


def dump_article(doc: ArticleDoc) -> dict[str, Any]:
    """Return the JSON Lines record of an article (group only when it has one)."""
    record: dict[str, Any] = {
        "slug": doc.slug,
        "lang": doc.lang,
        "title": doc.title,
        "body": doc.body,
        "category": doc.category,
        "tags": list(doc.tags),
    }
    if doc.group:
        record["group"] = doc.group
    return record


def article_from_record(record: Any) -> ArticleDoc:
    """Check a parsed record and make an article; ValueError says what is wrong."""
    if not isinstance(record, dict):
        raise ValueError("a record must be a JSON object")
    missing = [
        name
        for name in ("slug", "lang", "title", "body")
        if record.get(name) is None or (name != "body" and record.get(name) == "")
    ]
    if missing:
        raise ValueError("missing field" + ("s " if len(missing) > 1 else " ")
                         + ", ".join(missing))  # fmt: skip
    slug, lang, title, body = (record[k] for k in ("slug", "lang", "title", "body"))
    for name, value in (
        ("slug", slug),
        ("lang", lang),
        ("title", title),
        ("body", body),
    ):
        if not isinstance(value, str):
            raise ValueError(f"field {name} must be text")
    slug = slug.strip()
    if not SLUG_RE.match(slug) or len(slug) > SLUG_MAX:
        raise ValueError(
            f"bad slug {slug!r}: lower-case ASCII letters, digits and hyphens"
        )
    if lang not in LANGS:
        raise ValueError(f"unknown lang {lang!r}: expected kk, ru or en")
    category = record.get("category") or ""
    if not isinstance(category, str):
        raise ValueError("field category must be text")
    tags = record.get("tags") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",")]
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ValueError("field tags must be a list of text")
    group = record.get("group")
    if group is not None and not isinstance(group, str):
        raise ValueError("field group must be text")
    return ArticleDoc(
        slug=slug,
        lang=lang,
        title=title.strip(),
        body=body,
        category=category.strip(),
        tags=[t.strip() for t in tags if t.strip()],
        group=group.strip() or None if group else None,
    )


def _load_jsonl(path: Path) -> tuple[list[ArticleDoc], list[RecordError]]:
    docs: list[ArticleDoc] = []
    errors: list[RecordError] = []
    seen: dict[str, int] = {}
    with path.open(encoding="utf-8-sig") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(RecordError(number, f"bad JSON: {exc.msg}"))
                continue
            try:
                doc = article_from_record(record)
            except ValueError as exc:
                errors.append(RecordError(number, str(exc)))
                continue
            if doc.slug in seen:
                errors.append(
                    RecordError(
                        number, f"duplicate slug {doc.slug} (line {seen[doc.slug]})"
                    )
                )
                continue
            seen[doc.slug] = number
            docs.append(doc)
    return docs, errors


def parse_markdown(text: str) -> dict[str, Any]:
    """Split a Markdown article into its front matter fields plus `body`."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ValueError("no YAML front matter (the file must start with ---)")
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        raise ValueError("front matter is not closed with ---")
    try:
        meta = yaml.safe_load("".join(lines[1:end]))
    except yaml.YAMLError as exc:
        raise ValueError(f"bad YAML front matter: {exc}") from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a YAML mapping")
    record = dict(meta)
    record["body"] = "".join(lines[end + 1 :]).strip("\n") + "\n"
    for key in ("slug", "lang", "title", "category", "group"):
        value = record.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            record[key] = str(value)  # a group id or title YAML read as a number
    return record


def _load_markdown_dir(path: Path) -> tuple[list[ArticleDoc], list[RecordError]]:
    docs: list[ArticleDoc] = []
    errors: list[RecordError] = []
    seen: dict[str, str] = {}
    for file in sorted(path.glob("*.md")):
        try:
            record = parse_markdown(file.read_text(encoding="utf-8"))
            doc = article_from_record(record)
        except (ValueError, UnicodeDecodeError) as exc:
            errors.append(RecordError(0, f"{file.name}: {exc}"))
            continue
        if doc.slug in seen:
            errors.append(
                RecordError(
                    0, f"{file.name}: duplicate slug {doc.slug} ({seen[doc.slug]})"
                )  # fmt: skip
            )
            continue
        seen[doc.slug] = file.name
        docs.append(doc)
    return docs, errors


def load_articles(
    path: str | os.PathLike[str],
) -> tuple[list[ArticleDoc], list[RecordError]]:
    """Load articles from a JSON Lines file or a folder of Markdown files."""
    target = Path(path)
    if target.is_dir():
        return _load_markdown_dir(target)
    if not target.exists():
        raise FileNotFoundError(f"no such file or folder: {target}")
    if target.suffix.lower() == ".md":
        try:
            doc = article_from_record(parse_markdown(target.read_text("utf-8")))
        except (ValueError, UnicodeDecodeError) as exc:
            return [], [RecordError(0, f"{target.name}: {exc}")]
        return [doc], []
    return _load_jsonl(target)


def _fingerprint(doc: ArticleDoc) -> str:
    text = "\x1f".join((doc.slug, doc.lang, doc.title.strip(), doc.body.strip()))
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


@functools.cache
def _starter_prints() -> frozenset[str]:
    if not STARTER_DIR.is_dir():
        return frozenset()
    docs, _problems = load_articles(STARTER_DIR)
    return frozenset(_fingerprint(doc) for doc in docs)


def is_unedited_starter(doc: ArticleDoc) -> bool:
    """Is this one of the starter articles, as shipped (title and body unedited)?

    The starter articles are a general seed: an article the centre wrote, or
    a starter article a moderator has edited, is the centre's own.
    """
    return _fingerprint(doc) in _starter_prints()
