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
from clientdesk.core import trigram
from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig
from clientdesk.core.tenancy import accounts_or_404, get_visible_or_404


def contract_accounts(user) -> list[CustomerAccount]:
    """The accounts whose contracts the user may see; 404 when there are none."""
    return accounts_or_404(user, G.CONTRACTS_VIEW)


def contracts_matching(
    user, *, q: str = "", status: str = "", kind: str = ""
) -> QuerySet[Contract]:
    """The user's contracts that pass the list's filters, newest first.

    The number and the title are found from any part of them through the trigram indexes;
    a search shorter than the index can look up matches a whole value.
    """
    contracts = Contract.objects.listed_for(user, G.CONTRACTS_VIEW).select_related("account")
    if q:
        contracts = contracts.filter(trigram.contains(q, "number", "title"))
    if status:
        contracts = contracts.filter(status=status)
    if kind:
        contracts = contracts.filter(kind=kind)
    return contracts.order_by("-start_date", "-number")


def staff_contracts_matching(q: str = "") -> QuerySet[Contract]:
    """Every customer's contracts, for the staff list (paged by arrival, core.paging).

    A contract's number from any part of it (through its trigram index), or a customer's
    number whole or its name in part: the customers are read first (one small query) and
    named, as an OR across the join would leave PostgreSQL no index to read.
    """
    contracts = Contract.objects.select_related("account")
    if q:
        named = CustomerAccount.objects.filter(Q(number__iexact=q) | Q(name__icontains=q))
        contracts = contracts.filter(
            trigram.contains(q, "number") | Q(account__in=list(named.values_list("pk", flat=True)))
        )
    return contracts


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
        machines = machines.filter(trigram.contains(q, "serial_number", "machine_type", "model"))
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
