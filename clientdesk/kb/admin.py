"""Back-office editing of categories and articles, with a preview of the page."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from clientdesk.kb.forms import ArticleAdminForm
from clientdesk.kb.models import Article, Category


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_ro", "name_en", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["slug", "name_ro", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "title", "slug", "lang", "category", "is_published",
        "helpful_count", "not_helpful_count", "view_count", "updated_at",
    ]  # fmt: skip
    list_filter = ["lang", "category", "is_published"]
    search_fields = ["title", "slug", "body"]
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "preview", "helpful_count", "not_helpful_count", "view_count", "created_at", "updated_at",
    ]  # fmt: skip
    fieldsets = [
        (None, {"fields": ["title", "slug", "lang", "category", "tags", "is_published"]}),
        (_("Body"), {"fields": ["body", "preview"]}),
        (_("Other ways customers ask this"), {"fields": ["phrasings"]}),
        (
            _("Activity"),
            {
                "fields": [
                    "helpful_count",
                    "not_helpful_count",
                    "view_count",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("preview (as saved)"))
    def preview(self, obj: Article) -> str:
        if not obj.pk:
            return str(_("Save the article to see its preview."))
        # body_html went through the sanitizer when the article was saved.
        return format_html('<div class="prose">{}</div>', mark_safe(obj.body_html))  # noqa: S308  # nosec B308 B703
