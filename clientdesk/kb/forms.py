"""Forms: the public search and vote inputs, and the staff article form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.kb.models import Article

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False, strip=True)

    def query(self) -> str:
        """The query, or "" when there is none or it is unusable."""
        return self.cleaned_data["q"] if self.is_valid() else ""


class VoteForm(forms.Form):
    helpful = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])

    def is_helpful(self) -> bool:
        return self.cleaned_data["helpful"] == "yes"


class TagListField(forms.CharField):
    """Tags typed as "a, b, c" and stored as a list."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value) -> list[str]:  # type: ignore[override]  # a list, by design
        text = super().to_python(value) or ""
        return list(dict.fromkeys(tag.strip() for tag in text.split(",") if tag.strip()))


class ArticleAdminForm(forms.ModelForm):
    tags = TagListField(
        label=_("tags"), required=False, help_text=_("Separated by commas."), max_length=1000
    )

    class Meta:
        model = Article
        fields = ["slug", "lang", "category", "title", "body", "tags", "is_published"]
        widgets = {"body": forms.Textarea(attrs={"rows": 20})}
