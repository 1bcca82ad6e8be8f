"""Fixed-window counters shared by every process: the one implementation of the portal's own
rate limits and allowances. In Redis when configured (the ``limits`` cache), otherwise in
the database's Counter table, one atomic statement a count."""

import time
from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import caches
from django.db import connection

from clientdesk.core.models import Counter


def count(key: str, window: int) -> tuple[int, float]:
    """Count one use of ``key`` in this window of ``window`` seconds: the uses so far in
    it, and when it ends (a time.time() value)."""
    slot = int(time.time() // window)
    ends = (slot + 1) * window
    slot_key = f"{key}:{slot}"
    if settings.REDIS_URL:
        return _count_in_redis(slot_key, window), ends
    return _count_in_database(slot_key, datetime.fromtimestamp(ends, UTC)), ends


def recent(key: str, window: int) -> int:
    """The uses of ``key`` in this window and the one before, counting none."""
    slot = int(time.time() // window)
    keys = [f"{key}:{slot}", f"{key}:{slot - 1}"]
    if settings.REDIS_URL:
        return sum(caches["limits"].get_many(keys).values())
    return sum(Counter.objects.filter(key__in=keys).values_list("value", flat=True))


def _count_in_redis(slot_key: str, window: int) -> int:
    limits = caches["limits"]
    if limits.add(slot_key, 1, timeout=window + 1):
        return 1
    try:
        return limits.incr(slot_key)
    except ValueError:  # the window expired between add and incr
        limits.set(slot_key, 1, timeout=window + 1)
        return 1


def _count_in_database(slot_key: str, expires: datetime) -> int:
    table = connection.ops.quote_name(Counter._meta.db_table)
    with connection.cursor() as cursor:
        # SQLite (3.35+) and PostgreSQL both speak this upsert.
        cursor.execute(
            f"INSERT INTO {table} (key, value, expires) VALUES (%s, 1, %s) "  # noqa: S608  # nosec B608
            f"ON CONFLICT (key) DO UPDATE SET value = {table}.value + 1 RETURNING value",
            [slot_key, expires],
        )
        used = cursor.fetchone()[0]
    if used == 1:  # a new window: the ended ones of every key go
        Counter.objects.filter(expires__lt=datetime.now(UTC)).delete()
    return used
