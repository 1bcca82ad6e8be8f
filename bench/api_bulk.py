"""How fast the ERP can push invoices: bulk calls of invoices with lines, measured.

    .venv/bin/python bench/api_bulk.py [--calls 5] [--invoices 1000] [--lines 5]

Runs against the configured database (``migrate`` it first; PostgreSQL with
DATABASE_URL): makes a vendor admin, an ERP token and a customer account (once),
then POSTs ``--calls`` bulk calls of ``--invoices`` new invoices each to
/api/v1/invoices/bulk through Django's test client and the whole middleware stack
(token check, rate limit, per-call event, idempotency key), and then the same
calls again, which the portal answers "unchanged". Prints invoices per second of
each. Every run uses new numbers, so it can run again on the same database.

The PDFs are not rendered here: issuing queues one task per invoice for the worker.
"""

import argparse
import os
import statistics
import sys
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
os.environ.setdefault("DEBUG", "1")  # development settings, as these benchmarks always ran

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from clientdesk.accounts.models import CustomerAccount, User  # noqa: E402
from clientdesk.api import services as api_services  # noqa: E402
from clientdesk.api.models import ApiToken  # noqa: E402
from clientdesk.backoffice import roles  # noqa: E402
from clientdesk.billing.models import Invoice  # noqa: E402
from clientdesk.core.actors import Actor  # noqa: E402

ADMIN = "bench.erp@vendor.example"
ACCOUNT = "BENCH-C-1"


def erp_token() -> str:
    admin, _created = User.objects.get_or_create(
        email=ADMIN,
        defaults={"first_name": "Bench", "last_name": "ERP", "is_staff": True},
    )
    admin.groups.add(Group.objects.get(name=roles.VENDOR_ADMIN))
    made = api_services.token_create(
        actor=Actor.of_user(admin),
        kind=ApiToken.Kind.VENDOR,
        name=f"bench {uuid.uuid4().hex[:6]}",
        scopes=["invoices:write"],
        expires_at=timezone.now() + timedelta(days=1),
    )
    return made.plain


def account() -> None:
    CustomerAccount.objects.get_or_create(
        external_id=ACCOUNT, defaults={"number": ACCOUNT, "name": "Bench Industries SRL"}
    )


def payload(run: str, call: int, invoices: int, lines: int) -> dict:
    issued = date(2026, 3, 2)
    return {
        "items": [
            {
                "external_id": f"bench-{run}-{call}-{n}",
                "account": ACCOUNT,
                "number": f"B{run}-{call:02d}-{n:05d}",
                "issued_on": issued.isoformat(),
                "due_on": (issued + timedelta(days=30)).isoformat(),
                "lines": [
                    {
                        "position": position,
                        "item_code": f"P-{position}",
                        "description": f"Produs {position}",
                        "quantity": str(position),
                        "unit_price": "125.50",
                        "vat_rate": "19",
                    }
                    for position in range(1, lines + 1)
                ],
            }
            for n in range(invoices)
        ]
    }


def push(client: Client, plain: str, body: dict, expected: str) -> float:
    start = time.perf_counter()
    response = client.post(
        "/api/v1/invoices/bulk",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {plain}"},
    )
    elapsed = time.perf_counter() - start
    answer = response.json()
    if response.status_code != 200 or answer[expected] != len(body["items"]):
        raise SystemExit(f"unexpected answer {response.status_code}: {str(answer)[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--calls", type=int, default=5, help="bulk calls of each kind")
    parser.add_argument("--invoices", type=int, default=1000, help="invoices per call")
    parser.add_argument("--lines", type=int, default=5, help="lines per invoice")
    args = parser.parse_args()
    setup_test_environment()
    account()
    plain = erp_token()
    run = uuid.uuid4().hex[:6]
    bodies = [payload(run, call, args.invoices, args.lines) for call in range(args.calls)]
    client = Client()
    before = Invoice.objects.count()
    # One token makes every call here: the rate limit is for the ERP's real traffic.
    with override_settings(API_RATE_LIMIT="100000/m"):
        push(client, plain, payload(run + "w", 0, 10, args.lines), "created")  # imports, caches
        created = [push(client, plain, body, "created") for body in bodies]
        unchanged = [push(client, plain, body, "unchanged") for body in bodies]
    written = Invoice.objects.count() - before - 10
    print(f"Database: {connection.vendor}; {written} invoices written")
    print(f"{args.calls} calls of {args.invoices} invoices with {args.lines} lines each\n")
    for name, times in (("new invoices", created), ("the same again", unchanged)):
        rates = [args.invoices / seconds for seconds in times]
        print(
            f"{name:>15}: median {statistics.median(rates):7.0f} invoices/s "
            f"(min {min(rates):.0f}, max {max(rates):.0f}); "
            f"a call takes {statistics.median(times):.2f} s"
        )


if __name__ == "__main__":
    main()
