"""The ERP's orders and shipments through the API: one or in bulk, idempotent, refused by field."""

from typing import get_args

import pytest

from clientdesk.api.scopes import VENDOR_SCOPES
from clientdesk.core.models import Event
from clientdesk.orders import api as orders_api
from clientdesk.orders.events import OrderEvent
from clientdesk.orders.models import Order, Shipment, ShipmentEvent
from tests.api.erp import erp_with, refused
from tests.factories import CustomerAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erp(client):
    return erp_with(client, VENDOR_SCOPES)


@pytest.fixture
def customer():
    return CustomerAccountFactory(external_id="ERP-C-0001")


def order(**changes) -> dict:
    return {
        "account": "ERP-C-0001",
        "number": "CMD-2026-7001",
        "status": "confirmed",
        "ordered_on": "2026-03-02",
        "po_number": "PO-1",
        "lines": [
            {
                "position": 1,
                "product_code": "DL-R760",
                "description": "Server Dell PowerEdge R760",
                "quantity": 2,
                "unit_price": "62450.00",
            },
            {
                "position": 2,
                "product_code": "APC",
                "description": "UPS",
                "quantity": 3,
                "unit_price": "9850.00",
            },
        ],
    } | changes


def test_the_schema_offers_exactly_the_models_choices():
    assert get_args(orders_api.OrderStatus) == tuple(Order.Status.values)
    assert get_args(orders_api.ShipmentStatus) == tuple(Shipment.Status.values)
    assert get_args(orders_api.TrackingKind) == tuple(ShipmentEvent.Kind.values)


def test_it_creates_an_order_and_the_same_payload_again_is_unchanged_with_no_second_event(
    erp, customer
):
    first = erp.put("/orders/ERP-O-1", order())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "external_id": "ERP-O-1",
        "outcome": "created",
        "number": "CMD-2026-7001",
        "status": "confirmed",
        "total": "154450.00",
        "currency": "RON",
    }
    again = erp.put("/orders/ERP-O-1", order())
    assert again.json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind=OrderEvent.UPSERTED).count() == 1
    saved = Order.objects.get(external_id="ERP-O-1")
    assert saved.account == customer
    event = Event.objects.get(kind=OrderEvent.UPSERTED)
    assert event.actor_kind == "token"


def test_a_changed_order_is_updated(erp, customer):
    erp.put("/orders/ERP-O-1", order())
    changed = erp.put("/orders/ERP-O-1", order(status="shipped"))
    assert changed.json()["outcome"] == "updated"
    assert Order.objects.get().status == "shipped"


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"number": "C" * 41}, ["body", "number"]),
        ({"status": "lost"}, ["body", "status"]),
        ({"ordered_on": "2026-02-30"}, ["body", "ordered_on"]),
        ({"currency": "lei"}, ["body", "currency"]),
        ({"lines": []}, ["body", "lines"]),
        (
            {"lines": [order()["lines"][0] | {"quantity": 0}]},
            ["body", "lines", 0, "quantity"],
        ),
        (
            {"lines": [order()["lines"][0] | {"unit_price": "1.001"}]},
            ["body", "lines", 0, "unit_price"],
        ),
        (
            {"lines": [order()["lines"][0] | {"description": ""}]},
            ["body", "lines", 0, "description"],
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field(erp, customer, changes, loc):
    refused(erp.put("/orders/ERP-O-1", order(**changes)), loc)
    assert not Order.objects.exists()


def test_a_missing_field_is_a_422_naming_it(erp, customer):
    body = order()
    del body["ordered_on"]
    refused(erp.put("/orders/ERP-O-1", body), ["body", "ordered_on"])


def test_an_unknown_account_is_a_422_on_account_with_its_code(erp, customer):
    response = erp.put("/orders/ERP-O-1", order(account="ERP-C-404"))
    refused(response, ["body", "account"], "account.unknown")


def test_two_lines_at_one_position_are_refused_by_the_service(erp, customer):
    lines = [order()["lines"][0], order()["lines"][0]]
    refused(
        erp.put("/orders/ERP-O-1", order(lines=lines)), ["body", "lines"], "order.same_position"
    )


def test_another_accounts_existing_order_is_refused(erp, customer):
    CustomerAccountFactory(external_id="ERP-C-0002")
    erp.put("/orders/ERP-O-1", order())
    response = erp.put("/orders/ERP-O-1", order(account="ERP-C-0002"))
    refused(response, ["body", "account"], "order.other_account")
    assert Order.objects.get().account == customer


def test_a_token_without_the_scope_is_refused_with_403(client, customer):
    erp = erp_with(client, ["invoices:write"])
    assert erp.put("/orders/ERP-O-1", order()).status_code == 403
    assert erp.post("/orders/bulk", {"items": []}).status_code == 403
    assert not Order.objects.exists()


def test_no_token_is_refused_with_401(client, customer):
    response = client.put("/api/v1/orders/ERP-O-1", order(), content_type="application/json")
    assert response.status_code == 401


def test_bulk_answers_each_item_and_keeps_the_good_ones(erp, customer):
    items = [
        order(external_id="ERP-O-1"),
        order(external_id="ERP-O-2", number="CMD-2026-7002", account="ERP-C-404"),
        order(external_id="ERP-O-3", number="CMD-2026-7003"),
    ]
    response = erp.post("/orders/bulk", {"items": items})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["created"], body["updated"], body["unchanged"], body["errors"]) == (2, 0, 0, 1)
    outcomes = [(r["index"], r["external_id"], r["outcome"]) for r in body["results"]]
    assert outcomes == [
        (0, "ERP-O-1", "created"),
        (1, "ERP-O-2", "error"),
        (2, "ERP-O-3", "created"),
    ]
    error = body["results"][1]["errors"][0]
    assert (error["loc"], error["code"]) == (["body", "items", 1, "account"], "account.unknown")
    assert set(Order.objects.values_list("external_id", flat=True)) == {"ERP-O-1", "ERP-O-3"}
    again = erp.post("/orders/bulk", {"items": [items[0]]}).json()
    assert again["unchanged"] == 1


