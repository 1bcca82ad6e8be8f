import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from clientdesk.core import task_leases


class Command(BaseCommand):
    help = (
        "Put back every running task whose worker is gone (killed, or its machine lost), for "
        "another worker to take; run it every minute (cron, a systemd timer) beside the "
        "workers, or as a process of its own with --every."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--every",
            type=float,
            metavar="SECONDS",
            help="look again every SECONDS until stopped (no start-up cost a run, as cron has)",
        )

    def handle(self, *args, every: float | None, **options) -> None:
        while True:
            close_old_connections()  # a long-running process: as db_worker does between tasks
            done = task_leases.requeue_lost()
            if options["verbosity"] and (done.requeued or done.failed or not every):
                self.stdout.write(f"{done.requeued} tasks re-queued, {done.failed} failed")
            if not every:
                return
            time.sleep(every)
