"""Every knowledge-base read the pages need; all public, in one language."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from clientdesk.kb import search as kb_search
from clientdesk.kb.models import Article, Category
from clientdesk.kb.services import SESSION_VOTES

ARTICLES_PER_CARD = 6
RELATED_LIMIT = 5


def categories_with_articles(lang: str) -> list[Category]:
    """Categories that have articles in `lang`, each with `article_count` and its
    first articles in `top_articles`: two queries, however many articles exist."""
    published = Q(articles__lang=lang, articles__is_published=True)
    top = Article.objects.published(lang).order_by("title")[:ARTICLES_PER_CARD]
    return list(
        Category.objects.annotate(article_count=Count("articles", filter=published))
        .filter(article_count__gt=0)
        .order_by("position", "slug")  # Meta.ordering is dropped from GROUP BY queries
        .prefetch_related(Prefetch("articles", queryset=top, to_attr="top_articles"))
    )


def category_for(slug: str) -> Category:
    return get_object_or_404(Category, slug=slug)


def category_articles(category: Category, lang: str) -> QuerySet[Article]:
    return Article.objects.published(lang).filter(category=category).order_by("title")


def article_for(slug: str, lang: str) -> Article:
    return get_object_or_404(Article.objects.published(lang).select_related("category"), slug=slug)


@dataclass(frozen=True)
class Result:
    """A search hit ready for a page: the category as an object, not a slug."""

    hit: kb_search.Hit
    category: Category | None

    @property
    def url(self) -> str:
        return reverse("kb:article", args=[self.hit.slug])


def _with_categories(hits: list[kb_search.Hit]) -> list[Result]:
    slugs = {hit.category for hit in hits}
    categories = {c.slug: c for c in Category.objects.filter(slug__in=slugs)} if slugs else {}
    return [Result(hit, categories.get(hit.category)) for hit in hits]


def search_results(query: str, lang: str, limit: int) -> list[Result]:
    return _with_categories(kb_search.search(query, lang, limit)) if query else []


def related_articles(article: Article) -> list[Result]:
    return _with_categories(kb_search.related(article.pk, article.lang, RELATED_LIMIT))


def session_vote(article: Article, session) -> str | None:
    """ "yes" or "no" if this session already answered for the article."""
    return session.get(SESSION_VOTES, {}).get(str(article.pk))
