"""A running task's lease: held by the worker that runs it for exactly as long as it lives.

django-tasks-db claims a task by marking it RUNNING (``SELECT ... FOR UPDATE SKIP LOCKED``,
so two workers never claim the same one) and keeps no heartbeat: a worker killed while it
runs a task (SIGKILL, the OOM killer, a lost machine) leaves the task RUNNING forever. So
while a task runs, its worker holds a PostgreSQL advisory lock named after the task, on its
own database session; PostgreSQL drops the lock when that session ends, however the process
ended. ``requeue_lost`` (``manage.py tasks_requeue``, run every minute beside the mail and
webhook sweeps) puts back every RUNNING task whose lock nobody holds, for any worker to take.
Our tasks are idempotent (docs/operations.md), so a task that ran partly may run again.

SQLite keeps no such lock: there a lost task stays RUNNING (one machine, one worker).
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.backend import TaskResult as DatabaseTaskResult
from django_tasks_db.models import DBTaskResult

log = logging.getLogger(__name__)

# A worker marks a task RUNNING, commits, then takes its lock: for that instant a live
# worker's task has no lock. A task is only looked at once it has run this long.
CLAIM_GRACE = timedelta(seconds=5)
# A task whose workers died this many times (it may be what kills them: memory) fails.
MAX_WORKERS_LOST = 3


class WorkerLost(Exception):
    """The workers that ran a task died while they ran it, MAX_WORKERS_LOST times."""


@dataclass(frozen=True)
class Requeued:
    requeued: int
    failed: int


def _lock_key(task_id: object) -> str:
    return f"task-lease:{task_id}"


def hold(sender: object, task_result: object, **kwargs: object) -> None:
    """task_started, in the worker: take the lease of the task it is about to run."""
    if isinstance(task_result, DatabaseTaskResult) and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = _lock_key(task_result.id)
            cursor.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", [key])


def release(sender: object, task_result: object, **kwargs: object) -> None:
    """task_finished, in the worker: its result is saved, the lease goes."""
    if isinstance(task_result, DatabaseTaskResult) and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            key = _lock_key(task_result.id)
            cursor.execute("SELECT pg_advisory_unlock(hashtextextended(%s, 0))", [key])


def requeue_lost(*, now: datetime | None = None) -> Requeued:
    """Put back every running task whose worker is gone; fail those lost too often."""
    if connection.vendor != "postgresql":
        return Requeued(requeued=0, failed=0)
    cutoff = (now or timezone.now()) - CLAIM_GRACE
    running = DBTaskResult.objects.running().filter(started_at__lte=cutoff)
    requeued = failed = 0
    for task_id, started_at, worker_ids in running.values_list("pk", "started_at", "worker_ids"):
        with transaction.atomic():
            if not _lease_free(task_id):
                continue  # its worker is alive and running it
            # Unchanged since read: not finished meanwhile, nor taken again by another worker.
            still_lost = DBTaskResult.objects.filter(
                pk=task_id, status=TaskResultStatus.RUNNING, started_at=started_at
            )
            if len(worker_ids) >= MAX_WORKERS_LOST:
                if still_lost.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=timezone.now(),
                    exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                    traceback=f"WorkerLost: workers {', '.join(worker_ids)} died running it",
                ):
                    failed += 1
                    log.error(
                        "task %s failed: %d workers died running it", task_id, len(worker_ids)
                    )
            elif still_lost.update(status=TaskResultStatus.READY):
                requeued += 1
                log.warning("task %s re-queued: worker %s is gone", task_id, worker_ids[-1])
    return Requeued(requeued=requeued, failed=failed)


def _lease_free(task_id: object) -> bool:
    """Whether no worker holds the task's lease; if so it is ours until the transaction ends."""
    with connection.cursor() as cursor:
        key = _lock_key(task_id)
        cursor.execute("SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))", [key])
        return bool(cursor.fetchone()[0])
