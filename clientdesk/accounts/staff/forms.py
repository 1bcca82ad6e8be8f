from django import forms
from django.utils.translation import gettext_lazy as _


class CustomerSearchForm(forms.Form):
    """The customer list's search and page cursors; a bad value shows the first page."""

    q = forms.CharField(
        label=_("Customer number, name or tax id"), max_length=200, required=False, strip=True
    )
    after = forms.CharField(max_length=200, required=False)
    before = forms.CharField(max_length=200, required=False)

    def text(self) -> str:
        return self.cleaned_data["q"] if self.is_valid() else ""

    def cursors(self) -> tuple[str, str]:
        """(after, before): the page after one row, or before one; both empty, the first."""
        if not self.is_valid():
            return "", ""
        return self.cleaned_data["after"], self.cleaned_data["before"]
