"""The ERP's writes of customer accounts, and its invitations of their people.

PUT one account by its identifier or POST up to BULK_MAX in one call; POST an
invitation to an account's colleague, who accepts by the link e-mailed (the ERP
invites in the vendor's name and grants nothing until then).
"""

from datetime import datetime
from typing import Literal

from ninja import Field, Path, Router, Schema

from clientdesk.accounts import services
from clientdesk.accounts.models import CustomerAccount
from clientdesk.api.auth import token_actor, vendor
from clientdesk.api.bulk import BULK_MAX
from clientdesk.api.errors import ERRORS, ApiError
from clientdesk.api.upserts import ExternalId, ExternalIdPath, Pushed, pushed, upsert_routes
from clientdesk.core.actors import Actor
from clientdesk.core.upsert import Outcome, Upserted

router = Router(tags=["Customers"])

Grant = Literal[
    "requests",
    "orders",
    "invoices",
    "contracts.view",
    "contracts.approve",
    "contracts.sign",
    "admin",
]


class CustomerIn(Schema):
    number: str = Field(min_length=1, max_length=30, description="The customer number.")
    name: str = Field(min_length=1, max_length=200)
    tax_id: str = Field("", max_length=20, description="Checked as a CUI when country is RO.")
    trade_register: str = Field("", max_length=40)
    address: str = Field("", max_length=300)
    city: str = Field("", max_length=100)
    county: str = Field("", max_length=100)
    postal_code: str = Field("", max_length=20)
    country: str = Field("RO", pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2.")
    phone: str = Field("", max_length=32)
    email: str = Field("", max_length=254)


class CustomerItem(CustomerIn):
    external_id: ExternalId


class CustomerBulkIn(Schema):
    items: list[CustomerItem] = Field(min_length=1, json_schema_extra={"maxItems": BULK_MAX})


class CustomerOut(Pushed):
    number: str
    name: str
    tax_id: str
    country: str
    phone: str


def push_customer(actor: Actor, external_id: str, data: CustomerIn) -> Upserted[CustomerAccount]:
    fields = data.dict(exclude={"external_id"})
    return services.account_upsert(
        actor=actor, external_id=external_id, data=services.AccountData(**fields)
    )


def _customer_out(result: Upserted[CustomerAccount], _data: CustomerIn) -> dict:
    account = result.obj
    return pushed(
        result,
        number=account.number,
        name=account.name,
        tax_id=account.tax_id,
        country=str(account.country),
        phone=account.phone,
    )


upsert_routes(
    router,
    scope="customers:write",
    operation_id="customer_upsert",
    summary="Create or update a customer account",
    bulk_summary="Create or update many customer accounts",
    schema=CustomerIn,
    bulk_schema=CustomerBulkIn,
    out=CustomerOut,
    push=push_customer,
    answer=_customer_out,
)


class InvitationIn(Schema):
    email: str = Field(min_length=3, max_length=254, pattern=r"^[^@\s]+@[^@\s]+$")
    grants: list[Grant] = Field(min_length=1, max_length=7)


class InvitationOut(Schema):
    account: str
    email: str
    grants: list[str]
    expires_at: datetime
    outcome: Literal["created"]


@router.post(
    "/{external_id}/invitations",
    auth=vendor("customers:write"),
    response={200: InvitationOut, **ERRORS},
    summary="Invite a person to a customer account; they accept by the link e-mailed",
    operation_id="customer_invite",
)
def customer_invite(request, path: Path[ExternalIdPath], payload: InvitationIn) -> dict:
    account = CustomerAccount.objects.filter(external_id=path.external_id).first()
    if account is None:
        raise ApiError.not_found("external_id")
    invitation = services.invitation_create(
        actor=token_actor(request),
        account=account,
        email=payload.email,
        grants=sorted(set(payload.grants)),
    )
    return {
        "account": path.external_id,
        "email": invitation.email,
        "grants": invitation.grants,
        "expires_at": invitation.expires_at,
        "outcome": Outcome.CREATED.value,
    }
