"""Every knowledge-base write: import, demo content, votes and views, the
search vocabulary (synonym groups, alternative phrasings) and search statistics.

An import, a vote and a vocabulary change are events with their actor; a page
view or a search only moves a statistic (not a change anyone made), and a
search is stored without whoever made it.
"""

import json
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.kb.errors import KbError
from clientdesk.kb.events import ArticleEvent
from clientdesk.kb.importing import MAX_PHRASING_LENGTH, MAX_PHRASINGS, ArticleRecord, parse_records
from clientdesk.kb.models import (
    LANGUAGE_CHOICES,
    Article,
    Category,
    SearchLog,
    SynonymGroup,
    split_phrasings,
)
from clientdesk.kb.search import index_changed

DEMO_ARTICLES = Path(__file__).resolve().parent / "demo" / "articles.json"
SESSION_VOTES = "kb_votes"
BATCH_SIZE = 500
# Who may edit articles may edit the words the search knows them by.
EDIT = "kb.change_article"
ADD = "kb.add_article"
EDIT_CATEGORIES = "kb.change_category"
MAX_GROUP_LENGTH = 500
_WORD = re.compile(r"^\w+$")
# A search typed on within this time is the same search, still being written.
TYPING_WINDOW = timedelta(minutes=2)
FOLLOW_WINDOW = timedelta(hours=2)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


def _categories(slugs: set[str]) -> dict[str, Category]:
    """The categories by slug, creating missing ones named after their slug."""
    categories = {category.slug: category for category in Category.objects.all()}
    for slug in sorted(slugs - set(categories)):
        name = slug.replace("-", " ").replace("_", " ").capitalize()
        categories[slug] = Category.objects.create(slug=slug, name_ro=name, name_en=name)
    return categories


def _apply(article: Article, record: ArticleRecord, category: Category) -> bool:
    """Copy the record onto the article; False if it already said the same."""
    wanted: dict[str, object] = {
        "category_id": category.pk,
        "title": record.title,
        "body": record.body,
        "tags": list(record.tags),
    }
    if record.phrasings is not None:
        wanted["phrasings"] = "\n".join(record.phrasings)
    if all(getattr(article, field) == value for field, value in wanted.items()):
        return False
    for field, value in wanted.items():
        setattr(article, field, value)
    article.render()
    return True


