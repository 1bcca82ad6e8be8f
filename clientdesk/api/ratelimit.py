"""Calls per token in fixed windows, counted in the shared cache (Redis when configured,
so every process counts together); the setting reads like "600/m"."""

import math
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _limit() -> tuple[int, int]:
    count, _, unit = settings.API_RATE_LIMIT.partition("/")
    if not count.isdigit() or unit[:1] not in _SECONDS:
        raise ImproperlyConfigured("API_RATE_LIMIT reads like 600/m (per s, m, h or d)")
    return int(count), _SECONDS[unit[:1]]


def spend(token_id: int) -> int | None:
    """Count a call; None when it is allowed, else the seconds until the next window."""
    allowed, window = _limit()
    now = time.time()
    slot = int(now // window)
    key = f"api-rate:{token_id}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 1)
        used = 1
    if used <= allowed:
        return None
    return max(1, math.ceil((slot + 1) * window - now))
