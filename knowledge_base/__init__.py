"""The helpdesk's knowledge-base search library (no Flask here).

Articles in Kazakh, Russian and English are indexed with Whoosh after an
analysis that stems Russian and English (Snowball), strips Kazakh suffixes,
folds every Kazakh spelling (Cyrillic, both Latin alphabets, phone Latin,
Russian keyboard) to one form and marks the concepts of the field vocabulary.
See docs/search.md.
"""

from __future__ import annotations

from .articles import (
    STARTER_DIR,
    ArticleDoc,
    RecordError,
    dump_article,
    load_articles,
    slugify,
)
from .index import SearchIndex
from .language import guess_language
from .search import SearchHit, SearchResult
from .vocabulary import VOCABULARY_DIR, Vocabulary

__all__ = [
    "STARTER_DIR",
    "VOCABULARY_DIR",
    "ArticleDoc",
    "RecordError",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
    "Vocabulary",
    "dump_article",
    "guess_language",
    "load_articles",
    "slugify",
]
