"""Passkeys (WebAuthn) end to end, with Chromium's virtual authenticator.

The authenticator stands in for a phone or a laptop's fingerprint reader: it
keeps discoverable credentials, verifies the user and answers every request
at once, so the browser shows no dialog.
"""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory


@pytest.fixture
def authenticator(page):
    """A virtual platform authenticator in the page's browser; yields the CDP session and its id."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    yield cdp, added["authenticatorId"]
    cdp.send("WebAuthn.disable")


@pytest.fixture
def console_problems(page):
    """What went wrong in the page: CSP reports, script errors, failed requests.

    allauth's webauthn.js logs a failed ceremony to the console as an error.
    The browser's own favicon request (a 404) is no page request, so the
    response watch does not see it; its console line is left out.
    """
    problems = []

    def watch(message):
        if "Content Security Policy" in message.text or (
            message.type == "error" and not message.text.startswith("Failed to load resource")
        ):
            problems.append(message.text)

    def check(response):
        if response.status >= 400:
            problems.append(f"{response.status} {response.url}")

    page.on("console", watch)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", check)
    return problems


def sign_in_with_password(page, user):
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_url(f"**{reverse('dashboard')}")


def add_passkey(page, name):
    """From the two-factor page: confirm the password, then add a passwordless key."""
    page.goto(reverse("mfa_index"))
    page.click(f"a[href='{reverse('mfa_add_webauthn')}']")

    page.wait_for_url(f"**{reverse('account_reauthenticate')}?*")
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")

    page.wait_for_url(f"**{reverse('mfa_add_webauthn')}")
    page.fill("input[name=name]", name)
    page.check("input[name=passwordless]")
    page.click("#mfa_webauthn_add")
    # The first key also creates the recovery codes, which allauth shows next.
    page.wait_for_url(f"**{reverse('mfa_view_recovery_codes')}")


def sign_out(page):
    page.click(f"header form[action='{reverse('account_logout')}'] button")
    page.wait_for_url(lambda url: url.endswith("/"))
    page.locator(f"header a[href='{reverse('account_login')}']").wait_for()


@pytest.mark.django_db(transaction=True)
def test_a_customer_adds_a_passkey_and_then_signs_in_with_it_alone(
    page, authenticator, console_problems
):
    cdp, authenticator_id = authenticator
    user = UserFactory()

    sign_in_with_password(page, user)
    add_passkey(page, "Laptop")
    sign_out(page)

    page.goto(reverse("account_login"))
    page.click("#passkey_login")
    page.wait_for_url(f"**{reverse('dashboard')}")

    key = Authenticator.objects.get(user=user, type=Authenticator.Type.WEBAUTHN)
    assert key.wrap().name == "Laptop"
    assert key.wrap().is_passwordless is True
    assert key.last_used_at is not None
    credentials = cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator_id})
    assert [c["isResidentCredential"] for c in credentials["credentials"]] == [True]
    assert console_problems == []


@pytest.mark.django_db(transaction=True)
def test_a_customer_signed_in_with_a_passkey_confirms_access_with_it_too(
    page, authenticator, console_problems
):
    user = UserFactory()
    sign_in_with_password(page, user)
    add_passkey(page, "Phone")
    sign_out(page)
    page.goto(reverse("account_login"))
    page.click("#passkey_login")
    page.wait_for_url(f"**{reverse('dashboard')}")

    # Listing the keys needs no confirmation; adding another one does.
    page.goto(reverse("mfa_list_webauthn"))
    assert page.locator("main table td", has_text="Phone").count() == 1
    page.click(f"main a[href='{reverse('mfa_add_webauthn')}']")
    page.wait_for_url(f"**{reverse('account_reauthenticate')}?*")
    page.click(f"main a[href^='{reverse('mfa_reauthenticate_webauthn')}']")
    page.wait_for_url(f"**{reverse('mfa_reauthenticate_webauthn')}?*")
    page.click("#mfa_webauthn_reauthenticate")

    page.wait_for_url(f"**{reverse('mfa_add_webauthn')}")
    assert page.locator("#mfa_webauthn_add").is_visible()
    assert console_problems == []
