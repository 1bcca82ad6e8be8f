"""The events the ERP can subscribe to: their public names are a contract, never renamed.

Each public event is made from one or more internal kinds (the apps' events.py)
and says what it carries: the identifiers the ERP knows (its ``external_id``
where the object has one, our readable number, the account's number and
external_id) and what changed. Never a secret, a password or a token.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts.events import AccessEvent
from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing.events import BillingEvent
from clientdesk.contracts.events import SignatureEvent
from clientdesk.core.events import EventKind
from clientdesk.core.models import Event
from clientdesk.orders.events import OrderEvent
from clientdesk.support.events import RequestEvent

Builder = Callable[[Event, Any], dict[str, Any]]


@dataclass(frozen=True)
class Offered:
    name: str
    label: Promise
    kinds: tuple[EventKind, ...]
    build: Builder


def _request(event: Event, request: Any) -> dict[str, Any]:
    return {
        "request": {
            "number": request.number,
            "type": request.type.code,
            "status": request.status,
            "subject": request.subject,
            "queue": request.queue.code,
            "requester_email": request.requester.email if request.requester else None,
        }
    }


def _request_updated(event: Event, request: Any) -> dict[str, Any]:
    data = event.data
    if event.kind == RequestEvent.ASSIGNED:
        changes = {"assignee": {"to": data.get("to", "")}}
    elif event.kind == RequestEvent.QUEUE:
        changes = {"queue": {"from": data["from"], "to": data["to"]}}
    else:
        changes = {"status": {"from": data["from"], "to": data["to"]}}
    return {**_request(event, request), "changes": changes}


def _request_replied(event: Event, request: Any) -> dict[str, Any]:
    from clientdesk.support.models import Message

    message = Message.objects.get(pk=event.data["message"])
    by = "support" if event.kind == RequestEvent.STAFF_REPLIED else "customer"
    return {**_request(event, request), "reply": {"by": by, "body": message.body}}


def _contract(signature_request: Any) -> dict[str, Any]:
    contract = signature_request.contract
    return {
        "contract": {
            "external_id": contract.external_id,
            "number": contract.number,
            "status": contract.status,
        }
    }


def _contract_signed(event: Event, signature_request: Any) -> dict[str, Any]:
    return {**_contract(signature_request), "signed_document_sha256": event.data.get("sha256")}


def _contract_declined(event: Event, signature_request: Any) -> dict[str, Any]:
    return {**_contract(signature_request), "reason": event.data.get("reason", "")}


def _access_granted(event: Event, user: Any) -> dict[str, Any]:
    return {
        "user": {"email": user.email, "name": user.get_full_name()},
        "grants": event.data.get("grants", []),
        "grants_now": event.data.get("after", []),
    }


def _invoice(invoice: Any) -> dict[str, Any]:
    return {
        "external_id": invoice.external_id,
        "number": invoice.number,
        "kind": invoice.kind,
        "total": invoice.total,
        "currency": invoice.currency,
    }


def _invoice_issued(event: Event, invoice: Any) -> dict[str, Any]:
    return {"invoice": {**_invoice(invoice), "issued_on": invoice.issued_on}}


def _invoice_viewed(event: Event, invoice: Any) -> dict[str, Any]:
    return {
        "invoice": _invoice(invoice),
        "viewer_email": event.data.get("viewer_email", ""),
        "via": event.data.get("via", ""),
    }


def _payment(event: Event, payment: Any) -> dict[str, Any]:
    return {
        "payment": {
            "external_id": payment.external_id,
            "amount": payment.amount,
            "currency": payment.currency,
            "received_on": payment.received_on,
            "invoices": event.data.get("invoices", []),
        }
    }


def _order(event: Event, order: Any) -> dict[str, Any]:
    data = event.data
    changes = (
        {"status": {"from": data["from"], "to": data["to"]}}
        if event.kind == OrderEvent.STATUS
        else {"created": data.get("created", False)}
    )
    return {
        "order": {"external_id": order.external_id, "number": order.number, "status": order.status},
        "changes": changes,
    }


def _shipment(event: Event, order: Any) -> dict[str, Any]:
    data = event.data
    shipment = {"external_id": data.get("shipment")}
    if event.kind == OrderEvent.TRACKED:
        shipment |= {"tracking_event": data.get("kind"), "place": data.get("place", "")}
    else:
        shipment |= {"status": data.get("status"), "tracking_number": data.get("tracking_number")}
    return {
        "order": {"external_id": order.external_id, "number": order.number},
        "shipment": shipment,
    }


OFFERED: tuple[Offered, ...] = (
    Offered("request.created", _("Request filed"), (RequestEvent.CREATED,), _request),
    Offered(
        "request.updated",
        _("Request status, assignee or queue changed"),
        (RequestEvent.STATUS, RequestEvent.ASSIGNED, RequestEvent.QUEUE),
        _request_updated,
    ),
    Offered(
        "request.replied",
        _("Reply by the customer or by support"),
        (RequestEvent.REPLIED, RequestEvent.STAFF_REPLIED),
        _request_replied,
    ),
    Offered(
        "contract.signed",
        _("Contract signed by everyone"),
        (SignatureEvent.COMPLETED,),
        _contract_signed,
    ),
    Offered(
        "contract.declined", _("Signature declined"), (SignatureEvent.DECLINED,), _contract_declined
    ),
    Offered("access.granted", _("Access granted"), (AccessEvent.GRANTED,), _access_granted),
    Offered(
        "invoice.viewed",
        _("Invoice viewed by the customer"),
        (BillingEvent.INVOICE_VIEWED,),
        _invoice_viewed,
    ),
    Offered(
        "invoice.issued",
        _("Invoice or credit note issued"),
        (BillingEvent.INVOICE_ISSUED, BillingEvent.CREDIT_NOTE_ISSUED),
        _invoice_issued,
    ),
    Offered("payment.recorded", _("Payment recorded"), (BillingEvent.PAYMENT_RECORDED,), _payment),
    Offered(
        "order.updated",
        _("Order received or changed"),
        (OrderEvent.UPSERTED, OrderEvent.STATUS),
        _order,
    ),
    Offered(
        "shipment.updated",
        _("Shipment or tracking event"),
        (OrderEvent.SHIPMENT_UPSERTED, OrderEvent.TRACKED),
        _shipment,
    ),
)

NAMES = tuple(offered.name for offered in OFFERED)
BY_KIND: dict[str, Offered] = {kind.value: offered for offered in OFFERED for kind in offered.kinds}
ALL_KINDS: tuple[EventKind, ...] = tuple(kind for offered in OFFERED for kind in offered.kinds)


def choices() -> list[tuple[str, str]]:
    return [(offered.name, f"{offered.name}: {offered.label}") for offered in OFFERED]


def payload(offered: Offered, event: Event, subject: Any) -> dict[str, Any]:
    """``{"type", "timestamp", "data"}``; data names the account as the ERP knows it."""
    account = (
        CustomerAccount.objects.filter(pk=event.account_id).values("number", "external_id").first()
        if event.account_id
        else None
    )
    return {
        "type": offered.name,
        "timestamp": event.created_at,
        "data": {"account": account, **offered.build(event, subject)},
    }
