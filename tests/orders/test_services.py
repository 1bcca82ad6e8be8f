"""Writes as the ERP makes them: idempotent upserts, shipments within the ordered
quantities, events that move the shipment along; and the demo data."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from clientdesk.accounts import demo as accounts_demo
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event
from clientdesk.core.upsert import Outcome, Upserted
from clientdesk.orders import demo, services
from clientdesk.orders.errors import OrderError
from clientdesk.orders.events import OrderEvent
from clientdesk.orders.models import Order, OrderStatusChange, Shipment, ShipmentEvent
from clientdesk.orders.timeline import timeline
from tests.factories import CustomerAccountFactory
from tests.orders.conftest import AT
from tests.orders.factories import ERP

LINE = services.LineData(1, "DL-R760", "Server Dell PowerEdge R760", 2, Decimal("62450.00"))


def upsert(account, **changes) -> Upserted[Order]:
    fields = {
        "account": account,
        "external_id": "erp-so-9",
        "number": "CMD-2026-000909",
        "ordered_on": AT.date(),
        "status": Order.Status.RECEIVED,
        "lines": [LINE],
        "at": AT,
    } | changes
    return services.order_upsert(actor=ERP, **fields)


@pytest.mark.django_db
def test_pushing_the_same_order_twice_stores_it_once(alfa):
    first = upsert(alfa)
    pushed = upsert(alfa)
    assert (first.outcome, pushed.outcome) == (Outcome.CREATED, Outcome.UNCHANGED)
    again = pushed.obj
    assert first.obj.pk == again.pk
    assert Order.objects.count() == 1
    assert again.lines.count() == 1
    assert again.total == Decimal("124900.00")
    assert list(again.status_changes.values_list("status", flat=True)) == ["received"]


@pytest.mark.django_db
def test_an_update_replaces_the_lines_and_records_the_new_status_in_the_timeline(alfa):
    upsert(alfa)
    later = AT + datetime.timedelta(days=1)
    pushed = upsert(
        alfa,
        status=Order.Status.CONFIRMED,
        at=later,
        lines=[services.LineData(2, "APC-SRT3000", "UPS APC", 3, Decimal("9850.00"))],
    )
    assert pushed.outcome == Outcome.UPDATED
    order = pushed.obj
    assert list(order.lines.values_list("position", "quantity")) == [(2, 3)]
    assert order.total == Decimal("29550.00")
    steps = OrderStatusChange.objects.filter(order=order)
    assert [(s.status, s.occurred_at) for s in steps] == [("received", AT), ("confirmed", later)]
    assert [step.state for step in timeline(order)] == [
        "done",
        "current",
        "next",
        "next",
        "next",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [
        {"lines": []},
        {"lines": [LINE, LINE]},
        {"lines": [services.LineData(1, "X", "X", 0, Decimal("1"))]},
        {"lines": [services.LineData(1, "X", "X", 1, Decimal("-1"))]},
        {"currency": "lei"},
        {"status": "lost"},
    ],
)
def test_an_order_that_makes_no_sense_is_refused(alfa, changes):
    with pytest.raises(ValidationError):
        upsert(alfa, **changes)
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_an_order_cannot_move_to_another_customer(alfa):
    upsert(alfa)
    with pytest.raises(ValidationError):
        upsert(CustomerAccountFactory())


@pytest.mark.django_db
def test_shipments_cannot_carry_more_than_was_ordered(alfa_order):
    # Line 1 (2 servers) is already shipped whole by erp-sh-1.
    with pytest.raises(ValidationError):
        services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={1: 1})
    with pytest.raises(ValidationError):
        services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={9: 1})
    # Re-sending a shipment does not count its own items twice.
    resent = services.shipment_upsert(
        actor=ERP, order=alfa_order, external_id="erp-sh-1", carrier_code="dhl", items={1: 2}
    )
    assert resent.outcome == Outcome.UPDATED  # the tracking number is gone
    assert Shipment.objects.count() == 1


@pytest.mark.django_db
def test_the_newest_event_moves_the_shipment_and_an_older_one_does_not(alfa_order):
    shipment = Shipment.objects.get(external_id="erp-sh-1")
    assert shipment.status == Shipment.Status.IN_TRANSIT
    assert shipment.shipped_at == AT + datetime.timedelta(days=1)
    delivered_at = AT + datetime.timedelta(days=2)
    services.shipment_event_add(
        actor=ERP, shipment=shipment, kind=ShipmentEvent.Kind.DELIVERED, occurred_at=delivered_at
    )
    services.shipment_event_add(
        actor=ERP,
        shipment=shipment,
        kind=ShipmentEvent.Kind.AT_HUB,
        occurred_at=AT + datetime.timedelta(days=1, hours=5),
    )
    shipment.refresh_from_db()
    assert shipment.status == Shipment.Status.DELIVERED
    assert shipment.delivered_at == delivered_at
    assert shipment.events.count() == 3


@pytest.mark.django_db
def test_an_event_sent_twice_is_recorded_once(alfa_order):
    shipment = Shipment.objects.get(external_id="erp-sh-1")
    outcomes = [
        services.shipment_event_add(
            actor=ERP,
            shipment=shipment,
            kind=ShipmentEvent.Kind.AT_HUB,
            occurred_at=AT + datetime.timedelta(days=2),
            external_id="carrier-evt-77",
        ).outcome
        for _ in range(2)
    ]
    assert outcomes == [Outcome.CREATED, Outcome.UNCHANGED]
    assert shipment.events.filter(external_id="carrier-evt-77").count() == 1
    tracked = Event.objects.filter(kind=OrderEvent.TRACKED, data__kind=ShipmentEvent.Kind.AT_HUB)
    assert tracked.count() == 1


@pytest.mark.django_db
def test_the_order_page_counts_shipped_and_delivered_units_per_line(alfa_order, alfa_admin):
    from clientdesk.orders.queries import order_page

    services.shipment_event_add(
        actor=ERP,
        shipment=Shipment.objects.get(external_id="erp-sh-1"),
        kind=ShipmentEvent.Kind.DELIVERED,
        occurred_at=AT + datetime.timedelta(days=2),
    )
    services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={2: 1})
    lines = order_page(alfa_admin, alfa_order.public_id).lines.all()
    assert [(line.quantity, line.shipped, line.delivered) for line in lines] == [
        (2, 2, 2),
        (3, 1, 0),
    ]


def kept(order) -> list[tuple[int, int]]:
    """Each line's kept (shipped, delivered), as stored."""
    return list(order.lines.order_by("position").values_list("shipped", "delivered"))


