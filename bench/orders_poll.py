"""What an idle open order page costs the server: its htmx poll, measured.

    .venv/bin/python bench/orders_poll.py [--polls 600]

Loads the demo data into a throwaway test database made from the configured
one (SQLite by default, PostgreSQL when DATABASE_URL is set), signs in as the
demo user, opens an order page and then polls it as the page does, through
Django's test client and the whole middleware stack. Prints, per poll and per
minute of one idle open page: requests, response bytes, SQL queries and CPU
time; and the same for a poll that finds a change, for comparison.

CPU time is the process's, test client included, so it is an upper bound of
what a server process spends.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
os.environ.setdefault("DEBUG", "1")  # development settings, as these benchmarks always ran

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_test_environment,
)
from django.urls import reverse  # noqa: E402

from clientdesk.accounts import demo as accounts_demo  # noqa: E402
from clientdesk.accounts.models import User  # noqa: E402
from clientdesk.core.actors import Actor  # noqa: E402
from clientdesk.orders import demo, services  # noqa: E402
from clientdesk.orders.models import Order, Shipment  # noqa: E402
from clientdesk.orders.views import POLL_SECONDS  # noqa: E402

ERP = Actor.system("bench")  # the ERP, as the benchmark plays it
USER = "ana.popescu@alfa.example"
ORDER = "CMD-2026-001219"  # partly delivered, two shipments, a dozen events
# The headers htmx adds to a poll, and a browser's user agent (stored by session tracking).
BROWSER_HEADERS = {
    "HTTP_USER_AGENT": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "HTTP_HX_REQUEST": "true",
    "HTTP_HX_TARGET": "order-live",
    "HTTP_HX_CURRENT_URL": "http://127.0.0.1:8000/orders/",
}


def wire_bytes(response) -> int:
    """What a WSGI server writes for this response: status line, headers, body."""
    status = f"HTTP/1.1 {response.status_code} {response.reason_phrase}\r\n".encode()
    return len(status) + len(response.serialize_headers()) + 4 + len(response.content)


def measure(client: Client, url: str, params_for, count: int) -> dict:
    queries, cpu, wall, sizes, statuses = [], [], [], [], set()
    for index in range(count):
        params = params_for(index)
        with CaptureQueriesContext(connection) as captured:
            cpu_start, wall_start = time.process_time(), time.perf_counter()
            response = client.get(url, params, **BROWSER_HEADERS)
            cpu.append((time.process_time() - cpu_start) * 1000)
            wall.append((time.perf_counter() - wall_start) * 1000)
        queries.append(len(captured))
        sizes.append(wire_bytes(response))
        statuses.add(response.status_code)
    return {
        "status": "/".join(str(s) for s in sorted(statuses)),
        "queries": statistics.fmean(queries),
        "writes": sum(q["sql"].startswith(("UPDATE", "INSERT")) for q in captured.captured_queries),
        "cpu_ms": statistics.median(cpu),
        "wall_ms": statistics.median(wall),
        "p95_ms": sorted(wall)[int(len(wall) * 0.95)],
        "bytes": statistics.fmean(sizes),
        "sql": [q["sql"][:70] for q in captured.captured_queries],
    }


def report(name: str, result: dict, per_minute: int | None) -> None:
    print(
        f"  {name}: HTTP {result['status']}, {result['bytes']:.0f} B, "
        f"{result['queries']:.0f} queries ({result['writes']} writes), "
        f"CPU {result['cpu_ms']:.2f} ms, wall p50 {result['wall_ms']:.2f} ms "
        f"p95 {result['p95_ms']:.2f} ms"
    )
    if per_minute:
        print(
            f"    per minute of one idle open page: {per_minute} requests, "
            f"{result['bytes'] * per_minute / 1024:.1f} KiB, "
            f"{result['queries'] * per_minute:.0f} queries "
            f"({result['writes'] * per_minute} writes), "
            f"CPU {result['cpu_ms'] * per_minute:.0f} ms"
        )


def run(polls: int) -> None:
    accounts_demo.load()
    demo.load()
    client = Client()
    client.force_login(User.objects.get(email=USER))
    order = Order.objects.get(number=ORDER)
    page = client.get(reverse("orders:detail", args=[order.public_id]), **BROWSER_HEADERS)
    since = re.search(rb'name="since" value="([0-9a-f]+)"', page.content).group(1).decode()
    live = reverse("orders:live", args=[order.public_id])
    per_minute = 60 // POLL_SECONDS
    print(f"Order page: {wire_bytes(page):,} B. The page polls every {POLL_SECONDS} s.\n")

    print(f"Idle polls ({polls}, nothing changes):")
    idle = measure(client, live, lambda _i: {"since": since}, polls)
    report("one poll", idle, per_minute)
    print("    its queries:", *idle["sql"], sep="\n      ")

    with override_settings(USERSESSIONS_TRACK_ACTIVITY=False):
        quiet = measure(client, live, lambda _i: {"since": since}, polls)
    report("\n  the same without allauth's session activity tracking", quiet, per_minute)

    shipment = Shipment.objects.filter(order=order).last()
    items = {item.line.position: item.quantity for item in shipment.items.select_related("line")}

    def changed(_index):
        # The ERP re-sends a shipment before every poll: the worst case, a fragment each
        # time, and one that does not grow from poll to poll.
        since = Order.objects.get(pk=order.pk).version
        services.shipment_upsert(
            actor=ERP,
            order=order,
            external_id=shipment.external_id,
            carrier_code=shipment.carrier.code,
            tracking_number=shipment.tracking_number,
            status=shipment.status,
            shipped_at=shipment.shipped_at,
            items=items,
        )
        return {"since": since}

    busy = measure(client, live, changed, max(polls // 10, 20))
    print("\nPolls that find a change (the shipment re-sent before each):")
    report("one poll", busy, None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--polls", type=int, default=600, help="idle polls to measure")
    args = parser.parse_args()
    setup_test_environment()
    test_database = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False
    )
    print(f"Database: {connection.vendor} ({test_database}, thrown away afterwards)\n")
    try:
        run(args.polls)
    finally:
        connection.creation.destroy_test_db(test_database, verbosity=0)


if __name__ == "__main__":
    main()
