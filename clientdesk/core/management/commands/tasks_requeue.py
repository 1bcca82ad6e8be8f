from django.core.management.base import BaseCommand

from clientdesk.core import task_leases


class Command(BaseCommand):
    help = (
        "Put back every running task whose worker is gone (killed, or its machine lost), for "
        "another worker to take; run it every minute (cron, a systemd timer) beside the workers."
    )

    def handle(self, *args, **options) -> None:
        done = task_leases.requeue_lost()
        if options["verbosity"]:
            self.stdout.write(f"{done.requeued} tasks re-queued, {done.failed} failed")
