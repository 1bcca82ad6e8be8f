"""What the dashboard counts for support: a customer's requests waiting on them; a staff
member's queues, and what in them is due soon or overdue. Each count links to its list."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting
from clientdesk.support import sla
from clientdesk.support.models import OPEN_STATUSES, Queue, Status, SupportRequest
from clientdesk.support.queries import OPEN
from clientdesk.support.staff.queries import MY_QUEUES


def _link(name: str, **query: str) -> str:
    return f"{reverse(name)}?{urlencode(query)}"


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query: the requests of the user's accounts that wait for the customer's answer."""
    if G.REQUESTS not in held:
        return []
    count = (
        SupportRequest.objects.visible_to(user, G.REQUESTS).filter(status=Status.WAITING).count()
    )
    text = ngettext(
        "%(count)s request waits for your answer",
        "%(count)s requests wait for your answer",
        count,
    ) % {"count": count}
    return [Waiting(text, _link("support:list", status=Status.WAITING), count, urgent=True)]


def staff_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """Two queries: the open requests of each queue the staff member works, and how many of
    those are overdue or due within SOON_HOURS business hours."""
    if not user.is_staff:
        return []
    worked = Queue.objects.worked_by(user).values("pk")
    queues = (
        Queue.objects.filter(pk__in=worked)
        .annotate(open_count=Count("requests", filter=Q(requests__status__in=OPEN_STATUSES)))
        .values_list("code", "name_ro", "name_en", "open_count")
    )
    now = timezone.now()
    clocks = SupportRequest.objects.filter(queue__in=worked).aggregate(
        overdue=Count("pk", filter=sla.overdue(now)),
        soon=Count("pk", filter=sla.due_soon(now)),
    )
    found = [
        Waiting(
            ngettext(
                "%(count)s open request in %(queue)s",
                "%(count)s open requests in %(queue)s",
                count,
            )
            # An unsaved Queue names itself in the active language.
            % {"count": count, "queue": Queue(name_ro=name_ro, name_en=name_en).name},
            _link("support_staff:queue", queue=code, status=OPEN),
            count,
        )
        for code, name_ro, name_en, count in queues
    ]
    mine = {"queue": MY_QUEUES, "status": OPEN}
    found.append(
        Waiting(
            ngettext(
                "%(count)s request past its target",
                "%(count)s requests past their target",
                clocks["overdue"],
            )
            % {"count": clocks["overdue"]},
            _link("support_staff:queue", **mine, overdue="on"),
            clocks["overdue"],
            urgent=True,
        )
    )
    found.append(
        Waiting(
            ngettext(
                "%(count)s request due within two business hours",
                "%(count)s requests due within two business hours",
                clocks["soon"],
            )
            % {"count": clocks["soon"]},
            _link("support_staff:queue", **mine, due_soon="on"),
            clocks["soon"],
            urgent=True,
        )
    )
    return found
