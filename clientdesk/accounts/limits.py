"""Hourly allowances per person for what one account could flood the vendor with (access
requests, invitations), counted in the shared cache so that every process counts together."""

import time

from django.core.cache import cache

HOUR = 3600
ACCESS_REQUESTS_PER_HOUR = 5
INVITATIONS_PER_HOUR = 20


def spend(action: str, user_id: int, allowed: int) -> bool:
    """Count one use in this hour's window; False once the allowance is used up."""
    key = f"allowance:{action}:{user_id}:{int(time.time() // HOUR)}"
    cache.add(key, 0, timeout=HOUR + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # the window expired between add and incr
        cache.set(key, 1, timeout=HOUR + 1)
        used = 1
    return used <= allowed
