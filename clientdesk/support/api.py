"""Requests through the API: a customer's token files, follows and answers its requests
(what the tenancy gate gives its user, call by call); the ERP's token reads them all.
"""

from datetime import datetime

from django.db.models import QuerySet
from ninja import Field, Query, Router, Schema

from clientdesk.accounts.models import CustomerAccount
from clientdesk.api import tokens
from clientdesk.api.auth import any_token, customer, token_actor
from clientdesk.api.errors import ERRORS, ApiError
from clientdesk.api.models import ApiToken
from clientdesk.api.paging import PageParams, page
from clientdesk.api.scopes import Scope
from clientdesk.core import grants as G
from clientdesk.core.errors import ServiceError
from clientdesk.support import queries, services
from clientdesk.support.errors import RequestError
from clientdesk.support.models import SupportRequest

router = Router(tags=["Requests"])


class MessageOut(Schema):
    from_support: bool
    body: str
    created_at: datetime


class RequestOut(Schema):
    number: str
    account: str = Field(description="The customer account's number.")
    type: str
    subject: str
    status: str
    created_at: datetime
    updated_at: datetime


class RequestDetailOut(RequestOut):
    description: str
    details: dict
    messages: list[MessageOut]


class RequestPage(Schema):
    results: list[RequestOut]
    next: int | None = Field(None, description="Pass as `after` for the next page.")


class NewRequestIn(Schema):
    account: str = Field(max_length=30, description="The customer account's number.")
    type: str = Field(max_length=40, description="The request type's code.")
    subject: str = Field(max_length=200)
    description: str = Field(max_length=20000)
    details: dict[str, str] = Field(default_factory=dict, description="The type's own fields.")
    contact_phone: str = Field("", max_length=32)


class ReplyIn(Schema):
    body: str = Field(max_length=20000)


def _visible(request) -> QuerySet[SupportRequest]:
    token = tokens.calling(request)
    if token.kind == ApiToken.Kind.VENDOR:
        return SupportRequest.objects.select_related("type", "account")
    return queries.requests_of(token)


def _out(item: SupportRequest) -> dict:
    return {
        "number": item.number,
        "account": item.account.number,
        "type": item.type.code,
        "subject": item.subject,
        "status": item.status,
        "created_at": item.created_at,
        "updated_at": item.updated_at,
    }


def _one(request, number: str) -> SupportRequest:
    found = _visible(request).filter(number=number).first()
    if found is None:
        raise ApiError.not_found("number")
    return found


def _detail(item: SupportRequest) -> dict:
    messages = [
        {"from_support": m.from_staff, "body": m.body, "created_at": m.created_at}
        for m in queries.public_conversation(item)
    ]
    return {
        **_out(item),
        "description": item.description,
        "details": item.details,
        "messages": messages,
    }


@router.get(
    "",
    response={200: RequestPage, **ERRORS},
    auth=any_token(Scope.REQUESTS_READ),
    summary="Requests, newest first",
    operation_id="requests_list",
)
def requests_list(request, params: Query[PageParams]):
    rows, after = page(_visible(request), params)
    return {"results": [_out(item) for item in rows], "next": after}


@router.get(
    "/{number}",
    response={200: RequestDetailOut, **ERRORS},
    auth=any_token(Scope.REQUESTS_READ),
    summary="A request with its public conversation",
    operation_id="requests_get",
)
def requests_get(request, number: str):
    return _detail(_one(request, number))


@router.post(
    "",
    response={201: RequestDetailOut, **ERRORS},
    auth=customer(Scope.REQUESTS_WRITE),
    summary="File a request",
    operation_id="requests_create",
)
def requests_create(request, payload: NewRequestIn):
    token = tokens.calling(request)
    account = CustomerAccount.objects.visible_to(token, G.REQUESTS).filter(number=payload.account)
    request_type = queries.active_type(payload.type)
    if request_type is None:
        raise ServiceError(RequestError.TYPE_INACTIVE, field="type")
    user = token.user
    filed = services.request_create(
        actor=token_actor(request),
        new=services.NewRequest(
            account=_first_or_refuse(account),
            request_type=request_type,
            subject=payload.subject,
            description=payload.description,
            contact_name=user.get_full_name() or user.email,
            contact_email=user.email,
            contact_phone=payload.contact_phone,
            details=payload.details,
        ),
    )
    return 201, _detail(_one(request, filed.number))


def _first_or_refuse(accounts: QuerySet[CustomerAccount]) -> CustomerAccount:
    account = accounts.first()
    if account is None:
        raise ServiceError(RequestError.ACCOUNT, field="account")
    return account


@router.post(
    "/{number}/replies",
    response={201: RequestDetailOut, **ERRORS},
    auth=customer(Scope.REQUESTS_WRITE),
    summary="Answer a request",
    operation_id="requests_reply",
)
def requests_reply(request, number: str, payload: ReplyIn):
    found = _one(request, number)
    services.request_reply(
        actor=token_actor(request), support_request=found, body=payload.body, attachments=()
    )
    return 201, _detail(_one(request, number))
