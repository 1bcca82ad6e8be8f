"""Business-hours arithmetic for response and resolution targets.

The vendor works Monday to Friday between its opening and closing times, in its
time zone, except on the public holidays of its country. Each day's window is
turned into UTC before any arithmetic, so days when the clocks change count
their real length.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays

# A target never needs more than a few months; the cap only guards a calendar
# with no working day at all.
_MAX_DAYS = 3660


@dataclass(frozen=True)
class BusinessCalendar:
    tz: ZoneInfo
    opens: time
    closes: time
    country: str

    @classmethod
    def from_config(cls, config) -> "BusinessCalendar":
        return cls(
            tz=ZoneInfo(config.time_zone),
            opens=config.hours_open,
            closes=config.hours_close,
            country=str(config.holidays_country),
        )

    @property
    def _holidays(self) -> holidays.HolidayBase:
        return _holidays_of(self.country)

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self._holidays

    def window(self, day: date) -> tuple[datetime, datetime] | None:
        """The day's opening hours in UTC, or None on a weekend or holiday."""
        if not self.is_working_day(day):
            return None
        start = datetime.combine(day, self.opens, tzinfo=self.tz).astimezone(UTC)
        end = datetime.combine(day, self.closes, tzinfo=self.tz).astimezone(UTC)
        return start, end

    def is_open(self, moment: datetime) -> bool:
        window = self.window(moment.astimezone(self.tz).date())
        return window is not None and window[0] <= moment < window[1]

    def add(self, start: datetime, hours: float) -> datetime:
        """The moment when ``hours`` business hours have passed since ``start``."""
        remaining = timedelta(hours=float(hours))
        cursor = start.astimezone(UTC)
        day = cursor.astimezone(self.tz).date()
        for _ in range(_MAX_DAYS):
            window = self.window(day)
            if window is not None:
                begin = max(cursor, window[0])
                if begin < window[1]:
                    if remaining <= window[1] - begin:
                        return begin + remaining
                    remaining -= window[1] - begin
            day += timedelta(days=1)
        raise ValueError("the calendar has no working day in ten years")

    def between(self, start: datetime, end: datetime) -> float:
        """Business hours between two moments (0 when end is before start)."""
        total = timedelta()
        day = start.astimezone(self.tz).date()
        last = end.astimezone(self.tz).date()
        while day <= last:
            window = self.window(day)
            if window is not None:
                overlap = min(end, window[1]) - max(start, window[0])
                total += max(overlap, timedelta())
            day += timedelta(days=1)
        return total.total_seconds() / 3600


_HOLIDAY_CACHE: dict[str, holidays.HolidayBase] = {}


def _holidays_of(country: str) -> holidays.HolidayBase:
    # Holiday tables grow year by year as dates are looked up; one per country.
    if country not in _HOLIDAY_CACHE:
        _HOLIDAY_CACHE[country] = holidays.country_holidays(country)
    return _HOLIDAY_CACHE[country]
