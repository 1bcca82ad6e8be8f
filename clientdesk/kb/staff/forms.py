"""The staff's vocabulary forms: synonym groups; a search made a phrasing or a synonym."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from clientdesk.core.form_fields import ModelChoiceField
from clientdesk.kb.forms import MAX_QUERY_LENGTH, ArticleAdminForm
from clientdesk.kb.models import LANGUAGE_CHOICES, Article, Category, SynonymGroup


class SynonymGroupForm(forms.Form):
    lang = forms.ChoiceField(label=_("language"), choices=LANGUAGE_CHOICES)
    words = forms.CharField(
        label=_("words"),
        max_length=1000,
        help_text=_("Words customers use for the same thing, separated by spaces."),
    )


class WordsForm(forms.Form):
    words = forms.CharField(label=_("words"), max_length=1000)


class SearchChoiceForm(forms.Form):
    """Which search the add page is about, and the words to find its article by."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, strip=True)
    lang = forms.ChoiceField(choices=LANGUAGE_CHOICES)
    find = forms.CharField(
        label=_("Find the article"), max_length=MAX_QUERY_LENGTH, required=False, strip=True
    )


class AddPhrasingForm(forms.Form):
    article = ModelChoiceField(queryset=Article.objects.all())
    phrasing = forms.CharField(label=_("phrasing"), max_length=1000)


class AddSynonymForm(forms.Form):
    group = ModelChoiceField(queryset=SynonymGroup.objects.all(), required=False)
    lang = forms.ChoiceField(choices=LANGUAGE_CHOICES)
    words = forms.CharField(label=_("words"), max_length=1000)


class ArticleFilterForm(forms.Form):
    """The article list's filters; an unusable value is left out, never an error page."""

    PUBLISHED = [("", _("Published or not")), ("yes", _("Published")), ("no", _("Unpublished"))]

    q = forms.CharField(label=_("Text"), max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    lang = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Every language")), *LANGUAGE_CHOICES], required=False
    )
    category = ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("Every category"),
    )
    published = forms.ChoiceField(label=_("State"), choices=PUBLISHED, required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class CategoryForm(forms.ModelForm):
    class Meta:
        model = Category
        fields = ["slug", "name_ro", "name_en", "description_ro", "description_en", "position"]


class ArticleForm(ArticleAdminForm):
    """The admin's article form, its body previewed as it is typed (htmx)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].label = _("Tags")
        self.fields["body"].widget.attrs.update(
            {
                "hx-post": reverse("kb_staff:article_preview"),
                "hx-trigger": "input changed delay:400ms",
                "hx-target": "#preview",
                "hx-swap": "innerHTML",
            }
        )
        # The article's own language, for spelling checks and screen readers.
        language = self.data.get("lang") or self.initial.get("lang") or self.instance.lang
        if language:
            for name in ("title", "tags", "body", "phrasings"):
                self.fields[name].widget.attrs["lang"] = language
        self.language = language

    def _get_validation_exclusions(self):
        # The (slug, lang) constraint is left to the service: it refuses a taken address
        # next to the address field, where Django would put it above the form.
        exclusions = super()._get_validation_exclusions()  # type: ignore[misc]  # not in the stubs
        return {*exclusions, "slug"}
