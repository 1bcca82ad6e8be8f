"""What each kind of webhook says: the ERP's identifiers, what changed, never a secret."""

import json

import pytest

from clientdesk.core.actors import Actor
from clientdesk.support import services as support_services
from clientdesk.webhooks.models import Delivery
from tests.billing.factories import issue, pay
from tests.support.factories import SupportRequestFactory
from tests.webhooks.factories import EndpointFactory

pytestmark = pytest.mark.django_db


def payloads(event_type: str) -> list[dict]:
    rows = Delivery.objects.filter(event_type=event_type).order_by("created_at", "pk")
    return [json.loads(row.body) for row in rows]


def test_a_reply_says_whether_the_customer_or_support_wrote_it(alfa, alfa_admin, vendor_admin):
    EndpointFactory(event_types=["request.replied"])
    request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    support_services.request_reply(
        actor=Actor.of_user(alfa_admin),
        support_request=request,
        body="Tot nu merge.",
        attachments=[],
    )
    request.refresh_from_db()
    support_services.request_staff_reply(
        actor=Actor.of_user(vendor_admin),
        support_request=request,
        version=request.version,
        body="Am repornit serverul.",
    )

    customer, support = payloads("request.replied")
    assert customer["data"]["reply"] == {"by": "customer", "body": "Tot nu merge."}
    assert support["data"]["reply"] == {"by": "support", "body": "Am repornit serverul."}
    assert customer["data"]["request"]["number"] == request.number
    assert customer["data"]["account"]["number"] == alfa.number


def test_an_internal_note_is_never_sent(alfa, alfa_admin, vendor_admin):
    EndpointFactory()
    request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    support_services.request_add_note(
        actor=Actor.of_user(vendor_admin), support_request=request, body="Client dificil."
    )
    assert not Delivery.objects.exists()


def test_an_invoice_and_its_payment_carry_the_erp_identifiers(alfa):
    EndpointFactory(event_types=["invoice.issued", "payment.recorded"])
    invoice = issue(alfa)
    pay(alfa, invoice.total, (invoice.number, invoice.total), external_id="erp-pay-77")

    [issued] = payloads("invoice.issued")
    assert issued["data"]["invoice"]["external_id"] == invoice.external_id
    assert issued["data"]["invoice"]["number"] == invoice.number
    assert issued["data"]["invoice"]["total"] == str(invoice.total)
    [paid] = payloads("payment.recorded")
    assert paid["data"]["payment"]["external_id"] == "erp-pay-77"
    assert paid["data"]["payment"]["invoices"] == [invoice.number]


def test_no_body_carries_a_secret(alfa):
    endpoint = EndpointFactory()
    issue(alfa)
    body = bytes(Delivery.objects.get().body).decode()
    assert endpoint.secret not in body
    assert "whsec_" not in body
