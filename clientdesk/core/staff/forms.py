from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.core import audit, staff_mail
from clientdesk.core.models import VendorConfig


class StaffMailForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("E-mail me about"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The kinds are registered by the apps at start-up, not known when the class is made.
        field = self.fields["topics"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(topic.key, topic.label) for topic in staff_mail.topics()]


# The vendor's settings in the groups the page shows them in.
VENDOR_GROUPS = [
    (_("Identity"), ["name", "legal_name", "tax_id", "logo", "remove_logo", "website"]),
    (_("Colours"), ["primary_colour", "accent_colour"]),
    (
        _("Customer support"),
        ["support_phone", "support_email", "fax", "hours_open", "hours_close"],
    ),
    (_("Calendar"), ["time_zone", "holidays_country"]),
    (_("Addresses"), ["address", "postal_address"]),
    (
        _("Contracts"),
        ["reminder_first_days", "reminder_every_days", "reminder_max", "contract_alert_days"],
    ),
]

_OWN_FIELDS = ("logo", "remove_logo")


class VendorConfigForm(forms.ModelForm):
    """Every setting of the vendor, in the groups the page shows; the logo is checked by the
    service (its bytes, its size), so the form only carries the file."""

    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG or WebP, at most 1 MB; leave empty to keep the current one."),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = VendorConfig
        fields = [
            name for _title, names in VENDOR_GROUPS for name in names if name not in _OWN_FIELDS
        ]
        widgets = {
            "primary_colour": forms.TextInput(attrs={"type": "color"}),
            "accent_colour": forms.TextInput(attrs={"type": "color"}),
            "hours_open": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "hours_close": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "address": forms.Textarea(attrs={"rows": 4}),
            "postal_address": forms.Textarea(attrs={"rows": 5}),
        }

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(str(title), [self[name] for name in names]) for title, names in VENDOR_GROUPS]

    def values(self) -> dict[str, Any]:
        """The model's fields as cleaned (the logo travels on its own)."""
        return {name: value for name, value in self.cleaned_data.items() if name not in _OWN_FIELDS}


class AuditFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False)
    actor = forms.CharField(label=_("Actor's e-mail"), required=False, max_length=254)
    account = forms.CharField(
        label=_("Customer account"),
        required=False,
        max_length=200,
        help_text=_("Its number, or part of its name."),
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.CharField(label=_("Subject id"), required=False, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("All kinds")), *audit.kind_choices()]

    def clean(self):
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the range comes before its start."))
        return cleaned

    def filters(self) -> audit.Filters:
        """What to select; an invalid field selects as if it were left empty."""
        self.is_valid()
        data = self.cleaned_data
        return audit.Filters(
            kind=data.get("kind", ""),
            actor=data.get("actor", "").strip(),
            account=data.get("account", "").strip(),
            since=data.get("since"),
            until=data.get("until"),
            subject=data.get("subject", "").strip(),
        )
