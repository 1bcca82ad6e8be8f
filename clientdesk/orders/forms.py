from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.orders.models import Order

# A date picker sends ISO dates; a browser without one lets people type the Romanian way.
DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]
DATE_ERRORS = {"invalid": _("Enter a date such as 31.03.2026.")}


def _date_field(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def status_field() -> forms.ChoiceField:
    """The lists' status filter: every status, and those on their way."""
    return forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("All statuses")),
            (Order.ON_THE_WAY_FILTER, _("On their way (not all delivered)")),
            *Order.Status.choices,
        ],
    )


class OrderFilterForm(forms.Form):
    """The filters of "My orders"; every field is optional."""

    q = forms.CharField(
        label=_("Order or PO number"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = status_field()
    date_from = _date_field(_("Ordered from"))
    date_to = _date_field(_("Ordered until"))
    po = forms.CharField(label=_("Customer PO number"), required=False, max_length=60)
    product = forms.CharField(
        label=_("Product code or description"), required=False, max_length=100
    )

    # The filters hidden under "More filters" (the search box is always shown).
    MORE = ("status", "date_from", "date_to", "po", "product")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def filters(self) -> dict:
        """The valid filters, as keyword arguments for queries.orders_matching."""
        return {name: value for name, value in self.cleaned_data.items() if value}

    def has_more_filters(self) -> bool:
        return any(self.data.get(name) for name in self.MORE)