@transaction.atomic
def articles_import(*, actor: Actor, data: object) -> ImportResult:
    """Insert or update articles by (slug, lang) from decoded JSON, all or nothing.

    Raises ImportFileError, naming the object and field, before writing anything.
    """
    records = parse_records(data)
    categories = _categories({record.category for record in records})
    existing = {(article.slug, article.lang): article for article in Article.objects.all()}
    to_create: list[Article] = []
    to_update: list[Article] = []
    for record in records:
        article = existing.get((record.slug, record.lang))
        if article is None:
            article = Article(slug=record.slug, lang=record.lang)
            _apply(article, record, categories[record.category])
            to_create.append(article)
        elif _apply(article, record, categories[record.category]):
            article.updated_at = timezone.now()
            to_update.append(article)
    Article.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
    Article.objects.bulk_update(
        to_update,
        ["category", "title", "body", "body_html", "tags", "phrasings", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    result = ImportResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(records) - len(to_create) - len(to_update),
    )
    if to_create or to_update:
        # Bulk writes send no signals: tell the search indexes ourselves.
        index_changed()
        events.record(
            ArticleEvent.IMPORTED,
            actor=actor,
            data={"created": result.created, "updated": result.updated},
        )
    return result


def load_demo_articles() -> ImportResult:
    """The demo knowledge base (Romanian and English); running it again changes nothing."""
    return articles_import(
        actor=Actor.system("demo_data"),
        data=json.loads(DEMO_ARTICLES.read_text(encoding="utf-8")),
    )


def article_vote(*, actor: Actor, article: Article, helpful: bool, session: SessionBase) -> bool:
    """Count a "was this helpful?" answer, once per session; False if already answered."""
    votes = session.get(SESSION_VOTES, {})
    if str(article.pk) in votes:
        return False
    counter = "helpful_count" if helpful else "not_helpful_count"
    with transaction.atomic():
        Article.objects.filter(pk=article.pk).update(**{counter: F(counter) + 1})
        events.record(ArticleEvent.VOTED, actor=actor, subject=article, data={"helpful": helpful})
    session[SESSION_VOTES] = {**votes, str(article.pk): "yes" if helpful else "no"}
    return True


def article_record_view(*, article: Article) -> None:
    Article.objects.filter(pk=article.pk).update(view_count=F("view_count") + 1)


def _check(actor: Actor, permission: str = EDIT, error: KbError = KbError.NOT_ALLOWED) -> None:
    if actor.user is None or not actor.user.has_perm(permission):
        raise ServiceError(error)


def _clean_words(words: str) -> str:
    cleaned = list(dict.fromkeys(" ".join(words.lower().replace(",", " ").split()).split()))
    for word in cleaned:
        if not _WORD.match(word):
            raise ServiceError(KbError.BAD_WORD, field="words", params={"word": word})
    if len(cleaned) < 2:
        raise ServiceError(KbError.FEW_WORDS, field="words")
    text = " ".join(cleaned)
    if len(text) > MAX_GROUP_LENGTH:
        raise ServiceError(KbError.WORDS_LONG, field="words")
    return text


@transaction.atomic
def synonym_group_save(
    *, actor: Actor, group: SynonymGroup | None = None, lang: str = "", words: str
) -> SynonymGroup:
    """Create a group (with `lang`) or change an existing group's words."""
    _check(actor)
    if group is None:
        if lang not in dict(LANGUAGE_CHOICES):
            raise ServiceError(KbError.LANGUAGE, field="lang")
        group = SynonymGroup(lang=lang)
        before = ""
    else:
        group = SynonymGroup.objects.select_for_update().get(pk=group.pk)
        before = group.words
    group.words = _clean_words(words)
    group.save()  # the post_save receiver queues the index rebuild
    events.record(
        ArticleEvent.SYNONYMS_SAVED,
        actor=actor,
        subject=group,
        data={"lang": group.lang, "before": before, "after": group.words},
    )
    return group


@transaction.atomic
def synonym_group_add_words(*, actor: Actor, group: SynonymGroup, words: str) -> SynonymGroup:
    """Add words to a group (from a customer's search)."""
    return synonym_group_save(actor=actor, group=group, words=f"{group.words} {words}")


@transaction.atomic
def synonym_group_delete(*, actor: Actor, group: SynonymGroup) -> None:
    _check(actor)
    events.record(
        ArticleEvent.SYNONYMS_DELETED,
        actor=actor,
        data={"lang": group.lang, "words": group.words},
    )
    group.delete()


@transaction.atomic
def article_add_phrasing(*, actor: Actor, article: Article, phrasing: str) -> Article:
    """Add one "other way customers ask this" to the article."""
    _check(actor)
    phrasing = " ".join(phrasing.split())
    if not phrasing:
        raise ServiceError(KbError.PHRASING_EMPTY, field="phrasing")
    if len(phrasing) > MAX_PHRASING_LENGTH:
        raise ServiceError(KbError.PHRASING_LONG, field="phrasing")
    article = Article.objects.select_for_update().get(pk=article.pk)
    lines = split_phrasings(article.phrasings)
    if phrasing.casefold() in {line.casefold() for line in lines}:
        raise ServiceError(KbError.PHRASING_KNOWN, field="phrasing")
    if len(lines) >= MAX_PHRASINGS:
        raise ServiceError(KbError.TOO_MANY_PHRASINGS, field="phrasing")
    article.phrasings = "\n".join([*lines, phrasing])
    article.save(update_fields=["phrasings", "updated_at"])  # queues the index rebuild
    events.record(
        ArticleEvent.PHRASING_ADDED, actor=actor, subject=article, data={"phrasing": phrasing}
    )
    return article


def normalized_query(text: str) -> str:
    return " ".join(text.lower().split())[:200]


def search_record(*, text: str, lang: str, result_count: int, previous: int | None) -> int:
    """Store a search (the text, language, result count and time, nobody's identity);
    the id of its row. A search that goes on from `previous` (the same search still
    being typed, as the live search sends it) replaces that row instead of adding one."""
    text = normalized_query(text)
    count = min(result_count, 32767)
    now = timezone.now()
    if previous is not None:
        # One statement: the earlier row if its text and this one extend each other.
        typed_on = Q(text__in=[text[:end] for end in range(1, len(text) + 1)])
        updated = SearchLog.objects.filter(
            typed_on | Q(text__startswith=text),
            pk=previous,
            lang=lang,
            created_at__gte=now - TYPING_WINDOW,
        ).update(text=text, result_count=count, created_at=now)
        if updated:
            return previous
    return SearchLog.objects.create(text=text, lang=lang, result_count=count, created_at=now).pk


def search_follow(*, search_id: int) -> None:
    """A result of a recent search was opened."""
    SearchLog.objects.filter(
        pk=search_id, followed=False, created_at__gte=timezone.now() - FOLLOW_WINDOW
    ).update(followed=True)


# Staff editing: articles and categories -------------------------------------------------

ARTICLE_FIELDS = ("slug", "lang", "category", "title", "body", "tags", "phrasings")


@dataclass(frozen=True)
class ArticleData:
    slug: str
    lang: str
    category: Category
    title: str
    body: str
    tags: list[str]
    phrasings: str
    is_published: bool


def _publication(published: bool) -> ArticleEvent:
    return ArticleEvent.ARTICLE_PUBLISHED if published else ArticleEvent.ARTICLE_UNPUBLISHED


@transaction.atomic
def article_save(*, actor: Actor, article: Article | None = None, data: ArticleData) -> Article:
    """Write a new article or change one; the page shows the body as rendered here, and
    the save queues the search's rebuild (the post_save receiver), as any save does."""
    _check(actor, EDIT if article else ADD)
    if data.lang not in dict(LANGUAGE_CHOICES):
        raise ServiceError(KbError.LANGUAGE, field="lang")
    taken = Article.objects.filter(slug=data.slug, lang=data.lang)
    if article is not None:
        article = Article.objects.select_for_update().get(pk=article.pk)
        taken = taken.exclude(pk=article.pk)
    if taken.exists():
        raise ServiceError(KbError.SLUG_TAKEN, field="slug")
    before = None if article is None else {f: _plain(getattr(article, f)) for f in ARTICLE_FIELDS}
    was_published = None if article is None else article.is_published
    article = article or Article()
    for field in (*ARTICLE_FIELDS, "is_published"):
        setattr(article, field, getattr(data, field))
    article.phrasings = "\n".join(split_phrasings(data.phrasings))
    article.save()
    after = {f: _plain(getattr(article, f)) for f in ARTICLE_FIELDS}
    if before is None:
        events.record(
            ArticleEvent.ARTICLE_CREATED,
            actor=actor,
            subject=article,
            data={"slug": article.slug, "lang": article.lang, "published": article.is_published},
        )
        return article
    changed = sorted(field for field in ARTICLE_FIELDS if before[field] != after[field])
    if changed:
        events.record(
            ArticleEvent.ARTICLE_CHANGED, actor=actor, subject=article, data={"fields": changed}
        )
    if was_published != article.is_published:
        events.record(_publication(article.is_published), actor=actor, subject=article)
    return article


def _plain(value: object) -> object:
    return value.pk if isinstance(value, Category) else value


@transaction.atomic
def article_set_published(*, actor: Actor, article: Article, published: bool) -> Article:
    _check(actor, EDIT)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.is_published != published:
        article.is_published = published
        article.save(update_fields=["is_published", "updated_at"])
        events.record(_publication(published), actor=actor, subject=article)
    return article


@dataclass(frozen=True)
class CategoryData:
    slug: str
    name_ro: str
    name_en: str
    description_ro: str
    description_en: str
    position: int


@transaction.atomic
def category_save(
    *, actor: Actor, category: Category | None = None, data: CategoryData
) -> Category:
    _check(actor, EDIT_CATEGORIES, KbError.CATEGORY_NOT_ALLOWED)
    taken = Category.objects.filter(slug=data.slug)
    if category is not None:
        category = Category.objects.select_for_update().get(pk=category.pk)
        taken = taken.exclude(pk=category.pk)
    if taken.exists():
        raise ServiceError(KbError.CATEGORY_SLUG_TAKEN, field="slug")
    category = category or Category()
    for field, value in vars(data).items():
        setattr(category, field, value)
    category.save()  # the post_save receiver queues the index rebuild
    events.record(
        ArticleEvent.CATEGORY_SAVED,
        actor=actor,
        subject=category,
        data={"slug": category.slug, "name_ro": category.name_ro, "name_en": category.name_en},
    )
    return category
