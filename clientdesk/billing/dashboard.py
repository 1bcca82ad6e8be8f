"""What the dashboard counts for invoices: those overdue, linked to the list filtered to them
(the Invoices tile already tells the amounts)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.billing.models import Invoice
from clientdesk.billing.queries import overdue_invoices
from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query: the count of the user's overdue invoices."""
    if G.INVOICES not in held:
        return []
    count = overdue_invoices(user).count()
    text = ngettext("%(count)s invoice is overdue", "%(count)s invoices are overdue", count)
    url = f"{reverse('billing:list')}?{urlencode({'status': Invoice.Status.OVERDUE})}"
    return [Waiting(text % {"count": count}, url, count, urgent=True)]