def test_a_bad_item_of_a_bulk_is_a_422_naming_its_index(erp, customer):
    items = [order(external_id="ERP-O-1"), order(external_id="ERP-O-2", status="lost")]
    refused(erp.post("/orders/bulk", {"items": items}), ["body", "items", 1, "status"])
    assert not Order.objects.exists()


def test_more_than_a_thousand_items_are_refused(erp, customer):
    items = [order(external_id=f"ERP-O-{n}", number=f"N-{n}") for n in range(1001)]
    refused(erp.post("/orders/bulk", {"items": items}), ["body", "items"], "bulk.too_large")
    assert not Order.objects.exists()


def shipment(**changes) -> dict:
    return {
        "order": "ERP-O-1",
        "carrier": "dhl",
        "tracking_number": "4839201745",
        "items": [{"position": 1, "quantity": 2}],
    } | changes


def test_a_shipment_and_its_tracking_events_are_pushed_once(erp, customer):
    erp.put("/orders/ERP-O-1", order())
    first = erp.put("/shipments/ERP-S-1", shipment())
    assert first.status_code == 200, first.content
    assert first.json()["outcome"] == "created"
    assert first.json()["order"] == "ERP-O-1"
    assert erp.put("/shipments/ERP-S-1", shipment()).json()["outcome"] == "unchanged"
    tracked = {
        "external_id": "DHL-EV-1",
        "kind": "picked_up",
        "occurred_at": "2026-03-03T10:15:00+02:00",
        "place": "București",
    }
    event = erp.post("/shipments/ERP-S-1/events", tracked)
    assert event.status_code == 200, event.content
    assert event.json() == {
        "external_id": "DHL-EV-1",
        "outcome": "created",
        "shipment": "ERP-S-1",
        "shipment_status": "in_transit",
    }
    assert erp.post("/shipments/ERP-S-1/events", tracked).json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind=OrderEvent.TRACKED).count() == 1
    assert Event.objects.filter(kind=OrderEvent.SHIPMENT_UPSERTED).count() == 1


def test_a_tracking_event_carries_its_text_in_each_language_or_as_received(erp, customer):
    from django.utils import translation

    from clientdesk.orders.models import ShipmentEvent

    erp.put("/orders/ERP-O-1", order())
    erp.put("/shipments/ERP-S-1", shipment())
    at = "2026-03-03T10:15:00+02:00"
    texts = {"description_ro": "Sosită în depozit", "description_en": "Arrived at the depot"}
    erp.post("/shipments/ERP-S-1/events", {"kind": "at_hub", "occurred_at": at, **texts})
    legacy = {"kind": "in_transit", "occurred_at": at, "description": "Departed facility"}
    erp.post("/shipments/ERP-S-1/events", legacy)
    both = ShipmentEvent.objects.get(kind="at_hub")
    as_received = ShipmentEvent.objects.get(kind="in_transit")
    with translation.override("ro"):
        assert (both.details, as_received.details) == ("Sosită în depozit", "Departed facility")
    with translation.override("en"):
        assert (both.details, as_received.details) == ("Arrived at the depot", "Departed facility")


def test_a_shipment_refusals_name_their_fields(erp, customer):
    erp.put("/orders/ERP-O-1", order())
    refused(
        erp.put("/shipments/ERP-S-1", shipment(order="ERP-O-404")),
        ["body", "order"],
        "shipment.unknown_order",
    )
    refused(
        erp.put("/shipments/ERP-S-1", shipment(items=[{"position": 1, "quantity": 3}])),
        ["body", "items"],
        "shipment.overshipped",
    )
    refused(
        erp.put("/shipments/ERP-S-1", shipment(shipped_at="2026-03-03T10:15:00")),
        ["body", "shipped_at"],
    )
    refused(
        erp.post("/shipments/ERP-S-404/events", {"kind": "lost"}),
        ["body", "kind"],
    )


def test_tracking_an_unknown_shipment_is_a_404(erp, customer):
    body = {"kind": "info", "occurred_at": "2026-03-03T10:15:00+02:00"}
    assert erp.post("/shipments/ERP-S-404/events", body).status_code == 404


def test_shipments_bulk(erp, customer):
    erp.put("/orders/ERP-O-1", order())
    items = [
        shipment(external_id="ERP-S-1"),
        shipment(external_id="ERP-S-2", items=[{"position": 9, "quantity": 1}]),
    ]
    body = erp.post("/shipments/bulk", {"items": items}).json()
    assert [r["outcome"] for r in body["results"]] == ["created", "error"]
    assert body["results"][1]["errors"][0]["code"] == "shipment.no_such_line"
