"""What happens to invoices and payments (all of it pushed by the ERP)."""

from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind
from clientdesk.core.models import Event


class BillingEvent(EventKind):
    INVOICE_ISSUED = "billing.invoice_issued", _("Invoice issued")
    CREDIT_NOTE_ISSUED = "billing.credit_note_issued", _("Credit note issued")
    PAYMENT_RECORDED = "billing.payment_recorded", _("Payment recorded")
    PREFERENCE_SET = "billing.preference_set", _("Invoice e-mails chosen")
    ZIP_REQUESTED = "billing.zip_requested", _("Invoices asked for as a ZIP")
    INVOICE_VIEWED = "billing.invoice_viewed", _("Invoice viewed")


class BillingSettingsEvent(EventKind):
    """Audited: the vendor's billing details are on every invoice."""

    CHANGED = "billing.settings_changed", _("Billing settings changed")


def describe(event: Event) -> str:
    data = event.data
    if event.kind in (BillingEvent.INVOICE_ISSUED, BillingEvent.CREDIT_NOTE_ISSUED):
        return _gettext("%(label)s %(number)s") % {
            "label": BillingEvent(event.kind).label,
            "number": data.get("number", ""),
        }
    return str(BillingEvent(event.kind).label)
