"""What an upsert by an external system's identifier did: the ERP needs to know per item."""

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
