import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from clientdesk.core.models import OutboundEmail

log = logging.getLogger(__name__)


@task()
def send_email(message_id: int) -> None:
    """Send one queued message; a message already sent is not sent again."""
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
        )
        if message.body_html:
            mail.attach_alternative(message.body_html, "text/html")
        try:
            mail.send()
        except OSError as error:
            message.last_error = str(error)
            message.save(update_fields=["attempts", "last_error"])
            log.warning("mail %s not sent yet: %s", message_id, error)
            # The retry is a queued task row, written in this transaction: durable.
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
