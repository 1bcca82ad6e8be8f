import pytest
from django.core.cache import cache
from django.db import connection
from django.utils import translation

from clientdesk.core.models import VendorConfig
from tests.factories import MembershipFactory, UserFactory

# Concurrency tests: SQLite runs one writer at a time, so nothing there is concurrent.
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite runs one writer at a time, so nothing is concurrent",
)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    # A fast hasher keeps the suite quick; the cache holds rate-limit counters.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The test client's host: links in e-mails are made from PORTAL_URL.
    settings.PORTAL_URL = "http://testserver"
    cache.clear()
    VendorConfig.forget()
    # A request leaves its language active in the thread; each test starts
    # from the portal's default, whatever ran before it in this worker.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def alfa_admin(db):
    """Ana at Alfa: every grant."""
    return MembershipFactory(all_grants=True, account__name="Alfa Industries SRL").user


@pytest.fixture
def alfa(alfa_admin):
    return alfa_admin.memberships.get().account


@pytest.fixture
def alfa_limited(alfa):
    """Mihai at Alfa: requests and orders only."""
    return MembershipFactory(account=alfa, grant_requests=True, grant_orders=True).user


@pytest.fixture
def beta_user(db):
    """Elena at Beta: every grant, on another customer account."""
    return MembershipFactory(all_grants=True, account__name="Beta Logistics SA").user


@pytest.fixture
def staff_user(db):
    from django.contrib.auth.models import Group

    from clientdesk.backoffice import roles

    user = UserFactory(is_staff=True, email="contracts@vendor.test")
    user.groups.set([Group.objects.get(name=roles.CONTRACTS_REPRESENTATIVE)])
    return user


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on 127.0.0.1, the portal's mail backend pointed at it."""
    from tests.core.test_mail import SMTPServer, free_port

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    server = SMTPServer(port)
    server.start()
    yield server
    server.stop()
