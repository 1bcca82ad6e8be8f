"""What the dashboard counts for orders: the orders on their way, by status, each linked
to the list filtered to that status."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting
from clientdesk.orders.models import Order

ON_THE_WAY = (
    Order.Status.PARTIALLY_SHIPPED,
    Order.Status.SHIPPED,
    Order.Status.PARTIALLY_DELIVERED,
)


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query: the user's orders on their way, counted per status."""
    if G.ORDERS not in held:
        return []
    counts = dict(
        Order.objects.visible_to(user, G.ORDERS)
        .filter(status__in=ON_THE_WAY)
        .values("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [
        Waiting(
            ngettext(
                "%(count)s order on its way (%(status)s)",
                "%(count)s orders on their way (%(status)s)",
                counts[status],
            )
            % {"count": counts[status], "status": Order.Status(status).label},
            f"{reverse('orders:list')}?{urlencode({'status': status})}",
            counts[status],
        )
        for status in ON_THE_WAY
        if counts.get(status)
    ]
