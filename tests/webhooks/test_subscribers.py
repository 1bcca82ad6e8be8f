"""Events become deliveries: one per endpoint that wants the event, with the exact bytes."""

import json

import pytest
from django.db import transaction

from clientdesk.webhooks import catalogue
from clientdesk.webhooks.models import Delivery
from tests.webhooks.factories import EndpointFactory
from tests.webhooks.helpers import change_order

pytestmark = pytest.mark.django_db


def test_each_endpoint_that_wants_the_event_gets_one_delivery(order):
    wants = EndpointFactory(event_types=["order.updated"])
    disabled = EndpointFactory(event_types=["order.updated"], enabled=False)
    EndpointFactory(event_types=["invoice.issued"])

    change_order(order)

    rows = {row.endpoint_id: row for row in Delivery.objects.all()}
    assert set(rows) == {wants.pk, disabled.pk}
    assert rows[wants.pk].status == Delivery.Status.PENDING
    assert rows[disabled.pk].status == Delivery.Status.HELD  # kept, to replay
    assert rows[wants.pk].webhook_id != rows[disabled.pk].webhook_id
    assert bytes(rows[wants.pk].body) == bytes(rows[disabled.pk].body)


def test_the_body_names_the_order_and_the_account_as_the_erp_knows_them(order):
    EndpointFactory(event_types=["order.updated"])
    change_order(order)

    payload = json.loads(Delivery.objects.get().body)
    assert payload["type"] == "order.updated"
    assert payload["timestamp"].startswith(str(order.updated_at.year))
    assert payload["data"]["account"] == {
        "number": order.account.number,
        "external_id": "erp-customer-7",
    }
    assert payload["data"]["order"] == {
        "external_id": order.external_id,
        "number": order.number,
        "status": "processing",
    }
    assert payload["data"]["changes"] == {"status": {"from": "confirmed", "to": "processing"}}


def test_a_rolled_back_change_queues_nothing(order):
    EndpointFactory(event_types=["order.updated"])
    with pytest.raises(RuntimeError), transaction.atomic():
        change_order(order)
        raise RuntimeError("the change fails after its event")
    assert not Delivery.objects.exists()


def test_every_offered_event_has_a_public_name_and_internal_kinds():
    assert catalogue.NAMES == (
        "request.created",
        "request.updated",
        "request.replied",
        "contract.signed",
        "contract.declined",
        "access.granted",
        "invoice.viewed",
        "invoice.issued",
        "payment.recorded",
        "order.updated",
        "shipment.updated",
    )
    assert catalogue.BY_KIND["signature.completed"].name == "contract.signed"
    assert catalogue.BY_KIND["request.staff_replied"].name == "request.replied"
