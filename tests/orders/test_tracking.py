"""Carrier registry: a carrier and a tracking number make the carrier's tracking link."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clientdesk.orders import services
from clientdesk.orders.models import Carrier, Shipment
from tests.orders.factories import ERP


def carrier(template="https://track.example/?id={number}", active=True) -> Carrier:
    return Carrier(code="test", name="Test", tracking_url_template=template, active=active)


@pytest.mark.parametrize(
    ("number", "url"),
    [
        ("4839201745", "https://track.example/?id=4839201745"),
        ("1Z 999 AA1", "https://track.example/?id=1Z%20999%20AA1"),
        ("TRC/2026/118", "https://track.example/?id=TRC%2F2026%2F118"),
        ("A&B=C?#D", "https://track.example/?id=A%26B%3DC%3F%23D"),
        ("ȘȚ-ăî", "https://track.example/?id=%C8%98%C8%9A-%C4%83%C3%AE"),
        ("  42  ", "https://track.example/?id=42"),
    ],
)
def test_the_tracking_number_is_url_encoded_into_the_template(number, url):
    assert carrier().tracking_url(number) == url


def test_the_number_can_sit_in_the_path_or_after_a_fragment():
    assert (
        carrier("https://t.example/p/{number}/x").tracking_url("a/b")
        == "https://t.example/p/a%2Fb/x"
    )
    assert carrier("https://sameday.ro/#awb={number}").tracking_url("1SD 2") == (
        "https://sameday.ro/#awb=1SD%202"
    )


def test_an_inactive_carrier_a_blank_template_or_a_blank_number_give_no_link():
    assert carrier(active=False).tracking_url("123") is None
    assert carrier(template="").tracking_url("123") is None
    assert carrier().tracking_url("   ") is None


@pytest.mark.parametrize(
    "template",
    [
        "http://track.example/?id={number}",
        "javascript:alert({number})",
        "https://track.example/?id=",
        "https://track.example/{number}/{number}",
    ],
)
def test_a_template_must_be_https_with_one_placeholder(template):
    with pytest.raises(ValidationError):
        carrier(template).full_clean(validate_unique=False, validate_constraints=False)


@pytest.mark.django_db
def test_the_registry_is_seeded_with_common_carriers_and_their_tracking_pages():
    codes = set(Carrier.objects.values_list("code", flat=True))
    assert {"dhl", "ups", "fedex", "gls", "dpd", "fan-courier", "cargus", "sameday"} <= codes
    for seeded in Carrier.objects.filter(code__in=codes):
        seeded.full_clean()
        assert seeded.tracking_url("X 1").startswith("https://")
    assert Carrier.objects.get(code="dhl").tracking_url("4839201745") == (
        "https://www.dhl.com/ro-ro/home/tracking/tracking-express.html?submit=1&tracking-id=4839201745"
    )


@pytest.mark.django_db
def test_the_order_page_links_the_tracking_number_in_a_new_tab(client, alfa_admin, alfa_order):
    client.force_login(alfa_admin)
    page = client.get(reverse("orders:detail", args=[alfa_order.public_id])).content.decode()
    tag = re.search(r'<a class="tracking-link"[^>]*>4839201745', page).group(0)
    assert (
        'href="https://www.dhl.com/ro-ro/home/tracking/tracking-express.html'
        '?submit=1&amp;tracking-id=4839201745"'
    ) in tag
    assert 'target="_blank" rel="noopener noreferrer"' in tag


@pytest.mark.django_db
def test_an_unknown_carrier_keeps_its_name_and_shows_the_number_without_a_link(
    client, alfa_admin, alfa_order
):
    shipment = services.shipment_upsert(
        actor=ERP,
        order=alfa_order,
        external_id="erp-sh-unknown",
        carrier_code="transcom",
        carrier_name="Transcom Logistic",
        tracking_number="TRC/2026/118",
        items={2: 1},
    ).obj
    assert shipment.carrier is None
    assert shipment.tracking_url is None
    client.force_login(alfa_admin)
    page = client.get(reverse("orders:detail", args=[alfa_order.public_id])).content.decode()
    assert "Transcom Logistic" in page
    assert '<span class="mono">TRC/2026/118</span>' in page


@pytest.mark.django_db
def test_deactivating_a_carrier_removes_its_links(client, alfa_admin, alfa_order):
    Carrier.objects.filter(code="dhl").update(active=False)
    client.force_login(alfa_admin)
    page = client.get(reverse("orders:detail", args=[alfa_order.public_id])).content.decode()
    assert "dhl.com" not in page
    assert '<span class="mono">4839201745</span>' in page
    assert Shipment.objects.get(external_id="erp-sh-1").carrier.name in page
