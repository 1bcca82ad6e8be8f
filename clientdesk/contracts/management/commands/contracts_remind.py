"""The contracts' daily job: signature reminders and expiry, renewal and end alerts."""

from datetime import date

from django.core.management.base import BaseCommand
from django.utils import timezone

from clientdesk.contracts.tasks import run_daily


class Command(BaseCommand):
    help = (
        "Remind pending signers, expire overdue signature requests and alert contract holders "
        "before the notice day and the end (run daily; running it again the same day sends "
        "nothing)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date", type=date.fromisoformat, help="Run as of this day (YYYY-MM-DD)."
        )

    def handle(self, *args, date: date | None = None, **options):
        today = date or timezone.localdate()
        reminded, expired, alerted = run_daily(today)
        self.stdout.write(
            f"{today}: {reminded} reminders, {expired} expired requests, {alerted} alerts"
        )
