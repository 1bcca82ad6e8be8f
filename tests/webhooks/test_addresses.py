"""Webhooks go to public https:// addresses only, checked when registered and when sent."""

import pytest

from clientdesk.core.errors import ServiceError
from clientdesk.webhooks import delivery, services
from clientdesk.webhooks.errors import WebhookError
from clientdesk.webhooks.models import Delivery, Endpoint
from clientdesk.webhooks.services import EndpointData
from tests.webhooks.helpers import change_order

pytestmark = pytest.mark.django_db


def register(actor, url: str):
    return services.endpoint_create(
        actor=actor, data=EndpointData(url=url, description="", event_types=["order.updated"])
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",
        "https://localhost/hooks",
        "https://10.1.2.3/hooks",
        "https://192.168.0.10/hooks",
        "https://172.16.5.5/hooks",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/hooks",
        "https://[fd00::1]/hooks",
        "https://[::ffff:10.0.0.1]/hooks",
        "https://224.0.0.1/hooks",
        "https://240.0.0.1/hooks",
        "https://0.0.0.0/hooks",
        "https://100.64.0.1/hooks",
    ],
)
def test_it_refuses_a_private_loopback_link_local_multicast_or_reserved_address(
    settings, admin_actor, url
):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    with pytest.raises(ServiceError) as refused:
        register(admin_actor, url)
    assert (refused.value.error, refused.value.field) == (WebhookError.URL_PRIVATE, "url")
    assert not Endpoint.objects.exists()


def test_it_accepts_a_public_address(settings, admin_actor):
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    settings.DEBUG = False
    result = register(admin_actor, "https://93.184.216.34/erp/hooks")
    assert result.endpoint.url == "https://93.184.216.34/erp/hooks"


def test_with_the_setting_a_private_address_is_accepted(admin_actor, receiver):
    assert register(admin_actor, receiver.url).endpoint.url == receiver.url


def test_in_production_it_refuses_plain_http(settings, admin_actor):
    settings.DEBUG = False
    with pytest.raises(ServiceError) as refused:
        register(admin_actor, "http://93.184.216.34/erp/hooks")
    assert (refused.value.error, refused.value.field) == (WebhookError.URL_SCHEME, "url")


@pytest.mark.parametrize(
    "url", ["ftp://93.184.216.34/x", "https://", "erp.example.com", "https://u:p@93.184.216.34/"]
)
def test_it_refuses_what_is_not_a_plain_web_address(admin_actor, url):
    with pytest.raises(ServiceError) as refused:
        register(admin_actor, url)
    assert refused.value.error == WebhookError.URL_INVALID


def test_the_address_is_checked_again_when_sent(settings, endpoint, order, receiver):
    change_order(order)
    # Registered while allowed; by the time of sending the host is refused.
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = False
    delivery.sweep()

    assert receiver.received == []
    row = Delivery.objects.get()
    assert row.status == Delivery.Status.PENDING
    assert row.last_error == "address refused: webhook.url_private"
