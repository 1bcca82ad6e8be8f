"""A real worker process, killed with SIGKILL in the middle of a batch, loses nothing and
duplicates nothing once the sweep runs again.

The worker (``manage.py webhooks_deliver``) runs as a subprocess against a database file
of its own; the receiver holds the third request open and the test kills the worker
then, after it sent the request and before it could record the answer.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 5
HOLD_AT = 3

SETUP = """
from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.actors import Actor
from clientdesk.orders import services
from clientdesk.orders.models import Order
from clientdesk.webhooks import signing
from clientdesk.webhooks.models import Endpoint

Endpoint.objects.create(url={url!r}, event_types=["order.updated"], secret=signing.new_secret())
account = CustomerAccount.objects.create(number="C-KILL-1", name="Kill SRL")
order = Order.objects.create(
    account=account, number="CMD-KILL-1", status="received", ordered_on="2026-12-01", total=0
)
for status in ["confirmed", "processing", "shipped", "delivered", "cancelled"][:{events}]:
    services.order_status_set(actor=Actor.system("erp"), order=order, status=status)
"""


class HoldingReceiver:
    """Answers 200, except that the HOLD_AT-th request is held until released."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.held = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["content-length"]))
                receiver.ids.append(self.headers["webhook-id"])
                if len(receiver.ids) == HOLD_AT:
                    receiver.held.set()
                    receiver.release.wait(30)
                try:
                    self.send_response(200)
                    self.end_headers()
                except OSError:
                    pass  # the worker is gone

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/hooks"


def manage(env: dict, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,
    )


def run(env: dict, *args: str, stdin: str = "") -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


def statuses(database: Path) -> list[str]:
    with sqlite3.connect(database) as db:
        return [row[0] for row in db.execute("SELECT status FROM webhooks_delivery")]


def test_a_killed_worker_loses_no_webhook_and_the_sweep_sends_each_once_more_at_most(tmp_path):
    database = tmp_path / "killed.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "1",
        "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "1",
        "CLIENTDESK_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    receiver = HoldingReceiver()
    try:
        run(env, "migrate", "--noinput", "-v0")
        run(env, "shell", stdin=SETUP.format(url=receiver.url, events=EVENTS))

        worker = manage(env, "webhooks_deliver")
        assert receiver.held.wait(60), worker.stderr.read() if worker.stderr else ""
        worker.send_signal(signal.SIGKILL)  # after sending the third, before recording it
        worker.wait(10)
        receiver.release.set()
        assert sorted(statuses(database)) == ["delivered"] * 2 + ["pending"] * 3

        # The restarted sweep sends the two it never reached; the third waits for its lease.
        run(env, "webhooks_deliver")
        assert sorted(statuses(database)) == ["delivered"] * 4 + ["pending"]
        with sqlite3.connect(database) as db:  # two minutes later: the lease is over
            db.execute("UPDATE webhooks_delivery SET next_attempt_at = '2000-01-01 00:00:00'")
        run(env, "webhooks_deliver")
        run(env, "webhooks_deliver")
    finally:
        receiver.release.set()
        receiver.server.shutdown()

    assert statuses(database) == ["delivered"] * EVENTS
    assert len(set(receiver.ids)) == EVENTS  # none lost
    # Only the one whose answer the killed worker never read came twice, with its own id.
    assert len(receiver.ids) == EVENTS + 1
    assert receiver.ids.count(receiver.ids[HOLD_AT - 1]) == 2
