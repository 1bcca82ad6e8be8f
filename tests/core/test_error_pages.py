"""Error pages: in the portal's design and the user's language, with a way home and the phone."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.core.models import VendorConfig
from tests.core import error_urls
from tests.factories import UserFactory

PHONE = "+40 21 555 0100"


@pytest.fixture
def vendor(db):
    config = VendorConfig.get()
    config.name = "Compania Test"
    config.support_phone = PHONE
    config.save()
    return config


def assert_error_page(response, status: int, heading: str) -> None:
    html = response.content.decode()
    assert response.status_code == status
    assert heading in html
    assert f'href="{reverse("home")}"' in html
    assert PHONE in html


@pytest.mark.django_db
def test_an_unknown_address_answers_404_in_the_portals_design(client, vendor):
    response = client.get("/no-such-page/")

    assert_error_page(response, 404, "Pagina nu a fost găsită")
    assert "site-nav" in response.content.decode()


@pytest.mark.django_db
def test_the_404_page_speaks_the_users_language(client, vendor):
    client.force_login(UserFactory(language="en"))

    assert_error_page(client.get("/no-such-page/"), 404, "Page not found")


@pytest.mark.django_db
def test_a_page_refused_to_a_staff_member_answers_403(client, vendor):
    agent = UserFactory(is_staff=True, language="en")
    agent.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    client.force_login(agent)

    response = client.get(reverse("backoffice:outbox"))

    assert_error_page(response, 403, "Access denied")


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_answers_400(client, vendor):
    response = client.get("/", HTTP_HOST="evil.example")

    assert_error_page(response, 400, "Cerere greșită")


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_a_failing_view_answers_the_500_page(client, vendor):
    client.raise_request_exception = False
    client.get(reverse("home"))  # the configuration is in the cache, as in a running portal

    assert_error_page(client.get("/test/broken/"), 500, "Ceva nu a funcționat")


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_renders_with_the_database_down(client, vendor):
    client.raise_request_exception = False
    client.force_login(UserFactory(language="en"))
    client.get(reverse("home"))  # the configuration reaches the cache
    VendorConfig.forget()  # and leaves this process's memory: the page must not need the row
    try:
        response = client.get("/test/database-down/")
    finally:
        connection.execute_wrappers.remove(error_urls._refuse)

    assert_error_page(response, 500, "Something went wrong")


@pytest.mark.django_db
@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_renders_with_nothing_known_of_the_vendor(client, django_assert_num_queries):
    client.raise_request_exception = False
    VendorConfig.forget()
    cache.clear()

    with django_assert_num_queries(0):
        response = client.get("/test/broken/")

    assert response.status_code == 500
    assert "clientdesk" in response.content.decode()


def test_the_portal_answers_500_with_its_own_handler():
    assert error_urls.handler500 == "clientdesk.core.views.server_error"


@pytest.mark.django_db
def test_the_favicon_is_answered_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
