"""Response and resolution targets in business hours, shown to staff and customer."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import given, settings
from hypothesis import strategies as st

from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import OutboundEmail
from clientdesk.support import sla
from clientdesk.support.models import RequestType, Status
from clientdesk.support.tasks import close_resolved_request

BUCHAREST = ZoneInfo("Europe/Bucharest")
CALENDAR = BusinessCalendar(tz=BUCHAREST, opens=time(9), closes=time(17, 30), country="RO")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=BUCHAREST)


def a_type(first: str, resolution: str) -> RequestType:
    return RequestType(first_response_hours=Decimal(first), resolution_hours=Decimal(resolution))


def test_a_request_filed_on_friday_evening_counts_from_monday_morning():
    invoice = a_type("8", "24")
    filed = local(2026, 11, 20, 18, 5)
    assert sla.first_response_due(invoice, filed, CALENDAR) == local(2026, 11, 23, 17)
    # 24 hours: 8.5 on Monday, 8.5 on Tuesday, 7 on Wednesday.
    assert sla.resolution_due(invoice, filed, CALENDAR) == local(2026, 11, 25, 16)


def test_public_holidays_do_not_count():
    # Monday 30 November and Tuesday 1 December 2026 are Romanian public holidays.
    filed = local(2026, 11, 27, 18, 5)
    assert sla.resolution_due(a_type("8", "24"), filed, CALENDAR) == local(2026, 12, 4, 16)


def test_a_request_filed_the_weekend_summer_time_starts_keeps_local_hours():
    due = sla.first_response_due(a_type("2", "8"), local(2026, 3, 28, 12), CALENDAR)
    assert due == local(2026, 3, 30, 11)
    assert due.astimezone(UTC).hour == 8


filing_moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
targets = st.decimals(min_value=Decimal("0.25"), max_value=Decimal(200), places=2)


@settings(max_examples=200, deadline=None)
@given(filed=filing_moments, first=targets, resolution=targets)
def test_targets_count_exactly_their_hours_of_business_time(filed, first, resolution):
    request_type = a_type(str(first), str(resolution))
    for target, due in (
        (first, sla.first_response_due(request_type, filed, CALENDAR)),
        (resolution, sla.resolution_due(request_type, filed, CALENDAR)),
    ):
        assert due > filed
        assert CALENDAR.between(filed, due) == pytest.approx(float(target), abs=1e-6)
        opens, closes = CALENDAR.window(due.astimezone(BUCHAREST).date())
        assert opens < due <= closes


def clock_states(support_request, now):
    return [(clock.state, clock.badge) for clock in sla.clocks(support_request, now)]


def test_clocks_say_met_late_overdue_or_running(alfa_request):
    now = timezone.now()
    alfa_request.first_response_due = now - timedelta(hours=1)
    alfa_request.first_response_at = now - timedelta(hours=2)
    alfa_request.resolution_due = now - timedelta(minutes=1)
    assert clock_states(alfa_request, now) == [("met", "success"), ("overdue", "danger")]
    alfa_request.first_response_at = now
    alfa_request.resolution_due = now + timedelta(hours=3)
    assert clock_states(alfa_request, now) == [("late", "warning"), ("running", "info")]
    alfa_request.status = Status.CANCELLED
    assert clock_states(alfa_request, now) == []


def test_due_times_are_shown_to_the_customer_and_to_staff_in_the_vendors_time(
    client, alfa_admin, agent, alfa_request
):
    alfa_request.first_response_due = datetime(2026, 12, 2, 13, 0, tzinfo=UTC)
    alfa_request.save()
    shown = "2 Dec 2026, 15:00"  # 13:00 UTC is 15:00 in Bucharest
    client.force_login(alfa_admin)
    assert (
        shown in client.get(reverse("support:detail", args=[alfa_request.number])).content.decode()
    )
    client.force_login(agent)
    page = client.get(reverse("support_staff:detail", args=[alfa_request.number])).content.decode()
    assert shown in page


def test_the_customer_reads_waiting_for_your_reply_and_no_judgement_of_a_missed_target(
    client, alfa_admin, agent, alfa_request
):
    now = timezone.now()
    alfa_request.status = Status.WAITING
    alfa_request.first_response_due = now - timedelta(hours=2)
    alfa_request.first_response_at = now - timedelta(hours=1)
    alfa_request.save()
    client.force_login(alfa_admin)
    page = client.get(reverse("support:detail", args=[alfa_request.number])).content.decode()
    listed = client.get(reverse("support:list")).content.decode()
    assert "Waiting for your reply" in page and "Waiting for your reply" in listed
    assert "Waiting on customer" not in page + listed
    assert "met late" not in page and "overdue" not in page
    client.force_login(agent)
    page = client.get(reverse("support_staff:detail", args=[alfa_request.number])).content.decode()
    assert "Waiting on customer" in page and "met late" in page


def test_a_resolved_request_closes_itself_when_the_reopen_window_ends(
    client, agent, alfa_request, django_capture_on_commit_callbacks, settings
):
    client.force_login(agent)
    data = {"version": 1, "status": Status.RESOLVED, "queue": alfa_request.queue.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("support_staff:update", args=[alfa_request.number]), data)
    alfa_request.refresh_from_db()
    task = DBTaskResult.objects.get(task_path__endswith="close_resolved_request")
    assert task.run_after == alfa_request.resolved_at + timedelta(days=14)

    settings.PORTAL_URL = "https://portal.vendor.example"
    close_resolved_request.call(*task.args_kwargs["args"])

    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.CLOSED
    assert alfa_request.closed_at is not None
    closed_mail = OutboundEmail.objects.order_by("created_at").last()
    link = f"https://portal.vendor.example/requests/{alfa_request.number}/"
    assert link in closed_mail.body_text


def test_a_request_reopened_meanwhile_is_not_closed_by_the_old_task(alfa_request):
    resolved_at = timezone.now() - timedelta(days=14)
    alfa_request.status = Status.IN_PROGRESS
    alfa_request.save()
    close_resolved_request.call(alfa_request.pk, resolved_at.isoformat())
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.IN_PROGRESS
