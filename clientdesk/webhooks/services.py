"""Every write of webhook endpoints: vendor admins only, each an audited event.

A secret is made here and returned once (create, rotate); events never carry it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.locking import lock, save_new_version
from clientdesk.webhooks import addresses, catalogue, failures, signing
from clientdesk.webhooks.errors import WebhookError
from clientdesk.webhooks.events import EndpointEvent
from clientdesk.webhooks.models import ROTATION_OVERLAP, Delivery, Endpoint

MANAGE = "webhooks.manage_endpoint"


@dataclass(frozen=True)
class EndpointData:
    url: str
    description: str
    event_types: Sequence[str]


@dataclass(frozen=True)
class WithSecret:
    """An endpoint and its new secret, which is shown this once."""

    endpoint: Endpoint
    secret: str


def _check_admin(actor: Actor) -> None:
    if actor.user is None or not actor.user.has_perm(MANAGE):
        raise ServiceError(WebhookError.NOT_ALLOWED)


def _clean(data: EndpointData) -> EndpointData:
    url = data.url.strip()
    addresses.resolve(url)
    if len(data.description) > 200:
        raise ServiceError(WebhookError.DESCRIPTION_LONG, field="description")
    if not data.event_types:
        raise ServiceError(WebhookError.NO_EVENTS, field="event_types")
    for name in data.event_types:
        if name not in catalogue.NAMES:
            raise ServiceError(
                WebhookError.UNKNOWN_EVENT, field="event_types", params={"name": name}
            )
    # Kept in the catalogue's order, so the same choice always reads the same.
    chosen = [name for name in catalogue.NAMES if name in data.event_types]
    return EndpointData(url=url, description=data.description.strip(), event_types=chosen)


def _described(endpoint: Endpoint) -> dict:
    return {"url": endpoint.url, "events": endpoint.event_types, "enabled": endpoint.enabled}


@transaction.atomic
def endpoint_create(*, actor: Actor, data: EndpointData, enabled: bool = True) -> WithSecret:
    _check_admin(actor)
    clean = _clean(data)
    secret = signing.new_secret()
    endpoint = Endpoint.objects.create(
        url=clean.url,
        description=clean.description,
        event_types=list(clean.event_types),
        enabled=enabled,
        disabled_reason="" if enabled else Endpoint.Disabled.BY_ADMIN,
        disabled_at=None if enabled else timezone.now(),
        secret=secret,
    )
    events.record(EndpointEvent.CREATED, actor=actor, subject=endpoint, data=_described(endpoint))
    return WithSecret(endpoint=endpoint, secret=secret)


@transaction.atomic
def endpoint_update(
    *, actor: Actor, endpoint: Endpoint, data: EndpointData, version: int
) -> Endpoint:
    _check_admin(actor)
    clean = _clean(data)
    endpoint = lock(Endpoint.objects.all(), endpoint.pk, version=version)
    before = _described(endpoint)
    endpoint.url, endpoint.description = clean.url, clean.description
    endpoint.event_types = list(clean.event_types)
    save_new_version(endpoint)
    events.record(
        EndpointEvent.UPDATED,
        actor=actor,
        subject=endpoint,
        data={"before": before, "after": _described(endpoint)},
    )
    return endpoint


@transaction.atomic
def endpoint_rotate_secret(*, actor: Actor, endpoint: Endpoint) -> WithSecret:
    """A new current secret; the old one still signs (a second signature) for 24 hours."""
    _check_admin(actor)
    endpoint = lock(Endpoint.objects.all(), endpoint.pk)
    secret = signing.new_secret()
    endpoint.previous_secret, endpoint.secret = endpoint.secret, secret
    endpoint.previous_secret_until = timezone.now() + ROTATION_OVERLAP
    save_new_version(endpoint)
    events.record(
        EndpointEvent.SECRET_ROTATED,
        actor=actor,
        subject=endpoint,
        data={"url": endpoint.url, "previous_valid_until": endpoint.previous_secret_until},
    )
    return WithSecret(endpoint=endpoint, secret=secret)


@transaction.atomic
def endpoint_disable(*, actor: Actor, endpoint: Endpoint) -> Endpoint:
    """Stop sending; what is recorded meanwhile is held for a replay."""
    _check_admin(actor)
    endpoint = lock(Endpoint.objects.all(), endpoint.pk)
    if endpoint.enabled:
        failures.stop(endpoint, reason=Endpoint.Disabled.BY_ADMIN, now=timezone.now(), actor=actor)
    return endpoint


@transaction.atomic
def endpoint_enable(*, actor: Actor, endpoint: Endpoint) -> Endpoint:
    """Send again from now on, with a fresh failure count; held deliveries wait for a replay."""
    _check_admin(actor)
    endpoint = lock(Endpoint.objects.all(), endpoint.pk)
    if not endpoint.enabled:
        endpoint.enabled, endpoint.disabled_reason, endpoint.disabled_at = True, "", None
        endpoint.failing_since, endpoint.failures_in_a_row = None, 0
        save_new_version(endpoint)
        events.record(
            EndpointEvent.ENABLED, actor=actor, subject=endpoint, data={"url": endpoint.url}
        )
    return endpoint


def missed(endpoint: Endpoint) -> QuerySet[Delivery]:
    """What a replay sends: the held and the failed deliveries, oldest first."""
    return Delivery.objects.filter(
        endpoint=endpoint, status__in=[Delivery.Status.HELD, Delivery.Status.FAILED]
    ).order_by("created_at", "pk")


def _queue(deliveries: Sequence[Delivery]) -> None:
    from clientdesk.webhooks.tasks import deliver

    now = timezone.now()
    Delivery.objects.filter(pk__in=[d.pk for d in deliveries]).update(
        status=Delivery.Status.PENDING, next_attempt_at=now
    )
    # Enqueued in the events' order; the tasks rows are written with the change.
    for delivery in deliveries:
        deliver.enqueue(delivery.webhook_id)


@transaction.atomic
def endpoint_replay(*, actor: Actor, endpoint: Endpoint) -> int:
    """Queue again, in their order, what the endpoint missed while disabled or failing."""
    _check_admin(actor)
    endpoint = lock(Endpoint.objects.all(), endpoint.pk)
    if not endpoint.enabled:
        raise ServiceError(WebhookError.DISABLED)
    deliveries = list(missed(endpoint).select_for_update())
    _queue(deliveries)
    events.record(
        EndpointEvent.REPLAYED,
        actor=actor,
        subject=endpoint,
        data={"url": endpoint.url, "deliveries": len(deliveries)},
    )
    return len(deliveries)


@transaction.atomic
def delivery_resend(*, actor: Actor, delivery: Delivery) -> Delivery:
    """Send one delivery again now, with its own webhook-id; never one already delivered."""
    _check_admin(actor)
    delivery = lock(Delivery.objects.select_related("endpoint"), delivery.pk)
    if delivery.status == Delivery.Status.DELIVERED:
        raise ServiceError(WebhookError.ALREADY_DELIVERED)
    if not delivery.endpoint.enabled:
        raise ServiceError(WebhookError.DISABLED)
    _queue([delivery])
    events.record(
        EndpointEvent.RESENT,
        actor=actor,
        subject=delivery.endpoint,
        data={"webhook_id": delivery.webhook_id, "type": delivery.event_type},
    )
    return delivery