def deliver(shipment, kind=ShipmentEvent.Kind.DELIVERED, day=2) -> None:
    services.shipment_event_add(
        actor=ERP, shipment=shipment, kind=kind, occurred_at=AT + datetime.timedelta(days=day)
    )


@pytest.mark.django_db
def test_the_lines_keep_what_their_shipments_carry_through_every_change(alfa_order):
    assert kept(alfa_order) == [(2, 0), (0, 0)]
    second = services.shipment_upsert(
        actor=ERP, order=alfa_order, external_id="erp-sh-2", items={2: 3}
    )
    assert kept(alfa_order) == [(2, 0), (3, 0)]
    deliver(second.obj)
    assert kept(alfa_order) == [(2, 0), (3, 3)]
    # The ERP sends the shipment again with one unit fewer: the line follows.
    services.shipment_upsert(
        actor=ERP,
        order=alfa_order,
        external_id="erp-sh-2",
        status=Shipment.Status.DELIVERED,
        items={2: 2},
    )
    assert kept(alfa_order) == [(2, 0), (2, 2)]
    # A delivered parcel that comes back is no longer delivered.
    deliver(second.obj, ShipmentEvent.Kind.RETURNED, day=3)
    assert kept(alfa_order) == [(2, 0), (2, 0)]
    # An event older than the newest changes nothing.
    deliver(Shipment.objects.get(external_id="erp-sh-1"), ShipmentEvent.Kind.DELIVERED, day=0)
    assert kept(alfa_order) == [(2, 0), (2, 0)]


