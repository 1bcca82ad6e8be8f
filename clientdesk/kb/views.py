"""Public FAQ pages: thin views over queries.py and services.py."""

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from clientdesk.core.actors import visitor
from clientdesk.core.paging import CappedPaginator
from clientdesk.kb import queries, services
from clientdesk.kb.forms import FollowForm, SearchForm, VoteForm
from clientdesk.kb.models import current_language

SEARCH_RESULTS = 20
CATEGORY_PAGE_SIZE = 50
SECTION = {"current_section": "faq"}


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it."""

    htmx: HtmxDetails


def _partial(request: HtmxHttpRequest) -> bool:
    """An htmx swap wants a fragment; a history restore wants the whole page."""
    return bool(request.htmx) and not request.htmx.history_restore_request


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    lang = current_language()
    return render(
        request,
        "kb/home.html",
        {**SECTION, "categories": queries.categories_with_articles(lang)},
    )


@require_GET
def category(request: HttpRequest, slug: str) -> HttpResponse:
    lang = current_language()
    found = queries.category_for(slug)
    paginator = CappedPaginator(queries.category_articles(found, lang), CATEGORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "kb/category.html", {**SECTION, "category": found, "page": page})


@require_GET
def article(request: HttpRequest, slug: str) -> HttpResponse:
    found = queries.article_for(slug, current_language())
    services.article_record_view(article=found)
    followed = FollowForm(request.GET)
    if followed.is_valid():
        services.search_follow(search_id=followed.cleaned_data["sq"])
    context = {
        **SECTION,
        "article": found,
        "related": queries.related_articles(found),
        "vote": queries.session_vote(found, request.session),
    }
    return render(request, "kb/article.html", context)


@require_POST
def vote(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    found = queries.article_for(slug, current_language())
    form = VoteForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Answer yes or no."))
    services.article_vote(
        actor=visitor(request), article=found, helpful=form.is_helpful(), session=request.session
    )
    if _partial(request):
        context = {"article": found, "vote": queries.session_vote(found, request.session)}
        return render(request, "kb/_vote.html", context)
    return redirect(f"{found.get_absolute_url()}#feedback")


@require_GET
def search(request: HtmxHttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    query, lang = form.query(), current_language()
    results = queries.search_results(query, lang, SEARCH_RESULTS)
    search_id = None
    if query:
        search_id = services.search_record(
            text=query, lang=lang, result_count=len(results), previous=form.previous()
        )
    partial = _partial(request)
    context = {
        **SECTION,
        "query": query,
        "results": results,
        "search_id": search_id,
        "partial": partial,
    }
    return render(request, "kb/_results.html" if partial else "kb/search.html", context)
