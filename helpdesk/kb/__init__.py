"""The public help centre."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import get_locale, gettext

from helpdesk.db import read_session, write_session
from helpdesk.errors import HelpdeskError
from helpdesk.i18n import N_
from helpdesk.runtime import runtime
from helpdesk.services import articles

bp = Blueprint("kb", __name__, url_prefix="/help")

CATEGORY_LABELS = {
    "egov": N_("eGov and public services"),
    "signature": N_("Digital signature"),
    "fraud": N_("Fraud and scams"),
    "smartphone": N_("Smartphones"),
    "messengers": N_("Messengers"),
    "banking": N_("Online banking"),
    "health": N_("Health and doctors"),
    "children": N_("Children online"),
    "security": N_("Passwords and security"),
    "jobs": N_("Jobs"),
    "utilities": N_("Utilities"),
    "learning": N_("Online learning"),
    "volunteering": N_("Volunteer help"),
}
LANGUAGE_NAMES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}


@bp.app_template_filter("category_label")
def category_label(name: str) -> str:
    """A category's name in the reader's language."""
    return gettext(CATEGORY_LABELS[name]) if name in CATEGORY_LABELS else name


@bp.app_template_filter("language_name")
def language_name(code: str) -> str:
    """A language's own name."""
    return LANGUAGE_NAMES.get(code, code)


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    """Search box, results with highlights, categories."""
    lang = str(get_locale())
    q = request.args.get("q", "")
    result = None
    error = None
    search_id = None
    rt = runtime()
    if q.strip():
        try:
            q, _, limit = articles.parse_search_args(q, lang, 10)
            result = articles.search(index=rt.index, q=q, lang=lang, limit=limit)
            with write_session(rt.engine) as session:
                search_id = articles.log_search(
                    session=session, query=q, lang=result.lang, results=len(result.hits)
                )
        except HelpdeskError as exc:
            error = exc.message
    with read_session(rt.engine) as session:
        cats = articles.categories(session)
        others = (
            articles.translations_of(session, [h.slug for h in result.hits])
            if result is not None and result.hits
            else {}
        )
    return render_template(
        "kb/index.html",
        q=q,
        result=result,
        error=error,
        categories=cats,
        search_id=search_id,
        translations=others,
    )


@bp.get("/category/<name>")
def category(name: str):  # type: ignore[no-untyped-def]
    """Articles of one category, the reader's language first."""
    with read_session(runtime().engine) as session:
        items = articles.by_category(session, name, str(get_locale()))
    return render_template("kb/category.html", name=name, items=items)


@bp.get("/<slug>")
def article(slug: str):  # type: ignore[no-untyped-def]
    """An article with links to its translations."""
    came_from = request.args.get("s", "")
    if came_from.isdigit() and len(came_from) < 19:
        # the search that led here was answered by an article
        with write_session(runtime().engine) as session:
            articles.note_outcome(
                session=session, search_id=int(came_from), outcome="opened"
            )
    with read_session(runtime().engine) as session:
        item = articles.get_published(session, slug)
        html = articles.render_markdown(item.body)
        others = articles.translations(session, item)
    return render_template(
        "kb/article.html", article=item, html=html, translations=others
    )
