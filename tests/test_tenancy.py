"""The tenancy gate, walked: every route of the portal, with every method, by every kind of caller.

Each route the resolver knows (and each operation of the API's schema) is classified in
tests/tenancy_routes.py; one that is not fails the first tests, by name. For each class
the walk proves what it promises:

- a customer object's route serves Alfa's admin, answers 404 to Beta's user, to an
  Alfa colleague without the grant and to staff of every role, sends the signed-out to
  the login page, and the refused calls change no row of the customer tables;
- a customer list or form needs a login and shows no other customer's data;
- a staff route never serves a customer, and serves staff in its role, no other role;
- an API operation on customer data serves only the insider's token, and Beta's token
  changes nothing;
- a builder fills in the route it is filed under, or the test fails;
- a list shows exactly the objects whose detail page serves the same user;
- a public route answers anyone;
- a method a route's entry does not list answers 405, so the tables are the views' truth.
"""

import json
import re
from io import BytesIO
from urllib.parse import urlencode, urlsplit

import openpyxl
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

from clientdesk.accounts.models import AccessRequest, Invitation, Membership
from clientdesk.api.urls import api
from clientdesk.backoffice import roles as staff_roles
from clientdesk.billing.models import (
    BillingAccount,
    BulkDownload,
    Invoice,
    LedgerEntry,
    Payment,
)
from clientdesk.contracts.models import (
    Contract,
    ContractDocument,
    Equipment,
    SignatureRequest,
    SignatureStep,
)
from clientdesk.core import grants as G
from clientdesk.core.models import Event, OutboundEmail
from clientdesk.kb.search import bump_index_version
from clientdesk.orders.models import Order
from clientdesk.support.models import Attachment, Message, SupportRequest
from tests import tenancy_routes as routes
from tests.api.factories import customer_token, vendor_token
from tests.billing.factories import issue
from tests.contracts.factories import ContractFactory, EquipmentFactory
from tests.factories import PASSWORD, MembershipFactory, UserFactory
from tests.kb.factories import ArticleFactory
from tests.orders.factories import OrderFactory
from tests.support.factories import SupportRequestFactory

# The tables whose rows a refused call must leave as they were.
CUSTOMER_TABLES = (
    SupportRequest,
    Message,
    Attachment,
    Order,
    Contract,
    ContractDocument,
    Equipment,
    SignatureRequest,
    SignatureStep,
    Invoice,
    Payment,
    BillingAccount,
    LedgerEntry,
    BulkDownload,
    Membership,
    Invitation,
    AccessRequest,
    Event,
    OutboundEmail,
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOGIN_PAGES = {"account_login", "admin:login"}


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path  # where request attachments are written
    settings.MEDIA_ROOT = tmp_path / "media"  # where the vendor's logo is


# The walk --------------------------------------------------------------------------------


def walk(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from walk(pattern, prefix + namespace)
        elif isinstance(pattern, URLPattern):
            yield prefix + (pattern.name or f"<unnamed: {pattern.pattern}>"), pattern


def walked_names() -> set[str]:
    names = set()
    for name, pattern in walk(get_resolver()):
        if name.startswith(routes.ADMIN_NAMESPACE):
            continue
        # Only allauth's own views: a portal route named account_* is walked like any other.
        module = getattr(pattern.callback, "__module__", "") or ""
        if name.startswith(routes.IDENTITY_PREFIXES) and module.startswith(routes.IDENTITY_MODULE):
            continue
        names.add(name)
    return names


TABLES = {
    "CUSTOMER_OBJECTS": routes.CUSTOMER_OBJECTS,
    "CUSTOMER_PAGES": routes.CUSTOMER_PAGES,
    "PUBLIC": routes.PUBLIC,
    "NOT_CUSTOMER_DATA": routes.NOT_CUSTOMER_DATA,
    "STAFF": routes.STAFF,
    "API_URL_NAMES": routes.API_URL_NAMES,
}


def test_every_route_is_classified():
    classified: dict[str, list[str]] = {}
    for table, entries in TABLES.items():
        for name in entries:
            classified.setdefault(name, []).append(table)
    walked = walked_names()
    unclassified = sorted(walked - set(classified))
    assert not unclassified, (
        f"Routes not in any table of tests/tenancy_routes.py: {unclassified}. "
        "Add each to the table that says who may reach it."
    )
    stale = sorted(set(classified) - walked)
    assert not stale, f"Table entries for routes that no longer exist: {stale}"
    twice = {name: tables for name, tables in classified.items() if len(tables) > 1}
    assert not twice, f"Routes in more than one table: {twice}"
    no_reason = [name for name, route in routes.NOT_CUSTOMER_DATA.items() if not route.reason]
    assert not no_reason, f"Say why these show no customer's data: {no_reason}"


def schema_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method.upper(), path) for path, item in schema["paths"].items() for method in item}


