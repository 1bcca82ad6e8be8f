import re

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse

from clientdesk.core.models import OutboundEmail
from tests.factories import PASSWORD, UserFactory


@pytest.mark.django_db
def test_a_verified_user_signs_in_with_email_and_password(client):
    user = UserFactory()
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_repeated_failed_logins_are_throttled(client):
    user = UserFactory()
    for _attempt in range(5):
        response = client.post(reverse("account_login"), {"login": user.email, "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    # Even the right password is refused while the limit holds.
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "too_many_login_attempts"
    assert client.get(reverse("dashboard")).status_code == 302


@pytest.mark.django_db
def test_two_factor_login_asks_for_a_real_totp_code(client):
    user = UserFactory()
    secret = pyotp.random_base32()
    TOTP.activate(user, secret)
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("dashboard")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert client.get(reverse("dashboard")).status_code == 302

    response = client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


@pytest.mark.django_db
def test_staff_start_in_the_back_office(client):
    agent = UserFactory(is_staff=True)
    response = client.post(reverse("account_login"), {"login": agent.email, "password": PASSWORD})
    assert response["Location"] == reverse("backoffice:home")


@pytest.mark.django_db(transaction=True)
def test_a_forgotten_password_is_reset_through_the_emailed_link(client):
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})

    mail = OutboundEmail.objects.get(to=user.email)
    link = re.search(r"http://testserver(/account/password/reset/key/\S+/)", mail.body_text)[1]
    response = client.get(link)  # allauth moves the key into the session and redirects
    new_password = "Alt-Munte-Verde-2027!"
    response = client.post(
        response["Location"], {"password1": new_password, "password2": new_password}
    )

    assert response.status_code == 302
    client.logout()
    client.post(reverse("account_login"), {"login": user.email, "password": new_password})
    assert client.get(reverse("dashboard")).status_code == 200
