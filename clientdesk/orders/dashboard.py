"""What the dashboard counts for orders: the orders on their way, linked to the list
filtered to them."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting
from clientdesk.orders.models import Order


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query: the user's orders on their way."""
    if G.ORDERS not in held:
        return []
    count = Order.objects.visible_to(user, G.ORDERS).filter(status__in=Order.ON_THE_WAY).count()
    return [
        Waiting(
            ngettext("%(count)s order on its way", "%(count)s orders on their way", count)
            % {"count": count},
            f"{reverse('orders:list')}?{urlencode({'status': Order.ON_THE_WAY_FILTER})}",
            count,
        )
    ]