@pytest.mark.django_db
def test_a_line_the_erp_removes_takes_its_share_of_the_shipment_with_it(alfa_order):
    services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={2: 3})
    upsert(
        alfa_order.account,
        external_id="erp-so-1",
        number=alfa_order.number,
        status=Order.Status.PARTIALLY_SHIPPED,
        lines=[services.LineData(2, "APC-SRT3000", "UPS APC SRT 3000 VA", 3, Decimal("9850"))],
    )
    assert kept(alfa_order) == [(3, 0)]


@pytest.mark.django_db
def test_the_migration_fills_the_kept_quantities_from_the_shipments(alfa_order):
    from django.apps import apps

    migration = importlib.import_module("clientdesk.orders.migrations.0006_line_quantities_kept")
    deliver(Shipment.objects.get(external_id="erp-sh-1"))
    services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={2: 1})
    before = kept(alfa_order)
    alfa_order.lines.update(shipped=0, delivered=0)
    migration.count_from_shipments(apps, None)
    assert kept(alfa_order) == before == [(2, 2), (1, 0)]


@pytest.mark.django_db
def test_the_demo_has_every_status_for_both_customers_and_loads_twice_without_change():
    accounts_demo.load()
    demo.load()
    counts = (Order.objects.count(), Shipment.objects.count(), ShipmentEvent.objects.count())
    demo.load()
    assert (
        Order.objects.count(),
        Shipment.objects.count(),
        ShipmentEvent.objects.count(),
    ) == counts
    for number in demo.CUSTOMER_NUMBERS.values():
        statuses = set(
            Order.objects.filter(account__number=number).values_list("status", flat=True)
        )
        assert statuses == set(Order.Status.values)
    several = Order.objects.filter(status=Order.Status.PARTIALLY_DELIVERED)
    assert all(order.shipments.count() >= 2 for order in several)
    assert Shipment.objects.filter(carrier__isnull=True).exists()  # an unknown carrier, unlinked
    now = timezone.now()
    assert not ShipmentEvent.objects.filter(occurred_at__gt=now).exists()
    assert not OrderStatusChange.objects.filter(occurred_at__gt=now).exists()


@pytest.mark.django_db
def test_the_timeline_shows_what_happened_then_what_is_ahead(alfa):
    order = upsert(alfa).obj
    order = services.order_status_set(actor=ERP, order=order, status=Order.Status.PARTIALLY_SHIPPED)
    with translation.override("en"):
        steps = [(str(s.label), s.state) for s in timeline(order)]
    assert steps == [
        ("Received", "done"),
        ("Partly shipped", "current"),
        ("Shipped", "next"),
        ("Delivered", "next"),
    ]
    order = services.order_status_set(actor=ERP, order=order, status=Order.Status.CANCELLED)
    assert [s.state for s in timeline(order)] == ["done", "done", "current"]


@pytest.mark.django_db
def test_each_write_records_its_event_with_the_erp_as_actor_and_a_retry_records_none(alfa):
    order = upsert(alfa).obj
    upsert(alfa)  # the ERP retries with the same data
    services.order_status_set(actor=ERP, order=order, status=Order.Status.CONFIRMED)
    recorded = list(Event.objects.about(order).values_list("kind", "actor_kind", "actor_name"))
    assert recorded == [
        (OrderEvent.UPSERTED, "system", "erp"),
        (OrderEvent.STATUS, "system", "erp"),
    ]
    assert Event.objects.about(order).first().account_id == alfa.pk


@pytest.mark.django_db
def test_a_refusal_names_its_code_and_field(alfa_order):
    with pytest.raises(ServiceError) as refused:
        services.shipment_upsert(actor=ERP, order=alfa_order, external_id="erp-sh-2", items={9: 1})
    assert refused.value.as_json()["code"] == OrderError.NO_SUCH_LINE
    assert refused.value.field == "items"
