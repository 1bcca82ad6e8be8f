"""What bench/pages.py measures: each user's pages, with URLs built from their own data.

Read through the app's own queries (the tenancy gate, the lists' orderings), so a URL
names what that user's list shows first: the newest request, order, contract and
invoice, a word of their newest request, one of their PO numbers. A page whose object
the user does not have (no invoices in a data set yet, one page of invoices only) is a
Page with no path and the reason, reported as "n/a".
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

from clientdesk.accounts.models import User
from clientdesk.backoffice import roles
from clientdesk.billing import ledger
from clientdesk.billing import queries as billing
from clientdesk.billing.views import PER_PAGE
from clientdesk.contracts import queries as contracts
from clientdesk.orders import queries as orders
from clientdesk.orders.models import Order
from clientdesk.support import queries as support

VISITOR = "visitor"
STATEMENT_YEARS = (1, 5)
# The word search's word: long enough to be a word, not a stem of every subject.
WORD_LENGTH = 5


@dataclass(frozen=True)
class Page:
    label: str
    who: str  # an e-mail address, or VISITOR
    path: str | None  # None: the user has no such object (``missing`` says why)
    missing: str = ""


def customer_pages(user: User, today: date | None = None) -> list[Page]:
    """The customer pages issue 15 lists, for one user, from that user's data."""
    today = today or ledger.today()

    def page(label: str, path: str | None, missing: str = "") -> Page:
        return Page(label, user.email, path, "" if path else missing)

    newest_request = support.requests_of(user).first()
    word = _word(newest_request.subject) if newest_request else None
    listed_orders = orders.orders_matching(user)
    # The heavier page when there is one: an order with its shipments and their events.
    order = listed_orders.exclude(shipments=None).first() or listed_orders.first()
    with_po = listed_orders.exclude(po_number="").first()
    contract = contracts.contracts_matching(user).first()
    invoices = billing.invoices_matching(user, cutoff=billing.overdue_cutoff())
    invoice = invoices.order_by("-issued_on", "-number").first()
    return [
        page("dashboard", "/portal/"),
        page("request list", "/requests/"),
        page(
            "a request",
            f"/requests/{newest_request.number}/" if newest_request else None,
            "no request",
        ),
        page(
            "request word search",
            "/requests/?" + urlencode({"q": word}) if word else None,
            f"no word of {WORD_LENGTH} letters",
        ),
        page("contract list", "/contracts/"),
        page(
            "a contract", f"/contracts/{contract.public_id}/" if contract else None, "no contract"
        ),
        page("order list", "/orders/"),
        page("order list, on their way", "/orders/?status=" + Order.ON_THE_WAY_FILTER),
        page(
            "order PO search",
            "/orders/?" + urlencode({"q": with_po.po_number}) if with_po else None,
            "no PO number",
        ),
        page("an order", f"/orders/{order.public_id}/" if order else None, "no order"),
        page("invoice list", "/invoices/"),
        page("invoice list, open", "/invoices/?status=open"),
        page("invoice list, largest first", "/invoices/?sort=-total"),
        page("invoice list, last page", _last_page(invoices), "one page of invoices"),
        page("an invoice", f"/invoices/{invoice.number}/" if invoice else None, "no invoice"),
        *(
            page(f"statement, {years} year{'s' if years > 1 else ''}", _statement(years, today))
            for years in STATEMENT_YEARS
        ),
    ]


def _word(subject: str) -> str | None:
    words = (word.strip(",.:;()!?\"'").lower() for word in subject.split())
    return next((word for word in words if len(word) >= WORD_LENGTH), None)


def _last_page(invoices) -> str | None:
    """The list's "Last page" link, which reads the list backwards from its end
    (core/keyset.py). None when the list has one page."""
    return "/invoices/?last=1" if invoices[PER_PAGE : PER_PAGE + 1].exists() else None


def _statement(years: int, today: date) -> str:
    start = today - timedelta(days=365 * years)
    dates = {"period": "custom", "date_from": start.isoformat(), "date_to": today.isoformat()}
    return "/statement/?" + urlencode(dates)


def staff_queue(email: str) -> Page:
    return Page("staff queue", email, "/staff/requests/")


def kb_search() -> Page:
    return Page("KB search API", VISITOR, "/api/v1/kb/search?q=factura&lang=ro&limit=10")


def support_agent(email: str) -> User:
    """The staff user of the staff queue; made a support agent when the data has none."""
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"first_name": "Bench", "last_name": "Agent", "is_staff": True},
    )
    if created:
        roles.ensure_roles()
        user.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
    return user


def query_count(client: Client, path: str) -> int:
    """The SQL queries of one request of a page, after one that warms the caches."""
    client.get(path)
    reset_queries()  # the query log is a bounded deque: a full one would hide this page's
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in-process")
    return len(queries)
