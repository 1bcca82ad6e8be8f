from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import User
from clientdesk.contracts.models import Contract, SignatureStep
from clientdesk.contracts.signatures import Participant
from clientdesk.core import grants as G
from clientdesk.core.form_fields import ModelChoiceField

ROWS = 5
CUSTOMER_ROLES = [(r.value, r.label) for r in (SignatureStep.Role.APPROVE, SignatureStep.Role.SIGN)]


def countersigners():
    """Active staff holding the right to sign for the vendor (directly, by role, or superuser)."""
    perm = Permission.objects.get(
        content_type__app_label="contracts", codename="countersign_contract"
    )
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | Q(groups__permissions=perm) | Q(user_permissions=perm))
        .distinct()
        .order_by("last_name", "first_name")
    )


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
    countersigner = ModelChoiceField(
        label=_("Signs for the vendor, last"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("A colleague with the right to sign for the vendor, after the customer."),
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        field = self.fields["countersigner"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = countersigners()
        people = User.objects.filter(memberships__account=contract.account).distinct()
        eligible = people.filter(
            **{f"memberships__{G.field_name(G.CONTRACTS_SIGN)}": True}
        ) | people.filter(**{f"memberships__{G.field_name(G.CONTRACTS_APPROVE)}": True})
        for row in range(1, ROWS + 1):
            self.fields[f"role_{row}"] = forms.ChoiceField(
                label=_("Step %(n)s: role") % {"n": row},
                choices=[("", "—"), *CUSTOMER_ROLES],
                required=False,
            )
            self.fields[f"user_{row}"] = ModelChoiceField(
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
        countersigner = self.cleaned_data.get("countersigner")
        if countersigner is not None:
            chosen.append(Participant(role=SignatureStep.Role.COUNTERSIGN, user=countersigner))
        return chosen
