"""Failures limited per address and per account, the owner still signing in, and one client
address for allauth, the audit log and the session list."""

import re
import time

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from allauth.usersessions.models import UserSession
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from clientdesk.accounts.events import SecurityEvent
from clientdesk.core.cache import LocalWithSharedLimits
from clientdesk.core.models import Event, OutboundEmail
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("account_login")


def from_address(ip: str, **headers) -> Client:
    return Client(REMOTE_ADDR=ip, **headers)


def sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def refused(response) -> bool:
    form = response.context["form"] if response.status_code == 200 else None
    return form is not None and any(
        error.code == "too_many_login_attempts" for error in form.non_field_errors().as_data()
    )


def signed_in(client: Client) -> bool:
    return client.get(reverse("dashboard")).status_code == 200


def attempts_until_refused(client: Client, emails, limit: int = 200) -> int:
    """How many wrong passwords the client sends before the first refusal."""
    for attempt, email in enumerate(emails, start=1):
        if refused(sign_in(client, email, "not-the-password")):
            return attempt - 1
        if attempt == limit:
            break
    return limit


def sign_in_with_emailed_code(client: Client, user) -> None:
    response = sign_in(client, user.email)
    assert response["Location"] == reverse("account_confirm_login_code")
    mail = OutboundEmail.objects.filter(to=user.email, template="account/email/login_code").last()
    code = re.search(r"^\s*(\w{4}-\w{4})\s*$", mail.body_text, re.MULTILINE)[1]
    client.post(reverse("account_confirm_login_code"), {"code": code})


# --- the client's address -------------------------------------------------------------------


def test_a_spoofed_forwarded_for_is_ignored_without_trusted_proxies(settings):
    user = UserFactory()
    sign_in(from_address("192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.99"), user.email, "x")
    assert Event.objects.get(kind=SecurityEvent.LOGIN_FAILED.value).ip == "192.0.2.10"


