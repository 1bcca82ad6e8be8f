"""Knowledge-base data: categories and articles, one article row per language."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from clientdesk.kb.rendering import render_markdown

LANGUAGE_CHOICES = [("ro", _("Romanian")), ("en", _("English"))]


def current_language() -> str:
    """The active language if the knowledge base has it, else Romanian (the default)."""
    code = (get_language() or "ro").split("-")[0]
    return code if code in dict(LANGUAGE_CHOICES) else "ro"


class Category(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name_ro = models.CharField(_("name (Romanian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    description_ro = models.CharField(_("description (Romanian)"), max_length=240, blank=True)
    description_en = models.CharField(_("description (English)"), max_length=240, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.name_for(current_language())

    def get_absolute_url(self) -> str:
        return reverse("kb:category", args=[self.slug])

    def name_for(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_ro

    @property
    def name(self) -> str:
        return self.name_for(current_language())

    @property
    def description(self) -> str:
        return self.description_en if current_language() == "en" else self.description_ro


class ArticleQuerySet(models.QuerySet):
    def published(self, lang: str) -> "ArticleQuerySet":
        return self.filter(lang=lang, is_published=True)


class Article(models.Model):
    slug = models.SlugField(_("slug"), max_length=120)
    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="articles", verbose_name=_("category")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body (Markdown)"))
    # Rendered and sanitized once at save: pages never run Markdown per view.
    body_html = models.TextField(editable=False, default="")
    tags = models.JSONField(_("tags"), default=list, blank=True)
    # "Other ways customers ask this", one a line: indexed as a field of their own.
    phrasings = models.TextField(
        _("alternative phrasings"),
        blank=True,
        help_text=_("Other ways customers ask this question, one a line."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    helpful_count = models.PositiveIntegerField(_("helpful votes"), default=0)
    not_helpful_count = models.PositiveIntegerField(_("not helpful votes"), default=0)
    view_count = models.PositiveIntegerField(_("views"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(fields=["slug", "lang"], name="kb_article_slug_lang_unique")
        ]
        indexes = [models.Index(fields=["lang", "is_published", "category"])]

    def __str__(self) -> str:
        return f"{self.title} ({self.lang})"

    def save(self, *args, **kwargs) -> None:
        self.render()
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("kb:article", args=[self.slug])

    def render(self) -> None:
        """Refresh the HTML from the Markdown; bulk writes call this themselves."""
        self.body_html = render_markdown(self.body)

    @property
    def phrasing_list(self) -> list[str]:
        return split_phrasings(self.phrasings)


def split_phrasings(text: str) -> list[str]:
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))


class SynonymGroup(models.Model):
    """Words customers use for the same thing, in one language; staff edit them."""

    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    words = models.CharField(
        _("words"), max_length=500, help_text=_("Words that mean the same, separated by spaces.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["lang", "words"]
        verbose_name = _("synonym group")
        verbose_name_plural = _("synonym groups")

    def __str__(self) -> str:
        return f"{self.words} ({self.lang})"

    @property
    def word_list(self) -> list[str]:
        return self.words.split()


class SearchLog(models.Model):
    """One search of the FAQ, without who made it: no user, no address, no session."""

    text = models.CharField(_("query"), max_length=200)
    lang = models.CharField(_("language"), max_length=2, choices=LANGUAGE_CHOICES)
    result_count = models.PositiveSmallIntegerField(_("results"))
    followed = models.BooleanField(_("result followed"), default=False)
    created_at = models.DateTimeField(_("searched at"), default=timezone.now)

    class Meta:
        verbose_name = _("search")
        verbose_name_plural = _("searches")
        indexes = [models.Index(fields=["created_at", "lang"])]

    def __str__(self) -> str:
        return f"{self.text} ({self.lang})"


class IndexSnapshot(models.Model):
    """A language's search index as the worker built it, for the web processes to load."""

    lang = models.CharField(max_length=2, choices=LANGUAGE_CHOICES, primary_key=True)
    version = models.CharField(max_length=32)
    data = models.BinaryField()
    built_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.lang} {self.version}"
