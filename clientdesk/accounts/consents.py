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
