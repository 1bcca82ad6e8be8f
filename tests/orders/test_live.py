"""An open order page learns of a new shipment or event on its next poll, and an
unchanged order costs the poll an empty answer."""

import datetime
import re

import pytest
from django.urls import reverse

from clientdesk.orders import services
from clientdesk.orders.models import Order, Shipment, ShipmentEvent
from clientdesk.orders.views import POLL_SECONDS
from tests.orders.factories import ERP, OrderFactory

LATER = datetime.datetime(2026, 3, 5, 8, 15, tzinfo=datetime.UTC)


def since_of(html: str) -> str:
    return re.search(r'id="order-version" name="since" value="([0-9a-f]+)"', html).group(1)


def poll(client, order, since):
    return client.get(reverse("orders:live", args=[order.public_id]), {"since": since})


@pytest.fixture
def open_page(client, alfa_admin, alfa_order):
    """The order page as a browser just loaded it: what it shows and the version it polls with."""
    client.force_login(alfa_admin)
    html = client.get(reverse("orders:detail", args=[alfa_order.public_id])).content.decode()
    return html, since_of(html)


@pytest.mark.django_db
def test_the_order_page_polls_its_live_part_every_few_seconds(alfa_order, open_page):
    html, _since = open_page
    live = reverse("orders:live", args=[alfa_order.public_id])
    assert f'hx-get="{live}" hx-trigger="every {POLL_SECONDS}s" hx-include="#order-version"' in html
    assert POLL_SECONDS * 2 <= 10  # a change shows within two polls, inside the 10 s promised


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Order.Status.DELIVERED, Order.Status.CANCELLED])
def test_a_delivered_or_cancelled_order_page_does_not_poll(client, alfa_admin, alfa, status):
    order = OrderFactory(account=alfa, status=status)
    client.force_login(alfa_admin)
    html = client.get(reverse("orders:detail", args=[order.public_id])).content.decode()
    assert 'id="order-live"' in html
    assert "hx-trigger" not in html


@pytest.mark.django_db
def test_an_unchanged_order_answers_the_poll_with_204_and_no_body(client, alfa_order, open_page):
    _html, since = open_page
    for _ in range(3):
        response = poll(client, alfa_order, since)
        assert response.status_code == 204
        assert response.content == b""
        # The same URL answers 200 once the order changes: nothing may cache the 204.
        assert response["Cache-Control"] == "private, no-cache"


@pytest.mark.django_db
def test_a_new_event_is_in_the_next_poll_with_a_new_version(client, alfa_order, open_page):
    _html, since = open_page
    services.shipment_event_add(
        actor=ERP,
        shipment=Shipment.objects.get(external_id="erp-sh-1"),
        kind=ShipmentEvent.Kind.AT_HUB,
        occurred_at=LATER,
        place="Cluj-Napoca, hub regional",
    )
    response = poll(client, alfa_order, since)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cluj-Napoca, hub regional" in html
    assert "Arrived at a sorting hub" in html
    assert since_of(html) != since
    # Screen readers hear that the order changed; the page's status line is updated out of band.
    assert '<p id="order-live-status" hx-swap-oob="innerHTML">' in html
    # The next poll, with the new version, is empty again.
    assert poll(client, alfa_order, since_of(html)).status_code == 204


@pytest.mark.django_db
def test_a_new_shipment_and_a_new_status_are_in_the_next_poll(client, alfa_order, open_page):
    _html, since = open_page
    services.shipment_upsert(
        actor=ERP,
        order=alfa_order,
        external_id="erp-sh-2",
        carrier_code="fan-courier",
        tracking_number="2291044387120",
        items={2: 3},
    )
    html = poll(client, alfa_order, since).content.decode()
    assert "Shipment 2 · FAN Courier" in html
    assert "https://www.fancourier.ro/awb-tracking/?awb=2291044387120" in html

    since = since_of(html)
    services.order_status_set(actor=ERP, order=alfa_order, status=Order.Status.SHIPPED, at=LATER)
    html = poll(client, alfa_order, since).content.decode()
    assert '<span class="badge badge--info">Shipped</span>' in html


@pytest.mark.django_db
def test_a_change_to_another_order_does_not_disturb_the_poll(client, alfa, alfa_order, open_page):
    _html, since = open_page
    other = OrderFactory(account=alfa)
    services.order_status_set(actor=ERP, order=other, status=Order.Status.CANCELLED)
    assert poll(client, alfa_order, since).status_code == 204


@pytest.mark.django_db
def test_plain_http_clients_get_an_etag_and_304_while_nothing_changed(
    client, alfa_order, open_page
):
    url = reverse("orders:live", args=[alfa_order.public_id])
    first = client.get(url)
    assert first.status_code == 200
    assert first["Cache-Control"] == "private, no-cache"
    etag = first["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    services.shipment_event_add(
        actor=ERP,
        shipment=Shipment.objects.get(external_id="erp-sh-1"),
        kind=ShipmentEvent.Kind.DELIVERED,
        occurred_at=LATER,
        place="Cluj-Napoca",
    )
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