def test_every_api_operation_is_classified():
    operations = schema_operations()
    assert operations == set(routes.API_OPERATIONS), (
        "The API's operations and API_OPERATIONS in tests/tenancy_routes.py differ: "
        f"not classified {sorted(operations - set(routes.API_OPERATIONS))}, "
        f"gone {sorted(set(routes.API_OPERATIONS) - operations)}"
    )
    assert {path for _method, path in operations} == set(routes.API_URL_NAMES.values())
    # Only public operations are walked below; a customer's (token-scoped) one needs the
    # walk of CUSTOMER_OBJECTS (insider served, other customer 404, no grant 404) first.
    walked_classes = {
        routes.API_PUBLIC,
        routes.API_ANY_TOKEN,
        routes.API_CUSTOMER,
        routes.API_VENDOR,
    }
    unwalked = {
        op: c for op, (c, _query) in routes.API_OPERATIONS.items() if c not in walked_classes
    }
    assert not unwalked, f"API operations of a class this walk does not test: {unwalked}"


# Helpers ---------------------------------------------------------------------------------


def call(client, method, target):
    if method == "GET":
        return client.get(target.url)
    if method == "POST":
        return client.post(target.url, target.post)
    return client.generic(method, target.url)


def text_of(response) -> str:
    # Reading a streamed body to its end closes it; response.close() must not be called here:
    # it sends request_finished, which on PostgreSQL closes the test's connection.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith(XLSX):
        book = openpyxl.load_workbook(BytesIO(content), read_only=True)
        cells = (
            cell for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
        return "\n".join(str(cell) for cell in cells if cell is not None)
    return content.decode("utf-8", "replace")


def redirects_to(response, names) -> bool:
    if response.status_code != 302:
        return False
    try:
        return resolve(urlsplit(response["Location"]).path).view_name in names
    except Resolver404:
        return False


def succeeded(response) -> bool:
    """Served: a page, a file, no content, or a redirect that is not to a sign-in."""
    if response.status_code in (200, 204):
        return True
    return response.status_code == 302 and not redirects_to(response, LOGIN_PAGES)


def describe(response) -> str:
    return f"{response.status_code} {response.get('Location', '')}".strip()


def rows(model) -> list[tuple]:
    queryset = model.objects.order_by("pk")
    if model is Event:  # the API records each call, refused or not
        queryset = queryset.exclude(kind="api.called")
    return list(queryset.values_list(*(f.attname for f in model._meta.concrete_fields)))


def snapshot() -> dict[str, list[tuple]]:
    """Every row of the customer tables: what a refused call must leave unchanged."""
    return {model._meta.label: rows(model) for model in CUSTOMER_TABLES}


def colleague_without(alfa, grant):
    """An Alfa user holding every grant but ``grant``."""
    grants = {G.field_name(held): True for held in G.ALL if held != grant}
    return MembershipFactory(account=alfa, **grants).user


def staff_member(*roles):
    user = UserFactory(is_staff=True)
    user.groups.set(Group.objects.filter(name__in=[role for role in roles if role]))
    return user


EVERY_ROLE = (*staff_roles.ROLE_PERMISSIONS, staff_roles.VENDOR_ADMIN)


def fill(name, alfa, alfa_admin) -> routes.Target:
    """The route's URL for an object of Alfa: a builder that fills in another route fails."""
    target = ALL_ROUTES[name].build(alfa, alfa_admin)
    path = urlsplit(target.url).path
    assert resolve(path).view_name == name, f"the builder of {name} fills in {path}"
    return target


def sign_in(client, user, *, reauthenticate=False):
    client.force_login(user)
    if reauthenticate:
        client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def cases(table, *, only=lambda route: True):
    """One test per route and each method it accepts, named like ``support:reply-POST``."""
    return [
        pytest.param(name, method, id=f"{name}-{method}")
        for name, route in sorted(table.items())
        if only(route)
        for method in route.methods
    ]


def unlisted(route):
    return [method for method in routes.METHODS if method not in route.methods]


# The tables are the views' truth: a method a route's entry does not list answers 405 ------

ALL_ROUTES = {
    **routes.CUSTOMER_OBJECTS,
    **routes.CUSTOMER_PAGES,
    **routes.PUBLIC,
    **routes.NOT_CUSTOMER_DATA,
    **routes.STAFF,
}


# One test per route (not per method): it builds the route's object once and asks it
# every method its entry leaves out; the failure names each one that was not refused.
@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, r in ALL_ROUTES.items() if unlisted(r)))
def test_the_methods_a_route_does_not_list_answer_405(client, name, alfa, alfa_admin):
    route = ALL_ROUTES[name]
    # Asked by a caller the route serves, so that only the method can refuse.
    if isinstance(route, routes.StaffRoute):
        client.force_login(staff_member(route.role or routes.ADMIN))
    elif isinstance(route, routes.ObjectRoute | routes.PageRoute):
        sign_in(client, alfa_admin, reauthenticate=getattr(route, "reauthenticate", False))
    target = fill(name, alfa, alfa_admin)
    answers = {}
    for method in unlisted(route):
        response = call(client, method, target)
        text_of(response)
        answers[method] = describe(response)
    assert answers == dict.fromkeys(unlisted(route), "405"), (
        f"{name} accepts methods its entry in tests/tenancy_routes.py does not list"
    )


