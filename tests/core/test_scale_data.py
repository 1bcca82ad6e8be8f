"""scale_data: a skewed data set around two known users, its kept figures as services keep them."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from bench.scale import generator
from bench.scale.world import PDF_NAME
from clientdesk.accounts.models import CustomerAccount, Membership
from clientdesk.billing.models import Allocation, BillingAccount, Invoice, LedgerEntry, Payment
from clientdesk.billing.statement import movements, statement
from clientdesk.contracts.models import Contract
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.orders.models import Order, OrderLine, Shipment, ShipmentLine
from clientdesk.support.models import Message, RequestCounter, RequestType, SupportRequest
from clientdesk.support.services import NewRequest, request_create
from clientdesk.support.storage import private_storage
from tests.conftest import postgresql_only

SCALE = 0.001  # 5 accounts, 1,000 orders, 500 requests, 200 contracts, ~3,500 invoices
BIG, SMALL = "big.admin@scale.example", "small.user@scale.example"


@pytest.fixture
def scale_data(db):
    call_command("scale_data", "--scale", str(SCALE), "--seed", "7", verbosity=0)


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def account_of(email: str) -> CustomerAccount:
    return Membership.objects.get(user__email=email).account


def test_the_two_users_sign_in_with_the_demo_password_and_hold_every_grant(scale_data):
    for email in (BIG, SMALL):
        assert authenticate(email=email, password="clientdesk-demo") is not None, email
        assert EmailAddress.objects.get(email=email).verified
        assert Membership.objects.get(user__email=email).grants == list(G.ALL)
    assert account_of(BIG) != account_of(SMALL)


def test_big_admins_account_is_the_largest_and_small_users_a_small_one(scale_data):
    def per_account(model) -> dict[int, int]:
        rows = model.objects.order_by().values("account").annotate(n=Count("pk"))
        return dict(rows.values_list("account", "n"))

    big, small = account_of(BIG).pk, account_of(SMALL).pk
    # Invoices are spread flatter than the rest (a large customer is billed monthly).
    for model, ratio in ((Order, 3), (SupportRequest, 3), (Contract, 3), (Invoice, 2)):
        counts = per_account(model)
        assert counts[big] == max(counts.values()), model
        assert 0 < counts[small] < counts[big] / ratio, model
    assert per_account(Order)[big] > 0.3 * Order.objects.count()  # 5 Zipf-sized accounts


def test_counts_follow_the_scale(scale_data):
    assert CustomerAccount.objects.count() == 5
    assert Membership.objects.count() == 50 + 2
    assert Order.objects.count() == 1_000_000 * SCALE
    assert SupportRequest.objects.count() == 500_000 * SCALE
    assert Contract.objects.count() == 200_000 * SCALE
    invoices = Invoice.objects.filter(kind=Invoice.Kind.INVOICE).count()
    assert invoices == sum(generator.make_plan(SCALE, seed=7).invoices)
    credit_notes = Invoice.objects.filter(kind=Invoice.Kind.CREDIT_NOTE).count()
    assert credit_notes == pytest.approx(0.075 * invoices, rel=0.3)
    assert Payment.objects.count() == pytest.approx(invoices / 1.4, rel=0.1)
    assert Message.objects.count() == pytest.approx(6 * SupportRequest.objects.count(), rel=0.1)
    assert Shipment.objects.count() == pytest.approx(2 * Order.objects.count(), rel=0.1)
    lines = Order.objects.annotate(n=Count("lines")).aggregate(low=Min("n"), high=Max("n"))
    assert (lines["low"], lines["high"]) == (1, 4)
    assert OrderLine.objects.count() == pytest.approx(2 * Order.objects.count(), rel=0.15)


def test_at_scale_one_the_volumes_are_a_large_vendors():
    plan = generator.make_plan(1, seed=1)
    assert plan.accounts == 5_000
    assert sum(plan.users) == 50_000
    assert sum(plan.orders) == 1_000_000
    assert sum(plan.requests) == 500_000
    assert sum(plan.contracts) == 200_000
    assert sum(plan.invoices) == pytest.approx(2_800_000, rel=0.01)
    assert plan.invoices[plan.big] == 100_000 == max(plan.invoices)
    assert 0.08 < plan.orders[plan.big] / sum(plan.orders) < 0.15
    assert plan.orders[plan.small] < 50
    assert plan == generator.make_plan(1, seed=1)


def test_numbers_are_unique_and_dates_spread_over_two_years(scale_data):
    numbers = list(SupportRequest.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(re.fullmatch(r"REQ-\d{4}-\d{6}", number) for number in numbers)
    for model in (Order, Invoice, Contract):
        assert model.objects.values("number").distinct().count() == model.objects.count()
    span = Order.objects.aggregate(first=Min("ordered_on"), last=Max("ordered_on"))
    assert span["last"] - span["first"] > timedelta(days=540)
    assert SupportRequest.objects.aggregate(first=Min("created_at"))["first"] < (
        timezone.now() - timedelta(days=540)
    )
    # Old orders are delivered and old requests closed; the recent ones are still moving.
    assert Order.objects.order_by().values("status").distinct().count() >= 4
    assert SupportRequest.objects.order_by().values("status").distinct().count() >= 3
    assert Contract.objects.order_by().values("status").distinct().count() >= 5


def test_each_years_counter_stands_at_its_last_number(scale_data):
    last_by_year: dict[int, int] = {}
    for number in SupportRequest.objects.values_list("number", flat=True):
        year, sequence = int(number[4:8]), int(number[9:])
        last_by_year[year] = max(last_by_year.get(year, 0), sequence)
    assert dict(RequestCounter.objects.values_list("year", "last")) == last_by_year


def test_a_request_filed_afterwards_takes_the_next_free_number(scale_data):
    user = Membership.objects.get(user__email=BIG).user
    taken = set(SupportRequest.objects.values_list("number", flat=True))
    filed = request_create(
        actor=Actor.of_user(user),
        new=NewRequest(
            account=account_of(BIG),
            request_type=RequestType.objects.get(code="general-question"),
            subject="După datele de volum",
            description="Depusă prin portal.",
            contact_name="Bogdan Mare",
            contact_email=BIG,
        ),
    )
    assert filed.number not in taken
    year = int(filed.number[4:8])
    same_year = [int(n[9:]) for n in taken if n.startswith(f"REQ-{year}-")]
    assert int(filed.number[9:]) == max(same_year, default=0) + 1


def test_every_ledger_balance_is_the_running_sum_and_the_accounts_balance_the_last(scale_data):
    assert BillingAccount.objects.count() == 5
    for billing in BillingAccount.objects.all():
        running = Decimal(0)
        entries = LedgerEntry.objects.filter(billing_account=billing).order_by("on", "pk")
        for entry in entries.values("amount", "balance_after"):
            running += entry["amount"]
            assert entry["balance_after"] == running
        assert billing.balance == running
    # One entry per document and per payment, of its sign and date.
    assert LedgerEntry.objects.count() == Invoice.objects.count() + Payment.objects.count()
    for invoice in Invoice.objects.select_related("ledger_entry"):
        sign = -1 if invoice.is_credit_note else 1
        assert invoice.ledger_entry.amount == sign * invoice.total
        assert invoice.ledger_entry.on == invoice.issued_on
    for payment in Payment.objects.select_related("ledger_entry"):
        assert payment.ledger_entry.amount == -payment.amount


def test_open_amounts_settled_and_unallocated_agree_with_the_allocations(scale_data):
    def allocated(**where) -> Decimal:
        return Allocation.objects.filter(**where).aggregate(s=Sum("amount"))["s"] or Decimal(0)

    statuses = set()
    for invoice in Invoice.objects.all():
        if invoice.is_credit_note:
            assert invoice.open_amount == invoice.total - allocated(credit_note=invoice)
            assert invoice.corrects.account_id == invoice.account_id
        else:
            assert invoice.open_amount == invoice.total - allocated(invoice=invoice)
        assert invoice.net_total + invoice.vat_total == invoice.total
        assert invoice.net_total == sum(line.net_amount for line in invoice.lines.all())
        expected = (
            Invoice.Status.PAID
            if invoice.open_amount == 0
            else Invoice.Status.PARTLY_PAID
            if invoice.open_amount < invoice.total
            else Invoice.Status.OPEN
        )
        assert invoice.settled == expected
        statuses.add(invoice.settled)
    assert statuses == {"open", "partly_paid", "paid"}
    for payment in Payment.objects.all():
        assert payment.unallocated == payment.amount - allocated(payment=payment)
        assert payment.unallocated >= 0
    assert not Allocation.objects.filter(invoice__kind=Invoice.Kind.CREDIT_NOTE).exists()
    assert Payment.objects.annotate(n=Count("allocations")).filter(n__gt=1).exists()


def test_the_big_accounts_statement_adds_up_to_its_rows(scale_data):
    billing = BillingAccount.objects.get(account=account_of(BIG))
    today = timezone.localdate()

    def total(queryset, field) -> Decimal:
        # Summed here: SQLite's SUM of a decimal column is a float, off by a few millionths.
        return sum(queryset.values_list(field, flat=True), Decimal(0))

    invoices = Invoice.objects.filter(account=billing.account)
    owed = (
        total(invoices.filter(kind=Invoice.Kind.INVOICE), "total")
        - total(invoices.filter(kind=Invoice.Kind.CREDIT_NOTE), "total")
        - total(Payment.objects.filter(account=billing.account), "amount")
    )
    five_years = statement(billing, today - timedelta(days=5 * 365), today, today)
    assert five_years.opening == 0
    assert five_years.closing == billing.balance == owed
    assert (
        movements(five_years).count() == LedgerEntry.objects.filter(billing_account=billing).count()
    )
    assert sum(five_years.ageing.values()) + five_years.credits == owed
    assert five_years.ageing["over_90"] > 0 and five_years.ageing["not_due"] > 0
    last_year = statement(billing, today - timedelta(days=365), today, today)
    earlier = LedgerEntry.objects.filter(billing_account=billing, on__lt=last_year.start)
    assert last_year.opening == total(earlier, "amount")
    assert last_year.closing == owed


def test_the_big_accounts_pages_open_with_the_generated_data(scale_data, client):
    client.force_login(Membership.objects.get(user__email=BIG).user)
    account = account_of(BIG)
    contracts = [
        Contract.objects.filter(account=account, status=status).first()
        for status in Contract.Status
    ]
    invoice = Invoice.objects.filter(account=account).first()
    urls = [
        reverse("dashboard"),
        reverse("support:list"),
        reverse("orders:list"),
        reverse("contracts:list"),
        reverse("billing:list"),
        reverse("statement:show"),
        reverse("support:detail", args=[SupportRequest.objects.filter(account=account)[0].number]),
        reverse("orders:detail", args=[Order.objects.filter(account=account)[0].public_id]),
        reverse("billing:detail", args=[invoice.number]),
        *(reverse("contracts:detail", args=[c.public_id]) for c in contracts if c),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url
    pdf = client.get(reverse("billing:pdf", args=[invoice.number]))
    assert pdf.status_code == 200
    with private_storage().open(PDF_NAME, "rb") as stored:
        assert b"".join(pdf.streaming_content) == stored.read()


def test_a_shipment_sends_at_most_what_was_ordered(scale_data):
    over = (
        ShipmentLine.objects.values("line")
        .annotate(sent=Sum("quantity"), ordered=Max("line__quantity"))
        .filter(sent__gt=F("ordered"))
    )
    assert not over.exists()
    delivered = Order.objects.filter(status=Order.Status.DELIVERED)
    assert not ShipmentLine.objects.filter(
        ~Q(shipment__status=Shipment.Status.DELIVERED), shipment__order__in=delivered
    ).exists()


def test_the_lines_keep_what_their_shipments_carry(scale_data):
    delivered = Q(shipment_items__shipment__status=Shipment.Status.DELIVERED)
    counted = OrderLine.objects.annotate(
        carried=Coalesce(Sum("shipment_items__quantity"), 0),
        arrived=Coalesce(Sum("shipment_items__quantity", filter=delivered), 0),
    )
    assert OrderLine.objects.filter(shipped__gt=0).exists()
    assert OrderLine.objects.filter(delivered__gt=0).exists()
    assert not counted.filter(~Q(shipped=F("carried")) | ~Q(delivered=F("arrived"))).exists()


def test_a_second_run_refuses_and_adds_nothing(scale_data):
    before = row_counts()
    with pytest.raises(CommandError, match="already holds scale data"):
        call_command("scale_data", "--scale", str(SCALE), verbosity=0)
    assert row_counts() == before


def test_the_scale_must_be_a_positive_number(db):
    for bad in ("0", "-1", "nan", "many"):
        with pytest.raises(CommandError, match="positive number"):
            call_command("scale_data", "--scale", bad, verbosity=0)


@postgresql_only
def test_copy_leaves_every_index_and_foreign_key_as_it_found_them(db):
    def schema() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
                "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "ORDER BY 1, 2"
            )
            return cursor.fetchall()

    before = schema()
    call_command("scale_data", "--scale", str(SCALE), "--flush-rows", "700", verbosity=0)
    assert schema() == before
    assert Order.objects.count() == 1_000_000 * SCALE
    # The sequences moved past the ids the generator took.
    order = Order.objects.create(
        account=account_of(BIG),
        number="CMD-AFTER",
        status="received",
        ordered_on=timezone.localdate(),
    )
    assert order.pk == Order.objects.aggregate(m=Max("pk"))["m"]
