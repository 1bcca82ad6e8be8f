"""Orders straight into the database, for tests that need many of them or exact
field values; tests of behaviour write through clientdesk.orders.services instead."""

import datetime
from decimal import Decimal

import factory

from clientdesk.core.actors import Actor
from clientdesk.orders.models import Order, OrderLine
from tests.factories import CustomerAccountFactory


class OrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Order

    account = factory.SubFactory(CustomerAccountFactory)
    external_id = factory.Sequence(lambda n: f"erp-order-{n}")
    number = factory.Sequence(lambda n: f"CMD-2026-{n:06d}")
    po_number = factory.Sequence(lambda n: f"PO-{n:04d}")
    status = Order.Status.CONFIRMED
    ordered_on = datetime.date(2026, 3, 2)
    total = Decimal("1250.00")


class OrderLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    position = factory.Sequence(lambda n: n + 1)
    product_code = "DL-R760"
    description = "Server Dell PowerEdge R760"
    quantity = 2
    unit_price = Decimal("625.00")


# The ERP as the tests play it: the actor of every order and shipment write.
ERP = Actor.system("erp")
