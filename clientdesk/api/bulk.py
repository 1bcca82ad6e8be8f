"""Bulk upserts: up to BULK_MAX items per call, each applied on its own, a result per item.

An item that a service refuses is reported with its codes and does not stop the
others: each runs in its own savepoint, so a refusal leaves nothing of that item.
"""

from collections.abc import Callable, Sequence
from typing import Literal, TypeVar

from django.db import transaction
from ninja import Schema

from clientdesk.api.errors import ApiError, ApiErrorCode, ErrorItem, service_error_items
from clientdesk.core.errors import ServiceError
from clientdesk.core.upsert import Outcome

BULK_MAX = 1000

Item = TypeVar("Item")


class ItemResult(Schema):
    index: int
    external_id: str
    outcome: Literal["created", "updated", "unchanged", "error"]
    errors: list[ErrorItem] = []


class BulkOut(Schema):
    results: list[ItemResult]
    created: int
    updated: int
    unchanged: int
    errors: int


def check_size(items: Sequence) -> None:
    if len(items) > BULK_MAX:
        raise ApiError(422, ApiErrorCode.BULK_TOO_LARGE, loc=["body", "items"], limit=BULK_MAX)


def _one(index: int, item: Item, apply, external_id) -> ItemResult:
    try:
        with transaction.atomic():
            outcome, ident = apply(item)
    except ServiceError as error:
        loc: list[str | int] = ["body", "items", index]
        return ItemResult(
            index=index,
            external_id=external_id(item),
            outcome="error",
            errors=[ErrorItem(**e) for e in service_error_items(error, loc=loc)],
        )
    return ItemResult(index=index, external_id=ident, outcome=outcome.value)


def run_bulk(
    items: Sequence[Item],
    apply: Callable[[Item], tuple[Outcome, str]],
    *,
    external_id: Callable[[Item], str],
) -> BulkOut:
    check_size(items)
    results: list[ItemResult] = []
    # One commit for the call, a savepoint per item: a commit per item (a WAL flush each)
    # was most of a bulk's time. The locks an item takes (an account's ledger) are held
    # to the end of the call.
    with transaction.atomic():
        for index, item in enumerate(items):
            results.append(_one(index, item, apply, external_id))
    counts = {name: 0 for name in ("created", "updated", "unchanged", "error")}
    for result in results:
        counts[result.outcome] += 1
    return BulkOut(
        results=results,
        created=counts["created"],
        updated=counts["updated"],
        unchanged=counts["unchanged"],
        errors=counts["error"],
    )
