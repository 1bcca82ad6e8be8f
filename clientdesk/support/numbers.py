"""Readable request numbers, REQ-YYYY-NNNNNN, unique however many are filed at once."""

from django.db import transaction
from django.utils import timezone

from clientdesk.support.models import RequestCounter


def next_number(*, tz) -> str:
    """Take the next number of the current year (in the vendor's time zone).

    The year's counter row is created if missing (a concurrent creator's insert
    is ignored, not an error) and then locked, so two requests filed at the
    same moment wait for each other and never share a number. Called inside
    the transaction that creates the request, so the lock lasts until commit.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number() must run inside the request's transaction")
    year = timezone.localtime(timezone=tz).year
    RequestCounter.objects.bulk_create([RequestCounter(year=year)], ignore_conflicts=True)
    counter = RequestCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"REQ-{year}-{counter.last:06d}"
