from django.core.management.base import BaseCommand

from clientdesk.webhooks import delivery


class Command(BaseCommand):
    help = (
        "Send every webhook delivery that is due, including those whose task was lost; "
        "run it every minute (cron, a systemd timer) beside the workers."
    )

    def handle(self, *args, **options) -> None:
        sent = delivery.sweep()
        if options["verbosity"]:
            self.stdout.write(f"{sent} webhook deliveries attempted")
