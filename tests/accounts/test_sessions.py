"""The sessions page names each browser simply and keeps the raw User-Agent as its title."""

import pytest
from django.urls import reverse
from django.utils import translation

from clientdesk.accounts.browsers import describe
from tests.factories import PASSWORD

CHROME_WINDOWS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    "user_agent, name",
    [
        (CHROME_WINDOWS, "Chrome on Windows"),
        (CHROME_WINDOWS + " Edg/131.0.0.0", "Edge on Windows"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like "
            "Gecko) Version/17.5 Safari/605.1.15",
            "Safari on macOS",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
            "Safari on iOS",
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0.0.0 Mobile Safari/537.36",
            "Chrome on Android",
        ),
        (
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
            "Firefox on Linux",
        ),
        ("curl/8.5.0", "Unknown browser"),
        ("", "Unknown browser"),
    ],
)
def test_it_names_the_browser_and_the_system(user_agent, name):
    with translation.override("en"):
        assert describe(user_agent) == name


@pytest.mark.django_db
def test_the_sessions_page_shows_the_browser_by_name(client, alfa_admin):
    client.cookies["django_language"] = "en"
    # allauth records the session, with its browser, from the request that signs in.
    client.post(
        reverse("account_login"),
        {"login": alfa_admin.email, "password": PASSWORD},
        HTTP_USER_AGENT=CHROME_WINDOWS,
    )
    page = client.get(reverse("usersessions_list"), HTTP_USER_AGENT=CHROME_WINDOWS)
    text = page.content.decode()
    assert "Chrome on Windows" in text
    assert f'title="{CHROME_WINDOWS}"' in text
