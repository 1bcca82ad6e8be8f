"""Every read of invoices and payments the pages need, through the tenancy gate.

A user without the ``invoices`` grant on an account sees nothing of it; another
customer's invoice does not exist for them (404).
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing import documents, ledger
from clientdesk.billing.models import BillingAccount, Invoice
from clientdesk.billing.templatetags.billing import money
from clientdesk.core import grants as G
from clientdesk.core import trigram
from clientdesk.core.tenancy import accounts_or_404, get_visible_or_404

S = Invoice.Status


def invoice_accounts(user) -> list[CustomerAccount]:
    """The accounts whose invoices the user may see; 404 when there are none."""
    return accounts_or_404(user, G.INVOICES)


def _status(invoices: QuerySet[Invoice], status: str, cutoff: date) -> QuerySet[Invoice]:
    # "Not paid" as the two statuses it is, so the (account, settled, due_on) index serves it.
    unpaid = [S.OPEN, S.PARTLY_PAID]
    overdue = Q(kind=Invoice.Kind.INVOICE, settled__in=unpaid, due_on__lte=cutoff)
    if status == S.OVERDUE:
        return invoices.filter(overdue)
    if status == S.PAID:
        return invoices.filter(settled=S.PAID)
    return invoices.filter(settled=status).exclude(overdue)


def invoices_matching(
    user,
    *,
    cutoff: date,
    number: str = "",
    kind: str = "",
    status: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    amount_min: Decimal | None = None,
    amount_max: Decimal | None = None,
    po: str = "",
) -> QuerySet[Invoice]:
    """The user's invoices and credit notes that pass the list's filters (unordered)."""
    invoices: QuerySet[Invoice] = Invoice.objects.listed_for(user, G.INVOICES).select_related(
        "account"
    )
    if number:
        invoices = invoices.filter(trigram.contains(number, "number"))
    if kind:
        invoices = invoices.filter(kind=kind)
    if status:
        invoices = _status(invoices, status, cutoff)
    if date_from:
        invoices = invoices.filter(issued_on__gte=date_from)
    if date_to:
        invoices = invoices.filter(issued_on__lte=date_to)
    if amount_min is not None:
        invoices = invoices.filter(total__gte=amount_min)
    if amount_max is not None:
        invoices = invoices.filter(total__lte=amount_max)
    if po:
        invoices = invoices.filter(trigram.contains(po, "po_number"))
    return invoices


def invoice_page(user, number: str) -> Invoice:
    """One invoice with its lines, payments and credit notes, in a fixed number of queries."""
    return get_visible_or_404(
        documents.with_everything(Invoice.objects.all()), user, G.INVOICES, number=number
    )


def invoice_file(user, number: str) -> Invoice:
    """Just enough of one invoice to serve its files, or 404."""
    return get_visible_or_404(
        Invoice.objects.only("pk", "number", "pdf", "kind", "account_id"),
        user,
        G.INVOICES,
        number=number,
    )


def balances(user) -> list[BillingAccount]:
    """The user's balances, per account and currency (kept rows, nothing summed)."""
    return list(
        BillingAccount.objects.listed_for(user, G.INVOICES)
        .select_related("account")
        .order_by("account__name", "currency")
    )


def overdue_cutoff() -> date:
    return ledger.overdue_cutoff()


def overdue_by_currency(user) -> dict[str, tuple[int, Decimal]]:
    """How many of the user's invoices are past due and unpaid, and their open amount, per
    currency (the (account, settled, due_on) index): one query, kept on the user object for
    the request, as the dashboard's tile and its "waiting" line both ask."""
    kept: dict[str, tuple[int, Decimal]] | None = vars(user).get("_overdue_by_currency")
    if kept is None:
        overdue = _status(Invoice.objects.listed_for(user, G.INVOICES), S.OVERDUE, overdue_cutoff())
        # COUNT(*), not of the key: the covering index holds no id, and reading the id sent
        # the query to the table (168 ms against 3.8 for the largest account, cold).
        rows = overdue.values("currency").annotate(n=Count("*"), total=Sum("open_amount"))
        kept = {row["currency"]: (row["n"], row["total"]) for row in rows}
        vars(user)["_overdue_by_currency"] = kept
    return kept


def dashboard_summary(user) -> str:
    """What the Invoices tile tells: the open balance and how much of it is overdue, per
    currency. Two queries whatever the data: the kept balances, and the open amounts of the
    invoices past due (overdue_by_currency)."""
    balances = dict(
        BillingAccount.objects.listed_for(user, G.INVOICES)
        .values("currency")
        .annotate(total=Sum("balance"))
        .values_list("currency", "total")
    )
    overdue = {currency: total for currency, (_n, total) in overdue_by_currency(user).items()}
    parts = []
    for currency, balance in sorted(balances.items()):
        if not balance and not overdue.get(currency):
            continue
        text = gettext("%(amount)s open") % {"amount": money(balance, currency)}
        if overdue.get(currency):
            text += ", " + gettext("%(amount)s overdue") % {
                "amount": money(overdue[currency], currency)
            }
        parts.append(text)
    return "; ".join(parts) or gettext("Nothing to pay.")
