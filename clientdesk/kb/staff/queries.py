"""What the staff's search pages read: the last 30 days of searches, grouped by text."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone

from clientdesk.kb.models import Article, Category, SearchLog, SynonymGroup

DAYS = 30
LISTED = 25


@dataclass(frozen=True)
class SearchFigures:
    total: int
    without_result: int
    followed: int


def since() -> datetime:
    return timezone.now() - timedelta(days=DAYS)


def _recent() -> QuerySet[SearchLog]:
    return SearchLog.objects.filter(created_at__gte=since())


def _grouped() -> QuerySet:
    return (
        _recent()
        .values("text", "lang")
        .annotate(
            count=Count("pk"),
            clicks=Count("pk", filter=Q(followed=True)),
            results=Max("result_count"),
            last=Max("created_at"),
        )
    )


def without_result() -> list[dict]:
    return list(_grouped().filter(results=0).order_by("-count", "-last", "text")[:LISTED])


def without_click() -> list[dict]:
    rows = _grouped().filter(results__gt=0, clicks=0)
    return list(rows.order_by("-count", "-last", "text")[:LISTED])


def most_frequent() -> list[dict]:
    return list(_grouped().order_by("-count", "-last", "text")[:LISTED])


def figures() -> SearchFigures:
    counts = _recent().aggregate(
        total=Count("pk"),
        without_result=Count("pk", filter=Q(result_count=0)),
        followed=Count("pk", filter=Q(followed=True)),
    )
    return SearchFigures(**counts)


def synonym_groups(lang: str | None = None) -> QuerySet[SynonymGroup]:
    groups = SynonymGroup.objects.order_by("lang", "words")
    return groups.filter(lang=lang) if lang else groups


def articles(filters: dict) -> QuerySet[Article]:
    """The staff's article list, filtered as ArticleFilterForm.filters() gives."""
    rows = Article.objects.select_related("category").order_by(
        "lang", "category__position", "title"
    )
    if "lang" in filters:
        rows = rows.filter(lang=filters["lang"])
    if "category" in filters:
        rows = rows.filter(category=filters["category"])
    if "published" in filters:
        rows = rows.filter(is_published=filters["published"] == "yes")
    if "q" in filters:
        text = filters["q"]
        rows = rows.filter(
            Q(title__icontains=text) | Q(slug__icontains=text) | Q(body__icontains=text)
        )
    return rows


def categories() -> QuerySet[Category]:
    return Category.objects.annotate(article_count=Count("articles")).order_by("position", "slug")
