"""The audit log's hash chain: each audited event carries a hash over itself and the one before.

Changing, removing or inserting a row in the middle of the log breaks every
hash after it; ``manage.py audit_verify`` walks the chain and names the first
row that does not match. The hash covers every column of the row, so it is
computed from plain values that read back the same on SQLite and PostgreSQL.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from clientdesk.core.models import Event


def event_hash(event: Event, previous_hash: str) -> str:
    fields: list[Any] = [
        event.audit_seq,
        previous_hash,
        event.kind,
        event.actor_kind,
        event.actor_user_id,
        event.actor_token_id,
        event.actor_name,
        event.account_id,
        event.subject_type,
        event.subject_id,
        event.data,
        event.ip,
        event.user_agent,
        event.created_at.astimezone(UTC).isoformat(),
    ]
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Verdict:
    checked: int
    broken_at: int | None  # the audit_seq of the first row that does not match
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def verify(events: Iterable[Event], *, last_seq: int, last_hash: str) -> Verdict:
    """Walk the audited events in order of their sequence and check every link."""
    previous_hash, expected_seq, checked = "", 1, 0
    for event in events:
        if event.audit_seq != expected_seq:
            return Verdict(checked, expected_seq, "a row is missing")
        if event_hash(event, previous_hash) != event.audit_hash:
            return Verdict(checked, event.audit_seq, "the row was changed")
        previous_hash, expected_seq, checked = event.audit_hash, expected_seq + 1, checked + 1
    if checked != last_seq or previous_hash != last_hash:
        return Verdict(checked, checked + 1, "rows at the end are missing")
    return Verdict(checked, None)
