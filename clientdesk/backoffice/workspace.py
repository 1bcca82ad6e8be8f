"""The staff workspace's home: every staff page, with the permission its view asks for.

A tile shows only to staff who hold that permission, so the home never links to a
page that answers 403. A page of another app joins with one ``StaffPage`` line.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from clientdesk.accounts.models import AccessRequest
from clientdesk.backoffice.roles import is_vendor_admin

VENDOR_ADMIN = "vendor admin"  # not a permission: the Vendor admin group or a superuser


def _pending_access(user: Any) -> str:
    count = AccessRequest.objects.filter(status=AccessRequest.Status.PENDING).count()
    return ngettext(
        "%(count)s request waiting for a decision.",
        "%(count)s requests waiting for a decision.",
        count,
    ) % {"count": count}


@dataclass(frozen=True)
class StaffPage:
    url_name: str
    title: Promise
    text: Promise
    permission: str | None  # None: every staff member; VENDOR_ADMIN: only them
    icon: str = "backoffice"
    # A figure for the tile, in words: a fixed, small number of queries.
    summary: Callable[[Any], str] | None = None

    def allowed(self, user: Any) -> bool:
        if self.permission is None:
            return True
        if self.permission == VENDOR_ADMIN:
            return is_vendor_admin(user)
        return user.has_perm(self.permission)


@dataclass(frozen=True)
class Tile:
    page: StaffPage
    url: str
    summary: str


PAGES: list[StaffPage] = [
    StaffPage("support_staff:queue", _("Requests"),
              _("Customer requests by queue: reply, assign, "
                "follow the response and resolution targets."),
              "support.view_supportrequest", icon="requests"),
    StaffPage("backoffice:access_queue", _("Access requests"),
              _("People asking for access to a customer account: grant or refuse."),
              "accounts.view_accessrequest", icon="access", summary=_pending_access),
    StaffPage("backoffice:customers", _("Customer accounts"),
              _("Every customer account, its members and their grants, "
                "invitations and access requests."),
              "accounts.view_customeraccount", icon="company_users"),
    StaffPage("orders_staff:list", _("Orders and shipments"),
              _("Every customer's orders: their products, shipments and tracking."),
              "orders.view_order", icon="orders"),
    StaffPage("contracts_staff:list", _("Contracts to sign"),
              _("Send contracts for signature, follow the signers, countersign."),
              "contracts.send_signaturerequest", icon="contracts"),
    StaffPage("contracts_staff:servicepacs", _("ServicePac confirmations"),
              _("Maintenance packages customers chose, waiting for a confirmation."),
              "contracts.confirm_servicepac", icon="contracts"),
    StaffPage("kb_staff:articles", _("Knowledge-base articles"),
              _("Write and edit the FAQ's answers, with a preview; publish or unpublish."),
              "kb.change_article", icon="faq"),
    StaffPage("kb_staff:categories", _("Knowledge-base categories"),
              _("The FAQ's sections and their order."),
              "kb.change_category", icon="faq"),
    StaffPage("kb_staff:searches", _("FAQ searches"),
              _("What customers searched and did not find; "
                "the words and phrasings the search knows."),
              "kb.change_article", icon="faq"),
    # The vendor's configuration and the audit log.
    StaffPage("settings_staff:vendor", _("Vendor settings"),
              _("The vendor's identity, colours, support hours, calendar and contract reminders."),
              "core.change_vendorconfig"),
    StaffPage("billing_staff:settings", _("Billing settings"),
              _("What the vendor's invoices and e-invoices say about it: bank, VAT, address."),
              "billing.change_billingsettings", icon="invoices"),
    StaffPage("support_staff:types", _("Request types"),
              _("The kinds of request customers file, their forms and targets."),
              "support.change_requesttype", icon="requests"),
    StaffPage("support_staff:queues", _("Queues"),
              _("Where requests go and who works them."),
              "support.change_queue", icon="requests"),
    StaffPage("carriers_staff:list", _("Carriers"),
              _("The carriers shipments go with, and their tracking links."),
              "orders.change_carrier", icon="orders"),
    StaffPage("audit_staff:log", _("Audit log"),
              _("Every change and sign-in, who made it and from where, in a tamper-evident chain."),
              "core.view_event"),
    # Then the vendor admin's own tools.
    StaffPage("backoffice:outbox", _("Outbox"),
              _("Every e-mail the portal sent or is about to send."),
              "core.view_outboundemail", icon="contact"),
    StaffPage("webhooks_staff:list", _("Webhooks"),
              _("What the portal tells the ERP: endpoints, secrets, the delivery log."),
              "webhooks.manage_endpoint"),
    StaffPage("backoffice:api_tokens", _("The ERP's API tokens"),
              _("Tokens the vendor's ERP uses to push data: scopes, expiry, last use, revocation."),
              "api.manage_vendor_tokens"),
    StaffPage("backoffice:mail_preferences", _("My e-mails"),
              _("Choose which e-mails about new requests and customer replies you get."),
              None, icon="profile"),
    StaffPage("admin:index", _("Django administration"),
              _("The last resort for what the workspace does not cover. "
                "Daily work is here, in the workspace."),
              VENDOR_ADMIN),
]  # fmt: skip


def tiles_for(user: Any) -> list[Tile]:
    tiles = []
    for page in PAGES:
        if page.allowed(user):
            summary = page.summary(user) if page.summary else str(page.text)
            tiles.append(Tile(page, reverse(page.url_name), summary))
    return tiles
