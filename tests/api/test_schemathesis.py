"""Schemathesis against the API's own OpenAPI schema, with the ERP's token and two
customers' tokens: no 5xx, every answer as the schema declares it, and no customer
token reads the other customer's objects.

Generated values mostly miss real objects, so each case that names an object by its
number is also sent with the number of one of Alfa's objects of that kind: Beta's
token must get 404, and the answers must still match the schema.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from clientdesk.api.urls import api
from tests.api.factories import bearer, customer_token, vendor_token
from tests.billing.factories import issue
from tests.contracts.factories import ContractFactory
from tests.factories import MembershipFactory
from tests.orders.factories import OrderFactory
from tests.support.factories import RequestTypeFactory, SupportRequestFactory

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()

EXAMPLES = 8
# What the API promises of every answer. (Schemathesis's data-acceptance checks are left
# out: a schema-valid body may still break a business rule, an unknown request type say,
# and an unknown query parameter is ignored, as HTTP APIs do.)
C = schemathesis.checks
CHECKS = {
    "checks": [
        C.not_a_server_error,
        C.status_code_conformance,
        C.content_type_conformance,
        C.response_headers_conformance,
        C.response_schema_conformance,
        C.ignored_auth,  # the same call without the token answers 401
    ]
}


def check(case, response, plain) -> None:
    case.validate_response(response, headers=bearer(plain), **CHECKS)


@pytest.fixture
def one_connection():
    """Calls go through the WSGI handler, which closes the database connection after each
    request: on PostgreSQL that ends the test's transaction. Django's own test client keeps
    it open the same way, for the duration of the test."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, one_connection):
    alfa_admin = MembershipFactory(all_grants=True).user
    alfa = alfa_admin.memberships.get().account
    beta_user = MembershipFactory(all_grants=True).user
    RequestTypeFactory()
    numbers = {
        "/api/v1/requests/": SupportRequestFactory(account=alfa, requester=alfa_admin).number,
        "/api/v1/me/orders/": OrderFactory(account=alfa).number,
        "/api/v1/me/invoices/": issue(alfa).number,
        "/api/v1/me/contracts/": ContractFactory(account=alfa).number,
    }
    return {
        "alfa": customer_token(alfa_admin)[1],
        "beta": customer_token(beta_user)[1],
        "erp": vendor_token()[1],
        "numbers": numbers,
        "alfa_account": alfa.number,
    }


def alfas_number(case, world) -> str | None:
    if "number" not in (case.path_parameters or {}):
        return None
    prefix = case.operation.path.split("{number}")[0]
    return world["numbers"].get(prefix)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_its_schema_and_its_tenants(case, world):
    # Each call carries one of our tokens, whatever the generator put in the headers.
    case.headers = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
    for who in ("alfa", "beta", "erp"):
        check(case, case.call(headers=bearer(world[who])), world[who])
    number = alfas_number(case, world)
    if number is None:
        return
    case.path_parameters = {**case.path_parameters, "number": number}
    outsider = case.call(headers=bearer(world["beta"]))
    check(case, outsider, world["beta"])
    # Whatever the generator made of the rest of the call, Beta never gets Alfa's object.
    assert outsider.status_code >= 400 or number not in outsider.text, outsider.text
    insider = case.call(headers=bearer(world["alfa"]))
    check(case, insider, world["alfa"])
    content_type = insider.headers.get("content-type", [""])[0]
    if insider.status_code == 200 and content_type.startswith("application/json"):
        assert number in json.dumps(insider.json())
