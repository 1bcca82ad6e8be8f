"""Contact us: the phone and hours, whether the team is there now, the FAQ, then a request."""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from clientdesk.core import grants as G
from clientdesk.core.navigation import held_grants
from clientdesk.support import queries, sla


def _next_opening(calendar, now):
    # Adding no business hours gives the next moment the line is open; hours
    # that never open (closing at the opening time) give none.
    try:
        return calendar.add(now, 0)
    except ValueError:
        return None


@require_GET
def contact(request):
    calendar = sla.vendor_calendar()
    now = timezone.now()
    open_now = calendar.is_open(now)
    return render(
        request,
        "support/contact.html",
        {
            "current_section": "contact",
            "open_now": open_now,
            "opens_at": None if open_now else _next_opening(calendar, now),
            "vendor_tz": calendar.tz,
            "request_types": queries.active_types(),
            "can_file": G.REQUESTS in held_grants(request),
        },
    )
