"""Hourly allowances per person for what one account could flood the vendor with (access
requests, invitations), counted in the shared cache so that every process counts together."""

from clientdesk.core.counters import count

HOUR = 3600
ACCESS_REQUESTS_PER_HOUR = 5
INVITATIONS_PER_HOUR = 20


def spend(action: str, user_id: int, allowed: int) -> bool:
    """Count one use in this hour's window; False once the allowance is used up."""
    used, _ends = count(f"allowance:{action}:{user_id}", HOUR)
    return used <= allowed
