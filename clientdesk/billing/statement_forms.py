from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.billing.forms import _date
from clientdesk.billing.statement import period

PRESETS = [("year", _("This year")), ("12m", _("Last 12 months")), ("custom", _("Custom period"))]


class StatementForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), required=False, choices=PRESETS)
    date_from = _date(_("From"))
    date_to = _date(_("Until"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("period") == "custom":
            start, end = data.get("date_from"), data.get("date_to")
            if not start:
                self.add_error("date_from", _("Give the first day of the period."))
            if not end:
                self.add_error("date_to", _("Give the last day of the period."))
            if start and end and end < start:
                self.add_error("date_to", _("The end of the period is before its start."))
        return data

    def dates(self, today: date) -> tuple[date, date]:
        """The period asked for; this year while the form is not valid."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("period") == "custom":
            return data["date_from"], data["date_to"]
        return period(data.get("period") or "year", today)
