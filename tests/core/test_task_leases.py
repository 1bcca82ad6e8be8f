"""A task whose worker died while it ran goes back to the queue; one whose worker lives stays.

The lease is a PostgreSQL advisory lock on the worker's own session (core/task_leases.py):
the last test kills a real ``db_worker`` with SIGKILL in the middle of sending an e-mail,
and another worker sends it once ``tasks_requeue`` put it back.
"""

import asyncio
import os
import signal
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from clientdesk.core import task_leases
from clientdesk.core.mail import queue_message
from clientdesk.core.models import OutboundEmail
from clientdesk.core.tasks import send_email
from tests.conftest import postgresql_only
from tests.core.test_mail import free_port
from tests.webhooks.test_worker_killed import manage

LONG_AGO = timedelta(minutes=1)


def running(*, since: timedelta = LONG_AGO, workers: tuple[str, ...] = ("w1",)) -> DBTaskResult:
    """A send_email task as a worker leaves it when it claims it."""
    result = send_email.enqueue(1)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - since,
        worker_ids=list(workers),
    )
    return DBTaskResult.objects.get(pk=result.id)


class LiveWorker(threading.Thread):
    """What db_worker does around a task, on a database session of its own: the signals
    before and after; in between it holds the lease."""

    def __init__(self, task: DBTaskResult) -> None:
        super().__init__()
        self.task_result = task.task_result
        self.holding = threading.Event()
        self.finish = threading.Event()

    def run(self) -> None:
        try:
            task_started.send(sender=DatabaseBackend, task_result=self.task_result)
            self.holding.set()
            self.finish.wait(30)
            task_finished.send(sender=DatabaseBackend, task_result=self.task_result)
        finally:
            connection.close()

    def __enter__(self) -> "LiveWorker":
        self.start()
        assert self.holding.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self.finish.set()
        self.join(10)


def status_of(task: DBTaskResult) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(pk=task.pk)


@postgresql_only
@pytest.mark.django_db
def test_a_running_task_whose_worker_is_gone_is_put_back():
    task = running()

    assert task_leases.requeue_lost() == task_leases.Requeued(requeued=1, failed=0)
    assert status_of(task) == TaskResultStatus.READY
    assert DBTaskResult.objects.ready().get().pk == task.pk  # the next worker takes it


@postgresql_only
@pytest.mark.django_db
def test_a_task_whose_worker_still_runs_it_is_left_running_until_it_finishes():
    task = running()

    with LiveWorker(task):
        assert task_leases.requeue_lost().requeued == 0
        assert status_of(task) == TaskResultStatus.RUNNING

    # The worker let go without recording a result: as good as gone.
    assert task_leases.requeue_lost().requeued == 1


@postgresql_only
@pytest.mark.django_db
def test_a_task_claimed_a_moment_ago_waits_for_its_worker_to_take_the_lease():
    task = running(since=timedelta(seconds=0))

    assert task_leases.requeue_lost().requeued == 0
    assert status_of(task) == TaskResultStatus.RUNNING
    later = timezone.now() + task_leases.CLAIM_GRACE
    assert task_leases.requeue_lost(now=later).requeued == 1


@postgresql_only
@pytest.mark.django_db
def test_a_task_that_its_workers_died_running_three_times_fails_instead():
    task = running(workers=("w1", "w2", "w3"))

    assert task_leases.requeue_lost() == task_leases.Requeued(requeued=0, failed=1)
    result = DBTaskResult.objects.get(pk=task.pk).task_result
    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is task_leases.WorkerLost
    assert "w1, w2, w3" in result.errors[0].traceback


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the SQLite behaviour")
@pytest.mark.django_db
def test_on_sqlite_a_lost_task_stays_running():
    task = running()

    assert task_leases.requeue_lost() == task_leases.Requeued(requeued=0, failed=0)
    assert status_of(task) == TaskResultStatus.RUNNING


class HoldingServer:
    """An SMTP server that holds the first message until released: its worker is mid-task."""

    def __init__(self) -> None:
        self.received = 0
        self.held = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received += 1
        if not self.held.is_set():
            self.held.set()
            await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 30)
        return "250 OK"


def database_url() -> str:
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or 'localhost'}"
        f":{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_leaves_it_to_another_worker(settings, tmp_path):
    server = HoldingServer()
    port = free_port()
    smtp = Controller(server, hostname="127.0.0.1", port=port)
    smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DEBUG": "1",
        "EMAIL_URL": f"smtp://127.0.0.1:{port}?timeout=30",
        "CLIENTDESK_VAR_DIR": str(tmp_path),
        "LOG_LEVEL": "WARNING",
    }
    worker = None
    try:
        with transaction.atomic():
            message = queue_message(
                to="ana@alfa.example", subject="S", text="T", html="", template="t"
            )
        worker = manage(
            env,
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval=0.1",
            "--worker-id=w1",
        )
        assert server.held.wait(60), worker.stderr.read() if worker.stderr else ""
        task = DBTaskResult.objects.get()
        # Long past the grace of a claim: only the lease on w1's session keeps it.
        DBTaskResult.objects.update(started_at=timezone.now() - LONG_AGO)
        assert task_leases.requeue_lost().requeued == 0

        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        server.release.set()
        assert status_of(task) == TaskResultStatus.RUNNING  # and would stay so

        call_command("tasks_requeue", verbosity=0)
        call_command(
            "db_worker", batch=True, startup_delay=False, reload=False, worker_id="w2", verbosity=0
        )
    finally:
        server.release.set()
        if worker is not None and worker.poll() is None:
            worker.kill()
            worker.wait(10)
        smtp.stop()

    task.refresh_from_db()
    assert (task.status, task.worker_ids) == (TaskResultStatus.SUCCESSFUL, ["w1", "w2"])
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT
    assert server.received == 2  # the killed worker's copy had reached the server already
