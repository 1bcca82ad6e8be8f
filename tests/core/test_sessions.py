"""A session ends when idle and after its fixed lifetime; signed-in pages are never cached."""

import time

import pytest
from django.urls import reverse

from clientdesk.core.middleware import SESSION_LAST_SEEN, SESSION_SIGNED_IN


def age_session(client, *, idle: int = 0, since_sign_in: int = 0) -> None:
    session = client.session
    now = int(time.time())
    session[SESSION_LAST_SEEN] = now - idle
    session[SESSION_SIGNED_IN] = now - since_sign_in
    session.save()


def signed_out(response) -> bool:
    return response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.django_db
def test_a_session_idle_longer_than_the_timeout_is_signed_out(client, alfa_admin):
    client.force_login(alfa_admin)
    age_session(client, idle=2 * 60 * 60 + 5, since_sign_in=3 * 60 * 60)

    assert signed_out(client.get(reverse("dashboard")))
    assert signed_out(client.get(reverse("dashboard")))


@pytest.mark.django_db
def test_a_session_in_use_stays_signed_in(client, alfa_admin):
    client.force_login(alfa_admin)
    age_session(client, idle=2 * 60 * 60 - 60, since_sign_in=5 * 60 * 60)

    assert client.get(reverse("dashboard")).status_code == 200
    # The request moved the idle clock: the timeout counts from now again.
    assert int(time.time()) - client.session[SESSION_LAST_SEEN] < 5


@pytest.mark.django_db
def test_the_idle_clock_is_written_at_most_once_a_minute(client, alfa_admin):
    client.force_login(alfa_admin)
    age_session(client, idle=20)
    seen = client.session[SESSION_LAST_SEEN]

    client.get(reverse("dashboard"))

    assert client.session[SESSION_LAST_SEEN] == seen


@pytest.mark.django_db
def test_the_idle_timeout_is_a_setting(client, alfa_admin, settings):
    settings.SESSION_IDLE_TIMEOUT = 10 * 60
    client.force_login(alfa_admin)
    age_session(client, idle=11 * 60)

    assert signed_out(client.get(reverse("dashboard")))


@pytest.mark.django_db
def test_a_session_ends_fourteen_days_after_sign_in_however_busy(client, alfa_admin):
    client.force_login(alfa_admin)
    age_session(client, idle=0, since_sign_in=14 * 24 * 60 * 60 + 5)

    assert signed_out(client.get(reverse("dashboard")))


@pytest.mark.django_db
def test_a_new_sign_in_starts_the_clocks_and_the_cookie_ends_with_the_lifetime(client, alfa_admin):
    client.force_login(alfa_admin)
    session = client.session

    assert int(time.time()) - session[SESSION_SIGNED_IN] < 5
    assert 14 * 24 * 60 * 60 - 5 < session.get_expiry_age() <= 14 * 24 * 60 * 60


@pytest.mark.django_db
def test_signed_in_pages_downloads_and_exports_are_not_stored(client, alfa_admin):
    client.force_login(alfa_admin)
    for url in (reverse("dashboard"), reverse("orders:export_csv")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url


@pytest.mark.django_db
def test_public_pages_keep_their_caching(client, alfa_admin):
    visitor_page = client.get(reverse("kb:home"))
    assert "no-store" not in visitor_page.get("Cache-Control", "")

    client.force_login(alfa_admin)
    colours = client.get(reverse("brand_css"))
    assert "public" in colours["Cache-Control"]
    assert "no-store" not in colours["Cache-Control"]