def test_behind_one_proxy_every_part_sees_the_address_it_appended(settings):
    settings.TRUSTED_PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    user = UserFactory()
    client = from_address("10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    sign_in(client, user.email, "wrong")
    sign_in(client, user.email)
    assert set(Event.objects.values_list("ip", flat=True)) == {"203.0.113.7"}
    assert UserSession.objects.get(user=user).ip == "203.0.113.7"
    # A request that did not come through the proxy is its own REMOTE_ADDR.
    sign_in(from_address("10.0.0.3"), user.email, "wrong")
    assert Event.objects.order_by("pk").last().ip == "10.0.0.3"


def test_a_trusted_header_names_the_address(settings):
    settings.TRUSTED_CLIENT_IP_HEADER = settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    user = UserFactory()
    sign_in(from_address("10.0.0.2", HTTP_X_REAL_IP="203.0.113.8"), user.email, "wrong")
    assert Event.objects.get().ip == "203.0.113.8"


# --- shared by all processes ----------------------------------------------------------------


def test_allauths_counters_outlive_a_processs_memory():
    user = UserFactory()
    client = from_address("192.0.2.20")
    assert attempts_until_refused(client, [user.email] * 10) == 5
    caches["default"].clear()  # what another process starts with
    assert refused(sign_in(client, user.email))


def test_two_processes_caches_count_allauths_limits_together_and_keep_the_rest_apart():
    one, other = LocalWithSharedLimits("one", {}), LocalWithSharedLimits("other", {})
    one.set("allauth:rl:allauth.account:login_failed:x", [1.0], 60)
    one.set("vendor-config", "local", 60)
    assert other.get("allauth:rl:allauth.account:login_failed:x") == [1.0]
    assert other.get("vendor-config") is None


# --- per address ----------------------------------------------------------------------------


def test_one_address_is_refused_after_5_failures_for_an_account_and_20_in_all():
    users = UserFactory.create_batch(6)
    client = from_address("192.0.2.30")
    assert attempts_until_refused(client, [users[0].email] * 10) == 5
    spread = [user.email for user in users[1:] for _ in range(4)] + [users[1].email]
    # 20 in all: the first 5, the refused sixth (allauth counts it against the address), 14.
    assert attempts_until_refused(client, spread) == 14
    # Refused for every account now, its owner's right password too, and in the audit log.
    assert refused(sign_in(client, users[5].email))
    limited = Event.objects.filter(kind=SecurityEvent.LOGIN_LIMITED.value).last()
    assert (limited.ip, limited.subject_id) == ("192.0.2.30", str(users[5].pk))
    # Another address is not refused.
    other = from_address("192.0.2.31")
    sign_in(other, users[5].email)
    assert signed_in(other)


# --- per account: a step-up, not a refusal --------------------------------------------------


def test_after_an_attackers_100_failures_from_one_address_the_owner_signs_in_with_a_code():
    owner = UserFactory()
    attacker = from_address("198.51.100.66")
    for _attempt in range(100):
        sign_in(attacker, owner.email, "guess")
    assert Event.objects.filter(kind=SecurityEvent.LOGIN_FAILED.value).count() == 5

    client = from_address("192.0.2.40")
    sign_in_with_emailed_code(client, owner)
    assert signed_in(client)
    step_up = Event.objects.get(kind=SecurityEvent.LOGIN_STEPPED_UP.value)
    assert (step_up.ip, step_up.actor_user_id) == ("192.0.2.40", owner.pk)


def test_failures_from_100_addresses_ask_the_owner_for_a_code_and_never_refuse_them():
    owner = UserFactory()
    for n in range(100):
        assert not refused(sign_in(from_address(f"198.51.100.{n}"), owner.email, "guess"))
    client = from_address("192.0.2.41")
    response = sign_in(client, owner.email)
    # The password alone no longer signs in: a code was e-mailed to the owner, who is told why.
    assert response["Location"] == reverse("account_confirm_login_code")
    page = client.get(response["Location"]).content.decode()
    assert "Au fost mai multe încercări eșuate de autentificare în acest cont" in page
    assert not signed_in(client)
    sign_in_with_emailed_code(from_address("192.0.2.42"), owner)


def test_the_password_alone_still_signs_in_below_the_step_up():
    owner = UserFactory()
    for n in range(4):
        sign_in(from_address(f"198.51.100.{n}"), owner.email, "guess")
    client = from_address("192.0.2.43")
    assert sign_in(client, owner.email)["Location"] == reverse("dashboard")
    assert not Event.objects.filter(kind=SecurityEvent.LOGIN_STEPPED_UP.value).exists()


def test_an_account_with_a_second_factor_goes_on_to_it():
    owner = UserFactory()
    secret = pyotp.random_base32()
    TOTP.activate(owner, secret)
    for n in range(10):
        sign_in(from_address(f"198.51.100.{n}"), owner.email, "guess")
    client = from_address("192.0.2.44")
    assert sign_in(client, owner.email)["Location"] == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert signed_in(client)


def test_the_portals_counters_are_shared_in_the_database_and_in_redis(settings):
    from clientdesk.core import counters
    from clientdesk.core.cache import RedisCache

    assert counters.count("test-shared", 60)[0] == 1
    caches["default"].clear()
    assert counters.count("test-shared", 60)[0] == 2

    settings.REDIS_URL = "redis://127.0.0.1:6379/15"
    settings.CACHES = {
        **settings.CACHES,
        "limits": {"BACKEND": "clientdesk.core.cache.RedisCache", "LOCATION": settings.REDIS_URL},
    }
    caches["limits"].clear()
    assert counters.count("test-shared", 60)[0] == 1
    slot = int(time.time() // 60)
    another_process = RedisCache(settings.REDIS_URL, {})
    another_process.incr(f"test-shared:{slot}")
    assert counters.recent("test-shared", 60) == 2
    caches["limits"].clear()
