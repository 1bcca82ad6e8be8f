"""What ``COPY`` of the scale data's rows alone takes: the floor the generator is measured against.

    DATABASE_URL=postgres://.../cd_scale_copy .venv/bin/python bench/scale/copy_alone.py \\
        --source postgres://.../cd_scale --dir /tmp/scale-copy [--release]

The target (DATABASE_URL) is a freshly migrated database, so it holds the same
seed rows the source held before ``scale_data`` ran: the rows the generator
added are those whose id is above the target's largest. They are copied out of
the source into files (``COPY (SELECT ...) TO STDOUT``, not timed), then the
files are copied into the target's tables in the generator's order, one
transaction each, timed. With ``--release`` the target's foreign keys and plain
indexes are dropped first and created again after, as the generator does
(bench/scale/sink.py); without, they are maintained row by row.
"""

import argparse
import os
import sys
import time
from pathlib import Path

import django
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
django.setup()

from django.apps import apps  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from bench.scale.sink import _release  # noqa: E402

# The generator's tables, in the order it writes them.
MODELS = (
    "accounts.CustomerAccount",
    "accounts.User",
    "account.EmailAddress",
    "accounts.Membership",
    "accounts.Consent",
    "orders.Order",
    "orders.OrderLine",
    "orders.OrderStatusChange",
    "orders.Shipment",
    "orders.ShipmentLine",
    "orders.ShipmentEvent",
    "support.SupportRequest",
    "support.Message",
    "core.Event",
    "contracts.Contract",
    "contracts.ContractDocument",
    "billing.BillingAccount",
    "billing.Invoice",
    "billing.InvoiceLine",
    "billing.Payment",
    "billing.Allocation",
    "billing.LedgerEntry",
)
CHUNK = 1 << 20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", required=True, help="the database scale_data filled")
    parser.add_argument("--dir", required=True, type=Path, help="where the row files go")
    parser.add_argument("--release", action="store_true", help="drop and rebuild as the generator")
    step = parser.add_mutually_exclusive_group()
    step.add_argument("--dump-only", action="store_true", help="write the row files, copy nothing")
    step.add_argument("--load-only", action="store_true", help="copy the row files written before")
    parser.add_argument("--apps", help="dump only these apps' tables (e.g. orders,support)")
    options = parser.parse_args()
    options.dir.mkdir(parents=True, exist_ok=True)
    tables = []
    with connection.cursor() as cursor:
        for label in MODELS:
            meta = apps.get_model(label)._meta
            cursor.execute(f"SELECT COALESCE(MAX(id), 0), COUNT(*) FROM {meta.db_table}")  # noqa: S608
            after, before = cursor.fetchone()
            columns = ", ".join(connection.ops.quote_name(f.column) for f in meta.concrete_fields)
            tables.append((label, meta.db_table, columns, after, before))
    if not options.load_only:
        apps_wanted = options.apps.split(",") if options.apps else None
        dump(options, [t for t in tables if not apps_wanted or t[0].split(".")[0] in apps_wanted])
    if not options.dump_only:
        load(options, tables)


def dump(options: argparse.Namespace, tables: list[tuple]) -> None:
    with psycopg.connect(options.source) as source, source.cursor() as cursor:
        for label, table, columns, after, _before in tables:
            path = options.dir / f"{table}.copy"
            select = f"SELECT {columns} FROM {table} WHERE id > {after} ORDER BY id"  # noqa: S608
            with path.open("wb") as out, cursor.copy(f"COPY ({select}) TO STDOUT") as copy:
                for data in copy:
                    out.write(data)
            print(f"  dumped {label}: {path.stat().st_size / 1e6:,.0f} MB", flush=True)


def load(options: argparse.Namespace, tables: list[tuple]) -> None:
    started = time.perf_counter()
    deferred: list[str] = []
    if options.release:
        for _label, table, _columns, _after, _before in tables:
            deferred.extend(_release(table))
    total_rows = 0
    for label, table, columns, _after, before in tables:
        table_started = time.perf_counter()
        with transaction.atomic():
            with (
                connection.connection.cursor() as cursor,
                cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                (options.dir / f"{table}.copy").open("rb") as rows,
            ):
                while data := rows.read(CHUNK):
                    copy.write(data)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608
                count = cursor.fetchone()[0] - before
        total_rows += count
        print(f"  {label}: {count:,} rows, {time.perf_counter() - table_started:.1f} s", flush=True)
    copied = time.perf_counter() - started
    rebuild_started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in deferred:
            cursor.execute(statement)
    rebuilt = time.perf_counter() - rebuild_started
    print(
        f"COPY alone: {copied:.1f} s for {total_rows:,} rows"
        + (f", indexes and foreign keys created again: {rebuilt:.1f} s" if deferred else "")
        + f"; total {copied + rebuilt:.1f} s"
    )


if __name__ == "__main__":
    main()
