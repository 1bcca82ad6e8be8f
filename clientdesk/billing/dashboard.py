"""What the dashboard counts for invoices: those overdue, linked to the list filtered to them
(the Invoices tile already tells the amounts)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.billing.models import Invoice
from clientdesk.billing.queries import overdue_by_currency
from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """The count of the user's overdue invoices (the query the Invoices tile makes too)."""
    if G.INVOICES not in held:
        return []
    count = sum(n for n, _total in overdue_by_currency(user).values())
    text = ngettext("%(count)s invoice is overdue", "%(count)s invoices are overdue", count)
    url = f"{reverse('billing:list')}?{urlencode({'status': Invoice.Status.OVERDUE})}"
    return [Waiting(text % {"count": count}, url, count, urgent=True)]
