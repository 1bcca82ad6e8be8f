"""A real worker (``manage.py db_worker``), killed with SIGKILL while it sends the third of
five e-mails, loses none: a new worker sends the ones it never reached, and the sweep
(``manage.py mail_deliver``) the one whose task died with it, with the same Message-ID.

Delivery is at least once: the killed worker's message may have reached the server
before the worker could record it; its copy carries the same Message-ID, by which the
receiver (as mail clients do) drops it. The worker runs against a database file of its
own, like tests/webhooks/test_worker_killed.py.
"""

import asyncio
import os
import signal
import sqlite3
import threading
from email import message_from_bytes
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.core.test_mail import free_port
from tests.webhooks.test_worker_killed import manage, run

MESSAGES = 5
HOLD_AT = 3

SETUP = """
from clientdesk.core.mail import queue_message

for n in range({messages}):
    queue_message(
        to=f"client{{n}}@alfa.example", subject=f"Mesaj {{n}}", text="Text", html="",
        template="test",
    )
"""


class HoldingInbox:
    """Takes every message, except that it holds the HOLD_AT-th until released."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.ids.append(message_from_bytes(envelope.content)["Message-ID"])
        if len(self.ids) == HOLD_AT:
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        return "250 OK"


def statuses(database: Path) -> list[str]:
    with sqlite3.connect(database) as db:
        return sorted(row[0] for row in db.execute("SELECT status FROM core_outboundemail"))


def test_a_worker_killed_mid_batch_loses_no_email_and_the_copy_keeps_its_message_id(tmp_path):
    database = tmp_path / "killed.sqlite3"
    inbox = HoldingInbox()
    port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=port)
    smtp.start()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{database}",
        "DEBUG": "1",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}",
        "CLIENTDESK_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    worker_args = ("db_worker", "--no-reload", "--no-startup-delay")
    try:
        run(env, "migrate", "--noinput", "-v0")
        run(env, "shell", stdin=SETUP.format(messages=MESSAGES))

        worker = manage(env, *worker_args, "--interval", "0.1")
        assert inbox.held.wait(60), worker.stderr.read() if worker.stderr else ""
        worker.send_signal(signal.SIGKILL)  # while the server holds the third message
        worker.wait(10)
        inbox.release.set()
        assert statuses(database) == ["pending"] * 3 + ["sent"] * 2

        # A new worker sends the two it never reached; the third's task died running.
        run(env, *worker_args, "--batch")
        assert statuses(database) == ["pending"] + ["sent"] * 4
        with sqlite3.connect(database) as db:  # two minutes later: the lease is over
            db.execute("UPDATE core_outboundemail SET created_at = '2000-01-01 00:00:00'")
        run(env, "mail_deliver")
    finally:
        inbox.release.set()
        smtp.stop()

    assert statuses(database) == ["sent"] * MESSAGES
    assert len(set(inbox.ids)) == MESSAGES  # none lost
    # Only the one the killed worker was sending came twice, with its own Message-ID.
    assert len(inbox.ids) == MESSAGES + 1
    assert inbox.ids.count(inbox.ids[HOLD_AT - 1]) == 2
