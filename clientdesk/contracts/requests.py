"""The contract requests of C5, as request kinds: their forms and their rules.

Each kind's rules run in support.services.request_create, so the page and the
API meet the same refusals. A contract is named by its number and must be one
the user may see (``contracts.view``) on the request's account.
"""

import uuid
from collections.abc import Mapping
from datetime import date, timedelta

from django import forms
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from clientdesk.contracts import queries, services
from clientdesk.contracts.errors import ContractRequestError
from clientdesk.contracts.models import Contract, Equipment, SignatureRequest
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.tenancy import account_ids
from clientdesk.support.forms import RequestForm
from clientdesk.support.types import RequestKind, register

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
K = Contract.Kind
MAINTENANCE = (K.HARDWARE_MAINTENANCE, K.SOFTWARE_MAINTENANCE)


class _ContractForm(RequestForm):
    """A request about one of the account's contracts, chosen from a list."""

    contract_number = forms.CharField(label=_("Contract"), max_length=40, widget=forms.Select)
    kinds: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        contracts = Contract.objects.visible_to(self.user, G.CONTRACTS_VIEW)
        if self.kinds:
            contracts = contracts.filter(kind__in=self.kinds)
        widget = self.fields["contract_number"].widget
        widget.choices = [("", _("Choose…"))] + [
            (c.number, f"{c.number} · {c.get_kind_display()}") for c in contracts
        ]


