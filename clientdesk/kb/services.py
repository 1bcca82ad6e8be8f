"""Every knowledge-base write: import, demo content, votes and views.

An import and a vote are events with their actor; a page view only moves a
counter (a statistic, not a change anyone made).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.kb.events import ArticleEvent
from clientdesk.kb.importing import ArticleRecord, parse_records
from clientdesk.kb.models import Article, Category
from clientdesk.kb.search import bump_index_version

DEMO_ARTICLES = Path(__file__).resolve().parent / "demo" / "articles.json"
SESSION_VOTES = "kb_votes"
BATCH_SIZE = 500


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
    wanted = {
        "category_id": category.pk,
        "title": record.title,
        "body": record.body,
        "tags": list(record.tags),
    }
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
        ["category", "title", "body", "body_html", "tags", "updated_at"],
        batch_size=BATCH_SIZE,
    )
    result = ImportResult(
        created=len(to_create),
        updated=len(to_update),
        unchanged=len(records) - len(to_create) - len(to_update),
    )
    if to_create or to_update:
        # Bulk writes send no signals: tell the search indexes ourselves.
        bump_index_version()
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
