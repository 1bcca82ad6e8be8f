"""The API's description: served with our own assets, to staff in production, and complete."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_docs_are_for_signed_in_staff_in_production(client):
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/api/v1/docs").status_code == 302
    client.force_login(UserFactory(is_staff=True))
    assert client.get("/api/v1/docs").status_code == 200


def test_the_vendor_may_open_them_to_all(client, settings):
    settings.API_DOCS_PUBLIC = True
    assert client.get("/api/v1/openapi.json").status_code == 200


def test_the_docs_page_loads_its_assets_from_the_portal_not_a_cdn(client):
    client.force_login(UserFactory(is_staff=True))
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
    assert "unsafe-inline" not in client.get("/api/v1/docs")["Content-Security-Policy"]


def test_every_operation_declares_its_refusals(client):
    client.force_login(UserFactory(is_staff=True))
    schema = client.get("/api/v1/openapi.json").json()
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            answers = set(operation["responses"])
            assert "422" in answers, (method, path)
            if operation.get("security"):  # a token's refusals too
                assert {"401", "403", "404", "429"} <= answers, (method, path)
