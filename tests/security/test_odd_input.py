"""Odd input never answers a 5xx: every GET route of tests/tenancy_routes.py asked with odd
query values by a caller it serves, the filter forms fed by Hypothesis, and NUL characters
(which PostgreSQL refuses in text) refused with a 400 wherever they come from."""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clientdesk.billing.forms import InvoiceFilterForm
from clientdesk.orders.forms import OrderFilterForm
from clientdesk.support.filters import RequestFilterForm
from clientdesk.support.models import SupportRequest
from clientdesk.support.staff.forms import StaffFilterForm
from tests import tenancy_routes as routes
from tests.api.factories import bearer, customer_token
from tests.support.factories import SupportRequestFactory
from tests.test_tenancy import sign_in, staff_member, text_of

ANY_MESSAGE = "Cererea nu a putut fi citită."
COMMON_PARAMETERS = ("q", "page", "status", "type", "sort", "after")
# Already quoted for a query string: "%ff" is a byte that is not UTF-8.
ODD_VALUES = [
    quote(value)
    for value in (
        "\x00",
        "a\x00b",
        "x" * 5000,
        "😀🇷🇴",
        "' OR 1=1 --",
        "-1",
        "-9223372036854775809",
        "99999999999999999999999999",
        "1e309",
        "2026-02-30",
        "9999-12-31",
    )
] + ["%ff", "%C0%80"]
# Each parameter alone: the values that reach a database or a conversion (kept few: time).
EACH_VALUES = [quote(v) for v in ("x" * 5000, "-1", "99999999999999999999999999")] + [
    quote("2026-02-30"),
    quote("9999-12-31"),
    "%ff",
]

GET_ROUTES = {
    name: route
    for table in (
        routes.CUSTOMER_OBJECTS,
        routes.CUSTOMER_PAGES,
        routes.PUBLIC,
        routes.NOT_CUSTOMER_DATA,
        routes.STAFF,
    )
    for name, route in table.items()
    if "GET" in route.methods
}


class QueryNames(HTMLParser):
    """The names of the fields of a page's GET forms: the query parameters it reads."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
        elif self._in_get_form and tag in ("input", "select", "textarea"):
            self.names.update([attributes["name"]] if attributes.get("name") else [])

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def query_names(response) -> set[str]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return set()
    parser = QueryNames()
    parser.feed(text_of(response))
    return parser.names


def names_in(url: str) -> set[str]:
    return {name for name, _value in parse_qsl(urlsplit(url).query)}


def with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def assert_no_server_error(client, url: str) -> None:
    response = client.get(url)
    text_of(response)
    assert response.status_code < 500, f"{url[:200]} answered {response.status_code}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(GET_ROUTES))
def test_odd_query_values_never_answer_a_server_error(client, name, alfa, alfa_admin):
    route = GET_ROUTES[name]
    if isinstance(route, routes.StaffRoute):
        client.force_login(staff_member(route.role or routes.ADMIN))
    else:
        sign_in(client, alfa_admin, reauthenticate=getattr(route, "reauthenticate", False))
    url = route.build(alfa, alfa_admin).url
    # The parameters of its GET forms and of the URL itself (a link's ?article=).
    own = query_names(client.get(url)) | names_in(url)
    base = url.split("?")[0]
    for value in ODD_VALUES:
        every = "&".join(f"{quote(n)}={value}" for n in sorted(own | set(COMMON_PARAMETERS)))
        assert_no_server_error(client, with_query(base, every))
    # Then each alone: a form refusing one field must not hide what another does with its value.
    for parameter in sorted(own):
        for value in EACH_VALUES:
            assert_no_server_error(client, with_query(url, f"{quote(parameter)}={value}"))


# Hypothesis on the filter forms ---------------------------------------------------------

ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=300)
NUMBERS = st.integers(min_value=-(10**30), max_value=10**30).map(str)
DATES = st.dates().map(str) | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z")
VALUES = ANY_TEXT | NUMBERS | DATES


def filter_params(form_class) -> st.SearchStrategy[dict[str, str]]:
    return st.dictionaries(st.sampled_from(sorted(form_class.base_fields)), VALUES)


FILTER_PAGES = [
    pytest.param("orders:list", OrderFilterForm, None, id="orders"),
    pytest.param("billing:list", InvoiceFilterForm, None, id="invoices"),
    pytest.param("support:list", RequestFilterForm, None, id="requests"),
    pytest.param("support_staff:queue", StaffFilterForm, routes.AGENT, id="staff-queue"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("url_name", "form_class", "role"), FILTER_PAGES)
def test_the_filter_forms_answer_any_input_without_a_server_error(
    client, alfa, alfa_admin, url_name, form_class, role
):
    SupportRequestFactory(account=alfa, requester=alfa_admin)
    client.force_login(staff_member(role) if role else alfa_admin)
    url = reverse(url_name)

    @hypothesis_settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=filter_params(form_class))
    def check(params):
        response = client.get(url, params)
        text_of(response)
        assert response.status_code < 500, (params, response.status_code)

    check()


# NUL characters -------------------------------------------------------------------------


def assert_the_portals_400_page(response) -> None:
    assert response.status_code == 400
    assert "Cerere greșită" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/requests/new/?type=%00", "/requests/suggestions/open/?article=%00", "/faq/a%00b/"],
)
def test_a_nul_in_the_path_or_a_query_answers_the_portals_400_page(client, alfa_admin, url):
    client.force_login(alfa_admin)

    assert_the_portals_400_page(client.get(url))


@pytest.mark.django_db
def test_a_nul_in_a_form_field_answers_400_and_files_nothing(client, alfa_admin):
    client.force_login(alfa_admin)

    response = client.post(reverse("support:new"), {"subject": "Imprimanta\x00", "type": "x"})

    assert_the_portals_400_page(response)
    assert not SupportRequest.objects.exists()


@pytest.mark.django_db
def test_a_nul_in_a_cookie_answers_400_before_the_session_is_read(client):
    client.cookies["sessionid"] = "abcdefgh\x00"

    assert_the_portals_400_page(client.get(reverse("home")))


@pytest.mark.django_db
def test_the_api_refuses_a_nul_in_a_query_in_its_error_shape(client):
    response = client.get("/api/v1/kb/search?q=a%00b")

    assert response.status_code == 422
    assert response.json() == {
        "detail": [{"loc": ["query", "q"], "code": "bad_request", "msg": ANY_MESSAGE}]
    }


@pytest.mark.django_db
def test_the_api_refuses_a_nul_in_a_json_body_in_its_error_shape(client, alfa, alfa_admin):
    _token, secret = customer_token(alfa_admin)
    # json.dumps writes the NUL as the escape \u0000, as any client's encoder does.
    response = client.post(
        "/api/v1/requests",
        {"account": alfa.number, "subject": "a\x00b", "description": "x", "type": "t"},
        content_type="application/json",
        headers=bearer(secret),
    )

    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [["body"]]


@pytest.mark.django_db
def test_a_nul_free_request_is_let_through_untouched(client, db):
    assert client.get(reverse("kb:search") + "?q=imprimant%C4%83").status_code == 200
