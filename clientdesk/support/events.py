"""What happens to a request: its history page, the audit trail and the webhooks read these."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind
from clientdesk.core.models import Event
from clientdesk.support.models import Queue, Status, customer_label


class RequestEvent(EventKind):
    CREATED = "request.created", _("Request filed")
    STATUS = "request.status", _("Status changed")
    ASSIGNED = "request.assigned", _("Assigned")
    QUEUE = "request.queue", _("Moved to another queue")
    RATED = "request.rated", _("Satisfaction rated")
    REPLIED = "request.replied", _("Customer replied")
    STAFF_REPLIED = "request.staff_replied", _("Support replied")
    NOTE_ADDED = "request.note_added", _("Internal note added")


class CatalogueEvent(EventKind):
    """The vendor admin changed what customers can ask for, or who answers: audited."""

    TYPE_CREATED = "request_type.created", _("Request type added")
    TYPE_CHANGED = "request_type.changed", _("Request type changed")
    QUEUE_CREATED = "queue.created", _("Queue added")
    QUEUE_CHANGED = "queue.changed", _("Queue changed")


# The history list shows what happened to the request; the messages are in the conversation.
HISTORY_KINDS = (
    RequestEvent.CREATED,
    RequestEvent.STATUS,
    RequestEvent.ASSIGNED,
    RequestEvent.QUEUE,
    RequestEvent.RATED,
)
# Staff-only: who works the request is the vendor's business.
INTERNAL_KINDS = (RequestEvent.ASSIGNED, RequestEvent.QUEUE, RequestEvent.NOTE_ADDED)


def describe(event: Event, *, for_customer: bool = False) -> str:
    """The event in words, in the active language; statuses worded for its reader."""
    data = event.data
    if event.kind == RequestEvent.STATUS:
        label = customer_label if for_customer else (lambda status: str(Status(status).label))
        return gettext("Status: %(from)s → %(to)s") % {
            "from": label(data["from"]),
            "to": label(data["to"]),
        }
    if event.kind == RequestEvent.RATED:
        return gettext("Satisfaction rated %(rating)s of 5") % {"rating": data["rating"]}
    if event.kind == RequestEvent.ASSIGNED:
        if data.get("to"):
            return gettext("Assigned to %(name)s") % {"name": data["to"]}
        return gettext("No longer assigned")
    if event.kind == RequestEvent.QUEUE:
        names = {q.code: q.name for q in Queue.objects.filter(code__in=data.values())}
        return gettext("Moved from queue %(from)s to %(to)s") % {
            "from": names.get(data["from"], data["from"]),
            "to": names.get(data["to"], data["to"]),
        }
    return str(RequestEvent(event.kind).label)
