"""The order, PO and product searches are served by the trigram indexes on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest

from clientdesk.orders.models import Order, OrderLine
from clientdesk.orders.queries import orders_matching
from tests.support.search_plans import as_vacuumed, plan, postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db]
INDEXES = [
    "orders_order_number_trgm",
    "orders_order_po_number_trgm",
    "orders_line_product_code_trgm",
    "orders_line_description_trgm",
]


@pytest.fixture
def many_orders(alfa):
    """Enough of Alfa's orders that reading all of them costs more than the index."""
    day = datetime.date(2026, 1, 1)
    orders = Order.objects.bulk_create(
        Order(
            account=alfa,
            number=f"CMD-2026-{n:07d}",
            po_number=f"ALF-PO-{n:05d}",
            status=Order.Status.DELIVERED,
            ordered_on=day - datetime.timedelta(days=n % 700),
        )
        for n in range(3000)
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            position=1,
            product_code=f"P-{n % 40:03d}",
            description=f"Product {n % 40}",
            quantity=1,
            unit_price=Decimal(1),
        )
        for n, order in enumerate(orders)
    )
    as_vacuumed(INDEXES, ["orders_order", "orders_orderline"])


def test_the_search_box_reads_the_number_and_po_indexes(alfa_admin, many_orders):
    used = plan(orders_matching(alfa_admin, q="0001234"))
    assert "orders_order_number_trgm" in used and "orders_order_po_number_trgm" in used


def test_the_po_filter_reads_its_index(alfa_admin, many_orders):
    assert "orders_order_po_number_trgm" in plan(orders_matching(alfa_admin, po="PO-01234"))


def test_the_product_filter_reads_the_lines_indexes(alfa_admin, many_orders):
    used = plan(orders_matching(alfa_admin, product="unknown-product"))
    assert "orders_line_product_code_trgm" in used
    assert "orders_line_description_trgm" in used
