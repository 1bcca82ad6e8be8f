"""FAQ suggestions while a subject is typed, and the tracked way into a suggested article."""

import uuid

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from clientdesk.kb import queries as kb_queries
from clientdesk.kb.models import current_language
from clientdesk.support import deflection, queries


def _visit(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


@login_required
@require_GET
def suggestions(request):
    query = request.GET.get("subject", "")[:200]
    return render(
        request,
        "support/_suggestions.html",
        {
            "results": deflection.suggest_articles(query, current_language()),
            "query": query,
            "visit": _visit(request.GET.get("visit")),
            "type_code": request.GET.get("type", "")[:60],
        },
    )


@login_required
@require_GET
def follow(request):
    """Open a suggested article, noting it for the deflection count (see deflection.py).

    A GET that writes, as a link must be: the write is a counter of what the
    user read, repeated harmlessly if the link is opened twice.
    """
    lang = current_language()
    article = kb_queries.article_for(request.GET.get("article", ""), lang)
    visit = _visit(request.GET.get("visit"))
    if visit is not None:
        deflection.record_follow(
            visit=visit,
            user=request.user,
            slug=article.slug,
            query=request.GET.get("q", ""),
            lang=lang,
            request_type=queries.active_type(request.GET.get("type", "")),
        )
    return redirect(article.get_absolute_url())
