from django.utils import timezone

from clientdesk.orders import services as order_services
from clientdesk.orders.models import Order
from clientdesk.webhooks.models import Delivery
from tests.orders.factories import ERP

STATUSES = [
    Order.Status.PROCESSING,
    Order.Status.SHIPPED,
    Order.Status.DELIVERED,
    Order.Status.CANCELLED,
    Order.Status.RECEIVED,
]


def change_order(order: Order, times: int = 1) -> None:
    """Record ``times`` status changes of the order: one ``order.updated`` webhook each."""
    for _ in range(times):
        order.refresh_from_db()
        after = (
            STATUSES[(STATUSES.index(order.status) + 1) % 5]
            if order.status in STATUSES
            else STATUSES[0]
        )
        order_services.order_status_set(actor=ERP, order=order, status=after)


def make_due_now() -> None:
    """Time passes until every waiting retry is due: the sweep's clock is the real one."""
    Delivery.objects.filter(status=Delivery.Status.PENDING).update(next_attempt_at=timezone.now())
