"""Calls per token in fixed windows, counted in the shared ``limits`` cache (so every
process counts together); the setting reads like "600/m"."""

import math
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from clientdesk.core.counters import count

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _limit() -> tuple[int, int]:
    amount, _, unit = settings.API_RATE_LIMIT.partition("/")
    if not amount.isdigit() or unit[:1] not in _SECONDS:
        raise ImproperlyConfigured("API_RATE_LIMIT reads like 600/m (per s, m, h or d)")
    return int(amount), _SECONDS[unit[:1]]


def spend(token_id: int) -> int | None:
    """Count a call; None when it is allowed, else the seconds until the next window."""
    allowed, window = _limit()
    used, ends = count(f"api-rate:{token_id}", window)
    if used <= allowed:
        return None
    return max(1, math.ceil(ends - time.time()))
