"""The vendor admin's writes to the request catalogue: request types and queues.

Each change is locked, validated as the model defines it and recorded, audited, with the
fields that changed; a type's or a queue's code is set once, when it is created (a type's
code picks its kind in code, support/types.py).
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from clientdesk.core import configuration
from clientdesk.core.actors import Actor
from clientdesk.core.events import record
from clientdesk.support.events import CatalogueEvent
from clientdesk.support.models import Queue, RequestType

FIXED = ("code",)


@transaction.atomic
def request_type_create(*, actor: Actor, values: Mapping[str, Any]) -> RequestType:
    request_type = RequestType()
    diff = configuration.apply(request_type, values)
    configuration.validate(request_type)
    request_type.save()
    record(CatalogueEvent.TYPE_CREATED, actor=actor, subject=request_type, data={"changed": diff})
    return request_type


@transaction.atomic
def request_type_update(
    *, actor: Actor, request_type: RequestType, values: Mapping[str, Any]
) -> RequestType:
    locked = RequestType.objects.select_for_update().get(pk=request_type.pk)
    diff = configuration.apply(locked, values, fixed=FIXED)
    configuration.validate(locked)
    if diff:
        locked.save()
        record(CatalogueEvent.TYPE_CHANGED, actor=actor, subject=locked, data={"changed": diff})
    return locked


def _members_diff(queue: Queue, members: Iterable[Any]) -> list[list[str]] | None:
    before = sorted(user.email for user in queue.members.all())
    after = sorted(user.email for user in members)
    return [before, after] if before != after else None


@transaction.atomic
def queue_create(*, actor: Actor, values: Mapping[str, Any]) -> Queue:
    fields = dict(values)
    members = list(fields.pop("members", []))
    queue = Queue()
    diff = configuration.apply(queue, fields)
    configuration.validate(queue)
    queue.save()
    queue.members.set(members)
    if members:
        diff["members"] = [[], sorted(user.email for user in members)]
    record(CatalogueEvent.QUEUE_CREATED, actor=actor, subject=queue, data={"changed": diff})
    return queue


@transaction.atomic
def queue_update(*, actor: Actor, queue: Queue, values: Mapping[str, Any]) -> Queue:
    fields = dict(values)
    members = list(fields.pop("members", queue.members.all()))
    locked = Queue.objects.select_for_update().get(pk=queue.pk)
    diff = configuration.apply(locked, fields, fixed=FIXED)
    configuration.validate(locked)
    members_changed = _members_diff(locked, members)
    if members_changed is not None:
        diff["members"] = members_changed
        locked.members.set(members)
    if diff:
        locked.save()
        record(CatalogueEvent.QUEUE_CHANGED, actor=actor, subject=locked, data={"changed": diff})
    return locked
