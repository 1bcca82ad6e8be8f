"""The failure ladder of an endpoint: failing (since when, how many in a row), then disabled
(by a 410 or after three days of failures) and its vendor admins e-mailed; an admin
enables it again and replays what it missed (services.py)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from clientdesk.backoffice.roles import VENDOR_ADMIN
from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.mail import queue_email
from clientdesk.core.models import Event
from clientdesk.webhooks.events import EndpointEvent
from clientdesk.webhooks.models import Delivery, Endpoint

FAILING_FOR = timedelta(days=3)
WORKER = Actor.system("webhooks")


def recovered(endpoint: Endpoint) -> None:
    if endpoint.failing_since is not None or endpoint.failures_in_a_row:
        endpoint.failing_since, endpoint.failures_in_a_row = None, 0
        endpoint.save(update_fields=["failing_since", "failures_in_a_row"])


def failed(endpoint: Endpoint, *, now: datetime) -> bool:
    """Count a failure; True when the endpoint has failed for three days and must stop."""
    endpoint.failing_since = endpoint.failing_since or now
    endpoint.failures_in_a_row += 1
    endpoint.save(update_fields=["failing_since", "failures_in_a_row"])
    return now - endpoint.failing_since >= FAILING_FOR


def hold_pending(endpoint: Endpoint) -> int:
    """What was waiting for a disabled endpoint waits for its replay instead."""
    return Delivery.objects.filter(endpoint=endpoint, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.HELD
    )


def stop(endpoint: Endpoint, *, reason: str, now: datetime, actor: Actor) -> Event:
    """Disable the (locked) endpoint, hold what waits for it, and record who and why."""
    endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = False, reason, now
    endpoint.version += 1
    endpoint.save()
    held = hold_pending(endpoint)
    return events.record(
        EndpointEvent.DISABLED,
        actor=actor,
        subject=endpoint,
        data={"url": endpoint.url, "reason": reason, "held": held},
    )


def disable(endpoint: Endpoint, *, reason: str, now: datetime) -> None:
    """The worker stops an endpoint that is gone or keeps failing, and tells the vendor admins."""
    stop(endpoint, reason=reason, now=now, actor=WORKER)
    link = settings.PORTAL_URL + reverse("webhooks_staff:detail", args=[endpoint.public_id])
    admins = get_user_model().objects.filter(groups__name=VENDOR_ADMIN, is_active=True)
    for admin in admins.distinct():
        queue_email(
            to=admin.email,
            template="webhooks/email/disabled",
            context={"endpoint": endpoint, "link": link, "user": admin},
            language=admin.language,
        )
    endpoint.admins_emailed_at = now
    endpoint.save(update_fields=["admins_emailed_at"])
