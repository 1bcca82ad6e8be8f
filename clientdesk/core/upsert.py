"""What an upsert did: the ERP pushes the same data again and again, and must be told apart.

Every ERP-facing write (``order_upsert``, ``invoice_issue``, ...) returns an
``Upserted``: the object as the portal now holds it and whether the call created
it, changed it, or found it as it was (a retry, which records no event).
"""

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Upserted(Generic[T]):
    obj: T
    outcome: Outcome

    @property
    def changed(self) -> bool:
        return self.outcome is not Outcome.UNCHANGED
