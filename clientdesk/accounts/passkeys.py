"""allauth's passkey (WebAuthn) forms, with a label the portal can translate.

allauth's "name" fields have no label of their own, so Django shows the field
name, "Name", in English whatever the language. MFA_FORMS in settings points
allauth at these subclasses; everything else is allauth's.
"""

from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django.utils.translation import gettext_lazy as _


class AddPasskeyForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
        # Ticked unless the user says otherwise: a key added without it cannot
        # sign in alone, and the sign-in button then fails without a word.
        self.fields["passwordless"].initial = True


class EditPasskeyForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
