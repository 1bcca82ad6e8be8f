"""The staff workspace assembles the apps' staff pages under /staff/; the admin is at /admin/."""

import uuid

import pytest
from django.urls import reverse

SOME_ID = uuid.UUID("8c3e7a52-0d5b-4c1e-9a0e-3f1b2c4d5e6f")


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("backoffice:home", [], "/staff/"),
        ("backoffice:access_queue", [], "/staff/access/"),
        ("backoffice:access_detail", [SOME_ID], f"/staff/access/{SOME_ID}/"),
        ("backoffice:outbox", [], "/staff/outbox/"),
        ("backoffice:outbox_message", [7], "/staff/outbox/7/"),
        ("support_staff:queue", [], "/staff/requests/"),
        ("admin:index", [], "/admin/"),
    ],
)
def test_the_staff_pages_keep_their_names_and_addresses(name, args, path):
    assert reverse(name, args=args) == path


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/backoffice/", "/admin/"),
        ("/backoffice/core/vendorconfig/1/change/", "/admin/core/vendorconfig/1/change/"),
        ("/backoffice/accounts/user/?q=ana&o=2", "/admin/accounts/user/?q=ana&o=2"),
    ],
)
def test_the_admins_old_addresses_redirect_permanently_to_admin(client, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.django_db
def test_the_admin_answers_at_admin(admin_client):
    assert admin_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_admin_login_sends_to_the_portals_sign_in_with_two_factor(client, staff_user):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    # A password posted to the admin's own form signs nobody in.
    staff_user.set_password("a-good-long-password")
    staff_user.save()
    client.post("/admin/login/", {"username": staff_user.email, "password": "a-good-long-password"})
    assert "_auth_user_id" not in client.session
