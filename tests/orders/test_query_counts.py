"""Each benchmarked orders page makes a fixed number of queries, whatever the data: the same
on a small set and after several times more orders with lines and shipments."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.orders import services
from clientdesk.orders.models import Order
from tests.orders.factories import ERP, OrderFactory, OrderLineFactory

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def more_orders(account, count: int, *, shipments: int = 1) -> None:
    for order in OrderFactory.create_batch(
        count, account=account, status=Order.Status.SHIPPED, po_number="ALF-PO-2026"
    ):
        for position in (1, 2):
            OrderLineFactory(order=order, position=position, quantity=5)
        for n in range(shipments):
            services.shipment_upsert(
                actor=ERP,
                order=order,
                external_id=f"{order.number}-sh-{n}",
                carrier_code="dhl",
                tracking_number=f"48{n}",
                items={1: 1, 2: 1},
            )


@pytest.mark.parametrize(
    "params", ["", "?status=shipped", "?q=ALF-PO-2026", "?po=PO-2026&page=2", "?product=dell"]
)
def test_my_orders_plain_filtered_and_searched_cost_the_same_for_4_or_40_orders(
    client, alfa_admin, alfa, params
):
    url = reverse("orders:list") + params
    client.force_login(alfa_admin)
    client.get(url)  # the first request of a session does one-off work
    more_orders(alfa, 4)
    assert queries(client, url) == 5
    more_orders(alfa, 36)
    assert queries(client, url) == 5


def test_an_order_costs_the_same_with_1_or_4_shipments(client, alfa_admin, alfa_order):
    url = reverse("orders:detail", args=[alfa_order.public_id])
    client.force_login(alfa_admin)
    client.get(url)
    assert queries(client, url) == 8
    for n in range(3):
        services.shipment_upsert(
            actor=ERP,
            order=alfa_order,
            external_id=f"erp-sh-more-{n}",
            carrier_code="dhl",
            tracking_number=f"49{n}",
            items={2: 1},
        )
    assert alfa_order.shipments.count() == 4
    assert queries(client, url) == 8
