"""The CSV import (``manage.py import_csv``): the API's schemas and services, a file at a time.

A row is parsed by the same schema as the API's bulk item and written by the same
function as its routes, so a file and a call accept and refuse the same things.
Objects with lines (orders, shipments, invoices, payments) take them either from
repeated rows (consecutive rows with the same ``external_id``, the line's columns
prefixed: ``line_position``) or from a JSON column named like the list (``lines``).

All or nothing: the file runs in one transaction, each object in a savepoint so that
every refusal is reported, and any refusal (or a dry run) rolls the whole file back.
"""

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from ninja import Schema
from pydantic import ValidationError as SchemaError

from clientdesk.accounts.api import CustomerItem, push_customer
from clientdesk.billing.api import InvoiceItem, PaymentItem, push_invoice, push_payment
from clientdesk.contracts.api import ContractItem, EquipmentItem, push_contract, push_equipment
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.upsert import Upserted
from clientdesk.orders.api import OrderItem, ShipmentItem, push_order, push_shipment


@dataclass(frozen=True)
class Kind:
    schema: type[Schema]  # the API's bulk item, external_id included
    push: Callable[[Actor, str, Any], Upserted]
    children: str = ""  # the list that repeated rows fill ("lines")
    prefix: str = ""  # the columns of one of its entries in a row ("line_")


KINDS = {
    "customers": Kind(CustomerItem, push_customer),
    "contracts": Kind(ContractItem, push_contract),
    "equipment": Kind(EquipmentItem, push_equipment),
    "orders": Kind(OrderItem, push_order, "lines", "line_"),
    "shipments": Kind(ShipmentItem, push_shipment, "items", "item_"),
    "invoices": Kind(InvoiceItem, push_invoice, "lines", "line_"),
    "payments": Kind(PaymentItem, push_payment, "allocations", "allocation_"),
}


@dataclass(frozen=True)
class RowError:
    row: int  # the file's line, the header being line 1
    column: str
    code: str
    message: str


@dataclass
class Group:
    """The rows of one object: its fields, and the row each of its entries came from."""

    rows: list[int]
    external_id: str
    data: dict[str, Any]
    entry_rows: list[int] = field(default_factory=list)
    from_json: bool = False
    errors: list[RowError] = field(default_factory=list)


@dataclass
class Result:
    rows: list[int]
    external_id: str
    outcome: str = ""
    errors: list[RowError] = field(default_factory=list)


class ImportRefused(Exception):
    """Rolls the file back; the results say why."""


def _cells(row: dict[str | None, Any]) -> dict[str, str]:
    # csv puts extra cells under None; empty cells are missing, so the schema's default applies.
    return {
        name.strip(): value.strip()
        for name, value in row.items()
        if name is not None and isinstance(value, str) and value.strip()
    }


def _entry(kind: Kind, cells: dict[str, str]) -> dict[str, str]:
    size = len(kind.prefix)
    return {name[size:]: value for name, value in cells.items() if name.startswith(kind.prefix)}


def read_groups(kind: Kind, rows: Iterable[dict[str | None, Any]]) -> list[Group]:
    groups: list[Group] = []
    for number, row in enumerate(rows, start=2):
        cells = _cells(row)
        external_id = cells.get("external_id", "")
        entry = _entry(kind, cells) if kind.children else {}
        last = groups[-1] if groups else None
        if entry and last is not None and not last.from_json and last.external_id == external_id:
            last.rows.append(number)
            last.data[kind.children].append(entry)
            last.entry_rows.append(number)
            continue
        head: dict[str, Any] = {
            k: v for k, v in cells.items() if not (kind.prefix and k.startswith(kind.prefix))
        }
        group = Group(rows=[number], external_id=external_id, data=head)
        if kind.children and kind.children in head:
            group.from_json = True
            try:
                head[kind.children] = json.loads(head[kind.children])
            except json.JSONDecodeError as error:
                group.errors.append(RowError(number, kind.children, "json_invalid", error.msg))
        elif kind.children:
            head[kind.children] = [entry] if entry else []
            group.entry_rows = [number] if entry else []
        groups.append(group)
    return groups


def _schema_errors(kind: Kind, group: Group, error: SchemaError) -> list[RowError]:
    found = []
    for problem in error.errors():
        loc = problem["loc"]
        row, column = group.rows[0], str(loc[0]) if loc else ""
        index = loc[1] if len(loc) > 2 and loc[0] == kind.children else None
        if isinstance(index, int) and not group.from_json and index < len(group.entry_rows):
            row, column = group.entry_rows[index], kind.prefix + str(loc[2])
        found.append(RowError(row, column, problem["type"], problem["msg"]))
    return found


def _one(kind: Kind, actor: Actor, group: Group) -> Result:
    result = Result(rows=group.rows, external_id=group.external_id, errors=list(group.errors))
    if result.errors:
        return result
    try:
        item = kind.schema.model_validate(group.data)
    except SchemaError as error:
        result.errors = _schema_errors(kind, group, error)
        return result
    try:
        with transaction.atomic():  # a savepoint: the next objects still run and report
            pushed = kind.push(actor, group.external_id, item)
            result.outcome = pushed.outcome.value
    except ServiceError as error:
        column = error.field or ""
        result.errors = [RowError(group.rows[0], column, error.error.value, error.text)]
    return result


def import_rows(
    kind_name: str, rows: Iterable[dict[str | None, Any]], *, actor: Actor, dry_run: bool
) -> list[Result]:
    """Parse and write every object of the file; roll all of it back on any error or a dry run."""
    kind = KINDS[kind_name]
    results: list[Result] = []
    try:
        with transaction.atomic():
            results = [_one(kind, actor, group) for group in read_groups(kind, rows)]
            if dry_run or any(result.errors for result in results):
                raise ImportRefused
    except ImportRefused:
        pass
    return results


def import_file(path: str, kind_name: str, *, actor: Actor, dry_run: bool) -> list[Result]:
    with open(path, newline="", encoding="utf-8-sig") as file:
        return import_rows(kind_name, csv.DictReader(file), actor=actor, dry_run=dry_run)
