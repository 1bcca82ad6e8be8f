"""Every read of contracts and equipment that the pages need, through the tenancy gate.

A user sees the contracts and machines of the accounts where they hold
``contracts.view``; another customer's contract does not exist for them (404).
"""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from clientdesk.accounts.models import CustomerAccount
from clientdesk.contracts.models import Contract, ContractDocument, Equipment
from clientdesk.core import grants as G
from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig
from clientdesk.core.tenancy import accounts_or_404, get_visible_or_404


def contract_accounts(user) -> list[CustomerAccount]:
    """The accounts whose contracts the user may see; 404 when there are none."""
    return accounts_or_404(user, G.CONTRACTS_VIEW)


def contracts_matching(
    user, *, q: str = "", status: str = "", kind: str = ""
) -> QuerySet[Contract]:
    contracts = Contract.objects.listed_for(user, G.CONTRACTS_VIEW).select_related("account")
    if q:
        contracts = contracts.filter(Q(number__icontains=q) | Q(title__icontains=q))
    if status:
        contracts = contracts.filter(status=status)
    if kind:
        contracts = contracts.filter(kind=kind)
    return contracts.order_by("-start_date", "-number")


def contract_page(user, public_id) -> Contract:
    contracts = Contract.objects.select_related("account").prefetch_related(
        "documents", "equipment"
    )
    return get_visible_or_404(contracts, user, G.CONTRACTS_VIEW, public_id=public_id)


def document_for(user, contract_id, document_id) -> ContractDocument:
    return get_visible_or_404(
        ContractDocument.objects.select_related("contract"),
        user,
        G.CONTRACTS_VIEW,
        contract__public_id=contract_id,
        public_id=document_id,
    )


def latest_documents(user, account=None) -> dict[int, ContractDocument]:
    """Each contract's latest document the user may download, by contract id: one query."""
    documents = ContractDocument.objects.visible_to(user, G.CONTRACTS_VIEW).select_related(
        "contract"
    )
    if account is not None:
        documents = documents.filter(contract__account=account)
    latest: dict[int, ContractDocument] = {}
    for document in documents.order_by("contract_id", "-number"):
        latest.setdefault(document.contract_id, document)
    return latest


def equipment_list(user, *, q: str = "") -> QuerySet[Equipment]:
    machines = Equipment.objects.listed_for(user, G.CONTRACTS_VIEW).select_related(
        "account", "contract"
    )
    if q:
        machines = machines.filter(
            Q(serial_number__icontains=q) | Q(machine_type__icontains=q) | Q(model__icontains=q)
        )
    return machines


def equipment_page(user, public_id) -> Equipment:
    return get_visible_or_404(
        Equipment.objects.select_related("account", "contract"),
        user,
        G.CONTRACTS_VIEW,
        public_id=public_id,
    )


def calendar() -> BusinessCalendar:
    return BusinessCalendar.from_config(VendorConfig.get())


def last_notice_day(contract: Contract, cal: BusinessCalendar | None = None) -> date | None:
    """The last day to give notice before the next renewal: the notice period back from the
    renewal date, moved to the previous working day of the vendor's calendar."""
    if contract.renewal_date is None:
        return None
    cal = cal or calendar()
    day = contract.renewal_date - timedelta(days=contract.notice_days)
    for _ in range(366):
        if cal.is_working_day(day):
            return day
        day -= timedelta(days=1)
    return day


def signature_for(user, public_id):
    """A signature request the user takes part in, holding their step's grant; else 404."""
    from clientdesk.contracts.models import SignatureRequest, SignatureStep

    requests = SignatureRequest.objects.select_related("contract", "contract__account", "document")
    for role, grant in (
        (SignatureStep.Role.SIGN, G.CONTRACTS_SIGN),
        (SignatureStep.Role.APPROVE, G.CONTRACTS_APPROVE),
    ):
        mine = requests.filter(steps__user=user, steps__role=role).distinct()
        try:
            return get_visible_or_404(mine, user, grant, public_id=public_id)
        except Http404:
            continue
    raise Http404


def steps_waiting_by_role(user) -> dict[str, int]:
    """How many open requests wait for the user, per role of their step: the steps
    signatures_waiting finds (the user's, still waiting, with no earlier step waiting),
    counted in one query rather than read whole."""
    from clientdesk.contracts.models import SignatureRequest, SignatureStep

    waiting = SignatureStep.Status.WAITING
    earlier = SignatureStep.objects.filter(
        request=OuterRef("request"), status=waiting, position__lt=OuterRef("position")
    )
    open_requests = SignatureRequest.objects.listed_for(user, G.CONTRACTS_VIEW).filter(
        status=SignatureRequest.Status.PENDING
    )
    steps = SignatureStep.objects.filter(user=user, status=waiting, request__in=open_requests)
    counted = steps.exclude(Exists(earlier)).values("role").annotate(n=Count("*"))
    return {row["role"]: row["n"] for row in counted.order_by()}


def signatures_waiting(user) -> list:
    """The open requests whose current step is the user's."""
    from clientdesk.contracts.models import SignatureRequest, SignatureStep

    pending = (
        SignatureRequest.objects.visible_to(user, G.CONTRACTS_VIEW)
        .filter(status=SignatureRequest.Status.PENDING, steps__user=user)
        .select_related("contract")
        .prefetch_related("steps")
        .distinct()
    )
    waiting = []
    for request in pending:
        step = next(
            (s for s in request.steps.all() if s.status == SignatureStep.Status.WAITING), None
        )
        if step is not None and step.user_id == user.pk:
            waiting.append((request, step))
    return waiting
