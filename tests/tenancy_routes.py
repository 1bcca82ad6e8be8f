"""Every route of the portal, classified for the tenancy walk in tests/test_tenancy.py.

A route that is in none of these tables fails the walk's first test, by name:
put it in the table that says who may reach it, with the methods its view
accepts (its ``require_GET`` / ``require_POST`` / ``require_http_methods``)
and a way to build its URL for an object of Alfa. The walk then proves the
table against the route: the methods not listed answer 405, and each class's
callers get what the class promises.

A builder takes Alfa and Alfa's admin and returns a Target; it creates the
object the route is about, so each test starts from its own rows.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from clientdesk.accounts import services as account_services
from clientdesk.accounts.models import CustomerAccount, Invitation, Membership, User
from clientdesk.backoffice import roles
from clientdesk.billing.models import BillingSettings
from clientdesk.billing.staff.forms import BillingSettingsForm
from clientdesk.contracts.models import SignatureRequest, SignatureStep
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event, OutboundEmail, StaffMailOptOut, VendorConfig
from clientdesk.core.staff.forms import VendorConfigForm
from clientdesk.kb.models import Article, Category, SynonymGroup
from clientdesk.orders.models import Carrier
from clientdesk.orders.staff.forms import CarrierForm
from clientdesk.support.models import Message, Status, SupportRequest
from clientdesk.support.staff.catalogue_forms import QueueForm, RequestTypeForm
from clientdesk.webhooks.models import Delivery, Endpoint
from tests.api.factories import customer_token, vendor_token
from tests.billing.factories import issue
from tests.contracts.factories import ContractFactory, DocumentFactory, EquipmentFactory
from tests.factories import AccessRequestFactory, MembershipFactory, UserFactory
from tests.kb.factories import ArticleFactory, CategoryFactory, SynonymGroupFactory
from tests.orders.factories import OrderFactory
from tests.staff import form_post
from tests.support.factories import (
    AttachmentFactory,
    QueueFactory,
    RequestTypeFactory,
    SupportRequestFactory,
)
from tests.webhooks.factories import DeliveryFactory, EndpointFactory

# The methods every route is asked with: those a route's table entry does not list answer 405.
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
ANY = METHODS  # a view with no method decorator answers them all (the API's schema and docs)

# What an anonymous caller of a customer route gets.
LOGIN = "login redirect"
NOT_FOUND = "404"


@dataclass(frozen=True)
class Target:
    url: str
    post: dict = field(default_factory=dict)  # minimal valid form data, sent with POST only
    # Whether the insider's POST took effect (a form shown again with errors is a 200 too).
    done: Callable[[], bool] | None = None


Builder = Callable[[CustomerAccount, User], Target]


@dataclass(frozen=True)
class ObjectRoute:
    """Takes an identifier of one account's object: only that account's users with the grant."""

    grant: str
    methods: tuple[str, ...]
    build: Builder
    signed_out: str = LOGIN


@dataclass(frozen=True)
class PageRoute:
    """A customer list or form, no identifier: login needed, and it shows only what the
    grant lets through (``grant`` None: the user's own data). ``shows`` names the kinds of
    Alfa's data its page shows Alfa's admin (see ALFA_DATA in test_tenancy.py)."""

    methods: tuple[str, ...]
    build: Builder
    grant: str | None = None
    shows: frozenset[str] = frozenset()
    reauthenticate: bool = False  # allauth asks for the password again first
    answers: int = 200  # to a GET of a user it serves


@dataclass(frozen=True)
class PublicRoute:
    """Anyone may call it; ``answers`` is what an anonymous caller gets, by method."""

    methods: tuple[str, ...]
    build: Builder
    answers: dict[str, int]
    reason: str = ""  # for NOT_CUSTOMER_DATA: why a route with an identifier shows no one's data


@dataclass(frozen=True)
class StaffRoute:
    """The vendor's side: only staff in ``role`` (None: any staff member)."""

    methods: tuple[str, ...]
    build: Builder
    role: str | None


def url_only(name: str, *args) -> Builder:
    return lambda alfa, alfa_admin: Target(reverse(name, args=args))


# Customer object routes ----------------------------------------------------------------


def _colleague(alfa: CustomerAccount) -> Membership:
    return MembershipFactory(account=alfa, grant_requests=True)


def company_users(alfa, alfa_admin):
    email = "new.colleague@alfa.example"
    return Target(
        reverse("company_users", args=[alfa.public_id]),
        post={"email": email, "grants": [G.ORDERS]},
        done=lambda: Invitation.objects.filter(account=alfa, email=email).exists(),
    )


def company_member(alfa, alfa_admin):
    member = _colleague(alfa)
    return Target(
        reverse("company_member", args=[alfa.public_id, member.pk]),
        post={"grants": [G.INVOICES]},
        done=lambda: Membership.objects.get(pk=member.pk).grants == [G.INVOICES],
    )


def company_member_revoke(alfa, alfa_admin):
    member = _colleague(alfa)
    return Target(
        reverse("company_member_revoke", args=[alfa.public_id, member.pk]),
        done=lambda: not Membership.objects.filter(pk=member.pk).exists(),
    )


def company_invitation(name: str, done: Callable[[Invitation, Invitation], bool]) -> Builder:
    """``done`` compares the invitation as sent with how it is after the call."""

    def build(alfa, alfa_admin):
        sent = account_services.invitation_create(
            actor=Actor.of_user(alfa_admin), account=alfa, email="pending@alfa.example", grants=[]
        )
        return Target(
            reverse(name, args=[alfa.public_id, sent.pk]),
            done=lambda: done(sent, Invitation.objects.get(pk=sent.pk)),
        )

    return build


def order(name: str) -> Builder:
    def build(alfa, alfa_admin):
        return Target(reverse(name, args=[OrderFactory(account=alfa).public_id]))

    return build


def _request(alfa, alfa_admin, **fields) -> SupportRequest:
    return SupportRequestFactory(account=alfa, requester=alfa_admin, **fields)


def _resolved(alfa, alfa_admin) -> SupportRequest:
    return _request(
        alfa, alfa_admin, status=Status.RESOLVED, resolved_at=timezone.now() - timedelta(hours=1)
    )


def _now(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.get(pk=support_request.pk)


def support_detail(alfa, alfa_admin):
    return Target(reverse("support:detail", args=[_request(alfa, alfa_admin).number]))


def support_reply(alfa, alfa_admin):
    support_request = _request(alfa, alfa_admin)
    body = "Am repornit imprimanta, tot nu scanează."
    return Target(
        reverse("support:reply", args=[support_request.number]),
        post={"body": body},
        done=lambda: Message.objects.filter(request=support_request, body=body).exists(),
    )


def support_cancel(alfa, alfa_admin):
    support_request = _request(alfa, alfa_admin)
    return Target(
        reverse("support:cancel", args=[support_request.number]),
        done=lambda: _now(support_request).status == Status.CANCELLED,
    )


def support_reopen(alfa, alfa_admin):
    support_request = _resolved(alfa, alfa_admin)
    return Target(
        reverse("support:reopen", args=[support_request.number]),
        post={"body": "Eroarea a revenit."},
        done=lambda: _now(support_request).status == Status.IN_PROGRESS,
    )


def support_rate(alfa, alfa_admin):
    support_request = _resolved(alfa, alfa_admin)
    return Target(
        reverse("support:rate", args=[support_request.number]),
        post={"rating": "4"},
        done=lambda: _now(support_request).satisfaction == 4,
    )


def support_attachment(alfa, alfa_admin):
    attachment = AttachmentFactory(request=_request(alfa, alfa_admin))
    return Target(
        reverse("support:attachment", args=[attachment.request.number, attachment.public_id])
    )


def contract_detail(alfa, alfa_admin):
    return Target(reverse("contracts:detail", args=[ContractFactory(account=alfa).public_id]))


def contract_document(alfa, alfa_admin):
    document = DocumentFactory(contract=ContractFactory(account=alfa))
    return Target(
        reverse("contracts:document", args=[document.contract.public_id, document.public_id])
    )


def _signature(alfa, alfa_admin, role=SignatureStep.Role.SIGN):
    from tests.contracts.factories import signature_request_for

    steps = [(role, alfa_admin)]
    if role != SignatureStep.Role.SIGN:
        steps.append((SignatureStep.Role.SIGN, alfa_admin))
    return signature_request_for(ContractFactory(account=alfa), steps)


def signature_route(name: str) -> Builder:
    def build(alfa, alfa_admin):
        return Target(reverse(name, args=[_signature(alfa, alfa_admin).public_id]))

    return build


def invoice(name: str, *, with_pdf: bool = False) -> Builder:
    def build(alfa, alfa_admin):
        from clientdesk.billing.models import BillingSettings

        BillingSettings.objects.update_or_create(pk=1, defaults={"einvoice_enabled": True})
        document = issue(alfa)
        if with_pdf:  # as the worker leaves it: a stored file (its rendering is tested apart)
            from django.core.files.base import ContentFile

            from clientdesk.support.storage import private_storage

            document.pdf = private_storage().save("invoices/t.pdf", ContentFile(b"%PDF-1.7"))
            document.save(update_fields=["pdf"])
        return Target(reverse(name, args=[document.number]))

    return build


def signature_approve(alfa, alfa_admin):
    request = _signature(alfa, alfa_admin, SignatureStep.Role.APPROVE)
    return Target(
        reverse("contracts:signature_approve", args=[request.public_id]),
        done=lambda: request.steps.get(position=1).status == SignatureStep.Status.APPROVED,
    )


def signature_sign(alfa, alfa_admin):
    # Signing needs the password again first: the insider's POST is sent to re-authenticate
    # (tests/contracts/test_signing_pages.py signs after it).
    request = _signature(alfa, alfa_admin)
    return Target(
        reverse("contracts:signature_sign", args=[request.public_id]),
        post={"typed_name": alfa_admin.get_full_name()},
    )


def signature_decline(alfa, alfa_admin):
    request = _signature(alfa, alfa_admin)
    return Target(
        reverse("contracts:signature_decline", args=[request.public_id]),
        post={"reason": "Prețul nu este cel agreat."},
        done=lambda: SignatureRequest.objects.get(pk=request.pk).status == "declined",
    )


def equipment_detail(alfa, alfa_admin):
    return Target(reverse("equipment:detail", args=[EquipmentFactory(account=alfa).public_id]))


def bulk_download(name: str) -> Builder:
    def build(alfa, alfa_admin):
        from django.core.files.base import ContentFile

        from clientdesk.billing.models import BulkDownload
        from clientdesk.support.storage import private_storage

        download = BulkDownload.objects.create(
            user=alfa_admin,
            status=BulkDownload.Status.READY,
            file=private_storage().save("zips/t.zip", ContentFile(b"PK")),
            expires_at=timezone.now() + timedelta(hours=1),
        )
        download.invoices.set([issue(alfa)])
        return Target(reverse(name, args=[download.public_id]))

    return build


GET, POST, GET_POST = ("GET",), ("POST",), ("GET", "POST")

CUSTOMER_OBJECTS: dict[str, ObjectRoute] = {
    "company_users": ObjectRoute(G.ADMIN, GET_POST, company_users),
    "company_member": ObjectRoute(G.ADMIN, GET_POST, company_member),
    "company_member_revoke": ObjectRoute(G.ADMIN, POST, company_member_revoke),
    "company_invitation_resend": ObjectRoute(
        G.ADMIN,
        POST,
        company_invitation(
            "company_invitation_resend", lambda sent, now: now.token_hash != sent.token_hash
        ),
    ),
    "company_invitation_revoke": ObjectRoute(
        G.ADMIN,
        POST,
        company_invitation(
            "company_invitation_revoke", lambda sent, now: now.revoked_at is not None
        ),
    ),
    "orders:detail": ObjectRoute(G.ORDERS, GET, order("orders:detail")),
    # Polled by htmx: signed out it answers 404, which htmx leaves unswapped (see the view).
    "orders:live": ObjectRoute(G.ORDERS, GET, order("orders:live"), signed_out=NOT_FOUND),
    "billing:detail": ObjectRoute(G.INVOICES, GET, invoice("billing:detail")),
    "billing:print": ObjectRoute(G.INVOICES, GET, invoice("billing:print")),
    "billing:pdf": ObjectRoute(G.INVOICES, GET, invoice("billing:pdf", with_pdf=True)),
    "billing:xml": ObjectRoute(G.INVOICES, GET, invoice("billing:xml")),
    # The user's own download: another user (of any customer) gets 404.
    "billing:zip": ObjectRoute(G.INVOICES, GET, bulk_download("billing:zip")),
    "billing:zip_file": ObjectRoute(G.INVOICES, GET, bulk_download("billing:zip_file")),
    "support:detail": ObjectRoute(G.REQUESTS, GET, support_detail),
    "support:reply": ObjectRoute(G.REQUESTS, POST, support_reply),
    "support:cancel": ObjectRoute(G.REQUESTS, POST, support_cancel),
    "support:reopen": ObjectRoute(G.REQUESTS, POST, support_reopen),
    "support:rate": ObjectRoute(G.REQUESTS, POST, support_rate),
    "support:attachment": ObjectRoute(G.REQUESTS, GET, support_attachment),
    "contracts:detail": ObjectRoute(G.CONTRACTS_VIEW, GET, contract_detail),
    "contracts:document": ObjectRoute(G.CONTRACTS_VIEW, GET, contract_document),
    "equipment:detail": ObjectRoute(G.CONTRACTS_VIEW, GET, equipment_detail),
    "contracts:signature": ObjectRoute(
        G.CONTRACTS_SIGN, GET, signature_route("contracts:signature")
    ),
    "contracts:signature_pdf": ObjectRoute(
        G.CONTRACTS_SIGN, GET, signature_route("contracts:signature_pdf")
    ),
    "contracts:signature_sign": ObjectRoute(G.CONTRACTS_SIGN, GET_POST, signature_sign),
    "contracts:signature_approve": ObjectRoute(G.CONTRACTS_APPROVE, POST, signature_approve),
    "contracts:signature_decline": ObjectRoute(G.CONTRACTS_SIGN, POST, signature_decline),
}


# Customer lists and forms ----------------------------------------------------------------


def follow_suggestion(alfa, alfa_admin):
    # In both languages, so the link works whichever one the request is served in.
    article = ArticleFactory(lang="ro")
    ArticleFactory(slug=article.slug, lang="en", category=article.category)
    return Target(f"{reverse('support:follow')}?article={article.slug}")


ACCOUNT, REQUESTS, ORDERS = "account", "requests", "orders"
CONTRACT, MACHINE = "contract", "machine"
ACCOUNT, REQUESTS, ORDERS, INVOICES = "account", "requests", "orders", "invoices"

CUSTOMER_PAGES: dict[str, PageRoute] = {
    "dashboard": PageRoute(GET, url_only("dashboard"), shows=frozenset({ACCOUNT})),
    "profile": PageRoute(GET_POST, url_only("profile")),
    "my_data": PageRoute(GET, url_only("my_data"), shows=frozenset({ACCOUNT})),
    "my_data_export": PageRoute(GET, url_only("my_data_export"), shows=frozenset({ACCOUNT})),
    "delete_account": PageRoute(GET_POST, url_only("delete_account"), reauthenticate=True),
    "consent_withdraw": PageRoute(GET_POST, url_only("consent_withdraw"), answers=302),
    "access_list": PageRoute(GET, url_only("access_list"), shows=frozenset({ACCOUNT})),
    "access_new": PageRoute(GET_POST, url_only("access_new")),
    "my_api_tokens": PageRoute(GET_POST, url_only("my_api_tokens")),
    "support:list": PageRoute(GET, url_only("support:list"), G.REQUESTS, frozenset({REQUESTS})),
    "support:new": PageRoute(GET_POST, url_only("support:new"), G.REQUESTS),
    "contracts:give_notice": PageRoute(GET_POST, url_only("contracts:give_notice"), G.REQUESTS),
    "support:suggestions": PageRoute(GET, url_only("support:suggestions"), G.REQUESTS),
    "support:follow": PageRoute(GET, follow_suggestion, answers=302),  # to the article
    "orders:list": PageRoute(GET, url_only("orders:list"), G.ORDERS, frozenset({ORDERS})),
    "orders:export_csv": PageRoute(
        GET, url_only("orders:export_csv"), G.ORDERS, frozenset({ORDERS})
    ),
    "billing:list": PageRoute(GET, url_only("billing:list"), G.INVOICES, frozenset({INVOICES})),
    "billing:export_csv": PageRoute(
        GET, url_only("billing:export_csv"), G.INVOICES, frozenset({INVOICES})
    ),
    "billing:export_xlsx": PageRoute(
        GET, url_only("billing:export_xlsx"), G.INVOICES, frozenset({INVOICES})
    ),
    "billing:zip_new": PageRoute(GET_POST, url_only("billing:zip_new"), G.INVOICES),
    "billing:preferences": PageRoute(GET_POST, url_only("billing:preferences"), G.INVOICES),
    "statement:show": PageRoute(GET, url_only("statement:show"), G.INVOICES, frozenset({ACCOUNT})),
    "statement:csv": PageRoute(GET, url_only("statement:csv"), G.INVOICES, frozenset({ACCOUNT})),
    "statement:xlsx": PageRoute(GET, url_only("statement:xlsx"), G.INVOICES, frozenset({ACCOUNT})),
    # Its text is compressed in the file: tests/billing/test_statement.py reads it.
    "statement:pdf": PageRoute(GET, url_only("statement:pdf"), G.INVOICES),
    "orders:export_xlsx": PageRoute(
        GET, url_only("orders:export_xlsx"), G.ORDERS, frozenset({ORDERS})
    ),
    "contracts:list": PageRoute(
        GET, url_only("contracts:list"), G.CONTRACTS_VIEW, frozenset({CONTRACT})
    ),
    "equipment:list": PageRoute(
        GET, url_only("equipment:list"), G.CONTRACTS_VIEW, frozenset({MACHINE})
    ),
    "contracts:signatures": PageRoute(GET, url_only("contracts:signatures"), G.CONTRACTS_VIEW),
}


# Public routes, and routes with an identifier that show no customer's data ------------------


def kb_article(name: str) -> Builder:
    def build(alfa, alfa_admin):
        article = ArticleFactory(lang="ro")  # anonymous callers read the default language
        slug = article.category.slug if name == "kb:category" else article.slug
        return Target(reverse(name, args=[slug]), post={"helpful": "yes"})

    return build


def brand_logo(alfa, alfa_admin):
    from django.core.files.base import ContentFile

    from clientdesk.core.models import VendorConfig

    vendor = VendorConfig.get()
    vendor.logo.save("logo.svg", ContentFile(b'<svg xmlns="http://www.w3.org/2000/svg"/>'))
    return Target(reverse("brand_logo"))


def invitation(alfa, alfa_admin):
    sent = account_services.invitation_create(
        actor=Actor.of_user(alfa_admin), account=alfa, email="guest@alfa.example", grants=[]
    )
    return Target(reverse("invitation_accept", args=[sent.link_token]))


OK = {"GET": 200}
PUBLIC: dict[str, PublicRoute] = {
    "home": PublicRoute(GET, url_only("home"), OK),
    "privacy": PublicRoute(GET, url_only("privacy"), OK),
    "healthz": PublicRoute(GET, url_only("healthz"), OK),
    "brand_css": PublicRoute(GET, url_only("brand_css"), OK),
    "brand_logo": PublicRoute(GET, brand_logo, OK),
    "contact": PublicRoute(GET, url_only("contact"), OK),
    "kb:home": PublicRoute(GET, url_only("kb:home"), OK),
    "kb:search": PublicRoute(GET, url_only("kb:search"), OK),
    "kb:category": PublicRoute(GET, kb_article("kb:category"), OK),
    "kb:article": PublicRoute(GET, kb_article("kb:article"), OK),
    "kb:vote": PublicRoute(POST, kb_article("kb:vote"), {"POST": 302}),
    "verify:page": PublicRoute(GET_POST, url_only("verify:page"), {"GET": 200, "POST": 200}),
}

NOT_CUSTOMER_DATA: dict[str, PublicRoute] = {
    "invitation_accept": PublicRoute(
        GET_POST,
        invitation,
        {"GET": 200, "POST": 200},
        reason="the token in the link is the secret; signed out the page only asks to sign in, "
        "and accepting checks the invitee (tests/accounts/test_company_users.py)",
    ),
    "set_language": PublicRoute(
        POST,
        lambda alfa, alfa_admin: Target(reverse("set_language"), post={"language": "en"}),
        {"POST": 302},
        reason="switches the interface language of whoever asks",
    ),
    "admin_moved": PublicRoute(
        ANY,
        lambda alfa, alfa_admin: Target("/backoffice/core/event/?q=1"),
        dict.fromkeys(ANY, 301),
        reason="the admin's old address: it only redirects to /admin/, which is staff-only",
    ),
    # In production mode (as tests run) the API's description is for signed-in staff only,
    # unless the vendor opens it (tests/api/test_docs.py).
    "api-v1:openapi-json": PublicRoute(
        ANY,
        url_only("api-v1:openapi-json"),
        dict.fromkeys(ANY, 302),
        reason="the API's description: the sign-in page for anyone but staff",
    ),
    "api-v1:openapi-view": PublicRoute(
        ANY,
        url_only("api-v1:openapi-view"),
        dict.fromkeys(ANY, 302),
        reason="the API's docs page: the sign-in page for anyone but staff",
    ),
    "my_api_token_revoke": PublicRoute(
        POST,
        lambda alfa, alfa_admin: Target(
            reverse("my_api_token_revoke", args=[customer_token(alfa_admin)[0].public_id])
        ),
        {"POST": 302},
        reason="revokes one of the signed-in user's own tokens (signed out: the sign-in page); "
        "another user's token answers 404 (tests/api/test_token_pages.py)",
    ),
    "api-v1:api-root": PublicRoute(
        ANY,
        url_only("api-v1:api-root"),
        dict.fromkeys(ANY, 404),
        reason="django-ninja's root: it only names the API's prefix and answers 404 by design",
    ),
}

# The API: each URL name of the api-v1 namespace that serves operations, and the
# operations of the OpenAPI schema (method, path), each with who may call it.
API_URL_NAMES = {
    "api-v1:search_articles": "/api/v1/kb/search",
    "api-v1:token_me": "/api/v1/tokens/me",
    "api-v1:requests_list": "/api/v1/requests",
    "api-v1:requests_create": "/api/v1/requests",
    "api-v1:requests_get": "/api/v1/requests/{number}",
    "api-v1:requests_reply": "/api/v1/requests/{number}/replies",
    **{
        f"api-v1:{operation}{suffix}": f"/api/v1/{things}/{path}"
        for operation, things in (
            ("customer_upsert", "customers"),
            ("contract_upsert", "contracts"),
            ("equipment_upsert", "equipment"),
            ("order_upsert", "orders"),
            ("shipment_upsert", "shipments"),
            ("invoice_issue", "invoices"),
            ("payment_record", "payments"),
        )
        for suffix, path in (("_bulk", "bulk"), ("", "{external_id}"))
    },
    "api-v1:customer_invite": "/api/v1/customers/{external_id}/invitations",
    "api-v1:contract_document_put": "/api/v1/contracts/{external_id}/document",
    "api-v1:shipment_event_post": "/api/v1/shipments/{external_id}/events",
    "api-v1:my_orders": "/api/v1/me/orders",
    "api-v1:my_order": "/api/v1/me/orders/{number}",
    "api-v1:my_invoices": "/api/v1/me/invoices",
    "api-v1:my_balances": "/api/v1/me/invoices/balances",
    "api-v1:my_invoice": "/api/v1/me/invoices/{number}",
    "api-v1:my_invoice_pdf": "/api/v1/me/invoices/{number}/pdf",
    "api-v1:my_contracts": "/api/v1/me/contracts",
    "api-v1:my_equipment": "/api/v1/me/contracts/equipment",
    "api-v1:my_contract": "/api/v1/me/contracts/{number}",
}
API_PUBLIC = "public"
API_ANY_TOKEN = "any valid token"  # about the token itself: no customer's data
API_CUSTOMER = "a customer's token, on an object of its account"
# The ERP writes every customer's data by its own identifiers: a vendor token with the scope,
# never a customer's token.
API_VENDOR = "the vendor's ERP token"
ERP_THINGS = ("customers", "contracts", "equipment", "orders", "shipments", "invoices", "payments")


@dataclass(frozen=True)
class ApiTarget:
    path: str
    body: dict = field(default_factory=dict)
    insider: int = 200  # what the Alfa token with the grant gets
    # A new object for Alfa's account: an outsider is refused on the account field (422).
    new_for_account: bool = False


def api_request(suffix: str = "", body: dict | None = None, insider: int = 200):
    def build(alfa, alfa_admin) -> ApiTarget:
        request = SupportRequestFactory(account=alfa, requester=alfa_admin)
        return ApiTarget(f"/api/v1/requests/{request.number}{suffix}", body or {}, insider)

    return build


def api_vendor(path: str, insider: int = 422):
    """An ERP write with an empty body: the vendor's token is answered (422 or 404), any
    other caller refused before anything is read."""

    def build(alfa, alfa_admin) -> ApiTarget:
        return ApiTarget(path.replace("{external_id}", "ERP-WALK-1"), {}, insider)

    return build


def api_new_request(alfa, alfa_admin) -> ApiTarget:
    from tests.support.factories import RequestTypeFactory

    body = {
        "account": alfa.number,
        "type": RequestTypeFactory().code,
        "subject": "Imprimanta",
        "description": "Nu pornește.",
    }
    return ApiTarget("/api/v1/requests", body, 201, new_for_account=True)


def api_object(prefix: str, make: Callable, key: str = "number", suffix: str = ""):
    """An object of Alfa made by ``make(alfa)``, at ``prefix/<its key>``, or the list at
    ``prefix`` (no key)."""

    def build(alfa, alfa_admin) -> ApiTarget:
        made = make(alfa)
        if not key:
            return ApiTarget(prefix)
        return ApiTarget(f"{prefix}/{getattr(made, key)}{suffix}")

    return build


def _invoice_with_pdf(alfa):
    from django.core.files.base import ContentFile

    from clientdesk.support.storage import private_storage

    document = issue(alfa)
    document.pdf = private_storage().save("invoices/t.pdf", ContentFile(b"%PDF-1.7"))
    document.save(update_fields=["pdf"])
    return document


API_OPERATIONS: dict[tuple[str, str], tuple[str, dict | Callable]] = {
    # (who may call it, a query that finds something, or a builder of Alfa's object)
    ("GET", "/api/v1/kb/search"): (API_PUBLIC, {"q": "imprimanta", "lang": "ro"}),
    ("GET", "/api/v1/tokens/me"): (API_ANY_TOKEN, {}),
    ("GET", "/api/v1/requests"): (
        API_CUSTOMER,
        api_object("/api/v1/requests", lambda a: SupportRequestFactory(account=a), key=""),
    ),
    ("POST", "/api/v1/requests"): (API_CUSTOMER, api_new_request),
    ("GET", "/api/v1/requests/{number}"): (API_CUSTOMER, api_request()),
    ("POST", "/api/v1/requests/{number}/replies"): (
        API_CUSTOMER,
        api_request("/replies", {"body": "Am verificat."}, 201),
    ),
    **{
        (method, path): (API_VENDOR, api_vendor(path))
        for things in ERP_THINGS
        for method, path in (
            ("POST", f"/api/v1/{things}/bulk"),
            ("PUT", f"/api/v1/{things}/{{external_id}}"),
        )
    },
    ("POST", "/api/v1/customers/{external_id}/invitations"): (
        API_VENDOR,
        api_vendor("/api/v1/customers/{external_id}/invitations"),
    ),
    ("PUT", "/api/v1/contracts/{external_id}/document"): (
        API_VENDOR,
        api_vendor("/api/v1/contracts/{external_id}/document", 404),
    ),
    ("POST", "/api/v1/shipments/{external_id}/events"): (
        API_VENDOR,
        api_vendor("/api/v1/shipments/{external_id}/events"),
    ),
    ("GET", "/api/v1/me/orders"): (
        API_CUSTOMER,
        api_object("/api/v1/me/orders", lambda a: OrderFactory(account=a), key=""),
    ),
    ("GET", "/api/v1/me/orders/{number}"): (
        API_CUSTOMER,
        api_object("/api/v1/me/orders", lambda a: OrderFactory(account=a)),
    ),
    ("GET", "/api/v1/me/invoices"): (
        API_CUSTOMER,
        api_object("/api/v1/me/invoices", issue, key=""),
    ),
    ("GET", "/api/v1/me/invoices/balances"): (
        API_CUSTOMER,
        api_object("/api/v1/me/invoices/balances", issue, key=""),
    ),
    ("GET", "/api/v1/me/invoices/{number}"): (
        API_CUSTOMER,
        api_object("/api/v1/me/invoices", issue),
    ),
    ("GET", "/api/v1/me/invoices/{number}/pdf"): (
        API_CUSTOMER,
        api_object("/api/v1/me/invoices", _invoice_with_pdf, suffix="/pdf"),
    ),
    ("GET", "/api/v1/me/contracts"): (
        API_CUSTOMER,
        api_object("/api/v1/me/contracts", lambda a: ContractFactory(account=a), key=""),
    ),
    ("GET", "/api/v1/me/contracts/equipment"): (
        API_CUSTOMER,
        api_object("/api/v1/me/contracts/equipment", lambda a: EquipmentFactory(account=a), key=""),
    ),
    ("GET", "/api/v1/me/contracts/{number}"): (
        API_CUSTOMER,
        api_object("/api/v1/me/contracts", lambda a: ContractFactory(account=a)),
    ),
}


# Staff routes ---------------------------------------------------------------------------


def access_detail(alfa, alfa_admin):
    access = AccessRequestFactory(account=alfa, user=alfa_admin)
    return Target(
        reverse("backoffice:access_detail", args=[access.public_id]),
        post={"decision": "refuse", "reason": "Numărul facturii nu este al acestui client."},
        done=lambda: type(access).objects.get(pk=access.pk).status == "refused",
    )


def staff_customer(alfa, alfa_admin):
    return Target(reverse("backoffice:customer_detail", args=[alfa.public_id]))


def staff_member_grants(alfa, alfa_admin):
    member = _colleague(alfa)
    return Target(
        reverse("backoffice:customer_member", args=[alfa.public_id, member.pk]),
        post={"grants": [G.INVOICES]},
        done=lambda: Membership.objects.get(pk=member.pk).grants == [G.INVOICES],
    )


def staff_member_revoke(alfa, alfa_admin):
    member = _colleague(alfa)
    return Target(
        reverse("backoffice:customer_member_revoke", args=[alfa.public_id, member.pk]),
        done=lambda: not Membership.objects.filter(pk=member.pk).exists(),
    )


def staff_invitation(name: str, done: Callable[[Invitation, Invitation], bool]) -> Builder:
    """An invitation to Alfa; ``done`` compares it before and after the call."""

    def build(alfa, alfa_admin):
        invitation = account_services.invitation_create(
            actor=Actor.of_user(alfa_admin), account=alfa, email="nou@alfa.example", grants=[]
        )
        return Target(
            reverse(name, args=[alfa.public_id, invitation.pk]),
            done=lambda: done(invitation, Invitation.objects.get(pk=invitation.pk)),
        )

    return build


def outbox_message(alfa, alfa_admin):
    message = OutboundEmail.objects.create(
        to=alfa_admin.email, subject="Cererea a fost înregistrată", body_text="...", template="t"
    )
    return Target(reverse("backoffice:outbox_message", args=[message.pk]))


def mail_preferences(alfa, alfa_admin):
    return Target(
        reverse("backoffice:mail_preferences"),
        post={"topics": ["support.new_request"]},
        done=lambda: StaffMailOptOut.objects.filter(topic="support.customer_reply").exists(),
    )


def staff_request(name: str, post: Callable[[SupportRequest], dict] | None = None, done=None):
    def build(alfa, alfa_admin):
        support_request = _request(alfa, alfa_admin)
        if name == "support_staff:release":
            support_request.assignee = UserFactory(is_staff=True)
            support_request.save()
        if name == "support_staff:attachment":
            attachment = AttachmentFactory(request=support_request)
            args = [support_request.number, attachment.public_id]
        else:
            args = [support_request.number]
        return Target(
            reverse(name, args=args),
            post=post(support_request) if post else {},
            done=(lambda: done(_now(support_request))) if done else None,
        )

    return build


def bulk_status(alfa, alfa_admin):
    support_request = _request(alfa, alfa_admin)
    return Target(
        reverse("support_staff:bulk_status"),
        post={"status": Status.IN_PROGRESS, "selected": [f"{support_request.number}:1"]},
        done=lambda: _now(support_request).status == Status.IN_PROGRESS,
    )


def staff_contract_send(alfa, alfa_admin):
    contract = ContractFactory(account=alfa)
    return Target(
        reverse("contracts_staff:send", args=[contract.public_id]),
        post={"role_1": "sign", "user_1": alfa_admin.pk, "expires_on": "2099-01-31"},
    )


def staff_signature_withdraw(alfa, alfa_admin):
    request = _signature(alfa, alfa_admin)
    return Target(
        reverse("contracts_staff:withdraw", args=[request.public_id]),
        post={"version": request.version},
        done=lambda: SignatureRequest.objects.get(pk=request.pk).status == "withdrawn",
    )


def _countersigned(alfa, alfa_admin):
    from django.contrib.auth.models import Group

    from tests.contracts.factories import signature_request_for

    signatory = UserFactory(is_staff=True)
    signatory.groups.set([Group.objects.get(name=roles.CONTRACTS_REPRESENTATIVE)])
    steps = [(SignatureStep.Role.SIGN, alfa_admin), (SignatureStep.Role.COUNTERSIGN, signatory)]
    return signature_request_for(ContractFactory(account=alfa), steps)


def staff_countersign(name: str) -> Builder:
    def build(alfa, alfa_admin):
        request = _countersigned(alfa, alfa_admin)
        return Target(reverse(name, args=[request.public_id]), post={"typed_name": "X"})

    return build


def staff_servicepac(name: str, **post) -> Builder:
    def build(alfa, alfa_admin):
        from tests.contracts.factories import servicepac_registration

        _pack, _machine, request = servicepac_registration(alfa, alfa_admin)
        return Target(
            reverse(name, args=[request.number]),
            post={"version": request.version, **post},
            done=lambda: _now(request).status == Status.RESOLVED,
        )

    return build


def webhook_endpoint(name: str, post: dict | None = None, done=None, **fields):
    def build(alfa, alfa_admin):
        endpoint = EndpointFactory(**fields)
        return Target(
            reverse(name, args=[endpoint.public_id]),
            post={"version": endpoint.version, **(post or {})},
            done=(lambda: done(Endpoint.objects.get(pk=endpoint.pk))) if done else None,
        )

    return build


def webhook_create(alfa, alfa_admin):
    url = "https://93.184.216.34/erp/new"
    return Target(
        reverse("webhooks_staff:create"),
        post={"url": url, "event_types": ["order.updated"], "enabled": "on"},
        done=lambda: Endpoint.objects.filter(url=url).exists(),
    )


def webhook_delivery(name: str, done=None):
    def build(alfa, alfa_admin):
        delivery = DeliveryFactory(status=Delivery.Status.FAILED)
        return Target(
            reverse(name, args=[delivery.public_id]),
            done=(lambda: done(Delivery.objects.get(pk=delivery.pk))) if done else None,
        )

    return build


def webhook_replay(alfa, alfa_admin):
    delivery = DeliveryFactory(status=Delivery.Status.HELD)
    return Target(
        reverse("webhooks_staff:replay", args=[delivery.endpoint.public_id]),
        done=lambda: Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.PENDING,
    )


AGENT, CONTRACTS, ADMIN = roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.VENDOR_ADMIN


def kb_vocabulary(alfa, alfa_admin):
    return Target(
        reverse("kb_staff:vocabulary"),
        post={"lang": "ro", "words": "marfa produse"},
        done=lambda: SynonymGroup.objects.filter(words="marfa produse").exists(),
    )


def kb_vocabulary_update(alfa, alfa_admin):
    group = SynonymGroupFactory()
    return Target(
        reverse("kb_staff:vocabulary_update", args=[group.pk]),
        post={"words": "colet pachet cutie"},
        done=lambda: SynonymGroup.objects.get(pk=group.pk).words == "colet pachet cutie",
    )


def kb_vocabulary_delete(alfa, alfa_admin):
    group = SynonymGroupFactory()
    return Target(
        reverse("kb_staff:vocabulary_delete", args=[group.pk]),
        done=lambda: not SynonymGroup.objects.filter(pk=group.pk).exists(),
    )


def kb_search_add(alfa, alfa_admin):
    return Target(f"{reverse('kb_staff:search_add')}?q=marfa&lang=ro")


def kb_add_phrasing(alfa, alfa_admin):
    article = ArticleFactory()
    return Target(
        reverse("kb_staff:add_phrasing"),
        post={"q": "marfa", "lang": "ro", "article": article.pk, "phrasing": "cand vine marfa"},
        done=lambda: Article.objects.get(pk=article.pk).phrasings == "cand vine marfa",
    )


def kb_add_synonym(alfa, alfa_admin):
    return Target(
        reverse("kb_staff:add_synonym"),
        post={"q": "marfa", "lang": "ro", "group": "", "words": "marfa produse"},
        done=lambda: SynonymGroup.objects.filter(words="marfa produse").exists(),
    )


# The vendor admin's configuration pages and the audit log --------------------------------


def vendor_settings(alfa, alfa_admin):
    form = VendorConfigForm(instance=VendorConfig.objects.get_or_create(pk=1)[0])
    return Target(
        reverse("settings_staff:vendor"),
        post={**form_post(form), "support_phone": "021 555 0101"},
        done=lambda: VendorConfig.objects.get().support_phone == "021 555 0101",
    )


def billing_settings(alfa, alfa_admin):
    form = BillingSettingsForm(instance=BillingSettings.get())
    return Target(
        reverse("billing_staff:settings"),
        post={**form_post(form), "bank_name": "Banca Test"},
        done=lambda: BillingSettings.get().bank_name == "Banca Test",
    )


def catalogue_page(route: str, factory, form_class, /, **changes) -> Builder:
    """A create page (``factory`` None) or an object's edit page, posting ``changes``."""

    def build(alfa, alfa_admin):
        obj = factory() if factory is not None else None
        model = form_class._meta.model
        given = {key: value() if callable(value) else value for key, value in changes.items()}
        key = next(iter(given))
        return Target(
            reverse(route, args=[obj.pk] if obj is not None else []),
            post={**form_post(form_class(instance=obj or model())), **given},
            done=lambda: model.objects.filter(**{key: given[key]}).exists(),
        )

    return build


def kb_article(name: str, **post):
    def build(alfa, alfa_admin):
        article = ArticleFactory(title="Livrarea")
        data = {"title": "Livrarea comenzii", "slug": article.slug, "lang": "ro",
                "category": article.category.pk, "body": "Azi.", **post}  # fmt: skip
        return Target(
            reverse(name, args=[article.pk]),
            post=data,
            done=lambda: (
                Article.objects.get(pk=article.pk).title == "Livrarea comenzii"
                if name == "kb_staff:article_edit"
                else not Article.objects.get(pk=article.pk).is_published
            ),
        )

    return build


def audit_event(alfa, alfa_admin):
    event = Event.objects.create(kind="staff.mail_preferences", actor_kind="system", account=alfa)
    return Target(reverse("audit_staff:event", args=[event.pk]))


def _queue():
    return QueueFactory(code="route-queue")


def kb_article_create(alfa, alfa_admin):
    category = CategoryFactory()
    data = {"title": "Garanția", "slug": "garantia", "lang": "ro", "category": category.pk,
            "body": "Doi ani."}  # fmt: skip
    return Target(
        reverse("kb_staff:article_create"),
        post=data,
        done=lambda: Article.objects.filter(slug="garantia").exists(),
    )


def kb_category(alfa, alfa_admin):
    category = CategoryFactory()
    data = {"slug": category.slug, "name_ro": "Garanție", "name_en": "Warranty", "position": 1}
    return Target(
        reverse("kb_staff:category_edit", args=[category.pk]),
        post=data,
        done=lambda: Category.objects.get(pk=category.pk).name_en == "Warranty",
    )


def kb_category_create(alfa, alfa_admin):
    data = {"slug": "garantie", "name_ro": "Garanție", "name_en": "Warranty", "position": 1}
    return Target(
        reverse("kb_staff:category_create"),
        post=data,
        done=lambda: Category.objects.filter(slug="garantie").exists(),
    )


STAFF: dict[str, StaffRoute] = {
    "backoffice:home": StaffRoute(GET, url_only("backoffice:home"), role=None),
    "backoffice:access_queue": StaffRoute(GET, url_only("backoffice:access_queue"), CONTRACTS),
    "backoffice:access_detail": StaffRoute(GET_POST, access_detail, CONTRACTS),
    "backoffice:outbox": StaffRoute(GET, url_only("backoffice:outbox"), ADMIN),
    "backoffice:customers": StaffRoute(GET, url_only("backoffice:customers"), CONTRACTS),
    "backoffice:customer_detail": StaffRoute(GET, staff_customer, CONTRACTS),
    "backoffice:customer_member": StaffRoute(GET_POST, staff_member_grants, ADMIN),
    "backoffice:customer_member_revoke": StaffRoute(POST, staff_member_revoke, ADMIN),
    "backoffice:customer_invitation_resend": StaffRoute(
        POST,
        staff_invitation(
            "backoffice:customer_invitation_resend", lambda a, b: a.token_hash != b.token_hash
        ),
        ADMIN,
    ),
    "backoffice:customer_invitation_revoke": StaffRoute(
        POST,
        staff_invitation(
            "backoffice:customer_invitation_revoke", lambda a, b: b.revoked_at is not None
        ),
        ADMIN,
    ),
    "backoffice:user_detail": StaffRoute(
        GET,
        lambda alfa, alfa_admin: Target(reverse("backoffice:user_detail", args=[alfa_admin.pk])),
        AGENT,
    ),
    "backoffice:outbox_message": StaffRoute(GET, outbox_message, ADMIN),
    "backoffice:mail_preferences": StaffRoute(GET_POST, mail_preferences, role=None),
    "backoffice:api_tokens": StaffRoute(GET_POST, url_only("backoffice:api_tokens"), ADMIN),
    "backoffice:api_token_revoke": StaffRoute(
        POST,
        lambda alfa, alfa_admin: Target(
            reverse("backoffice:api_token_revoke", args=[vendor_token()[0].public_id])
        ),
        ADMIN,
    ),
    "support_staff:queue": StaffRoute(GET, url_only("support_staff:queue"), AGENT),
    "support_staff:bulk_status": StaffRoute(POST, bulk_status, AGENT),
    "support_staff:detail": StaffRoute(GET, staff_request("support_staff:detail"), AGENT),
    "support_staff:reply": StaffRoute(
        POST,
        staff_request(
            "support_staff:reply",
            post=lambda r: {"version": r.version, "body": "Revenim azi."},
            done=lambda r: r.messages.filter(body="Revenim azi.", internal=False).exists(),
        ),
        AGENT,
    ),
    "support_staff:note": StaffRoute(
        POST,
        staff_request(
            "support_staff:note",
            post=lambda r: {"body": "Client cunoscut."},
            done=lambda r: r.messages.filter(body="Client cunoscut.", internal=True).exists(),
        ),
        AGENT,
    ),
    "support_staff:update": StaffRoute(
        POST,
        staff_request(
            "support_staff:update",
            post=lambda r: {"version": r.version, "status": Status.WAITING, "queue": r.queue_id},
            done=lambda r: r.status == Status.WAITING,
        ),
        AGENT,
    ),
    "support_staff:take": StaffRoute(
        POST,
        staff_request(
            "support_staff:take",
            post=lambda r: {"version": r.version},
            done=lambda r: r.assignee is not None,
        ),
        AGENT,
    ),
    "support_staff:release": StaffRoute(
        POST,
        staff_request(
            "support_staff:release",
            post=lambda r: {"version": r.version},
            done=lambda r: r.assignee is None,
        ),
        AGENT,
    ),
    "support_staff:attachment": StaffRoute(GET, staff_request("support_staff:attachment"), AGENT),
    "contracts_staff:list": StaffRoute(GET, url_only("contracts_staff:list"), CONTRACTS),
    "contracts_staff:send": StaffRoute(GET_POST, staff_contract_send, CONTRACTS),
    "contracts_staff:withdraw": StaffRoute(POST, staff_signature_withdraw, CONTRACTS),
    "contracts_staff:servicepacs": StaffRoute(
        GET, url_only("contracts_staff:servicepacs"), CONTRACTS
    ),
    "contracts_staff:servicepac_confirm": StaffRoute(
        POST, staff_servicepac("contracts_staff:servicepac_confirm"), CONTRACTS
    ),
    "contracts_staff:servicepac_refuse": StaffRoute(
        POST, staff_servicepac("contracts_staff:servicepac_refuse", reason="Nu"), CONTRACTS
    ),
    "contracts_staff:countersign": StaffRoute(
        GET_POST, staff_countersign("contracts_staff:countersign"), CONTRACTS
    ),
    "contracts_staff:countersign_pdf": StaffRoute(
        GET, staff_countersign("contracts_staff:countersign_pdf"), CONTRACTS
    ),
    "kb_staff:articles": StaffRoute(GET, url_only("kb_staff:articles"), AGENT),
    "kb_staff:article_create": StaffRoute(GET_POST, kb_article_create, AGENT),
    "kb_staff:article_edit": StaffRoute(GET_POST, kb_article("kb_staff:article_edit"), AGENT),
    "kb_staff:article_publish": StaffRoute(
        POST, kb_article("kb_staff:article_publish", published="no"), AGENT
    ),
    "kb_staff:article_preview": StaffRoute(
        POST,
        lambda alfa, alfa_admin: Target(
            reverse("kb_staff:article_preview"), post={"body": "**Azi**"}
        ),
        AGENT,
    ),
    "kb_staff:categories": StaffRoute(GET, url_only("kb_staff:categories"), ADMIN),
    "kb_staff:category_create": StaffRoute(GET_POST, kb_category_create, ADMIN),
    "kb_staff:category_edit": StaffRoute(GET_POST, kb_category, ADMIN),
    "kb_staff:vocabulary": StaffRoute(GET_POST, kb_vocabulary, AGENT),
    "kb_staff:vocabulary_update": StaffRoute(POST, kb_vocabulary_update, AGENT),
    "kb_staff:vocabulary_delete": StaffRoute(POST, kb_vocabulary_delete, AGENT),
    "kb_staff:searches": StaffRoute(GET, url_only("kb_staff:searches"), AGENT),
    "kb_staff:search_add": StaffRoute(GET, kb_search_add, AGENT),
    "kb_staff:add_phrasing": StaffRoute(POST, kb_add_phrasing, AGENT),
    "kb_staff:add_synonym": StaffRoute(POST, kb_add_synonym, AGENT),
    "webhooks_staff:list": StaffRoute(GET, url_only("webhooks_staff:list"), ADMIN),
    "webhooks_staff:create": StaffRoute(GET_POST, webhook_create, ADMIN),
    "webhooks_staff:detail": StaffRoute(
        GET_POST,
        webhook_endpoint(
            "webhooks_staff:detail",
            post={"url": "https://93.184.216.34/erp", "event_types": ["invoice.viewed"]},
            done=lambda e: e.event_types == ["invoice.viewed"],
        ),
        ADMIN,
    ),
    "webhooks_staff:rotate": StaffRoute(
        POST,
        webhook_endpoint("webhooks_staff:rotate", done=lambda e: e.previous_secret != ""),
        ADMIN,
    ),
    "webhooks_staff:disable": StaffRoute(
        POST, webhook_endpoint("webhooks_staff:disable", done=lambda e: not e.enabled), ADMIN
    ),
    "webhooks_staff:enable": StaffRoute(
        POST,
        webhook_endpoint("webhooks_staff:enable", done=lambda e: e.enabled, enabled=False),
        ADMIN,
    ),
    "webhooks_staff:replay": StaffRoute(POST, webhook_replay, ADMIN),
    "webhooks_staff:log": StaffRoute(GET, webhook_endpoint("webhooks_staff:log"), ADMIN),
    "webhooks_staff:delivery": StaffRoute(GET, webhook_delivery("webhooks_staff:delivery"), ADMIN),
    "webhooks_staff:resend": StaffRoute(
        POST,
        webhook_delivery("webhooks_staff:resend", done=lambda d: d.status == "pending"),
        ADMIN,
    ),
    "settings_staff:vendor": StaffRoute(GET_POST, vendor_settings, ADMIN),
    "billing_staff:settings": StaffRoute(GET_POST, billing_settings, ADMIN),
    "support_staff:types": StaffRoute(GET, url_only("support_staff:types"), ADMIN),
    "support_staff:type_create": StaffRoute(
        GET_POST,
        catalogue_page(
            "support_staff:type_create",
            None,
            RequestTypeForm,
            code="route-type",
            name_ro="Tip",
            name_en="Type",
            queue=lambda: _queue().pk,
        ),
        ADMIN,
    ),
    "support_staff:type_edit": StaffRoute(
        GET_POST,
        catalogue_page(
            "support_staff:type_edit", RequestTypeFactory, RequestTypeForm, name_en="Renamed"
        ),
        ADMIN,
    ),
    "support_staff:queues": StaffRoute(GET, url_only("support_staff:queues"), ADMIN),
    "support_staff:queue_create": StaffRoute(
        GET_POST,
        catalogue_page(
            "support_staff:queue_create",
            None,
            QueueForm,
            code="route-queue",
            name_ro="C",
            name_en="Q",
        ),
        ADMIN,
    ),
    "support_staff:queue_edit": StaffRoute(
        GET_POST,
        catalogue_page("support_staff:queue_edit", _queue, QueueForm, name_en="Renamed"),
        ADMIN,
    ),
    "orders_staff:list": StaffRoute(GET, url_only("orders_staff:list"), AGENT),
    "orders_staff:detail": StaffRoute(GET, order("orders_staff:detail"), AGENT),
    "carriers_staff:list": StaffRoute(GET, url_only("carriers_staff:list"), ADMIN),
    "carriers_staff:create": StaffRoute(
        GET_POST,
        catalogue_page(
            "carriers_staff:create",
            None,
            CarrierForm,
            code="route-carrier",
            name="Route Cargo",
            tracking_url_template="https://track.example/{number}",
        ),
        ADMIN,
    ),
    "carriers_staff:edit": StaffRoute(
        GET_POST,
        catalogue_page(
            "carriers_staff:edit",
            lambda: Carrier.objects.create(code="route-carrier", name="Route Cargo"),
            CarrierForm,
            name="Renamed Cargo",
        ),
        ADMIN,
    ),
    "audit_staff:log": StaffRoute(GET, url_only("audit_staff:log"), ADMIN),
    "audit_staff:event": StaffRoute(GET, audit_event, ADMIN),
    "audit_staff:csv": StaffRoute(GET, url_only("audit_staff:csv"), ADMIN),
}

# Third-party identity routes (allauth's own, tested by allauth) and the Django admin
# (tested by Django; its ModelAdmins are staff-only) are left out of the walk.
IDENTITY_PREFIXES = ("account_", "mfa_", "usersessions_", "socialaccount_")
IDENTITY_MODULE = "allauth."
# Staff routes another role works too, by design (backoffice/roles.py): Billing answers the
# invoice questions in the support queue and decides access requests.
SERVED_TOO: dict[str, tuple[str, ...]] = {
    **{
        name: (roles.BILLING,)
        for name in STAFF
        if name.startswith(("support_staff:", "backoffice:access_"))
    },
    # Every role that works with customers reads their accounts (view_customeraccount), and
    # support agents and contracts representatives their people (view_user).
    "backoffice:customers": (roles.SUPPORT_AGENT, roles.BILLING),
    "backoffice:customer_detail": (roles.SUPPORT_AGENT, roles.BILLING),
    "backoffice:user_detail": (roles.CONTRACTS_REPRESENTATIVE,),
}

ADMIN_NAMESPACE = "admin:"
