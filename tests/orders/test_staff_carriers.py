"""The carrier registry under /staff/carriers/: the vendor admin's; a tracking address is an
https:// page with the tracking number's placeholder exactly once."""

import pytest
from django.urls import reverse

from clientdesk.core.models import Event
from clientdesk.orders.events import CarrierEvent
from clientdesk.orders.models import Carrier
from tests.staff import REFUSED, answers, vendor_admin

pytestmark = pytest.mark.django_db

TEMPLATE = "https://track.nordcargo.example/ro/parcel?id={number}"


@pytest.fixture
def admin_client(client):
    client.force_login(vendor_admin(email="admin@vendor.test"))
    client.get(reverse("carriers_staff:list"))  # the session learns the navigation's grants
    return client


def carrier_post(**changes):
    return {
        "code": "nord-cargo",
        "name": "Nord Cargo",
        "tracking_url_template": TEMPLATE,
        "active": "on",
        **changes,
    }


def test_the_pages_are_the_vendor_admins_alone(client):
    carrier = Carrier.objects.create(code="nord-cargo", name="Nord Cargo")
    urls = [
        reverse("carriers_staff:list"),
        reverse("carriers_staff:create"),
        reverse("carriers_staff:edit", args=[carrier.pk]),
    ]
    assert urls[0] == "/staff/carriers/"
    for url in urls:
        assert answers(client, url) == REFUSED, url
    client.force_login(vendor_admin())
    assert [client.get(url).status_code for url in urls] == [200] * 3


def test_adding_a_carrier_records_it_with_the_actor(admin_client):
    assert admin_client.post(reverse("carriers_staff:create"), carrier_post()).status_code == 302
    carrier = Carrier.objects.get(code="nord-cargo")
    assert carrier.tracking_url("JD 01/4") == TEMPLATE.replace("{number}", "JD%2001%2F4")
    event = Event.objects.get(kind=CarrierEvent.CREATED)
    assert event.actor_user.email == "admin@vendor.test" and event.audit_seq is not None
    assert event.data["changed"]["tracking_url_template"] == ["", TEMPLATE]


def test_editing_a_carrier_keeps_its_code_and_shows_an_example_link(admin_client):
    carrier = Carrier.objects.create(
        code="nord-cargo", name="Nord Cargo", tracking_url_template=TEMPLATE
    )
    url = reverse("carriers_staff:edit", args=[carrier.pk])
    assert "parcel?id=1Z999AA10123456784" in admin_client.get(url).content.decode()
    response = admin_client.post(
        url, carrier_post(code="other", name="Nord Cargo Express", active="")
    )
    assert response.status_code == 302
    carrier.refresh_from_db()
    assert (carrier.code, carrier.name, carrier.active) == (
        "nord-cargo",
        "Nord Cargo Express",
        False,
    )
    event = Event.objects.get(kind=CarrierEvent.CHANGED)
    assert event.data["changed"] == {
        "name": ["Nord Cargo", "Nord Cargo Express"],
        "active": [True, False],
    }


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("http://track.example/{number}", "The tracking address must start with https://."),
        ("https://track.example/parcel", "Write {number} exactly once"),
        ("https://track.example/{number}/{number}", "Write {number} exactly once"),
        ("https://{number}", "This is not a web address; check it."),
    ],
    ids=["http", "no-placeholder", "twice", "not-an-address"],
)
def test_a_bad_tracking_address_is_shown_next_to_its_field_with_the_input_kept(
    admin_client, template, message
):
    response = admin_client.post(
        reverse("carriers_staff:create"), carrier_post(tracking_url_template=template)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_tracking_url_template_error"' in page and message in page
    assert f'value="{template}"' in page
    assert not Carrier.objects.filter(code="nord-cargo").exists()


def test_the_list_costs_the_same_whatever_the_rows(admin_client, django_assert_num_queries):
    with django_assert_num_queries(5):
        admin_client.get(reverse("carriers_staff:list"))
    for n in range(5):
        Carrier.objects.create(code=f"c{n}", name=f"Carrier {n}", tracking_url_template=TEMPLATE)
    with django_assert_num_queries(5):
        page = admin_client.get(reverse("carriers_staff:list")).content.decode()
    assert "Carrier 4" in page
