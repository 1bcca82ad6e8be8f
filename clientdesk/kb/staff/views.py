"""The staff's knowledge-base vocabulary pages: synonym groups, and what customers searched."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.kb import search as kb_search
from clientdesk.kb import services
from clientdesk.kb.models import SynonymGroup
from clientdesk.kb.staff import queries
from clientdesk.kb.staff.forms import (
    AddPhrasingForm,
    AddSynonymForm,
    SearchChoiceForm,
    SynonymGroupForm,
    WordsForm,
)
from clientdesk.support import deflection

SECTION = {"current_section": "backoffice"}
CANDIDATES = 10


def _editors_only(view):
    return staff_member_required(permission_required(services.EDIT, raise_exception=True)(view))


@_editors_only
@require_http_methods(["GET", "POST"])
def vocabulary(request: HttpRequest) -> HttpResponse:
    form = SynonymGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.synonym_group_save(
                actor=actor_of(request),
                lang=form.cleaned_data["lang"],
                words=form.cleaned_data["words"],
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Synonym group added. The search uses it in a moment."))
            return redirect("kb_staff:vocabulary")
    context = {"form": form, "groups": list(queries.synonym_groups()), **SECTION}
    return render(request, "kb/staff/vocabulary.html", context)


@_editors_only
@require_POST
def vocabulary_update(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(SynonymGroup, pk=pk)
    form = WordsForm(request.POST)
    if form.is_valid():
        try:
            services.synonym_group_save(
                actor=actor_of(request), group=group, words=form.cleaned_data["words"]
            )
        except ServiceError as error:
            messages.error(request, error.text)
        else:
            messages.success(request, _("Synonym group saved. The search uses it in a moment."))
    return redirect(f"{reverse('kb_staff:vocabulary')}#group-{group.pk}")


@_editors_only
@require_POST
def vocabulary_delete(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(SynonymGroup, pk=pk)
    services.synonym_group_delete(actor=actor_of(request), group=group)
    messages.success(request, _("Synonym group deleted."))
    return redirect("kb_staff:vocabulary")


@_editors_only
@require_GET
def searches(request: HttpRequest) -> HttpResponse:
    context = {
        "days": queries.DAYS,
        "without_result": queries.without_result(),
        "without_click": queries.without_click(),
        "most_frequent": queries.most_frequent(),
        "figures": queries.figures(),
        "deflection": deflection.figures(queries.since()),
        **SECTION,
    }
    return render(request, "kb/staff/searches.html", context)


def _add_page(request: HttpRequest, choice: SearchChoiceForm, **forms) -> HttpResponse:
    query, lang = choice.cleaned_data["q"], choice.cleaned_data["lang"]
    find = choice.cleaned_data.get("find") or query
    context = {
        "query": query,
        "lang": lang,
        "find": find,
        "candidates": kb_search.search(find, lang, CANDIDATES),
        "groups": list(queries.synonym_groups(lang)),
        "phrasing_form": forms.get("phrasing_form") or AddPhrasingForm(),
        "synonym_form": forms.get("synonym_form") or AddSynonymForm(),
        **SECTION,
    }
    return render(request, "kb/staff/search_add.html", context)


@_editors_only
@require_GET
def search_add(request: HttpRequest) -> HttpResponse:
    """One search: pick the article it should find, or the synonym group it belongs to."""
    choice = SearchChoiceForm(request.GET)
    if not choice.is_valid():
        return redirect("kb_staff:searches")
    return _add_page(request, choice)


def _back(request: HttpRequest) -> HttpResponse:
    return redirect("kb_staff:searches")


@_editors_only
@require_POST
def add_phrasing(request: HttpRequest) -> HttpResponse:
    form = AddPhrasingForm(request.POST)
    if form.is_valid():
        article = form.cleaned_data["article"]
        try:
            services.article_add_phrasing(
                actor=actor_of(request), article=article, phrasing=form.cleaned_data["phrasing"]
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(
                request,
                _("“%(phrasing)s” now finds “%(title)s”.")
                % {"phrasing": form.cleaned_data["phrasing"], "title": article.title},
            )
            return _back(request)
    return _retry(request, phrasing_form=form)


@_editors_only
@require_POST
def add_synonym(request: HttpRequest) -> HttpResponse:
    form = AddSynonymForm(request.POST)
    if form.is_valid():
        group, words = form.cleaned_data["group"], form.cleaned_data["words"]
        try:
            if group is None:
                services.synonym_group_save(
                    actor=actor_of(request), lang=form.cleaned_data["lang"], words=words
                )
            else:
                services.synonym_group_add_words(actor=actor_of(request), group=group, words=words)
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Synonyms saved. The search uses them in a moment."))
            return _back(request)
    return _retry(request, synonym_form=form)


def _retry(request: HttpRequest, **forms) -> HttpResponse:
    """The add page again, with the refusal next to the form that was sent."""
    choice = SearchChoiceForm(
        {"q": request.POST.get("q", ""), "lang": request.POST.get("lang", "ro")}
    )
    if not choice.is_valid():
        messages.error(request, _("Choose the search again."))
        return _back(request)
    return _add_page(request, choice, **forms)
