"""Knowledge-base search: a BM25F index over folded, stemmed terms, forgiving typos."""

from clientdesk.kb.search.engine import (
    bump_index_version,
    forget,
    index_changed,
    index_for,
    related,
    search,
)
from clientdesk.kb.search.index import Hit

__all__ = [
    "Hit", "bump_index_version", "forget", "index_changed", "index_for", "related", "search",
]  # fmt: skip
