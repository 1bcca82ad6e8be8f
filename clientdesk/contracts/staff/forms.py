from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import User
from clientdesk.contracts.models import Contract, SignatureStep
from clientdesk.contracts.signatures import Participant
from clientdesk.core import grants as G

ROWS = 5


class SendForm(forms.Form):
    """Who approves and signs, in order (up to five), a message and an expiry date."""

    file = forms.FileField(
        label=_("A new version of the document (PDF)"),
        required=False,
        help_text=_("Leave empty to send the latest version."),
    )
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea)
    expires_on = forms.DateField(
        label=_("Expires on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        people = User.objects.filter(memberships__account=contract.account).distinct()
        eligible = people.filter(
            **{f"memberships__{G.field_name(G.CONTRACTS_SIGN)}": True}
        ) | people.filter(**{f"memberships__{G.field_name(G.CONTRACTS_APPROVE)}": True})
        for row in range(1, ROWS + 1):
            self.fields[f"role_{row}"] = forms.ChoiceField(
                label=_("Step %(n)s: role") % {"n": row},
                choices=[("", "—"), *SignatureStep.Role.choices],
                required=False,
            )
            self.fields[f"user_{row}"] = forms.ModelChoiceField(
                label=_("Step %(n)s: person") % {"n": row},
                queryset=eligible.distinct().order_by("last_name", "first_name"),
                required=False,
            )

    def rows(self):
        return [(self[f"role_{row}"], self[f"user_{row}"]) for row in range(1, ROWS + 1)]

    def participants(self) -> list[Participant]:
        chosen = []
        for row in range(1, ROWS + 1):
            role, user = self.cleaned_data.get(f"role_{row}"), self.cleaned_data.get(f"user_{row}")
            if role and user:
                chosen.append(Participant(role=role, user=user))
        return chosen
