from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.billing.models import Invoice
from clientdesk.orders.forms import DATE_ERRORS, DATE_FORMATS

SORTS = {
    "-issued_on": _("Newest first"),
    "issued_on": _("Oldest first"),
    "due_on": _("Due date, earliest first"),
    "-due_on": _("Due date, latest first"),
    "-total": _("Largest amount first"),
    "total": _("Smallest amount first"),
}


def _date(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _amount(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, required=False, min_value=0, max_digits=14, decimal_places=2, localize=True
    )


class InvoiceFilterForm(forms.Form):
    """The filters of "My invoices"; every field is optional."""

    number = forms.CharField(
        label=_("Invoice number"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Invoices and credit notes"))]
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Invoice.Status.choices],
    )
    date_from = _date(_("Issued from"))
    date_to = _date(_("Issued until"))
    amount_min = _amount(_("Amount from"))
    amount_max = _amount(_("Amount up to"))
    po = forms.CharField(label=_("PO number"), required=False, max_length=60)
    sort = forms.ChoiceField(label=_("Sort"), required=False, choices=list(SORTS.items()))

    MORE = ("kind", "status", "date_from", "date_to", "amount_min", "amount_max", "po")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kind = self.fields["kind"]
        assert isinstance(kind, forms.ChoiceField)
        kind.choices = [("", _("Invoices and credit notes")), *Invoice.Kind.choices]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and high < low:
            self.add_error("amount_max", _("The largest amount is below the smallest."))
        return data

    def filters(self) -> dict:
        """The valid filters, as keyword arguments for queries.invoices_matching."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "") and name != "sort"
        }

    def ordering(self) -> str:
        return self.cleaned_data.get("sort") or "-issued_on"

    def has_more_filters(self) -> bool:
        return any(self.data.get(name) for name in self.MORE)
