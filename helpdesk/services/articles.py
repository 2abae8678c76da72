"""Knowledge-base articles: the rows are the truth, the search index follows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import nh3
from flask_babel import gettext
from markdown_it import MarkdownIt
from sqlalchemy import Engine
from sqlmodel import Session, col, func, select

from helpdesk.config import LANGUAGES
from helpdesk.db import read_session
from helpdesk.errors import InvalidInput, NotFound
from helpdesk.models import Article, SearchLog, utcnow
from knowledge_base import ArticleDoc, SearchIndex, SearchResult, slugify

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
MAX_QUERY = 500
MAX_LIMIT = 50


def render_markdown(body: str) -> str:
    """Markdown to sanitised HTML."""
    return nh3.clean(_markdown.render(body), link_rel="noopener noreferrer nofollow")


def to_doc(article: Article) -> ArticleDoc:
    """The search library's view of an article."""
    return ArticleDoc(
        slug=article.slug,
        lang=article.lang,
        title=article.title,
        body=article.body,
        category=article.category,
        tags=article.tag_list,
        group=article.group,
    )


def to_record(article: Article) -> dict[str, Any]:
    """An article in the import/export format."""
    return {
        "slug": article.slug,
        "lang": article.lang,
        "title": article.title,
        "body": article.body,
        "category": article.category,
        "tags": article.tag_list,
        "group": article.group,
    }


def upsert(*, session: Session, doc: ArticleDoc) -> tuple[Article, bool]:
    """Create or update an article by slug; returns it and whether it is new."""
    slug = doc.slug or slugify(doc.title)
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    created = article is None
    if article is None:
        article = Article(slug=slug, lang=doc.lang, title=doc.title, body=doc.body)
    article.lang = doc.lang
    article.title = doc.title
    article.body = doc.body
    article.category = doc.category or ""
    article.tags = ",".join(t.replace(",", " ").strip() for t in doc.tags if t.strip())
    article.group = doc.group
    article.status = "published"
    article.updated_at = utcnow()
    session.add(article)
    session.flush()
    return article, created


def import_docs(
    *, session: Session, index: SearchIndex, docs: Iterable[ArticleDoc]
) -> tuple[int, int]:
    """Upsert articles, commit, then index them; returns (created, updated)."""
    created = updated = 0
    saved = []
    for doc in docs:
        article, is_new = upsert(session=session, doc=doc)
        created += is_new
        updated += not is_new
        saved.append(to_doc(article))
    session.commit()
    index.index_articles(saved)
    return created, updated


def published(session: Session) -> list[Article]:
    """Every published article."""
    return list(
        session.exec(
            select(Article).where(Article.status == "published").order_by(Article.slug)
        )  # type: ignore[arg-type]
    )


def published_docs(engine: Engine) -> list[ArticleDoc]:
    """Every published article as the search library sees it, read afresh
    (the index's source: a lost index is built again from it)."""
    with read_session(engine) as session:
        return [to_doc(a) for a in published(session)]


def reindex(*, session: Session, index: SearchIndex) -> int:
    """Rebuild the search index from the database; returns the article count."""
    docs = [to_doc(a) for a in published(session)]
    index.rebuild(docs)
    return len(docs)


def count_published(session: Session) -> int:
    """How many articles are published."""
    return session.exec(
        select(func.count()).select_from(Article).where(Article.status == "published")
    ).one()


def set_status(
    *, session: Session, index: SearchIndex, slug: str, status: str
) -> Article:
    """Publish or unpublish an article; the index follows after commit."""
    if status not in ("published", "unpublished", "draft"):
        raise InvalidInput(gettext("Unknown article status."))
    article = session.exec(select(Article).where(Article.slug == slug)).first()
    if article is None:
        raise NotFound(gettext("No such article."))
    article.status = status
    article.updated_at = utcnow()
    session.add(article)
    session.commit()
    if status == "published":
        index.index_article(to_doc(article))
    else:
        index.remove_article(slug)
    return article


def get_published(session: Session, slug: str) -> Article:
    """A published article by slug, or NotFound."""
    article = session.exec(
        select(Article).where(Article.slug == slug, Article.status == "published")
    ).first()
    if article is None:
        raise NotFound(gettext("No such article."))
    return article


def translations(session: Session, article: Article) -> list[Article]:
    """The other published language versions of the same answer."""
    return translations_of(session, [article.slug]).get(article.slug, [])


def translations_of(session: Session, slugs: list[str]) -> dict[str, list[Article]]:
    """For each slug, the other published language versions of its answer.

    Search lists each answer once, in the reader's language: these are the
    versions it did not list.
    """
    found = session.exec(
        select(Article).where(
            Article.slug.in_(slugs),  # type: ignore[attr-defined]
            Article.group.is_not(None),  # type: ignore[union-attr]
        )
    ).all()
    groups = {a.group for a in found}
    if not groups:
        return {}
    siblings = session.exec(
        select(Article)
        .where(
            Article.group.in_(groups),  # type: ignore[union-attr]
            Article.status == "published",
        )
        .order_by(Article.lang)  # type: ignore[arg-type]
    ).all()
    return {
        a.slug: [o for o in siblings if o.group == a.group and o.slug != a.slug]
        for a in found
    }


