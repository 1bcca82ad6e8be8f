"""A customer's orders through their personal token: what the tenancy gate gives its user."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Query, Router, Schema

from clientdesk.api import tokens
from clientdesk.api.auth import customer
from clientdesk.api.errors import ERRORS
from clientdesk.api.paging import PageParams, page
from clientdesk.api.scopes import Scope
from clientdesk.core import grants as G
from clientdesk.core.tenancy import get_visible_or_404
from clientdesk.orders import queries
from clientdesk.orders.models import Order, OrderLine

router = Router(tags=["My orders"])


class OrderOut(Schema):
    number: str
    account: str
    po_number: str
    status: str
    ordered_on: date
    expected_on: date | None
    currency: str
    total: Decimal


class LineOut(Schema):
    position: int
    product_code: str
    description: str
    quantity: int
    unit_price: Decimal
    shipped: int
    delivered: int


class ShipmentOut(Schema):
    carrier: str
    tracking_number: str
    tracking_url: str | None
    status: str
    shipped_at: datetime | None
    delivered_at: datetime | None


class OrderDetailOut(OrderOut):
    lines: list[LineOut]
    shipments: list[ShipmentOut]


class OrderPage(Schema):
    results: list[OrderOut]
    next: int | None


def _out(order: Order) -> dict:
    return {
        "number": order.number,
        "account": order.account.number,
        "po_number": order.po_number,
        "status": order.status,
        "ordered_on": order.ordered_on,
        "expected_on": order.expected_on,
        "currency": order.currency,
        "total": order.total,
    }


def _line(line: OrderLine) -> dict:
    return {
        "position": line.position,
        "product_code": line.product_code,
        "description": line.description,
        "quantity": line.quantity,
        "unit_price": line.unit_price,
        "shipped": line.shipped,
        "delivered": line.delivered,
    }


@router.get(
    "",
    response={200: OrderPage, **ERRORS},
    auth=customer(Scope.ORDERS_READ),
    summary="My orders, newest first",
    operation_id="my_orders_list",
)
def my_orders(request, params: Query[PageParams]):
    rows, after = page(queries.orders_matching(tokens.calling(request)), params)
    return {"results": [_out(order) for order in rows], "next": after}


@router.get(
    "/{number}",
    response={200: OrderDetailOut, **ERRORS},
    auth=customer(Scope.ORDERS_READ),
    summary="One of my orders, with its lines and shipments",
    operation_id="my_orders_get",
)
def my_order(request, number: str):
    token = tokens.calling(request)
    found = get_visible_or_404(Order.objects.only("public_id"), token, G.ORDERS, number=number)
    order = queries.order_page(token, found.public_id)
    return {
        **_out(order),
        "lines": [_line(line) for line in order.lines.all()],
        "shipments": [
            {
                "carrier": shipment.carrier_label,
                "tracking_number": shipment.tracking_number,
                "tracking_url": shipment.tracking_url,
                "status": shipment.status,
                "shipped_at": shipment.shipped_at,
                "delivered_at": shipment.delivered_at,
            }
            for shipment in order.shipments.all()
        ],
    }
