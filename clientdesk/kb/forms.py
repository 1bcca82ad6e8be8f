"""Forms: the public search and vote inputs, and the staff article form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.kb.importing import MAX_PHRASING_LENGTH, MAX_PHRASINGS
from clientdesk.kb.models import Article, split_phrasings

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(max_length=MAX_QUERY_LENGTH, required=False, strip=True)
    # The stored search this one goes on from (the live search, as it is typed).
    sq = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)

    def query(self) -> str:
        """The query, or "" when there is none or it is unusable."""
        return self.cleaned_data["q"] if self.is_valid() else ""

    def previous(self) -> int | None:
        return self.cleaned_data["sq"] if self.is_valid() else None


class FollowForm(forms.Form):
    """The search a result link was followed from."""

    sq = forms.IntegerField(min_value=1, max_value=2**31 - 1)


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
        fields = [
            "slug", "lang", "category", "title", "body", "tags", "phrasings", "is_published",
        ]  # fmt: skip
        widgets = {
            "body": forms.Textarea(attrs={"rows": 20}),
            "phrasings": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_phrasings(self) -> str:
        lines = split_phrasings(self.cleaned_data.get("phrasings") or "")
        if len(lines) > MAX_PHRASINGS or any(len(line) > MAX_PHRASING_LENGTH for line in lines):
            raise forms.ValidationError(
                _("At most %(count)s phrasings of at most %(length)s characters each."),
                params={"count": MAX_PHRASINGS, "length": MAX_PHRASING_LENGTH},
            )
        return "\n".join(lines)