def article_dict(session: Session, article: Article, url: str) -> dict[str, Any]:
    """The API's view of an article."""
    return {
        **to_record(article),
        "html": render_markdown(article.body),
        "url": url,
        "translations": [
            {"slug": t.slug, "lang": t.lang, "title": t.title}
            for t in translations(session, article)
        ],
    }


def parse_search_args(q: Any, lang: Any, limit: Any) -> tuple[str, str | None, int]:
    """Validate the search query, language and limit."""
    if not isinstance(q, str):
        raise InvalidInput(gettext("q is required."))
    q = q.strip()
    if len(q) > MAX_QUERY:
        raise InvalidInput(
            gettext("The query is too long (at most %(n)d characters).", n=MAX_QUERY)
        )
    if lang in (None, ""):
        lang = None
    elif lang not in LANGUAGES:
        raise InvalidInput(
            gettext("lang must be one of %(langs)s.", langs=", ".join(LANGUAGES))
        )
    if limit in (None, ""):
        number = 10
    else:
        try:
            number = int(limit)
        except (TypeError, ValueError):
            raise InvalidInput(
                gettext("limit must be a whole number from 1 to %(n)d.", n=MAX_LIMIT)
            ) from None
        if not 1 <= number <= MAX_LIMIT:
            raise InvalidInput(
                gettext("limit must be a whole number from 1 to %(n)d.", n=MAX_LIMIT)
            )
    return q, lang, number


def search(
    *, index: SearchIndex, q: str, lang: str | None, limit: int, prefix: bool = False
) -> SearchResult:
    """Search the knowledge base; an empty query finds nothing."""
    if not q:
        return SearchResult(query=q, lang=lang or "ru", hits=[], suggestion=None)
    return index.search(q, lang=lang, limit=limit, prefix=prefix)


def log_search(*, session: Session, query: str, lang: str, results: int) -> int:
    """Record a search without anything that identifies who searched."""
    row = SearchLog(query=query[:500], lang=lang, results=results)
    session.add(row)
    session.flush()
    return row.id  # type: ignore[return-value]


def log_outcome(*, session: Session, search_id: Any, outcome: Any) -> None:
    """Record whether a search led to an opened article or a question."""
    if outcome not in ("opened", "asked"):
        raise InvalidInput(gettext("outcome must be opened or asked."))
    if (
        isinstance(search_id, bool)
        or not isinstance(search_id, int)
        or not 0 < search_id < 2**63
    ):
        raise NotFound(gettext("No such search."))
    row = session.get(SearchLog, search_id)
    if row is None:
        raise NotFound(gettext("No such search."))
    # asking a volunteer after opening an article says more: keep the later one
    if row.outcome != "asked":
        row.outcome = outcome
    session.add(row)


def note_outcome(*, session: Session, search_id: Any, outcome: str) -> None:
    """Like `log_outcome`, for a search id that came along with something else
    (a question, a link): a missing or unknown one is ignored, the question or
    the article matters more than the statistics."""
    if search_id is None:
        return
    try:
        log_outcome(session=session, search_id=search_id, outcome=outcome)
    except NotFound:
        pass


def search_payload(
    result: SearchResult, url_of: Callable[[str], str], search_id: int | None = None
) -> dict[str, Any]:
    """The API's answer to a search (also printed by `helpdesk kb search --json`)."""
    return {
        "query": result.query,
        "lang": result.lang,
        "search_id": search_id,
        "suggestion": result.suggestion,
        "results": [
            {
                "slug": hit.slug,
                "title": hit.title,
                "lang": hit.lang,
                "snippet": hit.snippet,
                "url": url_of(hit.slug),
                "score": round(hit.score, 4),
            }
            for hit in result.hits
        ],
    }


def categories(session: Session, lang: str | None = None) -> list[tuple[str, int]]:
    """Categories with their published article counts."""
    query = (
        select(Article.category, func.count())
        .where(Article.status == "published")
        .group_by(Article.category)
        .order_by(Article.category)
    )
    if lang:
        query = query.where(Article.lang == lang)
    return [(c, n) for c, n in session.exec(query) if c]


def by_category(
    session: Session, category: str, lang: str | None = None
) -> list[Article]:
    """Published articles in a category, the reader's language first."""
    query = select(Article).where(
        Article.status == "published", Article.category == category
    )
    rows = list(session.exec(query.order_by(col(Article.title))))
    return sorted(rows, key=lambda a: (a.lang != lang, a.title))
