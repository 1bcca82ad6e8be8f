from django.core.management.base import BaseCommand

from clientdesk.core import tasks


class Command(BaseCommand):
    help = (
        "Send every e-mail still pending after its lease, including those whose task was lost; "
        "run it every minute (cron, a systemd timer) beside the workers."
    )

    def handle(self, *args, **options) -> None:
        sent = tasks.sweep()
        if options["verbosity"]:
            self.stdout.write(f"{sent} e-mails attempted")
