"""From an event to the ERP's receiver: how long a webhook takes, through a real worker.

    .venv/bin/python bench/webhook_latency.py [--database URL] [--events 200] [--interval 0.1]
        [--pace 0.05]

Migrates the database (by default a fresh SQLite file in a temporary directory;
``--database postgres://…`` for PostgreSQL, use an empty one), runs a receiver on
127.0.0.1 in this process, starts ``manage.py db_worker`` as a subprocess against
the same database, then records ``--events`` order status changes, one
transaction each, as the ERP's API would. Each change's ``order.updated``
webhook is timed from the event's ``created_at`` to its arrival at the receiver;
the receiver checks every signature. Prints the median, p95 and the maximum, and
how much of it was waiting for the worker. ``--pace`` spaces the events out.

The worker polls its queue every ``--interval`` seconds (``db_worker``'s own
default is 1 s, the main term of the latency when the queue is idle).
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
sys.path.insert(0, str(ROOT))


def environment(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database,
        # The receiver is plain HTTP on loopback, which only a development setup allows.
        "DEBUG": "1",
        "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "1",
        "DJANGO_SETTINGS_MODULE": "clientdesk.settings",
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }


class Arrivals:
    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.bodies: dict[str, tuple[bytes, dict[str, str]]] = {}
        self.requests = 0
        self.lock = threading.Lock()
        self.all_in = threading.Event()
        self.expected = 0

    def add(self, webhook_id: str, body: bytes, headers: dict[str, str]) -> None:
        now = time.time()
        with self.lock:
            self.requests += 1
            self.at.setdefault(webhook_id, now)
            self.bodies.setdefault(webhook_id, (body, headers))
            if self.expected and len(self.at) >= self.expected:
                self.all_in.set()


def receive(arrivals: Arrivals) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["content-length"]))
            headers = {name.lower(): value for name, value in self.headers.items()}
            arrivals.add(headers["webhook-id"], body, headers)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help="a database URL (default: a new SQLite file)")
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--interval", type=float, default=0.1, help="db_worker's poll interval")
    parser.add_argument("--pace", type=float, default=0.05, help="seconds between two events")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    scratch = tempfile.TemporaryDirectory()
    database = args.database or f"sqlite:///{Path(scratch.name) / 'webhooks.sqlite3'}"
    env = environment(database)
    os.environ.update(env)
    subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "migrate", "--noinput", "-v0"], env=env, check=True
    )

    import django

    django.setup()

    from django.db import connection, transaction
    from standardwebhooks import Webhook

    from clientdesk.accounts.models import CustomerAccount
    from clientdesk.core.actors import Actor
    from clientdesk.core.models import Event
    from clientdesk.orders import services
    from clientdesk.orders.models import Order
    from clientdesk.webhooks import signing
    from clientdesk.webhooks.models import Attempt, Delivery, Endpoint

    arrivals = Arrivals()
    server = receive(arrivals)
    endpoint = Endpoint.objects.create(
        url=f"http://127.0.0.1:{server.server_port}/hooks",
        event_types=["order.updated"],
        secret=signing.new_secret(),
    )
    account, _created = CustomerAccount.objects.get_or_create(
        number="C-BENCH-1", defaults={"name": "Bench SRL", "external_id": "erp-bench-1"}
    )
    order = Order.objects.create(
        account=account,
        number=f"CMD-BENCH-{int(time.time())}",
        external_id=f"erp-bench-{time.time_ns()}",
        status=Order.Status.RECEIVED,
        ordered_on=datetime.now(UTC).date(),
        total=0,
    )
    worker = subprocess.Popen(
        [
            PYTHON,
            str(ROOT / "manage.py"),
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            f"--interval={args.interval}",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    erp = Actor.system("bench")
    statuses = [Order.Status.PROCESSING, Order.Status.SHIPPED]
    try:
        # A warm-up webhook: the clock starts once the worker is up and has sent one.
        arrivals.expected = 1
        services.order_status_set(actor=erp, order=order, status=Order.Status.CONFIRMED)
        if not arrivals.all_in.wait(args.timeout):
            sys.exit("the worker sent nothing: " + (worker.stderr.read() if worker.stderr else ""))
        warm_up = set(arrivals.at)
        arrivals.all_in.clear()
        arrivals.expected = args.events + 1
        started = time.perf_counter()
        for index in range(args.events):
            with transaction.atomic():
                services.order_status_set(actor=erp, order=order, status=statuses[index % 2])
            time.sleep(args.pace)  # an ERP's pace, not a bulk load: latency, not throughput
        recorded = time.perf_counter() - started
        if not arrivals.all_in.wait(args.timeout):
            sys.exit(f"only {len(arrivals.at)} of {args.events} webhooks arrived")
    finally:
        worker.terminate()
        worker.wait(10)
        server.shutdown()

    rows = (
        Delivery.objects.filter(endpoint=endpoint)
        .exclude(webhook_id__in=warm_up)
        .select_related("event")
    )
    created = {row.webhook_id: row.event.created_at.timestamp() for row in rows}
    latencies = sorted((arrivals.at[wid] - created[wid]) * 1000 for wid in created)
    # Where the time goes: waiting for the worker to take the task, and the POST itself.
    attempts = Attempt.objects.filter(delivery__in=rows).select_related("delivery__event")
    waits = [(a.started_at - a.delivery.event.created_at).total_seconds() * 1000 for a in attempts]
    posts = [a.duration_ms for a in attempts]
    verifier = Webhook(endpoint.secret)
    for body, headers in arrivals.bodies.values():
        verifier.verify(body, headers)
    events = Event.objects.filter(kind="order.status").count() - len(warm_up)
    p95 = latencies[max(0, round(len(latencies) * 0.95) - 1)]
    print(f"database: {connection.vendor} ({database})")
    print(f"db_worker --interval {args.interval}s; {events} events in {recorded:.1f}s")
    requests = arrivals.requests - len(warm_up)
    print(f"webhooks: {len(latencies)} unique, {requests} requests, signatures valid")
    print(
        f"event -> receiver: median {statistics.median(latencies):.0f} ms, "
        f"p95 {p95:.0f} ms, max {latencies[-1]:.0f} ms"
    )
    print(
        f"  of which: waiting for the worker median {statistics.median(waits):.0f} ms, "
        f"the POST median {statistics.median(posts):.0f} ms"
    )
    scratch.cleanup()


if __name__ == "__main__":
    main()
