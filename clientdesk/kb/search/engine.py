"""The search index as the rest of the app sees it: built from the database,
kept in each process, and rebuilt by the worker when anything it reads changes.

A change (an article, a category, a synonym group) queues the rebuild in its
transaction and, once committed, sets a new version token in Django's shared
cache (Redis in production). The worker builds both languages' indexes and
stores them as snapshots; a process whose index is older than the token loads
the snapshot of that version when there is one, and until then keeps
answering from the index it has: a change never makes a search wait for a
rebuild. Only a process with no index at all (just started) builds one itself,
of words only: embedding the articles takes the worker seconds per hundred, and
the snapshot brings their vectors, so a web process embeds only queries.
"""

import html
import pickle  # nosec B403  # only our own snapshots, see _snapshot
import threading
import uuid
from collections.abc import Callable

import nh3
from django.core.cache import cache
from django.db import transaction

from clientdesk.kb.models import LANGUAGE_CHOICES, Article, IndexSnapshot, SynonymGroup
from clientdesk.kb.search import lexicon
from clientdesk.kb.search.index import Document, Hit, SearchIndex, synonym_table

VERSION_KEY = "kb:search-index-version"
SUMMARY_LENGTH = 180
LANGS = tuple(dict(LANGUAGE_CHOICES))

_indexes: dict[str, tuple[str, SearchIndex]] = {}
_lock = threading.Lock()


def index_changed() -> None:
    """What every write to the indexed data calls, inside its transaction."""
    from clientdesk.kb.tasks import rebuild_search_indexes

    version = uuid.uuid4().hex
    rebuild_search_indexes.enqueue(version)
    # After the commit only: a process building before it would read the old rows.
    transaction.on_commit(lambda: cache.set(VERSION_KEY, version, timeout=None))


def bump_index_version() -> str:
    """A new token now, with no snapshot of it: each process builds its own (tests, a reset)."""
    forget()
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, timeout=None)
    return version


def forget() -> None:
    """Drop this process's indexes: the next search builds or loads afresh."""
    _indexes.clear()


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        # An evicted or flushed cache: nobody knows what changed. Whoever sets the new
        # token builds its own index now and queues a snapshot of it for the others.
        fresh = uuid.uuid4().hex
        if cache.add(VERSION_KEY, fresh, timeout=None):
            from clientdesk.kb.tasks import rebuild_search_indexes

            _indexes.clear()
            rebuild_search_indexes.enqueue(fresh)
        version = cache.get(VERSION_KEY, "")
    return version


def summary(body_html: str) -> str:
    text = " ".join(html.unescape(nh3.clean(body_html, tags=set())).split())
    if len(text) <= SUMMARY_LENGTH:
        return text
    return text[:SUMMARY_LENGTH].rsplit(" ", 1)[0].rstrip(".,;:!?") + "…"


def build(lang: str, embed: bool = True) -> SearchIndex:
    groups = SynonymGroup.objects.filter(lang=lang).values_list("words", flat=True)
    return SearchIndex(
        lang, documents(lang), synonym_table(groups, lang), meanings(lang), embed=embed
    )


def documents(lang: str) -> list[Document]:
    """What the index reads: the published articles in `lang`."""
    if lang not in LANGS:
        raise ValueError(f"No knowledge base in language {lang!r}")
    rows = (
        Article.objects.published(lang)
        .order_by("pk")
        .values_list(
            "pk", "slug", "title", "category__slug", f"category__name_{lang}", "tags", "body",
            "body_html", "phrasings",
        )
    )  # fmt: skip
    return [
        Document(pk, slug, title, category, name, tuple(tags), body, summary(body_html), phrasings)
        for pk, slug, title, category, name, tags, body, body_html, phrasings in rows
    ]


def meanings(lang: str) -> Callable[[set[str]], lexicon.Related]:
    """What relates the index's words to other forms of the same lemma."""
    lemma_groups = lexicon.groups(f"lemmas-{lang}")
    return lambda vocabulary: lexicon.related_table(vocabulary, lemma_groups)


def store_snapshot(lang: str, version: str) -> None:
    """Build `lang`'s index and keep it for every process (the worker's job)."""
    data = pickle.dumps(build(lang), protocol=pickle.HIGHEST_PROTOCOL)
    IndexSnapshot.objects.update_or_create(lang=lang, defaults={"version": version, "data": data})


def _snapshot(lang: str, version: str) -> SearchIndex | None:
    row = IndexSnapshot.objects.filter(lang=lang, version=version).values_list("data").first()
    # Written by our own worker into our own database: trusted like the code.
    return pickle.loads(bytes(row[0])) if row else None  # noqa: S301  # nosec B301


def index_for(lang: str) -> SearchIndex:
    version = _current_version()
    cached = _indexes.get(lang)
    if cached and cached[0] == version:
        return cached[1]
    with _lock:
        cached = _indexes.get(lang)
        if cached and cached[0] == version:
            return cached[1]
        index = _snapshot(lang, version)
        if index is None and cached:
            # The worker has not stored this version yet: answer from the index we have.
            return cached[1]
        if index is None:
            # Words only, kept under no version: each search asks for the worker's
            # snapshot (one small query) until it is there.
            index, version = build(lang, embed=False), ""
        _indexes[lang] = (version, index)
        return index


def search(query: str, lang: str, limit: int) -> list[Hit]:
    """Published articles in `lang` matching the query, best first."""
    return index_for(lang).search(query, limit)


def related(article_pk: int, lang: str, limit: int) -> list[Hit]:
    return index_for(lang).related(article_pk, limit)
