from typing import Any

from allauth.core import context
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from clientdesk.accounts import queries, services
from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.models import AccessRequest, Consent, User
from clientdesk.accounts.validators import normalize_phone
from clientdesk.core import grants as G
from clientdesk.core.actors import anonymous_origin


def country_choices() -> list[tuple[str, str]]:
    # Called at each render, so the names follow the language of the request
    # (a choices list built once keeps the language of the first request).
    return list(countries)


class ProfileFieldsMixin(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    company = forms.CharField(label=_("Company"), max_length=200)
    job_title = forms.CharField(label=_("Job title"), max_length=120)
    country = forms.ChoiceField(label=_("Country"), choices=country_choices)
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("phone"):
            try:
                data["phone"] = normalize_phone(data["phone"], data.get("country"))
            except ValidationError as error:
                self.add_error("phone", error)
        return data

    def profile(self) -> services.Profile:
        return services.Profile(
            **{field: self.cleaned_data[field] for field in services.PROFILE_FIELDS}
        )


class SignupExtraForm(ProfileFieldsMixin):
    """The fields allauth's sign-up form gains: the profile and the two consents."""

    consent_contact = forms.BooleanField(
        label=TEXTS[Consent.Kind.CONTACT],
        error_messages={"required": _("We need this consent to open your account.")},
    )
    consent_transfer = forms.BooleanField(
        label=TEXTS[Consent.Kind.TRANSFER],
        error_messages={"required": _("We need this consent to open your account.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.fields["company"].widget.attrs["autocomplete"] = "organization"
        self.fields["job_title"].widget.attrs["autocomplete"] = "organization-title"
        self.fields["country"].initial = "RO"
        # Signing up from an invitation: the address it was sent to, and no other, so that
        # confirming it proves the invitee and the invitation can be accepted then.
        invitation = queries.invitation_of_session(context.request)
        if invitation is not None and "email" in self.fields:
            email = self.fields["email"]
            # Disabled: the value sent is ignored, and the initial (even one from ?email=) set.
            self.initial["email"] = email.initial = invitation.email
            email.disabled = True
            email.help_text = _("The address your invitation was sent to.")

    def signup(self, request, user: User) -> None:
        services.user_complete_signup(
            actor=anonymous_origin(request), user=user, profile=self.profile()
        )


class ProfileForm(ProfileFieldsMixin):
    pass


class AccessRequestForm(forms.ModelForm):
    proof_kind = forms.ChoiceField(
        label=_("Proof"), choices=AccessRequest.ProofKind.choices, widget=forms.RadioSelect
    )
    areas = forms.MultipleChoiceField(
        label=_("Access requested"),
        choices=G.AREA_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one area.")},
    )

    class Meta:
        model = AccessRequest
        fields = ["customer_number", "proof_kind", "proof_number", "areas", "message"]
        widgets = {
            "message": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "customer_number": _("You find it on any invoice or contract from us."),
            "proof_number": _("The number of a contract or an invoice of this customer account."),
        }


class GrantsField(forms.MultipleChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Grants"))
        super().__init__(choices=G.CHOICES, widget=forms.CheckboxSelectMultiple, **kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Colleague's e-mail"))
    grants = GrantsField(error_messages={"required": _("Choose at least one grant.")})


class MembershipGrantsForm(forms.Form):
    grants = GrantsField(required=False)


class AccessDecisionForm(forms.Form):
    GRANT = "grant"
    REFUSE = "refuse"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(GRANT, _("Grant access")), (REFUSE, _("Refuse access"))],
        widget=forms.RadioSelect,
    )
    grants = GrantsField(required=False)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("decision") == self.GRANT and not data.get("grants"):
            self.add_error("grants", _("Choose at least one grant."))
        if data.get("decision") == self.REFUSE and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the request is refused; the user will read it."))
        return data


class ConsentWithdrawForm(forms.Form):
    kind = forms.ChoiceField(choices=Consent.Kind.choices)


class DeleteAccountForm(forms.Form):
    confirm = forms.CharField(
        label=_("Type your e-mail address to confirm"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_confirm(self):
        value = self.cleaned_data["confirm"].strip().lower()
        if value != self.user.email.lower():
            raise ValidationError(_("This is not your e-mail address."))
        return value
