"""The token pages: made and shown once, listed, revoked; a customer's and the ERP's."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.api.models import ApiToken
from tests.api.factories import bearer, customer_token, vendor_admin
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def make(client, url, **data):
    return client.post(url, {"name": "Script", "expires_on": "2027-06-30", **data})


def test_a_customer_makes_a_token_that_is_shown_once_and_works(client, alfa_admin):
    client.force_login(alfa_admin)
    page = make(client, reverse("my_api_tokens"), scopes=["requests:read"])
    assert page.status_code == 200
    plain = page.context["made"].plain
    assert plain in page.content.decode()
    assert client.get("/api/v1/tokens/me", headers=bearer(plain)).status_code == 200
    again = client.get(reverse("my_api_tokens")).content.decode()
    assert plain not in again
    assert "Script" in again


def test_the_form_keeps_what_was_typed_and_names_the_field(client, alfa_admin):
    client.force_login(alfa_admin)
    page = make(client, reverse("my_api_tokens"), scopes=[], expires_on="2099-01-01")
    form = page.context["form"]
    assert "scopes" in form.errors
    assert form["name"].value() == "Script"
    assert not ApiToken.objects.exists()


def test_a_customer_cannot_take_a_vendor_scope(client, alfa_admin):
    client.force_login(alfa_admin)
    page = make(client, reverse("my_api_tokens"), scopes=["invoices:write"])
    assert "scopes" in page.context["form"].errors
    assert not ApiToken.objects.exists()


def test_a_user_revokes_their_own_token_and_no_one_elses(client, alfa_admin, beta_user):
    token, plain = customer_token(alfa_admin)
    client.force_login(beta_user)
    assert client.post(reverse("my_api_token_revoke", args=[token.public_id])).status_code == 404
    client.force_login(alfa_admin)
    client.post(reverse("my_api_token_revoke", args=[token.public_id]))
    assert client.get("/api/v1/tokens/me", headers=bearer(plain)).status_code == 401


def test_only_a_vendor_admin_reaches_the_erp_tokens(client):
    agent = UserFactory(is_staff=True)
    agent.groups.set([Group.objects.get(name="Support agent")])
    client.force_login(agent)
    assert client.get(reverse("backoffice:api_tokens")).status_code == 403
    client.force_login(vendor_admin())
    page = make(client, reverse("backoffice:api_tokens"), scopes=["orders:write"])
    assert page.context["made"].token.kind == ApiToken.Kind.VENDOR
