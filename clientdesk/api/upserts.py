"""What the ERP's upsert routes share: its identifier in the path, the outcome in the answer.

Each app's api.py declares its own schemas (constraints that mirror its models) and
calls its own services; only these few pieces are common. Each router declares
``/bulk`` before ``/{external_id}``: routes match in order, and "bulk" would
otherwise be taken for an identifier.
"""

from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import StringConstraints

from clientdesk.core.upsert import Upserted

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
