from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clientdesk.core.business_hours import BusinessCalendar

BUCHAREST = ZoneInfo("Europe/Bucharest")
CALENDAR = BusinessCalendar(tz=BUCHAREST, opens=time(9), closes=time(17, 30), country="RO")


def local(*args) -> datetime:
    return datetime(*args, tzinfo=BUCHAREST)


moments = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC)
)
durations = st.floats(min_value=0.01, max_value=200, allow_nan=False)


def test_an_hour_from_friday_afternoon_ends_on_monday_morning():
    assert CALENDAR.add(local(2026, 11, 20, 17), 1) == local(2026, 11, 23, 9, 30)


def test_a_request_filed_on_saturday_starts_counting_on_monday_at_opening():
    assert CALENDAR.add(local(2026, 11, 21, 11), 2) == local(2026, 11, 23, 11)


def test_a_request_filed_before_opening_starts_counting_at_opening():
    assert CALENDAR.add(local(2026, 11, 24, 7, 45), 0.5) == local(2026, 11, 24, 9, 30)


def test_public_holidays_of_the_vendor_country_are_skipped():
    # 30 November (St Andrew) and 1 December (National Day) are Romanian holidays.
    assert CALENDAR.add(local(2026, 11, 27, 17), 1) == local(2026, 12, 2, 9, 30)


def test_the_clocks_changing_over_the_weekend_keeps_the_local_opening_time():
    # Summer time starts on Sunday 29 March 2026: Monday opens at 09:00 EEST (06:00 UTC).
    due = CALENDAR.add(local(2026, 3, 27, 17), 1)
    assert due == local(2026, 3, 30, 9, 30)
    assert due.astimezone(UTC).hour == 6


def test_a_full_working_day_is_eight_and_a_half_hours():
    assert CALENDAR.between(local(2026, 11, 24, 0), local(2026, 11, 25, 0)) == pytest.approx(8.5)
    assert CALENDAR.between(local(2026, 11, 28, 0), local(2026, 11, 29, 0)) == 0


def test_open_now_follows_hours_weekends_and_holidays():
    assert CALENDAR.is_open(local(2026, 11, 24, 10))
    assert not CALENDAR.is_open(local(2026, 11, 24, 17, 30))
    assert not CALENDAR.is_open(local(2026, 11, 28, 10))
    assert not CALENDAR.is_open(local(2026, 12, 1, 10))


@settings(max_examples=300, deadline=None)
@given(start=moments, hours=durations)
def test_the_due_time_falls_inside_business_hours(start, hours):
    due = CALENDAR.add(start, hours)
    window = CALENDAR.window(due.astimezone(BUCHAREST).date())
    assert window is not None
    assert window[0] < due <= window[1]


@settings(max_examples=300, deadline=None)
@given(start=moments, hours=durations)
def test_counting_back_gives_the_hours_added(start, hours):
    due = CALENDAR.add(start, hours)
    assert CALENDAR.between(start, due) == pytest.approx(hours, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(start=moments, first=durations, second=durations)
def test_adding_in_two_steps_equals_adding_at_once(start, first, second):
    in_steps = CALENDAR.add(CALENDAR.add(start, first), second)
    at_once = CALENDAR.add(start, first + second)
    assert abs(in_steps - at_once) < timedelta(milliseconds=1)
