"""Response and resolution targets, counted in the vendor's business hours."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext as _

from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig
from clientdesk.support.models import OPEN_STATUSES, RequestType, Status, SupportRequest


def vendor_calendar() -> BusinessCalendar:
    return BusinessCalendar.from_config(VendorConfig.get())


def overdue(now: datetime) -> Q:
    """Open requests past a target they have not met: no first response, or not resolved."""
    return Q(status__in=OPEN_STATUSES) & (
        Q(first_response_at__isnull=True, first_response_due__lt=now)
        | Q(resolved_at__isnull=True, resolution_due__lt=now)
    )


# "Due soon" on the staff's dashboard and queue: a target that falls within this many
# business hours and is not met yet.
SOON_HOURS = 2


def due_soon(now: datetime) -> Q:
    """Open requests whose unmet target falls within the next SOON_HOURS business hours."""
    until = vendor_calendar().add(now, SOON_HOURS)
    return Q(status__in=OPEN_STATUSES) & (
        Q(first_response_at__isnull=True, first_response_due__gte=now, first_response_due__lt=until)
        | Q(resolved_at__isnull=True, resolution_due__gte=now, resolution_due__lt=until)
    )


def first_response_due(request_type: RequestType, start: datetime, calendar) -> datetime:
    return calendar.add(start, request_type.first_response_hours)


def resolution_due(request_type: RequestType, start: datetime, calendar) -> datetime:
    return calendar.add(start, request_type.resolution_hours)


@dataclass(frozen=True)
class Clock:
    """One target of a request, as a page shows it."""

    label: str
    due: datetime
    done_at: datetime | None
    now: datetime

    @property
    def state(self) -> str:
        if self.done_at is not None:
            return "met" if self.done_at <= self.due else "late"
        return "overdue" if self.now > self.due else "running"

    @property
    def badge(self) -> str:
        return {"met": "success", "late": "warning", "overdue": "danger", "running": "info"}[
            self.state
        ]

    @property
    def state_label(self) -> str:
        # Only the state's own label is translated (a queue page asks 50 times).
        state = self.state
        if state == "met":
            return _("met")
        if state == "late":
            return _("met late")
        if state == "overdue":
            return _("overdue")
        return _("on time")


def clocks(support_request: SupportRequest, now: datetime) -> list[Clock]:
    """The request's two targets; none once it was cancelled (nothing is owed then)."""
    if support_request.status == Status.CANCELLED:
        return []
    return [
        Clock(
            _("First response"),
            support_request.first_response_due,
            support_request.first_response_at,
            now,
        ),
        Clock(_("Resolution"), support_request.resolution_due, support_request.resolved_at, now),
    ]
