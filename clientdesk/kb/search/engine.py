"""The search index as the rest of the app sees it: built from the database,
kept in each process, and rebuilt when any process changes an article.

Every write bumps a version token in Django's shared cache (Redis in
production), so each process notices on its next search that its copy is
stale. The token is bumped at once, so the writing transaction sees its own
change, and again after commit, so that no other process keeps an index
built from data read before the commit.
"""

import html
import threading
import uuid

import nh3
from django.core.cache import cache
from django.db import transaction

from clientdesk.kb.models import LANGUAGE_CHOICES, Article
from clientdesk.kb.search.index import Document, Hit, SearchIndex

VERSION_KEY = "kb:search-index-version"
SUMMARY_LENGTH = 180

_indexes: dict[str, tuple[str, SearchIndex]] = {}
_lock = threading.Lock()


def bump_index_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # An evicted or new cache: agree on one token, whoever sets it first.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY, "")
    return version


def summary(body_html: str) -> str:
    text = " ".join(html.unescape(nh3.clean(body_html, tags=set())).split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(".,;:!?") + "…"


def _build(lang: str) -> SearchIndex:
    if lang not in dict(LANGUAGE_CHOICES):
        raise ValueError(f"No knowledge base in language {lang!r}")
    rows = (
        Article.objects.published(lang)
        .order_by("pk")
        .values_list(
            "pk", "slug", "title", "category__slug", f"category__name_{lang}", "tags", "body",
            "body_html",
        )
    )  # fmt: skip
    documents = [
        Document(pk, slug, title, category, category_name, tuple(tags), body, summary(body_html))
        for pk, slug, title, category, category_name, tags, body, body_html in rows
    ]
    return SearchIndex(lang, documents)


def index_for(lang: str) -> SearchIndex:
    # Read the version before the rows: a write landing in between leaves
    # this index marked with the older token, so the next search rebuilds.
    version = _current_version()
    cached = _indexes.get(lang)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _indexes.get(lang)
        if cached and cached[0] == version:
            return cached[1]
        index = _build(lang)
        _indexes[lang] = (version, index)
        return index


def search(query: str, lang: str, limit: int) -> list[Hit]:
    """Published articles in `lang` matching the query, best first."""
    return index_for(lang).search(query, limit)


def related(article_pk: int, lang: str, limit: int) -> list[Hit]:
    return index_for(lang).related(article_pk, limit)
