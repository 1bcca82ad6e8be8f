"""The staff's article and category pages: list, write, edit with a live preview, publish."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clientdesk.core.actors import actor_of
from clientdesk.core.errors import ServiceError, add_to_form
from clientdesk.core.paging import CappedPaginator
from clientdesk.kb import services
from clientdesk.kb.models import Article, Category
from clientdesk.kb.rendering import render_markdown
from clientdesk.kb.staff import queries
from clientdesk.kb.staff.forms import ArticleFilterForm, ArticleForm, CategoryForm

SECTION = {"current_section": "backoffice"}
PAGE_SIZE = 50
MAX_PREVIEW = 100_000  # characters of Markdown: a preview, not a place to send a book


def _staff_with(permission: str):
    def decorate(view):
        return staff_member_required(permission_required(permission, raise_exception=True)(view))

    return decorate


@_staff_with(services.EDIT)
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    form = ArticleFilterForm(request.GET)
    rows = queries.articles(form.filters())
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, **SECTION}
    return render(request, "kb/staff/article_list.html", context)


def _article_data(form: ArticleForm) -> services.ArticleData:
    return services.ArticleData(**{name: form.cleaned_data[name] for name in form.Meta.fields})


def _article_page(request: HttpRequest, form: ArticleForm, article: Article | None):
    context = {
        "form": form,
        "article": article,
        "preview": render_markdown(form["body"].value() or ""),
        **SECTION,
    }
    return render(request, "kb/staff/article_form.html", context)


@_staff_with(services.ADD)
@require_http_methods(["GET", "POST"])
def article_create(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_save(actor=actor_of(request), data=_article_data(form))
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Article saved. The search finds it in a moment."))
            return redirect("kb_staff:article_edit", article.pk)
    return _article_page(request, form, None)


@_staff_with(services.EDIT)
@require_http_methods(["GET", "POST"])
def article_edit(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("category"), pk=pk)
    # The form works on a copy: a refused save leaves the page's article as it is stored.
    form = ArticleForm(request.POST or None, instance=Article.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            services.article_save(
                actor=actor_of(request), article=article, data=_article_data(form)
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Article saved. The search finds it in a moment."))
            return redirect("kb_staff:article_edit", article.pk)
    return _article_page(request, form, article)


@_staff_with(services.EDIT)
@require_POST
def article_publish(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=pk)
    published = request.POST.get("published") == "yes"
    services.article_set_published(actor=actor_of(request), article=article, published=published)
    if published:
        messages.success(request, _("The article is published."))
    else:
        messages.success(request, _("The article is no longer shown to customers."))
    return redirect("kb_staff:article_edit", article.pk)


@_staff_with(services.ADD)
@require_POST
def article_preview(request: HttpRequest) -> HttpResponse:
    """The body as the article page will show it: rendered and sanitized, never saved."""
    body = request.POST.get("body", "")[:MAX_PREVIEW]
    return render(request, "kb/staff/_preview.html", {"preview": render_markdown(body)})


@_staff_with(services.EDIT_CATEGORIES)
@require_GET
def category_list(request: HttpRequest) -> HttpResponse:
    context = {"categories": list(queries.categories()), **SECTION}
    return render(request, "kb/staff/category_list.html", context)


@_staff_with(services.EDIT_CATEGORIES)
@require_http_methods(["GET", "POST"])
def category_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    category = get_object_or_404(Category, pk=pk) if pk is not None else None
    copy = Category.objects.get(pk=pk) if pk is not None else None
    form = CategoryForm(request.POST or None, instance=copy)
    if request.method == "POST" and form.is_valid():
        try:
            services.category_save(
                actor=actor_of(request),
                category=category,
                data=services.CategoryData(**form.cleaned_data),
            )
        except ServiceError as error:
            add_to_form(form, error)
        else:
            messages.success(request, _("Category saved."))
            return redirect("kb_staff:categories")
    context = {"form": form, "category": category, **SECTION}
    return render(request, "kb/staff/category_form.html", context)
