"""Page latency benchmark: each main page, many times, through the whole Django stack.

    .venv/bin/python bench/pages.py [--runs 200] [--volume 5000]
    .venv/bin/python bench/pages.py --existing --user big.admin@scale.example

Loads the demo data into a throwaway test database made from the configured
one (SQLite by default, PostgreSQL when DATABASE_URL is set), optionally adds
--volume more orders and requests to Alfa by copying the demo ones, then
requests each page --runs times with Django's test client (middleware,
sessions, templates included; no network) and prints p50/p95/p99 in
milliseconds and the page's SQL query count.

--existing measures the configured database as it is (no test database, no
demo data; e.g. after ``manage.py scale_data``); signing in adds a session
row to it. --user EMAIL measures that user's pages, built from their own
data: the newest order and request they see, one of their PO numbers, a
word of one of their requests.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
os.environ.setdefault("DEBUG", "1")  # development settings, as these benchmarks always ran

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clientdesk.accounts.models import User  # noqa: E402
from clientdesk.core import grants as G  # noqa: E402
from clientdesk.orders.models import Order  # noqa: E402
from clientdesk.support.models import SupportRequest  # noqa: E402

ALFA = "C-100245"


def add_volume(count: int) -> None:
    """Copies of Alfa's demo orders and requests, so lists page through real volume."""
    orders = list(Order.objects.filter(account__number=ALFA))
    requests = list(SupportRequest.objects.filter(account__number=ALFA))
    new_orders, new_requests = [], []
    for i in range(count):
        order = orders[i % len(orders)]
        order.pk, order.public_id, order.external_id = None, uuid.uuid4(), None
        order.number = f"CMD-2025-{i:06d}"
        new_orders.append(
            Order(**{f.attname: getattr(order, f.attname) for f in Order._meta.fields})
        )
        support_request = requests[i % len(requests)]
        support_request.pk, support_request.public_id = None, uuid.uuid4()
        support_request.number = f"REQ-2025-{i:06d}"
        new_requests.append(
            SupportRequest(
                **{
                    f.attname: getattr(support_request, f.attname)
                    for f in SupportRequest._meta.fields
                }
            )
        )
    Order.objects.bulk_create(new_orders, batch_size=1000)
    SupportRequest.objects.bulk_create(new_requests, batch_size=1000)
    if connection.vendor == "postgresql":
        # What autovacuum would soon do in production: plans from fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def pages() -> list[tuple[str | None, str]]:
    order = Order.objects.filter(account__number=ALFA).exclude(shipments=None).first()
    support_request = SupportRequest.objects.filter(account__number=ALFA).order_by("pk").first()
    return [
        (None, "/"),
        (None, "/faq/"),
        (None, "/faq/search/?q=contractul+de+mentenanta"),
        (None, "/contact/"),
        ("ana.popescu@alfa.example", "/portal/"),
        ("ana.popescu@alfa.example", "/requests/"),
        ("ana.popescu@alfa.example", f"/requests/{support_request.number}/"),
        ("ana.popescu@alfa.example", "/requests/new/"),
        ("ana.popescu@alfa.example", "/orders/"),
        ("ana.popescu@alfa.example", "/orders/?status=shipped&page=2"),
        ("ana.popescu@alfa.example", f"/orders/{order.public_id}/"),
        ("ana.popescu@alfa.example", "/access/"),
        ("ana.popescu@alfa.example", "/profile/"),
        ("agent@vendor.example", "/staff/requests/"),
        ("agent@vendor.example", f"/staff/requests/{support_request.number}/"),
    ]


def user_pages(email: str) -> list[tuple[str | None, str]]:
    """The customer pages of one user, from the first order and request they see."""
    user = User.objects.get(email=email)
    orders = Order.objects.visible_to(user, G.ORDERS).order_by("-ordered_on", "-number")
    # The heavier page when there is one: an order with its shipments and tracking.
    order = orders.exclude(shipments=None).first() or orders.first()
    with_po = orders.exclude(po_number="").first()
    support_request = SupportRequest.objects.visible_to(user, G.REQUESTS).first()
    if order is None or support_request is None:
        raise SystemExit(f"{email} sees no order or no request to measure")
    words = [w.strip(",.") for w in support_request.subject.split() if len(w.strip(",.")) >= 5]
    paths = [
        "/portal/",
        "/requests/",
        f"/requests/{support_request.number}/",
        "/orders/",
        "/orders/?status=shipped",
        f"/orders/{order.public_id}/",
    ]
    if with_po:
        paths.append(f"/orders/?q={quote(with_po.po_number)}")
    if words:
        paths.append(f"/requests/?q={quote(words[0].lower())}")
    return [(email, path) for path in paths]


def measure(client: Client, path: str, runs: int) -> tuple[list[float], int]:
    for _ in range(5):  # warm caches: templates, the FAQ index, the vendor configuration
        assert client.get(path).status_code == 200, path
    # The query log is a bounded deque: a full one would hide this page's queries.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, len(queries)


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--volume", type=int, default=0)
    parser.add_argument(
        "--existing", action="store_true", help="the configured database as it is, no demo data"
    )
    parser.add_argument("--user", metavar="EMAIL", help="measure this user's pages only")
    args = parser.parse_args()

    if args.existing:
        if args.volume:
            parser.error("--volume adds to the demo data's test database, not with --existing")
        run(args, f"{connection.vendor}, existing database {connection.settings_dict['NAME']}")
        return
    # No setup_test_environment(): its instrumented template rendering copies the
    # context at every include (a select of 250 countries: 500 copies) and would
    # be measured instead of the page.
    test_database = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        call_command("demo_data", verbosity=0)
        if args.volume:
            add_volume(args.volume)
        run(args, f"{connection.vendor}, demo data + {args.volume} orders and requests")
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)


def run(args, heading: str) -> None:
    print(f"{heading}, {args.runs} runs a page")
    print(f"{'page':<52} {'p50':>7} {'p95':>7} {'p99':>7} {'SQL':>4}")
    clients: dict[str | None, Client] = {}
    for email, path in user_pages(args.user) if args.user else pages():
        if email not in clients:
            clients[email] = Client()
            if email:
                clients[email].force_login(User.objects.get(email=email))
        timings, query_count = measure(clients[email], path, args.runs)
        label = f"{email.split('@')[0] if email else 'visitor'} {path}"[:52]
        print(
            f"{label:<52} {percentile(timings, 0.5):7.1f} {percentile(timings, 0.95):7.1f}"
            f" {percentile(timings, 0.99):7.1f} {query_count:4d}"
        )


if __name__ == "__main__":
    main()