# Customer object routes ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_OBJECTS))
def test_the_insider_is_served(client, name, method, alfa, alfa_admin):
    target = fill(name, alfa, alfa_admin)
    client.force_login(alfa_admin)
    response = call(client, method, target)
    text_of(response)
    assert succeeded(response), describe(response)
    if method == "POST" and target.done is not None:
        assert target.done(), f"the POST answered {describe(response)} but changed nothing"


def assert_refused_and_nothing_changed(client, method, target, expected):
    before = snapshot()
    response = call(client, method, target)
    text_of(response)
    if expected == routes.LOGIN:
        assert redirects_to(response, {"account_login"}), describe(response)
        assert response["Location"].startswith("/account/login/")
    else:
        assert response.status_code == 404, describe(response)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_OBJECTS))
def test_another_customers_user_gets_404(client, name, method, alfa, alfa_admin, beta_user):
    target = fill(name, alfa, alfa_admin)
    client.force_login(beta_user)
    assert_refused_and_nothing_changed(client, method, target, routes.NOT_FOUND)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_OBJECTS))
def test_a_colleague_without_the_grant_gets_404(client, name, method, alfa, alfa_admin):
    route = routes.CUSTOMER_OBJECTS[name]
    target = fill(name, alfa, alfa_admin)
    client.force_login(colleague_without(alfa, route.grant))
    assert_refused_and_nothing_changed(client, method, target, routes.NOT_FOUND)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_OBJECTS))
def test_staff_of_every_role_get_404_on_a_customer_object(client, name, method, alfa, alfa_admin):
    # Staff read customer data on the staff side only, whatever their roles.
    target = fill(name, alfa, alfa_admin)
    client.force_login(staff_member(*EVERY_ROLE))
    assert_refused_and_nothing_changed(client, method, target, routes.NOT_FOUND)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_OBJECTS))
def test_signed_out_an_object_route_asks_to_sign_in(client, name, method, alfa, alfa_admin):
    route = routes.CUSTOMER_OBJECTS[name]
    target = fill(name, alfa, alfa_admin)
    assert_refused_and_nothing_changed(client, method, target, route.signed_out)


# Customer lists and forms ----------------------------------------------------------------


@pytest.fixture
def alfa_data(alfa, alfa_admin, beta_user):
    """What of Alfa a page may show, by kind: the first string is the one its pages show.
    Beta has a request and an order too, so its lists are not empty."""
    beta = beta_user.memberships.get().account
    SupportRequestFactory(account=beta, requester=beta_user)
    OrderFactory(account=beta)
    ContractFactory(account=beta)
    EquipmentFactory(account=beta)
    contract = ContractFactory(account=alfa)
    machine = EquipmentFactory(account=alfa)
    issue(beta)
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    order = OrderFactory(account=alfa)
    invoice = issue(alfa, po_number="ALF-PO-INV-1")
    return {
        routes.ACCOUNT: (alfa.name, alfa.number),
        routes.REQUESTS: (support_request.number, support_request.subject),
        routes.ORDERS: (order.number, order.po_number),
        routes.CONTRACT: (contract.number,),
        routes.MACHINE: (machine.serial_number,),
        routes.INVOICES: (invoice.number, invoice.po_number),
    }


