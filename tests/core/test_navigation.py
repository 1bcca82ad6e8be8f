"""The navigation and the dashboard tiles come from the sections the apps register."""

import pytest
from django.http import HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from clientdesk import urls as portal_urls
from clientdesk.core import navigation
from clientdesk.core.navigation import Section


def warranty_page(request):
    return HttpResponse("warranties")


# A new app's page, added beside the portal's URLs as its own urls.py would be.
urlpatterns = [*portal_urls.urlpatterns, path("warranties/", warranty_page, name="warranties")]

# A section no app registers, for a grant that Alfa's limited user does not hold.
WARRANTIES = Section(
    key="warranties",
    label=_("My invoices"),
    description=_("Invoices, credit notes and the account statement."),
    url_name="warranties",
    order=35,
    grant="admin",
)


@pytest.fixture
def warranties_app():
    """What the new app's ready() would do, undone after the test."""
    with navigation.registered(WARRANTIES):
        yield WARRANTIES


def keys(sections) -> list[str]:
    return [section.key for section in sections]


def test_the_apps_register_the_sections_in_the_portals_order():
    assert keys(navigation.sections()) == [
        "requests",
        "orders",
        "contracts",
        "equipment",
        "invoices",
        "statement",
        "faq",
        "contact",
    ]


@pytest.mark.django_db
def test_a_visitor_sees_only_the_public_sections(client):
    response = client.get(reverse("home"))
    assert keys(response.context["nav_sections"]) == []
    assert keys(response.context["nav_help"]) == ["faq", "contact"]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_new_app_adds_its_section_and_tile_for_holders_of_its_grant(
    client, warranties_app, alfa_admin
):
    client.force_login(alfa_admin)
    response = client.get(reverse("dashboard"))
    assert keys(response.context["nav_sections"]) == [
        "requests",
        "orders",
        "contracts",
        "equipment",
        "warranties",
        "invoices",
        "statement",
    ]
    assert keys(response.context["nav_help"]) == ["faq", "contact"]
    assert keys(response.context["tiles"]) == [
        "requests",
        "orders",
        "contracts",
        "equipment",
        "warranties",
        "invoices",
        "statement",
    ]
    page = response.content.decode()
    assert '<a class="site-nav__link" href="/warranties/">My invoices</a>' in page
    assert '<a class="tile" href="/warranties/">' in page
    assert "Invoices, credit notes and the account statement." in page


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_new_apps_section_stays_hidden_without_its_grant(client, warranties_app, alfa_limited):
    client.force_login(alfa_limited)  # requests and orders only
    response = client.get(reverse("dashboard"))
    assert "warranties" not in keys(response.context["nav_sections"])
    assert keys(response.context["tiles"]) == ["requests", "orders"]
    assert 'href="/warranties/"' not in response.content.decode()


def test_a_key_can_be_registered_once(warranties_app):
    navigation.register(WARRANTIES)  # the same section again: harmless
    with pytest.raises(ValueError, match="already registered"):
        navigation.register(Section(**{**vars(WARRANTIES), "order": 5}))
