"""A customer's contracts and equipment through their personal token."""

from datetime import date
from decimal import Decimal

from ninja import Query, Router, Schema

from clientdesk.api import tokens
from clientdesk.api.auth import customer
from clientdesk.api.errors import ERRORS
from clientdesk.api.paging import PageParams, page
from clientdesk.api.scopes import Scope
from clientdesk.contracts import queries
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core import grants as G
from clientdesk.core.tenancy import get_visible_or_404

router = Router(tags=["My contracts"])


class ContractOut(Schema):
    number: str
    account: str
    title: str
    kind: str
    status: str
    start_date: date
    end_date: date | None
    renewal_date: date | None
    notice_days: int
    last_notice_day: date | None
    value: Decimal
    currency: str


class ContractPage(Schema):
    results: list[ContractOut]
    next: int | None


class MachineOut(Schema):
    serial_number: str
    account: str
    machine_type: str
    model: str
    location: str
    warranty_end: date | None
    contract: str | None


class MachinePage(Schema):
    results: list[MachineOut]
    next: int | None


def _out(contract: Contract, calendar) -> dict:
    return {
        "number": contract.number,
        "account": contract.account.number,
        "title": contract.title,
        "kind": contract.kind,
        "status": contract.status,
        "start_date": contract.start_date,
        "end_date": contract.end_date,
        "renewal_date": contract.renewal_date,
        "notice_days": contract.notice_days,
        "last_notice_day": queries.last_notice_day(contract, calendar),
        "value": contract.value,
        "currency": contract.currency,
    }


def _machine(machine: Equipment) -> dict:
    return {
        "serial_number": machine.serial_number,
        "account": machine.account.number,
        "machine_type": machine.machine_type,
        "model": machine.model,
        "location": machine.location,
        "warranty_end": machine.warranty_end,
        "contract": machine.contract.number if machine.contract else None,
    }


@router.get(
    "",
    response={200: ContractPage, **ERRORS},
    auth=customer(Scope.CONTRACTS_READ),
    summary="My contracts, newest first",
    operation_id="my_contracts_list",
)
def my_contracts(request, params: Query[PageParams]):
    rows, after = page(queries.contracts_matching(tokens.calling(request)), params)
    calendar = queries.calendar()
    return {"results": [_out(contract, calendar) for contract in rows], "next": after}


@router.get(
    "/equipment",
    response={200: MachinePage, **ERRORS},
    auth=customer(Scope.CONTRACTS_READ),
    summary="My installed equipment and what covers it",
    operation_id="my_equipment_list",
)
def my_equipment(request, params: Query[PageParams]):
    rows, after = page(queries.equipment_list(tokens.calling(request)), params)
    return {"results": [_machine(machine) for machine in rows], "next": after}


@router.get(
    "/{number}",
    response={200: ContractOut, **ERRORS},
    auth=customer(Scope.CONTRACTS_READ),
    summary="One of my contracts",
    operation_id="my_contracts_get",
)
def my_contract(request, number: str):
    contract = get_visible_or_404(
        Contract.objects.select_related("account"),
        tokens.calling(request),
        G.CONTRACTS_VIEW,
        number=number,
    )
    return _out(contract, queries.calendar())
