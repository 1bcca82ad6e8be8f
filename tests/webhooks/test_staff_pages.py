"""The vendor admin's pages under /staff/webhooks/: nobody else's, secrets shown once."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from clientdesk.backoffice import roles
from clientdesk.core.models import Event
from clientdesk.webhooks import delivery
from clientdesk.webhooks.events import EndpointEvent
from clientdesk.webhooks.models import Endpoint
from tests.factories import UserFactory
from tests.webhooks.factories import DeliveryFactory, EndpointFactory
from tests.webhooks.helpers import change_order

pytestmark = pytest.mark.django_db

PUBLIC_URL = "https://93.184.216.34/erp/hooks"


@pytest.fixture
def admin_client(client, vendor_admin):
    client.force_login(vendor_admin)
    return client


def test_an_agent_gets_403_and_a_customer_is_sent_to_sign_in(client, alfa_admin):
    endpoint = EndpointFactory()
    roles.ensure_roles()
    agent = UserFactory(is_staff=True)
    agent.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    urls = [
        reverse("webhooks_staff:list"),
        reverse("webhooks_staff:detail", args=[endpoint.public_id]),
        reverse("webhooks_staff:log", args=[endpoint.public_id]),
    ]
    client.force_login(agent)
    assert [client.get(url).status_code for url in urls] == [403, 403, 403]
    assert (
        client.post(reverse("webhooks_staff:rotate", args=[endpoint.public_id])).status_code == 403
    )
    assert "/staff/webhooks/" not in client.get(reverse("backoffice:home")).content.decode()
    client.force_login(alfa_admin)
    assert all(client.get(url).status_code == 302 for url in urls)
    assert Endpoint.objects.get().secret == endpoint.secret


def test_the_staff_home_links_to_webhooks_for_a_vendor_admin(admin_client):
    assert "/staff/webhooks/" in admin_client.get(reverse("backoffice:home")).content.decode()


def test_creating_an_endpoint_shows_its_secret_once_and_audits_it(settings, admin_client):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    response = admin_client.post(
        reverse("webhooks_staff:create"),
        {
            "url": PUBLIC_URL,
            "description": "ERP",
            "event_types": ["order.updated"],
            "enabled": "on",
        },
    )
    endpoint = Endpoint.objects.get()
    assert response.status_code == 200
    assert endpoint.secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    page = admin_client.get(reverse("webhooks_staff:detail", args=[endpoint.public_id]))
    assert endpoint.secret not in page.content.decode()
    [created] = Event.objects.filter(kind=EndpointEvent.CREATED)
    assert created.audit_seq is not None
    assert endpoint.secret not in str(created.data)


def test_a_private_address_is_refused_next_to_the_field(settings, admin_client):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    response = admin_client.post(
        reverse("webhooks_staff:create"),
        {"url": "https://169.254.169.254/", "event_types": ["order.updated"]},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["url"]
    assert not Endpoint.objects.exists()


def test_rotating_shows_the_new_secret_once_and_keeps_the_old_one_for_a_day(admin_client):
    endpoint = EndpointFactory()
    response = admin_client.post(reverse("webhooks_staff:rotate", args=[endpoint.public_id]))
    rotated = Endpoint.objects.get()
    assert rotated.secret != endpoint.secret
    assert rotated.secret in response.content.decode()
    assert rotated.previous_secret == endpoint.secret
    assert rotated.previous_secret_until > timezone.now() + timedelta(hours=23)
    assert Event.objects.filter(kind=EndpointEvent.SECRET_ROTATED).count() == 1


def test_the_endpoint_page_warns_of_a_failing_endpoint(admin_client, endpoint, order, receiver):
    receiver.status = 500
    change_order(order)
    delivery.sweep()
    page = admin_client.get(reverse("webhooks_staff:detail", args=[endpoint.public_id]))
    text = page.content.decode()
    assert "message--warning" in text
    assert "1 failed attempt in a row" in text or "1 încercare eșuată" in text


def test_the_delivery_page_shows_the_request_as_sent_and_never_the_secret(
    admin_client, endpoint, order, receiver
):
    change_order(order)
    delivery.sweep()
    row = endpoint.deliveries.get()
    page = admin_client.get(reverse("webhooks_staff:delivery", args=[row.public_id]))
    text = page.content.decode()
    [sent] = receiver.received
    assert sent.headers["webhook-signature"] in text
    assert row.webhook_id in text
    assert endpoint.secret not in text
    assert endpoint.secret.removeprefix("whsec_") not in text


def test_send_again_queues_a_failed_delivery(admin_client):
    row = DeliveryFactory(status="failed")
    admin_client.post(reverse("webhooks_staff:resend", args=[row.public_id]))
    row.refresh_from_db()
    assert row.status == "pending"
    assert Event.objects.filter(kind=EndpointEvent.RESENT).count() == 1


def test_a_delivered_webhook_has_no_send_again(admin_client):
    row = DeliveryFactory(status="delivered")
    admin_client.post(reverse("webhooks_staff:resend", args=[row.public_id]))
    row.refresh_from_db()
    assert row.status == "delivered"
    assert not Event.objects.filter(kind=EndpointEvent.RESENT).exists()


@pytest.mark.parametrize("deliveries", [2, 60])
def test_the_delivery_log_costs_the_same_queries_whatever_it_holds(
    admin_client, django_assert_num_queries, deliveries
):
    endpoint = EndpointFactory()
    for _ in range(deliveries):
        DeliveryFactory(endpoint=endpoint)
    url = reverse("webhooks_staff:log", args=[endpoint.public_id])
    with django_assert_num_queries(15):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(deliveries, 50)


def test_the_delivery_log_lists_newest_first(admin_client):
    endpoint = EndpointFactory()
    old = DeliveryFactory(endpoint=endpoint, created_at=timezone.now() - timedelta(days=1))
    new = DeliveryFactory(endpoint=endpoint)
    response = admin_client.get(reverse("webhooks_staff:log", args=[endpoint.public_id]))
    assert list(response.context["page"].object_list) == [new, old]


@pytest.mark.parametrize("endpoints", [1, 12])
def test_the_endpoint_list_costs_the_same_queries_whatever_it_holds(
    admin_client, django_assert_num_queries, endpoints
):
    for _ in range(endpoints):
        DeliveryFactory(status="held")
    with django_assert_num_queries(13):
        response = admin_client.get(reverse("webhooks_staff:list"))
    assert response.status_code == 200
