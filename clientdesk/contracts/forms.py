from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.contracts.models import Contract


class ContractFilterForm(forms.Form):
    """The filters of "My contracts"; every field is optional."""

    q = forms.CharField(
        label=_("Contract number or title"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *Contract.Status.choices],
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Contract.Kind.choices]
    )

    def filters(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name) or "" for name in ("q", "status", "kind")}


class EquipmentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Serial number, type or model"),
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
