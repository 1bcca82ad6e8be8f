"""The Django admin is the vendor admin's last resort: entered only by them, through the
portal's sign-in with two-factor, in the portal's language."""

import re

import pyotp
import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.backoffice import roles
from tests.factories import PASSWORD, UserFactory

OTHER_ROLES = [roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.BILLING]


def staff(role: str | None, **fields):
    user = UserFactory(is_staff=True, **fields)
    if role is not None:
        user.groups.set([Group.objects.get(name=role)])
    return user


def signed_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_a_vendor_admin_enters_the_admin(client):
    client.force_login(staff(roles.VENDOR_ADMIN))
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", [*OTHER_ROLES, None])
def test_other_staff_are_refused_everywhere_in_the_admin(client, role):
    client.force_login(staff(role))
    for path in ["/admin/", "/admin/accounts/user/", "/admin/kb/article/"]:
        response = client.get(path, follow=True)
        assert response.status_code == 403, path
    assert client.get("/admin/login/").status_code == 403


@pytest.mark.django_db
def test_a_signed_in_staff_member_cannot_sign_in_as_another_with_a_password(client):
    client.force_login(staff(roles.SUPPORT_AGENT))
    admin = staff(roles.VENDOR_ADMIN)
    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 403
    assert client.session["_auth_user_id"] != str(admin.pk)


@pytest.mark.django_db
def test_a_password_alone_at_the_admin_login_does_not_sign_in(client):
    admin = staff(roles.VENDOR_ADMIN)
    secret = pyotp.random_base32()
    TOTP.activate(admin, secret)

    response = client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not signed_in(client)

    # The portal's sign-in it sends to asks for the second factor after the password.
    response = client.post(reverse("account_login"), {"login": admin.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    assert not signed_in(client)
    assert client.get("/admin/").status_code == 302
    client.post(reverse("mfa_authenticate"), {"code": pyotp.TOTP(secret).now()})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_login_rate_limit_holds_for_the_way_into_the_admin(client):
    admin = staff(roles.VENDOR_ADMIN)
    for _attempt in range(5):
        client.post(reverse("account_login"), {"login": admin.email, "password": "wrong"})
    response = client.post(
        f"{reverse('account_login')}?next=/admin/", {"login": admin.email, "password": PASSWORD}
    )
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "too_many_login_attempts"
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_the_admins_change_password_is_the_portals_page(client):
    client.force_login(staff(roles.VENDOR_ADMIN))
    response = client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_change_password")


ENGLISH = [
    "Authenticators", "User sessions", "Tasks Database Backend", "Task Results",
    "Model name", "Add link", "Change or view list link", "Skip to main content", "Toggle theme",
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/mfa/authenticator/", "/admin/usersessions/usersession/"]
)
def test_the_admin_speaks_romanian_to_a_romanian_vendor_admin(client, path):
    client.force_login(staff(roles.VENDOR_ADMIN, language="ro"))
    client.cookies["django_language"] = "ro"
    response = client.get(path, headers={"accept-language": "ro"})
    assert response.status_code == 200
    text = response.content.decode()
    leaks = [phrase for phrase in ENGLISH if phrase in text]
    assert leaks == []
    assert "Sarcini în fundal" in client.get("/admin/").content.decode()


@pytest.mark.django_db
def test_no_link_in_the_admin_answers_403_to_the_vendor_admin(client):
    client.force_login(staff(roles.VENDOR_ADMIN))
    page = client.get("/admin/").content.decode()
    links = set(re.findall(r'href="(/admin/[^"#?]*)"', page))
    assert links
    for link in sorted(links):
        response = client.get(link, follow=True)
        assert response.status_code == 200, link
