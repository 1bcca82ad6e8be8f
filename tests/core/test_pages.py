import pytest
from django.urls import reverse

from clientdesk.core.models import VendorConfig


@pytest.mark.django_db
def test_healthz_answers_200_with_the_database_reachable(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_the_visitor_home_shows_search_contact_and_the_way_in(client):
    config = VendorConfig.get()
    config.support_phone = "+40 31 555 0142"
    config.save()
    page = client.get("/").content.decode()
    assert 'type="search"' in page
    assert "+40 31 555 0142" in page
    assert reverse("account_login") in page
    assert reverse("account_signup") in page


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy(client):
    csp = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.django_db
def test_the_vendor_colours_come_from_the_configuration(client):
    config = VendorConfig.get()
    config.primary_colour = "#123456"
    config.save()
    assert "--brand:#123456" in client.get(reverse("brand_css")).content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_only_what_the_grants_allow(client, alfa_admin, alfa_limited, alfa):
    client.force_login(alfa_limited)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("company_users", args=[alfa.public_id]) not in page
    client.force_login(alfa_admin)
    page = client.get(reverse("dashboard")).content.decode()
    assert reverse("company_users", args=[alfa.public_id]) in page


@pytest.mark.django_db
def test_a_signed_in_user_switching_language_keeps_it_on_their_profile(client, alfa_admin):
    alfa_admin.language = "ro"
    alfa_admin.save()
    client.force_login(alfa_admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/portal/"})
    alfa_admin.refresh_from_db()
    assert alfa_admin.language == "en"
    assert 'lang="en"' in client.get(reverse("dashboard")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("brand", "text"), [("#1d4f91", "#ffffff"), ("#f4d03f", "#1b2430")])
def test_text_on_the_brand_colour_stays_readable(client, brand, text):
    config = VendorConfig.get()
    config.primary_colour = brand
    config.save()
    assert f"--on-brand:{text}" in client.get(reverse("brand_css")).content.decode()


@pytest.mark.django_db
def test_a_fresh_installation_without_configuration_serves_contact_us(client):
    # The configuration row is created on first use, with its defaults.
    assert client.get(reverse("contact")).status_code == 200
