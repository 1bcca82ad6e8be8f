"""What an upsert by an external system's identifier did: the ERP needs to know per item."""

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from django.db import connection, models

T = TypeVar("T")


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Upserted(Generic[T]):
    obj: T
    outcome: Outcome


def claim(model: type[models.Model], external_id: str) -> None:
    """Until the transaction ends, no other upsert of ``external_id`` runs: the ERP sending
    the same item twice at once gets one created and one unchanged, not a unique-key error.
    (A row lock cannot do it: the row may not exist yet. SQLite has one writer at a time.)"""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        key = f"{model._meta.label}:{external_id}"
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