# The kind of Alfa's data (in alfa_data) that a grant lets a page show.
GRANT_DATA = {
    G.REQUESTS: (routes.REQUESTS,),
    G.ORDERS: (routes.ORDERS,),
    G.CONTRACTS_VIEW: (routes.CONTRACT, routes.MACHINE),
    G.INVOICES: (routes.INVOICES,),
}


def leaked(text, data, kinds):
    return [value for kind in kinds for value in data[kind] if value in text]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.CUSTOMER_PAGES))
def test_signed_out_a_customer_page_asks_to_sign_in(client, name, method, alfa, alfa_admin):
    target = fill(name, alfa, alfa_admin)
    assert_refused_and_nothing_changed(client, method, target, routes.LOGIN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(routes.CUSTOMER_PAGES))
def test_a_customer_page_serves_the_insider_with_alfas_data(
    client, name, alfa, alfa_admin, alfa_data
):
    route = routes.CUSTOMER_PAGES[name]
    sign_in(client, alfa_admin, reauthenticate=route.reauthenticate)
    response = client.get(fill(name, alfa, alfa_admin).url)
    text = text_of(response)
    assert response.status_code == route.answers and succeeded(response), describe(response)
    missing = [alfa_data[kind][0] for kind in route.shows if alfa_data[kind][0] not in text]
    assert not missing, f"the page does not show Alfa's admin {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(routes.CUSTOMER_PAGES))
def test_a_customer_page_shows_another_customer_nothing_of_alfa(
    client, name, alfa, alfa_admin, alfa_data, beta_user
):
    route = routes.CUSTOMER_PAGES[name]
    target = fill(name, alfa, alfa_admin)
    sign_in(client, beta_user, reauthenticate=route.reauthenticate)
    response = client.get(target.url)
    assert response.status_code == route.answers and succeeded(response), describe(response)
    assert not leaked(text_of(response), alfa_data, alfa_data)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n, r in routes.CUSTOMER_PAGES.items() if r.grant))
def test_a_customer_page_shows_a_colleague_without_the_grant_nothing_of_it(
    client, name, alfa, alfa_admin, alfa_data
):
    route = routes.CUSTOMER_PAGES[name]
    target = fill(name, alfa, alfa_admin)
    client.force_login(colleague_without(alfa, route.grant))
    assert route.grant in GRANT_DATA, f"name the data of Alfa that {route.grant!r} shows"
    response = client.get(target.url)
    assert response.status_code in (200, 302, 404), describe(response)
    assert not leaked(text_of(response), alfa_data, GRANT_DATA[route.grant])


# Staff routes ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.STAFF))
def test_a_customer_never_reaches_a_staff_route(client, name, method, alfa, alfa_admin):
    target = fill(name, alfa, alfa_admin)
    client.force_login(alfa_admin)
    before = snapshot()
    response = call(client, method, target)
    text_of(response)
    assert redirects_to(response, LOGIN_PAGES) or response.status_code == 403, describe(response)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.STAFF))
def test_signed_out_a_staff_route_asks_to_sign_in(client, name, method, alfa, alfa_admin):
    target = fill(name, alfa, alfa_admin)
    before = snapshot()
    response = call(client, method, target)
    text_of(response)
    assert redirects_to(response, LOGIN_PAGES), describe(response)
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.STAFF))
def test_staff_in_the_role_are_served(client, name, method, alfa, alfa_admin):
    route = routes.STAFF[name]
    target = fill(name, alfa, alfa_admin)
    client.force_login(staff_member(route.role))
    response = call(client, method, target)
    text_of(response)
    if method == "GET":
        assert response.status_code == 200, describe(response)
    assert succeeded(response), describe(response)
    if method == "POST" and target.done is not None:
        assert target.done(), f"the POST answered {describe(response)} but changed nothing"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(routes.STAFF, only=lambda route: route.role))
