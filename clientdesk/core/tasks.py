import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from clientdesk.core.models import OutboundEmail

log = logging.getLogger(__name__)


# A message still pending this long after it was queued lost its task (a worker killed
# while sending it leaves the task running forever): the sweep sends it.
LEASE = timedelta(minutes=2)


@task()
def send_email(message_id: int) -> None:
    deliver(message_id, retry=True)


def sweep(*, now: datetime | None = None) -> int:
    """Send every message pending for longer than the lease; how many were tried."""
    cutoff = (now or timezone.now()) - LEASE
    pending = OutboundEmail.objects.filter(
        status=OutboundEmail.Status.PENDING, created_at__lte=cutoff
    )
    ids = list(pending.order_by("pk").values_list("pk", flat=True))
    for message_id in ids:
        deliver(message_id, retry=False)  # a failure is tried again by the next sweep
    return len(ids)


def message_id_of(message: OutboundEmail) -> str:
    # The row and its content until sent: another database's message 1 gets another id.
    content = f"{message.to}\n{message.subject}\n{message.body_text}".encode()
    return f"<outbox-{message.pk}.{hashlib.sha256(content).hexdigest()[:16]}@{DNS_NAME}>"


def deliver(message_id: int, *, retry: bool) -> None:
    """Send one queued message; a message already sent is not sent again. Its Message-ID is
    the same on every attempt: a receiver can drop the copy a killed worker sent before."""
    with transaction.atomic():
        message = (
            OutboundEmail.objects.select_for_update()
            .filter(pk=message_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if message is None:
            return
        message.attempts += 1
        mail = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
            headers={"Message-ID": message_id_of(message)},
        )
        if message.body_html:
            mail.attach_alternative(message.body_html, "text/html")
        try:
            mail.send()
        except OSError as error:
            message.last_error = str(error)
            message.save(update_fields=["attempts", "last_error"])
            log.warning("mail %s not sent yet: %s", message_id, error)
            if retry:  # the retry is a queued task row, written in this transaction: durable
                retry_in = timedelta(seconds=min(30 * 2**message.attempts, 3600))
                send_email.using(run_after=timezone.now() + retry_in).enqueue(message_id)
            return
        message.status = OutboundEmail.Status.SENT
        message.sent_at = timezone.now()
        # Delivered: the stored copy no longer needs the one-time link, and nobody may use it.
        message.remove_secrets()
        message.save(
            update_fields=[
                "attempts",
                "status",
                "sent_at",
                "last_error",
                "subject",
                "body_text",
                "body_html",
                "secrets",
            ]
        )
