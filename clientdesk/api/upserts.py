"""What the ERP's upsert routes share: its identifier in the path, the outcome in the answer,
and the pair of routes itself (``upsert_routes``).

Each app's api.py declares its own schemas (constraints that mirror its models) and
calls its own services through a ``push`` function; the routes around it are the same
for every kind of object.
"""

from collections.abc import Callable
from typing import Annotated, Any, Literal

from ninja import Field, Path, Router, Schema
from pydantic import StringConstraints

from clientdesk.api.auth import token_actor, vendor
from clientdesk.api.bulk import BulkOut, run_bulk
from clientdesk.api.errors import ERRORS
from clientdesk.core.actors import Actor
from clientdesk.core.upsert import Outcome, Upserted

ExternalId = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
OutcomeName = Literal["created", "updated", "unchanged"]


class ExternalIdPath(Schema):
    external_id: ExternalId = Field(description="The ERP's own identifier of the object.")


class Pushed(Schema):
    """What every answer carries besides the object: the ERP's identifier and what was done."""

    external_id: str
    outcome: OutcomeName = Field(
        description="created, updated, or unchanged (the same data again: nothing was recorded)."
    )


def pushed(result: Upserted, **fields) -> dict:
    """The object's fields as the portal holds them, with the outcome of the push."""
    return {"external_id": result.obj.external_id, "outcome": result.outcome.value, **fields}


def upsert_routes(
    router: Router,
    *,
    scope: str,
    operation_id: str,
    summary: str,
    bulk_summary: str,
    schema: type[Schema],
    bulk_schema: type[Schema],
    out: type[Pushed],
    push: Callable[[Actor, str, Any], Upserted],
    answer: Callable[[Upserted, Any], dict],
) -> None:
    """``PUT /{external_id}`` (a ``schema``, answered with ``answer``) and ``POST /bulk`` (a
    ``bulk_schema``: ``items``, each with its ``external_id``; a result per item) on ``router``.

    ``/bulk`` is declared first: routes match in order, and "bulk" would otherwise be
    taken for an identifier.
    """

    @router.post(
        "/bulk",
        auth=vendor(scope),
        response={200: BulkOut, **ERRORS},
        summary=bulk_summary,
        operation_id=f"{operation_id}_bulk",
        url_name=f"{operation_id}_bulk",
    )
    def bulk(request, payload: bulk_schema):  # type: ignore[valid-type]
        actor = token_actor(request)

        def apply(item: Any) -> tuple[Outcome, str]:
            return push(actor, item.external_id, item).outcome, item.external_id

        items = payload.items  # type: ignore[attr-defined]
        return run_bulk(items, apply, external_id=lambda item: item.external_id)

    @router.put(
        "/{external_id}",
        auth=vendor(scope),
        response={200: out, **ERRORS},
        summary=summary,
        operation_id=operation_id,
        url_name=operation_id,
    )
    def put(request, path: Path[ExternalIdPath], payload: schema) -> dict:  # type: ignore[valid-type]
        return answer(push(token_actor(request), path.external_id, payload), payload)
