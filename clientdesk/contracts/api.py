"""The ERP's writes of contracts, their documents and the equipment.

PUT one by its identifier or POST up to BULK_MAX in one call. A contract's document
is PUT as the PDF itself (``Content-Type: application/pdf``) or as a multipart form's
``file``; the same PDF again is not a new version. What signing decides (the
signature requests, the signed documents) is the portal's and is not written here.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO
from typing import Literal

from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from ninja import Field, Path, Router, Schema

from clientdesk.accounts.queries import account_by_external_id
from clientdesk.api.auth import token_actor, vendor
from clientdesk.api.bulk import BULK_MAX
from clientdesk.api.errors import ERRORS, ApiError
from clientdesk.api.upserts import (
    Currency,
    ExternalId,
    ExternalIdPath,
    Pushed,
    pushed,
    upsert_routes,
)
from clientdesk.contracts import services
from clientdesk.contracts.errors import ContractError
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.upsert import Upserted

router = Router(tags=["Contracts"])
equipment_router = Router(tags=["Contracts"])

ContractKind = Literal[
    "hw_maintenance",
    "sw_maintenance",
    "monthly_licence",
    "prepaid_licence",
    "servicepac",
    "services",
]
ContractStatus = Literal[
    "draft",
    "awaiting_approval",
    "awaiting_signature",
    "active",
    "terminating",
    "terminated",
    "expired",
]


class ContractIn(Schema):
    account: ExternalId = Field(description="The customer account's external_id.")
    number: str = Field(min_length=1, max_length=40)
    title: str = Field("", max_length=200)
    kind: ContractKind
    status: ContractStatus
    start_date: date
    end_date: date | None = None
    renewal_date: date | None = None
    notice_days: int = Field(30, ge=0, le=3650)
    value: Decimal = Field(Decimal("0.00"), ge=0, max_digits=14, decimal_places=2)
    currency: Currency = "RON"


class ContractItem(ContractIn):
    external_id: ExternalId


class ContractBulkIn(Schema):
    items: list[ContractItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class ContractOut(Pushed):
    number: str
    kind: str
    status: str
    version: int


def push_contract(actor: Actor, external_id: str, data: ContractIn) -> Upserted[Contract]:
    fields = data.dict(exclude={"external_id", "account"})
    return services.contract_upsert(
        actor=actor,
        account=account_by_external_id(data.account),
        external_id=external_id,
        data=services.ContractData(**fields),
    )


def _contract_out(result: Upserted[Contract], _data: ContractIn) -> dict:
    contract = result.obj
    return pushed(
        result,
        number=contract.number,
        kind=contract.kind,
        status=contract.status,
        version=contract.version,
    )


upsert_routes(
    router,
    scope="contracts:write",
    operation_id="contract_upsert",
    summary="Create or update a contract",
    bulk_summary="Create or update many contracts",
    schema=ContractIn,
    bulk_schema=ContractBulkIn,
    out=ContractOut,
    push=push_contract,
    answer=_contract_out,
)


class DocumentOut(Schema):
    contract: str
    version: int
    name: str
    size: int
    sha256: str
    outcome: Literal["created", "updated", "unchanged"]


def _uploaded_pdf(request: HttpRequest) -> tuple[str, bytes]:
    """The PDF of the body, or of a multipart ``file`` (Django parses forms only for POST)."""
    if request.content_type == "multipart/form-data":
        try:
            _form, files = request.parse_file_upload(request.META, BytesIO(request.body))
        except MultiPartParserError:
            raise ServiceError(ContractError.NOT_PDF, field="file") from None
        upload = files.get("file")
        if upload is None:
            raise ServiceError(ContractError.NOT_PDF, field="file")
        return upload.name or "", upload.read()
    if request.content_type != "application/pdf":
        raise ServiceError(ContractError.NOT_PDF, field="file")
    return "", request.body


PDF_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/pdf": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


@router.put(
    "/{external_id}/document",
    auth=vendor("contracts:write"),
    response={200: DocumentOut, **ERRORS},
    summary="Add a version of a contract's document (the PDF as the body, or multipart)",
    operation_id="contract_document_add",
    openapi_extra=PDF_BODY,
)
def contract_document_put(request, path: Path[ExternalIdPath]) -> dict:
    contract = Contract.objects.filter(external_id=path.external_id).first()
    if contract is None:
        raise ApiError.not_found("external_id")
    name, content = _uploaded_pdf(request)
    result = services.document_add(
        actor=token_actor(request),
        contract=contract,
        name=name or f"{contract.number}.pdf",
        content=content,
    )
    document = result.obj
    return {
        "contract": path.external_id,
        "version": document.number,
        "name": document.name,
        "size": document.size,
        "sha256": document.sha256,
        "outcome": result.outcome.value,
    }


class EquipmentIn(Schema):
    account: ExternalId = Field(description="The customer account's external_id.")
    machine_type: str = Field(min_length=1, max_length=40)
    serial_number: str = Field(min_length=1, max_length=40)
    model: str = Field("", max_length=80)
    location: str = Field("", max_length=200)
    warranty_end: date | None = None
    contract_number: str = Field("", max_length=40, description="The covering contract.")


class EquipmentItem(EquipmentIn):
    external_id: ExternalId


class EquipmentBulkIn(Schema):
    items: list[EquipmentItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class EquipmentOut(Pushed):
    machine_type: str
    serial_number: str
    contract_number: str


def push_equipment(actor: Actor, external_id: str, data: EquipmentIn) -> Upserted[Equipment]:
    return services.equipment_upsert(
        actor=actor,
        account=account_by_external_id(data.account),
        external_id=external_id,
        data=services.EquipmentData(
            machine_type=data.machine_type,
            serial_number=data.serial_number,
            model=data.model,
            location=data.location,
            warranty_end=data.warranty_end,
            contract_number=data.contract_number,
        ),
    )


def _equipment_out(result: Upserted[Equipment], data: EquipmentIn) -> dict:
    machine = result.obj
    return pushed(
        result,
        machine_type=machine.machine_type,
        serial_number=machine.serial_number,
        contract_number=data.contract_number,
    )


upsert_routes(
    equipment_router,
    scope="contracts:write",
    operation_id="equipment_upsert",
    summary="Create or update a machine and what covers it",
    bulk_summary="Create or update many machines",
    schema=EquipmentIn,
    bulk_schema=EquipmentBulkIn,
    out=EquipmentOut,
    push=push_equipment,
    answer=_equipment_out,
)