class ContractCopyForm(_ContractForm):
    """A copy: the documents the user may see are offered for download at once."""

    format = forms.ChoiceField(
        label=_("Format"),
        choices=[("pdf", _("PDF by e-mail")), ("paper", _("Paper copy by post"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = queries.latest_documents(self.user)
        if latest:
            links = format_html_join(
                "",
                '<a href="{}" download>{}</a>',
                (
                    (
                        reverse("contracts:document", args=[d.contract.public_id, d.public_id]),
                        d.contract.number,
                    )
                    for d in latest.values()
                ),
            )
            self.fields["contract_number"].help_text = format_html(
                '{} <span class="cluster">{}</span>',
                _("Download the PDF now, nothing to file:"),
                links,
            )


class LicenceTerminationForm(_ContractForm):
    kinds = (K.MONTHLY_LICENCE, K.PREPAID_LICENCE)
    effective_date = forms.DateField(
        label=_("Effective date"),
        widget=_DATE,
        help_text=_("At the earliest today plus the contract's notice period."),
    )
    copies_destroyed = forms.BooleanField(
        label=_("I confirm that all copies of the software will be destroyed."),
        required=False,
        help_text=_("Send the destruction confirmation later, as a file added to the request."),
    )


class MaintenanceTerminationForm(_ContractForm):
    kinds = MAINTENANCE
    effective_date = forms.DateField(label=_("Effective date"), widget=_DATE)
    # The signed written notice (notices.py), set when it is filed after signing.
    notice = forms.CharField(
        label=_("Signed notice"), max_length=36, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Filed from Contact us, it would be refused: the notice is signed on its own page.
        self.fields["contract_number"].help_text = format_html(
            '{} <a href="{}">{}</a>',
            _("The written notice is signed online, before it is filed."),
            reverse("contracts:give_notice"),
            _("Give notice and sign it"),
        )


class ServicePacForm(RequestForm):
    servicepac_number = forms.CharField(
        label=_("ServicePac number"),
        max_length=40,
        help_text=_("As in the vendor's confirmation e-mail."),
    )
    machine_type = forms.CharField(label=_("Machine type"), max_length=40)
    serial_number = forms.CharField(label=_("Serial number"), max_length=40)


def _contract(details: Mapping, user, account) -> Contract:
    contract = (
        Contract.objects.visible_to(user, G.CONTRACTS_VIEW)
        .filter(account=account, number=details.get("contract_number") or "")
        .first()
    )
    if contract is None:
        raise ServiceError(ContractRequestError.UNKNOWN_CONTRACT, field="contract_number")
    return contract


def earliest_effective_date(contract: Contract, today: date | None = None) -> date:
    return (today or timezone.localdate()) + timedelta(days=contract.notice_days)


def _not_before_notice(contract: Contract, effective: date | None) -> None:
    earliest = earliest_effective_date(contract)
    if effective is None or effective < earliest:
        raise ServiceError(
            ContractRequestError.TOO_EARLY,
            field="effective_date",
            params={"days": contract.notice_days, "date": formats.date_format(earliest)},
        )


def contract_is_theirs(details: Mapping, *, user, account) -> None:
    """A PDF copy the user may download themselves is not filed: the form offers it."""
    contract = _contract(details, user, account)
    if details.get("format") == "pdf" and contract.pk in queries.latest_documents(user, account):
        raise ServiceError(ContractRequestError.DOWNLOAD_INSTEAD, field="contract_number")


def licence_may_end(details: Mapping, *, user, account) -> None:
    contract = _contract(details, user, account)
    if contract.kind == K.PREPAID_LICENCE:
        raise ServiceError(ContractRequestError.PREPAID, field="contract_number")
    if contract.kind != K.MONTHLY_LICENCE:
        raise ServiceError(ContractRequestError.NOT_A_LICENCE, field="contract_number")
    _not_before_notice(contract, details.get("effective_date"))
    if not details.get("copies_destroyed"):
        raise ServiceError(ContractRequestError.ACK_REQUIRED, field="copies_destroyed")


def may_give_notice(details: Mapping, *, user, account) -> Contract:
    """A maintenance contract, past its notice period, ended by an authorized signatory."""
    contract = _contract(details, user, account)
    if contract.kind not in MAINTENANCE:
        raise ServiceError(ContractRequestError.NOT_MAINTENANCE, field="contract_number")
    _not_before_notice(contract, details.get("effective_date"))
    if not account_ids(user, G.CONTRACTS_SIGN).filter(account_id=account.pk).exists():
        raise ServiceError(ContractRequestError.SIGNATORY_REQUIRED, field="contract_number")
    return contract


def maintenance_may_end(details: Mapping, *, user, account) -> None:
    """Filed only with the notice the filer signed for this contract (notices.py)."""
    contract = may_give_notice(details, user=user, account=account)
    try:
        notice = uuid.UUID(details.get("notice") or "")
    except ValueError:
        raise ServiceError(ContractRequestError.SIGN_ONLINE, field="contract_number") from None
    signed = SignatureRequest.objects.filter(
        public_id=notice,
        purpose=SignatureRequest.Purpose.NOTICE,
        status=SignatureRequest.Status.COMPLETED,
        contract=contract,
        created_by_id=user.pk,
        details__filed__isnull=True,
    )
    if not signed.exists():
        raise ServiceError(ContractRequestError.SIGN_ONLINE, field="contract_number")


def machine_matches_inventory(details: Mapping, *, user, account) -> None:
    machine = Equipment.objects.filter(
        account=account, serial_number__iexact=(details.get("serial_number") or "").strip()
    ).first()
    typed = (details.get("machine_type") or "").strip()
    if machine is not None and machine.machine_type.casefold() != typed.casefold():
        raise ServiceError(
            ContractRequestError.MACHINE_MISMATCH,
            field="machine_type",
            params={"serial": machine.serial_number, "type": machine.machine_type},
        )


def attach_signed_notice(support_request) -> None:
    """The signed notice attached to the request; the contract ends on the effective date."""
    from clientdesk.support.models import Attachment

    details = support_request.details
    notice = SignatureRequest.objects.select_related("contract").get(public_id=details["notice"])
    with notice.working_file.open("rb") as file:
        pdf = file.read()
    requester = support_request.requester
    attachment = Attachment(
        request=support_request,
        name=f"notice-{notice.contract.number}-signed.pdf",
        content_type="application/pdf",
        size=len(pdf),
        uploaded_by=requester,
    )
    attachment.file.save(attachment.name, ContentFile(pdf), save=False)
    attachment.save()
    services.contract_terminating(
        actor=Actor.of_user(requester),
        contract=notice.contract,
        end_date=date.fromisoformat(details["effective_date"]),
    )


def register_kinds() -> None:
    register(RequestKind("contract-copy", ContractCopyForm, rules=[contract_is_theirs], icon="⎘"))
    register(
        RequestKind(
            "licence-termination", LicenceTerminationForm, rules=[licence_may_end], icon="⊘"
        )
    )
    register(
        RequestKind(
            "maintenance-termination",
            MaintenanceTerminationForm,
            rules=[maintenance_may_end],
            on_created=attach_signed_notice,
            icon="✕",
        )
    )
    register(
        RequestKind(
            "servicepac-registration",
            ServicePacForm,
            rules=[machine_matches_inventory],
            icon="✓",
        )
    )