def test_staff_outside_the_role_get_403(name, method, alfa, alfa_admin):
    route = routes.STAFF[name]
    target = fill(name, alfa, alfa_admin)
    served = (route.role, staff_roles.VENDOR_ADMIN, *routes.SERVED_TOO.get(name, ()))
    others = [None, *(role for role in EVERY_ROLE if role not in served)]
    signed_in = {role: Client() for role in others}  # no role, then each other one
    for role, other in signed_in.items():
        other.force_login(staff_member(role))
    before = snapshot()
    answers = {}
    for role, other in signed_in.items():
        response = call(other, method, target)
        text_of(response)
        answers[role] = response.status_code
    assert answers == dict.fromkeys(others, 403)
    assert snapshot() == before


# Public routes --------------------------------------------------------------------------

OPEN_ROUTES = {**routes.PUBLIC, **routes.NOT_CUSTOMER_DATA}


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "method"), cases(OPEN_ROUTES))
def test_a_public_route_answers_anyone(client, name, method, alfa, alfa_admin):
    route = OPEN_ROUTES[name]
    response = call(client, method, fill(name, alfa, alfa_admin))
    text_of(response)
    assert response.status_code == route.answers[method], describe(response)


# The API --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"),
    [
        pytest.param(*op, id=" ".join(op))
        for op, (access, _query) in sorted(routes.API_OPERATIONS.items())
        if access == routes.API_PUBLIC
    ],
)
def test_a_public_api_operation_answers_anonymously(client, method, path):
    _access, query = routes.API_OPERATIONS[(method, path)]
    article = ArticleFactory(lang="ro", title="Imprimanta nu scanează")
    bump_index_version()  # the search index of this process reads this test's rows
    response = client.generic(method, path, QUERY_STRING=urlencode(query))
    assert response.status_code == 200, describe(response)
    assert article.slug in [result["slug"] for result in response.json()["results"]]


def api_ops(access: str) -> list:
    return [
        pytest.param(*op, id=" ".join(op))
        for op, (op_access, _builder) in sorted(routes.API_OPERATIONS.items())
        if op_access == access
    ]


def api_fill(method, path, alfa, alfa_admin) -> routes.ApiTarget:
    """The operation's path for an object of Alfa: a builder that fills in another fails."""
    _access, build = routes.API_OPERATIONS[(method, path)]
    target = build(alfa, alfa_admin)
    template = re.escape(path).replace(r"\{", "{").replace(r"\}", "}")
    assert re.fullmatch(re.sub(r"{\w+}", "[^/]+", template), target.path), (
        f"the builder of {method} {path} fills in {target.path}"
    )
    return target


def api_call(client, method, target, plain=None):
    headers = {"Authorization": f"Bearer {plain}"} if plain else {}
    if method == "GET":
        return client.get(target.path, headers=headers)
    return client.generic(
        method, target.path, json.dumps(target.body), "application/json", headers=headers
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), api_ops(routes.API_ANY_TOKEN))
def test_an_operation_about_the_token_needs_one(client, method, path, alfa_admin):
    target = routes.ApiTarget(path)
    assert api_call(client, method, target).status_code == 401
    _token, plain = customer_token(alfa_admin)
    assert api_call(client, method, target, plain).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), api_ops(routes.API_CUSTOMER))
def test_a_customer_api_operation_serves_only_the_insider(
    client, method, path, alfa, alfa_admin, beta_user
):
    target = api_fill(method, path, alfa, alfa_admin)
    no_grant = MembershipFactory(account=alfa).user
    assert api_call(client, method, target).status_code == 401
    for outsider in (beta_user, no_grant):
        _token, plain = customer_token(outsider)
        before = snapshot()
        response = api_call(client, method, target, plain)
        text = response.content.decode()
        if response.status_code == 200:  # a list: it must not list Alfa's objects
            listed = response.json()
            assert (listed["results"] if isinstance(listed, dict) else listed) == [], text
        elif target.new_for_account:
            assert response.status_code == 422, text
            assert response.json()["detail"][0]["loc"] == ["body", "account"]
        else:
            assert response.status_code == 404, text
        assert snapshot() == before, "it changed something"
    _token, plain = customer_token(alfa_admin)
    response = api_call(client, method, target, plain)
    assert response.status_code == target.insider, response.content


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), api_ops(routes.API_VENDOR))
def test_an_erp_operation_answers_only_a_vendor_token(client, method, path, alfa, alfa_admin):
    target = api_fill(method, path, alfa, alfa_admin)
    _token, plain = customer_token(alfa_admin)  # every grant of Alfa, still not the ERP
    before = snapshot()
    assert api_call(client, method, target).status_code == 401
    assert api_call(client, method, target, plain).status_code == 401
    assert snapshot() == before, "it changed something"
    _token, plain = vendor_token()
    response = api_call(client, method, target, plain)
    assert response.status_code == target.insider, response.content


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(set(routes.API_URL_NAMES.values())))
def test_the_methods_the_schema_does_not_list_answer_405(client, path):
    listed = {method for method, listed_path in routes.API_OPERATIONS if listed_path == path}
    unlisted_methods = [method for method in routes.METHODS if method not in listed]
    answers = {method: client.generic(method, path).status_code for method in unlisted_methods}
    assert answers == dict.fromkeys(unlisted_methods, 405)


