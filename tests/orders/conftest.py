import datetime
from decimal import Decimal

import pytest

from clientdesk.orders import services
from clientdesk.orders.models import Order, ShipmentEvent
from tests.factories import MembershipFactory
from tests.orders.factories import ERP

AT = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.UTC)


@pytest.fixture
def no_orders_user(alfa):
    """Someone at Alfa whose membership holds every grant but ``orders``."""
    return MembershipFactory(account=alfa, grant_invoices=True, grant_requests=True).user


@pytest.fixture
def alfa_order(alfa) -> Order:
    """An order of Alfa: two lines, one shipment picked up; written as the ERP would."""
    order = services.order_upsert(
        actor=ERP,
        account=alfa,
        external_id="erp-so-1",
        number="CMD-2026-000101",
        po_number="ALF-PO-77",
        ordered_on=AT.date(),
        status=Order.Status.PARTIALLY_SHIPPED,
        at=AT,
        lines=[
            services.LineData(1, "DL-R760", "Server Dell PowerEdge R760", 2, Decimal("62450.00")),
            services.LineData(
                2, "APC-SRT3000", "UPS APC Smart-UPS SRT 3000 VA", 3, Decimal("9850")
            ),
        ],
    ).obj
    shipment = services.shipment_upsert(
        actor=ERP,
        order=order,
        external_id="erp-sh-1",
        carrier_code="dhl",
        tracking_number="4839201745",
        items={1: 2},
    ).obj
    services.shipment_event_add(
        actor=ERP,
        shipment=shipment,
        kind=ShipmentEvent.Kind.PICKED_UP,
        occurred_at=AT + datetime.timedelta(days=1),
        place="București, depozit Carpatia Tech",
    )
    return order
