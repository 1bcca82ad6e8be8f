"""The consent texts, versioned: a change of wording needs a new CONSENT_VERSION."""

from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.models import Consent

TEXTS = {
    Consent.Kind.CONTACT: _(
        "I agree that the vendor stores and uses my personal data to contact me about my "
        "requests, contracts, orders and invoices."
    ),
    Consent.Kind.TRANSFER: _(
        "I agree that the vendor may transfer my personal data outside my country of "
        "residence, to the companies of its group that handle customer support."
    ),
}

# Without it the vendor cannot serve the account at all: withdrawing it is closing the account.
MANDATORY = Consent.Kind.CONTACT

# What withdrawing each consent means, said plainly on "My data".
WITHDRAWING = {
    Consent.Kind.CONTACT: _(
        "Without this consent we cannot keep your account: withdrawing it means deleting your "
        "account and personal data."
    ),
    Consent.Kind.TRANSFER: _(
        "If you withdraw it, the vendor stops sending your personal data outside your country "
        "of residence; support from the group's companies abroad may then take longer."
    ),
}
