"""The filters of "My requests" and of the staff queues: they parse; queries.py selects.

A bad value is reported next to its field and left out of the selection, not fatal.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.core.form_fields import ModelChoiceField
from clientdesk.support.models import RequestType, Status, customer_label
from clientdesk.support.queries import OPEN

_DATE = forms.DateInput(attrs={"type": "date"})


def status_choices() -> list[tuple[str, Any]]:
    return [("", _("Any status")), (OPEN, _("Open")), *Status.choices]


def customer_status_choices() -> list[tuple[str, Any]]:
    statuses = [(status.value, customer_label(status)) for status in Status]
    return [("", _("Any status")), (OPEN, _("Open")), *statuses]


class BaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or words"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=status_choices)
    type = ModelChoiceField(
        label=_("Type"),
        queryset=RequestType.objects.all(),
        to_field_name="code",
        empty_label=_("Any type"),
        required=False,
    )

    def filters(self) -> dict[str, Any]:
        """The valid filters, as keyword arguments for the queries; invalid ones are left out."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self.fields and name not in self.errors
        }


class RequestFilterForm(BaseFilterForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=customer_status_choices)
    created_from = forms.DateField(label=_("Filed from"), required=False, widget=_DATE)
    created_to = forms.DateField(label=_("Filed until"), required=False, widget=_DATE)
    mine = forms.BooleanField(label=_("Only the requests I filed"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("created_from"), data.get("created_to")
        if start and end and start > end:
            self.add_error("created_to", _("This date is before the start of the period."))
        return data
