import pytest
from django.contrib.auth.models import Group

from clientdesk.backoffice import roles
from clientdesk.core.actors import Actor
from tests.factories import UserFactory
from tests.orders.factories import OrderFactory
from tests.webhooks.factories import EndpointFactory
from tests.webhooks.receiver import Receiver


@pytest.fixture(autouse=True)
def _receivers_on_loopback(settings):
    # The receiver is on 127.0.0.1 over plain HTTP, which production (DEBUG off) refuses.
    settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True
    settings.DEBUG = True


@pytest.fixture
def receiver():
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def vendor_admin(db):
    roles.ensure_roles()
    user = UserFactory(is_staff=True, email="admin@vendor.test")
    user.groups.set([Group.objects.get(name=roles.VENDOR_ADMIN)])
    return user


@pytest.fixture
def admin_actor(vendor_admin):
    return Actor.of_user(vendor_admin, ip="10.0.0.7")


@pytest.fixture
def endpoint(receiver, db):
    return EndpointFactory(url=receiver.url, event_types=["order.updated"])


@pytest.fixture
def order(db):
    return OrderFactory(account__external_id="erp-customer-7")
