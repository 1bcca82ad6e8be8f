"""The ERP's writes of orders and shipments: PUT one by its identifier, or POST up to
BULK_MAX in one call, each answered with what it did (created, updated, unchanged).

Thin: the schemas mirror the models' constraints, so bad input is a 422 naming the
field; the services decide the rest and their refusals are 422s with their codes.
"""

from datetime import date
from decimal import Decimal
from typing import Literal

from ninja import Field, Path, Router, Schema
from pydantic import AwareDatetime

from clientdesk.accounts.queries import account_by_external_id
from clientdesk.api.auth import token_actor, vendor
from clientdesk.api.bulk import BULK_MAX
from clientdesk.api.errors import ERRORS, ApiError
from clientdesk.api.upserts import (
    Currency,
    ExternalId,
    ExternalIdPath,
    Pushed,
    pushed,
    upsert_routes,
)
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.upsert import Upserted
from clientdesk.orders import services
from clientdesk.orders.errors import OrderError
from clientdesk.orders.models import Order, Shipment
from clientdesk.orders.queries import order_by_external_id, shipment_by_external_id

router = Router(tags=["Orders"])
shipments_router = Router(tags=["Orders"])

OrderStatus = Literal[
    "received",
    "confirmed",
    "processing",
    "partially_shipped",
    "shipped",
    "partially_delivered",
    "delivered",
    "cancelled",
]
ShipmentStatus = Literal[
    "preparing", "in_transit", "out_for_delivery", "delivered", "exception", "returned"
]
TrackingKind = Literal[
    "picked_up",
    "in_transit",
    "at_hub",
    "customs",
    "out_for_delivery",
    "delivered",
    "failed_attempt",
    "returned",
    "info",
]


class OrderLineIn(Schema):
    position: int = Field(ge=1, le=100_000)
    product_code: str = Field(min_length=1, max_length=60)
    description: str = Field(min_length=1, max_length=300)
    quantity: int = Field(ge=1, le=2_147_483_647)
    unit_price: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    expected_on: date | None = None


class OrderIn(Schema):
    account: ExternalId = Field(description="The customer account's external_id.")
    number: str = Field(min_length=1, max_length=40)
    po_number: str = Field("", max_length=60)
    status: OrderStatus
    ordered_on: date
    expected_on: date | None = None
    currency: Currency = "RON"
    delivery_address: str = Field("", max_length=1000)
    lines: list[OrderLineIn] = Field(min_length=1, max_length=1000)


class OrderItem(OrderIn):
    external_id: ExternalId


class OrderBulkIn(Schema):
    items: list[OrderItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class OrderOut(Pushed):
    number: str
    status: str
    total: Decimal
    currency: str


def push_order(actor: Actor, external_id: str, data: OrderIn) -> Upserted[Order]:
    return services.order_upsert(
        actor=actor,
        account=account_by_external_id(data.account),
        external_id=external_id,
        number=data.number,
        po_number=data.po_number,
        status=data.status,
        ordered_on=data.ordered_on,
        expected_on=data.expected_on,
        currency=data.currency,
        delivery_address=data.delivery_address,
        lines=[services.LineData(**line.dict()) for line in data.lines],
    )


def _order_out(result: Upserted[Order], _data: OrderIn) -> dict:
    order = result.obj
    return pushed(
        result, number=order.number, status=order.status, total=order.total, currency=order.currency
    )


upsert_routes(
    router,
    scope="orders:write",
    operation_id="order_upsert",
    summary="Create or update an order with its lines",
    bulk_summary="Create or update many orders",
    schema=OrderIn,
    bulk_schema=OrderBulkIn,
    out=OrderOut,
    push=push_order,
    answer=_order_out,
)


class ShipmentItemIn(Schema):
    position: int = Field(ge=1, description="The order line's position.")
    quantity: int = Field(ge=1, le=2_147_483_647)


class ShipmentIn(Schema):
    order: ExternalId = Field(description="The order's external_id.")
    carrier: str = Field("", max_length=40, description="A carrier code of the registry.")
    carrier_name: str = Field("", max_length=100, description="Shown when the code is unknown.")
    tracking_number: str = Field("", max_length=100)
    status: ShipmentStatus = "preparing"
    shipped_at: AwareDatetime | None = None
    delivered_at: AwareDatetime | None = None
    items: list[ShipmentItemIn] = Field(min_length=1, max_length=1000)


class ShipmentItem(ShipmentIn):
    external_id: ExternalId


class ShipmentBulkIn(Schema):
    items: list[ShipmentItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class ShipmentOut(Pushed):
    order: str
    status: str
    tracking_number: str
    tracking_url: str | None


def push_shipment(actor: Actor, external_id: str, data: ShipmentIn) -> Upserted[Shipment]:
    positions = [item.position for item in data.items]
    if len(set(positions)) != len(positions):  # a mapping of positions would drop one
        raise ServiceError(OrderError.SAME_POSITION, field="items")
    return services.shipment_upsert(
        actor=actor,
        order=order_by_external_id(data.order),
        external_id=external_id,
        carrier_code=data.carrier,
        carrier_name=data.carrier_name,
        tracking_number=data.tracking_number,
        status=data.status,
        shipped_at=data.shipped_at,
        delivered_at=data.delivered_at,
        items={item.position: item.quantity for item in data.items},
    )


def _shipment_out(result: Upserted[Shipment], _data: ShipmentIn) -> dict:
    shipment = result.obj
    return pushed(
        result,
        order=shipment.order.external_id,
        status=shipment.status,
        tracking_number=shipment.tracking_number,
        tracking_url=shipment.tracking_url,
    )


upsert_routes(
    shipments_router,
    scope="orders:write",
    operation_id="shipment_upsert",
    summary="Create or update a shipment of an order",
    bulk_summary="Create or update many shipments",
    schema=ShipmentIn,
    bulk_schema=ShipmentBulkIn,
    out=ShipmentOut,
    push=push_shipment,
    answer=_shipment_out,
)


class TrackingIn(Schema):
    external_id: ExternalId | None = Field(
        None, description="The carrier's id of the event: the same one twice is recorded once."
    )
    kind: TrackingKind
    occurred_at: AwareDatetime
    place: str = Field("", max_length=120)
    description: str = Field(
        "", max_length=300, description="The carrier's text as received, in any language."
    )
    description_ro: str = Field(
        "", max_length=300, description="The text in Romanian, shown on Romanian pages."
    )
    description_en: str = Field(
        "", max_length=300, description="The text in English, shown on English pages."
    )


class TrackingOut(Schema):
    external_id: str | None
    outcome: Literal["created", "unchanged"]
    shipment: str
    shipment_status: str


@shipments_router.post(
    "/{external_id}/events",
    auth=vendor("orders:write"),
    response={200: TrackingOut, **ERRORS},
    summary="Record a tracking event of a shipment",
    operation_id="shipment_event_add",
)
def shipment_event_post(request, path: Path[ExternalIdPath], payload: TrackingIn) -> dict:
    shipment = shipment_by_external_id(path.external_id)
    if shipment is None:
        raise ApiError.not_found("external_id")
    result = services.shipment_event_add(
        actor=token_actor(request),
        shipment=shipment,
        kind=payload.kind,
        occurred_at=payload.occurred_at,
        place=payload.place,
        description=payload.description,
        description_ro=payload.description_ro,
        description_en=payload.description_en,
        external_id=payload.external_id,
    )
    shipment.refresh_from_db(fields=["status"])
    return {
        "external_id": result.obj.external_id,
        "outcome": result.outcome.value,
        "shipment": shipment.external_id,
        "shipment_status": shipment.status,
    }
