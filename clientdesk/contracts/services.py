"""Every write of contracts, their documents and the equipment.

The ERP pushes contracts and machines (through a command, the API or the demo
data), idempotent by its ``external_id``: pushing the same data again changes
nothing and records nothing. A refusal is a ServiceError with a ContractError.
"""

import hashlib
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from clientdesk.accounts.models import CustomerAccount
from clientdesk.contracts.errors import ContractError
from clientdesk.contracts.events import ContractEvent
from clientdesk.contracts.models import Contract, ContractDocument, Equipment
from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.locking import lock, save_new_version
from clientdesk.core.upsert import Outcome, Upserted, claim


@dataclass(frozen=True, kw_only=True)
class ContractData:
    number: str
    kind: str
    status: str
    start_date: date
    end_date: date | None = None
    renewal_date: date | None = None
    notice_days: int = 30
    value: Decimal = Decimal("0.00")
    currency: str = "RON"
    title: str = ""


@dataclass(frozen=True, kw_only=True)
class EquipmentData:
    machine_type: str
    serial_number: str
    model: str = ""
    location: str = ""
    warranty_end: date | None = None
    contract_number: str = ""


def _full_clean(row, *, exclude: list[str] | None = None) -> None:
    try:
        row.full_clean(exclude=exclude, validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(
            CommonError.INVALID, field=None if field == "__all__" else field, message=messages[0]
        ) from None


def _refuse_taken(row, fields: tuple[str, ...], *, field: str) -> None:
    """A unique value another row holds, refused on ``field`` (not left to the database)."""
    model = type(row)
    others = model._default_manager.filter(**{name: getattr(row, name) for name in fields})
    if others.exclude(pk=row.pk).exists():
        message = row.unique_error_message(model, fields).messages[0]
        raise ServiceError(CommonError.INVALID, field=field, message=message)


@transaction.atomic
def contract_upsert(
    *, actor: Actor, account: CustomerAccount, external_id: str, data: ContractData
) -> Upserted[Contract]:
    """Create or update the contract the ERP knows as ``external_id``."""
    if data.end_date is not None and data.end_date < data.start_date:
        raise ServiceError(ContractError.DATES, field="end_date")
    claim(Contract, external_id)
    existing = Contract.objects.filter(external_id=external_id).values_list("pk", flat=True).first()
    if existing is None:
        contract = Contract(external_id=external_id, account=account)
    else:
        contract = lock(Contract.objects.all(), existing)
        if contract.account_id != account.pk:
            raise ServiceError(ContractError.OTHER_ACCOUNT, field="account")
    names = [f.name for f in fields(ContractData)]
    before = [getattr(contract, name) for name in names]
    for name in names:
        setattr(contract, name, getattr(data, name))
    _full_clean(contract, exclude=["account", "version"])
    if contract.pk is not None and before == [getattr(contract, name) for name in names]:
        return Upserted(contract, Outcome.UNCHANGED)  # the same push again
    _refuse_taken(contract, ("number",), field="number")
    outcome = Outcome.UPDATED if contract.pk else Outcome.CREATED
    if contract.pk is None:
        contract.save()
    else:
        save_new_version(contract)
    events.record(
        ContractEvent.UPSERTED,
        actor=actor,
        account=account,
        subject=contract,
        data={"number": contract.number, "status": contract.status},
    )
    return Upserted(contract, outcome)


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@transaction.atomic
def document_add(
    *, actor: Actor, contract: Contract, name: str, content: bytes
) -> Upserted[ContractDocument]:
    """A new version of the contract's document; the same PDF again is not a new version."""
    if not content.startswith(b"%PDF-"):
        raise ServiceError(ContractError.NOT_PDF, field="file")
    contract = lock(Contract.objects.all(), contract.pk)
    digest = sha256_of(content)
    latest: ContractDocument | None = contract.documents.order_by("-number").first()
    if latest is not None and latest.sha256 == digest:
        return Upserted(latest, Outcome.UNCHANGED)
    document = ContractDocument(
        contract=contract,
        number=(latest.number + 1) if latest else 1,
        name=name[:200] or f"{contract.number}.pdf",
        size=len(content),
        sha256=digest,
    )
    document.file.save(f"{document.public_id}.pdf", ContentFile(content), save=False)
    document.save()
    events.record(
        ContractEvent.DOCUMENT_ADDED,
        actor=actor,
        account=contract.account_id,
        subject=contract,
        data={"document": str(document.public_id), "version": document.number, "sha256": digest},
    )
    # A new version of a document the contract had is an update of it.
    return Upserted(document, Outcome.UPDATED if latest else Outcome.CREATED)


@transaction.atomic
def equipment_upsert(
    *, actor: Actor, account: CustomerAccount, external_id: str, data: EquipmentData
) -> Upserted[Equipment]:
    """Create or update the machine the ERP knows as ``external_id``, with its covering contract."""
    contract = None
    if data.contract_number:
        contract = Contract.objects.filter(account=account, number=data.contract_number).first()
        if contract is None:
            raise ServiceError(
                ContractError.NO_SUCH_CONTRACT,
                field="contract_number",
                params={"number": data.contract_number},
            )
    claim(Equipment, external_id)
    machine = Equipment.objects.select_for_update().filter(external_id=external_id).first()
    if machine is None:
        machine = Equipment(external_id=external_id, account=account)
    elif machine.account_id != account.pk:
        raise ServiceError(ContractError.EQUIPMENT_OTHER_ACCOUNT, field="account")
    names = ["machine_type", "serial_number", "model", "location", "warranty_end"]
    state = [getattr(machine, n) for n in names] + [machine.contract_id]
    for name in names:
        setattr(machine, name, getattr(data, name))
    machine.contract = contract
    _full_clean(machine, exclude=["account", "contract"])
    if machine.pk is not None and state == [getattr(machine, n) for n in names] + [
        machine.contract_id
    ]:
        return Upserted(machine, Outcome.UNCHANGED)
    _refuse_taken(machine, ("account", "serial_number"), field="serial_number")
    outcome = Outcome.UPDATED if machine.pk else Outcome.CREATED
    machine.save()
    events.record(
        ContractEvent.EQUIPMENT_UPSERTED,
        actor=actor,
        account=account,
        subject=machine,
        data={"serial_number": machine.serial_number, "contract": data.contract_number},
    )
    return Upserted(machine, outcome)


@transaction.atomic
def contract_terminating(*, actor: Actor, contract: Contract, end_date: date) -> Contract:
    """The customer gave notice: the contract ends on ``end_date``."""
    contract = lock(Contract.objects.all(), contract.pk)
    contract.status, contract.end_date, contract.renewal_date = (
        Contract.Status.TERMINATING,
        end_date,
        None,
    )
    save_new_version(contract)
    events.record(
        ContractEvent.UPSERTED,
        actor=actor,
        account=contract.account_id,
        subject=contract,
        data={"number": contract.number, "status": contract.status, "end_date": end_date},
    )
    return contract


@transaction.atomic
def servicepac_activate(*, actor: Actor, contract: Contract, serial_number: str) -> Equipment:
    """Staff confirm a registered ServicePac: it becomes active and covers the machine."""
    from clientdesk.contracts.errors import ServicePacError

    contract = lock(Contract.objects.all(), contract.pk)
    if contract.kind != Contract.Kind.SERVICEPAC:
        raise ServiceError(ServicePacError.NOT_SERVICEPAC, field="contract")
    machine = (
        Equipment.objects.select_for_update()
        .filter(account_id=contract.account_id, serial_number__iexact=serial_number.strip())
        .first()
    )
    if machine is None:
        raise ServiceError(
            ServicePacError.UNKNOWN_MACHINE,
            field="serial_number",
            params={"serial": serial_number},
        )
    contract.status = Contract.Status.ACTIVE
    save_new_version(contract)
    machine.contract = contract
    machine.save(update_fields=["contract"])
    events.record(
        ContractEvent.EQUIPMENT_UPSERTED,
        actor=actor,
        account=contract.account_id,
        subject=machine,
        data={"serial_number": machine.serial_number, "contract": contract.number},
    )
    return machine


SERVICEPAC_KIND = "servicepac-registration"


def servicepac_contract(support_request) -> Contract | None:
    """The ServicePac a registration names, on the request's account."""
    return Contract.objects.filter(
        account_id=support_request.account_id,
        kind=Contract.Kind.SERVICEPAC,
        number__iexact=(support_request.details.get("servicepac_number") or "").strip(),
    ).first()


def _open_registration(support_request):
    from clientdesk.contracts.errors import ServicePacError
    from clientdesk.support.models import OPEN_STATUSES

    if support_request.type.code != SERVICEPAC_KIND or support_request.status not in OPEN_STATUSES:
        raise ServiceError(ServicePacError.NOT_WAITING)


def _answer(support_request, *, version: int, body: str) -> None:
    """The requester's answer, e-mailed by support; the request is resolved with it."""
    from clientdesk.support import services as support
    from clientdesk.support.models import Status

    support.request_staff_reply(
        actor=Actor.system("contracts"),
        support_request=support_request,
        version=version,
        body=body,
        status=Status.RESOLVED,
    )


@transaction.atomic
def servicepac_confirm(*, actor: Actor, support_request, version: int) -> Equipment:
    """Staff confirm a registration: the ServicePac covers the machine; the customer is told."""
    from django.utils import translation
    from django.utils.translation import gettext

    from clientdesk.contracts.errors import ServicePacError

    _open_registration(support_request)
    contract = servicepac_contract(support_request)
    if contract is None:
        raise ServiceError(
            ServicePacError.UNKNOWN_SERVICEPAC,
            params={"number": support_request.details.get("servicepac_number", "")},
        )
    machine = servicepac_activate(
        actor=actor, contract=contract, serial_number=support_request.details["serial_number"]
    )
    with translation.override(support_request.language or "ro"):
        body = gettext(
            "Your ServicePac %(number)s is active and covers the machine %(type)s, serial "
            "number %(serial)s."
        ) % {
            "number": contract.number,
            "type": machine.machine_type,
            "serial": machine.serial_number,
        }
    _answer(support_request, version=version, body=body)
    return machine


@transaction.atomic
def servicepac_refuse(*, actor: Actor, support_request, version: int, reason: str) -> None:
    """Staff refuse a registration, saying why; the customer is told and may reopen it."""
    from clientdesk.contracts.errors import ServicePacError

    _open_registration(support_request)
    if not reason.strip():
        raise ServiceError(ServicePacError.REASON_REQUIRED, field="reason")
    events.record(
        ContractEvent.SERVICEPAC_REFUSED,
        actor=actor,
        account=support_request.account_id,
        subject=support_request,
        data={"number": support_request.number, "reason": reason.strip()},
    )
    _answer(support_request, version=version, body=reason.strip())
