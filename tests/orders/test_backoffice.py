"""The back office: staff edit the carrier registry and read orders, which the ERP owns."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.orders.models import Carrier
from tests.factories import UserFactory


def staff(role: str):
    user = UserFactory(is_staff=True, is_superuser=role == roles.VENDOR_ADMIN)
    user.groups.set([Group.objects.get(name=role)])
    return user


@pytest.mark.django_db
def test_a_support_agent_no_longer_reads_orders_in_the_admin(client, alfa_order):
    # The admin is the vendor admin's last resort (issue 13): other staff get 403 there.
    client.force_login(staff(roles.SUPPORT_AGENT))
    for url in [
        reverse("admin:orders_order_changelist"),
        reverse("admin:orders_order_change", args=[alfa_order.pk]),
        reverse("admin:orders_shipment_changelist"),
    ]:
        assert client.get(url, follow=True).status_code == 403


@pytest.mark.django_db
def test_a_vendor_admin_reads_orders_and_shipments_in_the_admin(client, alfa_order):
    client.force_login(staff(roles.VENDOR_ADMIN))
    page = client.get(reverse("admin:orders_order_change", args=[alfa_order.pk]))
    assert b"Server Dell PowerEdge R760" in page.content
    assert client.get(reverse("admin:orders_shipment_changelist")).status_code == 200


@pytest.mark.django_db
def test_a_vendor_admin_edits_a_carriers_tracking_address(client):
    client.force_login(staff(roles.VENDOR_ADMIN))
    gls = Carrier.objects.get(code="gls")
    url = reverse("admin:orders_carrier_change", args=[gls.pk])
    form = {"code": "gls", "name": "GLS România", "active": "on"}
    refused = client.post(url, form | {"tracking_url_template": "http://gls.example/{number}"})
    assert refused.status_code == 200
    assert b"must start with https://" in refused.content
    client.post(url, form | {"tracking_url_template": "https://gls.example/t/{number}"})
    gls.refresh_from_db()
    assert gls.tracking_url("1 2") == "https://gls.example/t/1%202"