# The lists and the gate -----------------------------------------------------------------


# Each kind with a list page and a detail page: how to make one, the two routes, the field
# that names it in the detail's URL, and the field the list shows.
LISTED_KINDS = {
    "requests": (
        lambda account, user: SupportRequestFactory(account=account, requester=user),
        "support:list",
        "support:detail",
        "number",
        "number",
    ),
    "orders": (
        lambda account, user: OrderFactory(account=account),
        "orders:list",
        "orders:detail",
        "public_id",
        "number",
    ),
    "contracts": (
        lambda account, user: ContractFactory(account=account),
        "contracts:list",
        "contracts:detail",
        "public_id",
        "number",
    ),
    "equipment": (
        lambda account, user: EquipmentFactory(account=account),
        "equipment:list",
        "equipment:detail",
        "public_id",
        "serial_number",
    ),
    "invoices": (
        lambda account, user: issue(account),
        "billing:list",
        "billing:detail",
        "number",
        "number",
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(LISTED_KINDS))
def test_a_list_shows_exactly_the_objects_whose_detail_serves_the_user(
    client, kind, alfa, alfa_admin, alfa_limited, beta_user
):
    make, list_name, detail_name, key, shown = LISTED_KINDS[kind]
    beta = beta_user.memberships.get().account
    objects = [make(alfa, alfa_admin), make(alfa, alfa_admin), make(beta, beta_user)]
    seen = {}
    for user in (alfa_admin, alfa_limited, beta_user):
        client.force_login(user)
        listing = client.get(reverse(list_name))
        text = text_of(listing) if listing.status_code == 200 else ""
        listed = {o.pk for o in objects if str(getattr(o, shown)) in text}
        served = {
            o.pk
            for o in objects
            if client.get(reverse(detail_name, args=[getattr(o, key)])).status_code == 200
        }
        assert listed == served, f"{user}: listed {listed}, detail pages served {served}"
        seen[user] = served
    assert seen[alfa_admin] == {objects[0].pk, objects[1].pk}
    assert seen[beta_user] == {objects[2].pk}


@pytest.mark.django_db
def test_a_list_sees_exactly_what_the_gate_lets_through(alfa, alfa_admin, alfa_limited, beta_user):
    OrderFactory.create_batch(2, account=alfa)
    beta = beta_user.memberships.get().account
    OrderFactory(account=beta)
    # Alfa's admin on Beta too, but without the orders grant there.
    MembershipFactory(user=alfa_admin, account=beta, grant_requests=True)
    for user in (alfa_admin, alfa_limited, beta_user):
        listed = set(Order.objects.listed_for(user, G.ORDERS))
        assert listed == set(Order.objects.visible_to(user, G.ORDERS)), user
    assert {o.account for o in Order.objects.listed_for(alfa_admin, G.ORDERS)} == {alfa}
    assert not Order.objects.listed_for(alfa_limited, G.INVOICES).exists()


@pytest.mark.django_db
def test_a_request_reads_the_memberships_once_and_the_next_sees_a_revoked_grant(
    client, alfa, alfa_admin
):
    OrderFactory(account=alfa)
    client.force_login(alfa_admin)
    client.get(reverse("orders:list"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("orders:list")).status_code == 200
    reads = [q for q in captured.captured_queries if 'FROM "accounts_membership"' in q["sql"]]
    assert len(reads) == 1

    membership = alfa_admin.memberships.get(account=alfa)
    membership.grant_orders = False
    membership.save()
    assert client.get(reverse("orders:list")).status_code == 404
