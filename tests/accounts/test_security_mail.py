"""The e-mails that tell a user of a sign-in from a new browser, a changed password and a
changed second factor: branded, to them, in their language."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from clientdesk.core.models import OutboundEmail
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_BROWSER = "accounts/email/new_browser"


def sign_in(client: Client, user, password: str = PASSWORD) -> None:
    response = client.post(reverse("account_login"), {"login": user.email, "password": password})
    assert response.status_code == 302


def mails(template: str) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(template=template).order_by("pk"))


@pytest.mark.parametrize(
    ("language", "subject", "line"),
    [
        ("ro", "O nouă autentificare în contul dumneavoastră", "Browser: Firefox pe Linux"),
        ("en", "A new sign-in to your account", "Browser: Firefox on Linux"),
    ],
)
def test_a_sign_in_from_a_new_browser_is_emailed_but_not_from_a_known_one(language, subject, line):
    user = UserFactory(language=language)
    first = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
    sign_in(first, user)
    assert mails(NEW_BROWSER) == []  # the first browser is the one they started in

    other = Client(HTTP_USER_AGENT="Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0")
    sign_in(other, user)
    [mail] = mails(NEW_BROWSER)
    assert (mail.to, mail.subject) == (user.email, subject)
    assert line in mail.body_text
    assert "127.0.0.1" in mail.body_text
    assert 'class="mail__button"' in mail.body_html

    for client in (first, other):
        client.post(reverse("account_logout"))  # Client.logout() would drop every cookie
        sign_in(client, user)
    assert len(mails(NEW_BROWSER)) == 1


def test_the_first_sign_in_after_signing_up_is_not_a_new_browser(client):
    from tests.accounts.test_onboarding import confirmation_link
    from tests.accounts.test_signup import VALID

    client.post(reverse("account_signup"), VALID)
    assert client.post(confirmation_link(VALID["email"]))["Location"] == reverse("dashboard")
    assert mails(NEW_BROWSER) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [("ro", "Parola dumneavoastră a fost schimbată"), ("en", "Your password has been changed")],
)
def test_a_password_change_is_emailed_in_the_users_language(client, language, words):
    user = UserFactory(language=language)
    sign_in(client, user)
    new = "Alt-Munte-Verde-2027"
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    [mail] = mails("account/email/password_changed")
    assert mail.to == user.email
    assert words in mail.body_text
    assert "127.0.0.1" in mail.body_text


def test_second_factor_changes_are_emailed(client, django_capture_on_commit_callbacks):
    user = UserFactory(language="en")
    sign_in(client, user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]
    # allauth sends these notices once the change is committed.
    commit = django_capture_on_commit_callbacks
    with commit(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert [m.to for m in mails("mfa/email/totp_activated")] == [user.email]

    with commit(execute=True):
        client.post(reverse("mfa_generate_recovery_codes"))
    assert [m.to for m in mails("mfa/email/recovery_codes_generated")] == [user.email]

    with commit(execute=True):
        client.post(reverse("mfa_deactivate_totp"))
    assert [m.to for m in mails("mfa/email/totp_deactivated")] == [user.email]

    passkey = Authenticator.objects.create(
        user=user, type=Authenticator.Type.WEBAUTHN, data={"name": "Laptop", "credential": {}}
    )
    with commit(execute=True):
        client.post(reverse("mfa_remove_webauthn", args=[passkey.pk]))
    assert [m.to for m in mails("mfa/email/webauthn_removed")] == [user.email]
