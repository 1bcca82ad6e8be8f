"""Background work of signatures: sealing again once the timestamp authority answers."""

import logging
from datetime import date

from django.utils import timezone
from django_tasks import task

from clientdesk.core.actors import Actor

log = logging.getLogger(__name__)
RETRY_SECONDS = 60


@task()
def retry_seal(public_id: str) -> None:
    """Try the waiting seal again; while the authority is down, seal_waiting queues the next try."""
    from clientdesk.contracts import signatures
    from clientdesk.contracts.models import SignatureRequest

    request = SignatureRequest.objects.filter(public_id=public_id).first()
    if request is None or not request.awaiting_timestamp:
        return
    if not signatures.seal_waiting(actor=Actor.system("worker"), request=request):
        log.warning("signature request %s still waits for the timestamp authority", public_id)


def run_daily(today: date) -> tuple[int, int, int]:
    """Reminders, expiry and alerts of the day: (reminded, expired, alerted)."""
    from clientdesk.contracts import alerts, reminders

    reminded, expired = reminders.run(today=today)
    return reminded, expired, alerts.run(today=today)


@task()
def daily() -> None:
    """The day's run, for a worker's schedule (cron runs the contracts_remind command)."""
    run_daily(timezone.localdate())
