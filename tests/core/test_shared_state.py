"""What every page reads is kept close, and still changes when it should."""

import pytest
from django.urls import reverse

from clientdesk.core.cache import ReusingClient
from clientdesk.core.models import VendorConfig
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_the_redis_cache_keeps_one_client_per_pool():
    client = ReusingClient(["redis://127.0.0.1:6379/0"])  # no connection is made to build it
    assert client.get_client(write=True) is client.get_client(write=False)


def test_a_change_of_the_vendor_configuration_shows_at_once_in_this_process(client):
    assert VendorConfig.get().support_phone == ""
    config = VendorConfig.get()
    config.support_phone = "+40 21 555 0100"
    config.save()
    assert VendorConfig.get().support_phone == "+40 21 555 0100"
    assert "+40 21 555 0100" in client.get(reverse("home")).content.decode()


def test_a_new_grant_shows_in_the_navigation_on_the_next_page(client, alfa_limited, alfa):
    client.force_login(alfa_limited)
    membership = alfa_limited.memberships.get(account=alfa)
    nav_before = client.get(reverse("dashboard")).content.decode()
    assert reverse("orders:list") in nav_before
    membership.grant_orders = False
    membership.save()
    assert reverse("orders:list") not in client.get(reverse("dashboard")).content.decode()
    MembershipFactory(user=alfa_limited, grant_orders=True)
    assert reverse("orders:list") in client.get(reverse("dashboard")).content.decode()
