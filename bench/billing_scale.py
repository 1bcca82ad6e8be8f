"""Billing and contracts at the largest account's scale: page times, queries, export memory.

    .venv/bin/python bench/billing_scale.py --database postgres://postgres@127.0.0.1:5432/DB \
        [--email big.admin@scale.example] [--runs 50] [--only PATH-PART] [--no-exports]

Works on any filled database (``manage.py scale_data``, or a hand-made one): every URL is
built from the user's own data (their newest invoice, one of their PO numbers, a contract).
Pages are requested in-process with Django's test client under production settings
(DEBUG=0, the manifest static files, the cached template loaders; no network), --runs times
after a warm-up; it prints p50/p95/p99 in milliseconds and the page's SQL query count.

Exports (the invoice list as CSV and XLSX, the 5-year statement as CSV and XLSX) run each
in a fresh child process that reads the whole response as a client would, discarding it;
"peak RSS" is the growth of the child's high-water mark (VmHWM) over what it held after
setup and one page, so it is what the export itself needed.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXPORTS = {
    "invoices CSV": "/invoices/export/csv/",
    "invoices XLSX": "/invoices/export/xlsx/",
    "statement 5 years CSV": "/statement/csv/?{five_years}",
    "statement 5 years XLSX": "/statement/xlsx/?{five_years}",
}


def production_settings(database: str) -> None:
    os.environ.update(
        {
            "DEBUG": "0",
            "SECRET_KEY": "bench-billing-" + "x" * 60,
            "ALLOWED_HOSTS": "testserver",
            "PORTAL_URL": "https://testserver",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": database,
            "DJANGO_SETTINGS_MODULE": "clientdesk.settings",
        }
    )
    import django

    django.setup()
    from django.conf import settings

    if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)


def signed_in(email: str):
    from django.test import Client

    from clientdesk.accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def five_years(today: date) -> str:
    start = today.replace(year=today.year - 5)
    return urlencode({"period": "custom", "date_from": start, "date_to": today})


def pages(email: str) -> list[tuple[str, str]]:
    """The benchmarked variants, from the user's own invoices and contracts."""
    from clientdesk.accounts.models import User
    from clientdesk.billing.models import Invoice
    from clientdesk.contracts.models import Contract
    from clientdesk.core import grants as G

    user = User.objects.get(email=email)
    invoices = Invoice.objects.visible_to(user, G.INVOICES)
    newest = invoices.order_by("-issued_on", "-number").first()
    if newest is None:
        raise SystemExit(f"{email} sees no invoice to measure")
    with_po = invoices.exclude(po_number="").order_by("-issued_on").first()
    today = date.today()
    month = today - timedelta(days=400)
    found = [
        ("invoice list", "/invoices/"),
        ("  status open", "/invoices/?status=open"),
        ("  status overdue", "/invoices/?status=overdue"),
        ("  credit notes", "/invoices/?kind=credit_note"),
        ("  one month", f"/invoices/?date_from={month}&date_to={month + timedelta(days=30)}"),
        ("  amount from 20,000", "/invoices/?amount_min=20000"),
        ("  number part", f"/invoices/?number={newest.number[-5:]}"),
        ("  sort due date", "/invoices/?sort=due_on"),
        ("  sort largest", "/invoices/?sort=-total"),
        ("  sort oldest", "/invoices/?sort=issued_on"),
        ("  open, oldest first", "/invoices/?status=open&sort=issued_on"),
        ("  last page", "/invoices/?last=1"),
        ("  last page, largest", "/invoices/?sort=-total&last=1"),
        ("an invoice", f"/invoices/{newest.number}/"),
        ("statement 1 year", "/statement/?period=12m"),
        ("statement 5 years", f"/statement/?{five_years(today)}"),
    ]
    if with_po:
        found.insert(7, ("  PO number", f"/invoices/?po={with_po.po_number}"))
    contract = Contract.objects.visible_to(user, G.CONTRACTS_VIEW).first()
    if contract is not None:
        found += [
            ("contract list", "/contracts/"),
            ("  status active", "/contracts/?status=active"),
            ("  last page", "/contracts/?last=1"),
            ("a contract", f"/contracts/{contract.public_id}/"),
        ]
    return found


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[round(share * 100) - 1]


def measure(client, path: str, runs: int) -> tuple[list[float], int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    for _ in range(3):
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # Each request empties the query log (request_started): start the capture from empty.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    count = len(queries)  # read now: the next request empties the log it reads from
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - start) * 1000)
    return timings, count


def high_water_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


def export_child(email: str, path: str) -> dict:
    """In a fresh process: one export read to the end; its time, size and memory."""
    client = signed_in(email)
    assert client.get("/invoices/").status_code == 200
    before = high_water_kb()
    start = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    size = 0
    if response.streaming:
        for chunk in response.streaming_content:
            size += len(chunk)
    else:
        size = len(response.content)
    seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 2),
        "bytes": size,
        "streamed": response.streaming,
        "peak_rss_growth_mb": round((high_water_kb() - before) / 1024, 1),
        "peak_rss_mb": round(high_water_kb() / 1024, 1),
    }


def exports(args) -> None:
    five = five_years(date.today())
    print(f"\n{'export':<28} {'MB':>7} {'s':>6} {'peak RSS MB':>12} {'of which export':>16}")
    for label, path in EXPORTS.items():
        if args.only and args.only not in label:
            continue
        child = subprocess.run(
            [sys.executable, __file__, "--database", args.database, "--email", args.email,
             "--export-child", path.format(five_years=five)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        streamed = "" if figures["streamed"] else " (not streamed)"
        print(
            f"{label:<28} {figures['bytes'] / 1e6:7.1f} {figures['seconds']:6.1f}"
            f" {figures['peak_rss_mb']:12.1f} {figures['peak_rss_growth_mb']:16.1f}{streamed}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", required=True, help="a postgres:// URL (or sqlite)")
    parser.add_argument("--email", default="big.admin@scale.example")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--only", default="", help="only the variants whose label has this")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--no-pages", action="store_true")
    parser.add_argument("--export-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    production_settings(args.database)
    if args.export_child:
        print(json.dumps(export_child(args.email, args.export_child)))
        return
    if not args.no_pages:
        client = signed_in(args.email)
        print(f"{args.email}, {args.runs} runs a page, DEBUG=0, in-process")
        print(f"{'page':<28} {'p50':>7} {'p95':>7} {'p99':>7} {'SQL':>4}  path")
        for label, path in pages(args.email):
            if args.only and args.only not in path and args.only not in label:
                continue
            timings, count = measure(client, path, args.runs)
            print(
                f"{label:<28} {percentile(timings, 0.5):7.1f} {percentile(timings, 0.95):7.1f}"
                f" {percentile(timings, 0.99):7.1f} {count:4d}  {path}",
                flush=True,
            )
    if not args.no_exports:
        exports(args)


if __name__ == "__main__":
    main()
