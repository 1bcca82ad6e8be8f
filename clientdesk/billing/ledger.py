"""The balance of an account, kept with each movement (called inside a service's transaction)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing.models import BillingAccount, Invoice, LedgerEntry, Payment
from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig


def locked_account(account: CustomerAccount, currency: str) -> BillingAccount:
    """The account's balance row in ``currency``, locked until the transaction ends."""
    BillingAccount.objects.bulk_create(
        [BillingAccount(account=account, currency=currency)], ignore_conflicts=True
    )
    return BillingAccount.objects.select_for_update().get(account=account, currency=currency)


def post(
    billing: BillingAccount,
    *,
    on: date,
    amount: Decimal,
    invoice: Invoice | None = None,
    payment: Payment | None = None,
) -> LedgerEntry:
    """Add a movement dated ``on``; the balances of the entries dated after it move with it."""
    before = (
        LedgerEntry.objects.filter(billing_account=billing, on__lte=on)
        .order_by("-on", "-pk")
        .values_list("balance_after", flat=True)
        .first()
    )
    entry = LedgerEntry.objects.create(
        billing_account=billing,
        on=on,
        amount=amount,
        balance_after=(before or Decimal(0)) + amount,
        invoice=invoice,
        payment=payment,
    )
    LedgerEntry.objects.filter(billing_account=billing, on__gt=on).update(
        balance_after=F("balance_after") + amount
    )
    billing.balance += amount
    billing.save(update_fields=["balance"])
    return entry


def today() -> date:
    """Today in the vendor's time zone."""
    return timezone.localtime(timezone=BusinessCalendar.from_config(VendorConfig.get()).tz).date()


def overdue_cutoff(on: date | None = None) -> date:
    """The latest due date that is overdue on ``on`` (default today).

    A due date that falls on a weekend or a public holiday of the vendor's country moves
    to the next working day, so an invoice is overdue once a working day at or after its
    due date has passed: its due date is on or before the last working day before today.
    """
    calendar = BusinessCalendar.from_config(VendorConfig.get())
    day = (on or today()) - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day
