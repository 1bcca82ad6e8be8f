"""scale_data: a skewed data set around two known users, numbered as the portal numbers."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.models import Count, Max, Min
from django.utils import timezone

from bench.scale import generator
from clientdesk.accounts.models import CustomerAccount, Membership
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.orders.models import Order, OrderLine
from clientdesk.support.models import RequestCounter, RequestType, SupportRequest
from clientdesk.support.services import NewRequest, request_create

SCALE = 0.002  # 6 accounts, 600 orders, 200 requests
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
    accounts = CustomerAccount.objects.annotate(
        orders_count=Count("orders", distinct=True),
        requests_count=Count("support_requests", distinct=True),
    )
    big = accounts.get(pk=account_of(BIG).pk)
    small = accounts.get(pk=account_of(SMALL).pk)
    assert big.orders_count == max(a.orders_count for a in accounts)
    assert big.requests_count == max(a.requests_count for a in accounts)
    assert big.orders_count > 0.3 * Order.objects.count()  # 6 Zipf-sized accounts: ~41%
    assert 0 < small.orders_count < big.orders_count / 3
    assert 0 < small.requests_count < big.requests_count / 3


def test_counts_follow_the_scale(scale_data):
    assert CustomerAccount.objects.count() == 6
    assert Membership.objects.count() == 6 * 2 + 2
    assert Order.objects.count() == pytest.approx(300_000 * SCALE, rel=0.05)
    assert SupportRequest.objects.count() == pytest.approx(100_000 * SCALE, rel=0.05)
    lines = Order.objects.annotate(n=Count("lines")).aggregate(low=Min("n"), high=Max("n"))
    assert (lines["low"], lines["high"]) == (1, 4)
    assert OrderLine.objects.count() == pytest.approx(2 * Order.objects.count(), rel=0.15)


def test_at_scale_one_there_are_thousands_of_accounts_and_a_heavy_tail():
    plan = generator.make_plan(1, seed=1)
    assert plan.accounts == 3_000
    assert sum(plan.orders) == pytest.approx(300_000, rel=0.01)
    assert sum(plan.requests) == pytest.approx(100_000, rel=0.01)
    assert 0.08 < plan.orders[plan.big] / sum(plan.orders) < 0.15
    assert plan.orders[plan.small] < 30
    assert plan == generator.make_plan(1, seed=1)


def test_numbers_are_unique_and_dates_spread_over_two_years(scale_data):
    numbers = list(SupportRequest.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert all(re.fullmatch(r"REQ-\d{4}-\d{6}", number) for number in numbers)
    orders = list(Order.objects.values_list("number", flat=True))
    assert len(orders) == len(set(orders))
    span = Order.objects.aggregate(first=Min("ordered_on"), last=Max("ordered_on"))
    assert span["last"] - span["first"] > timedelta(days=540)
    assert SupportRequest.objects.aggregate(first=Min("created_at"))["first"] < (
        timezone.now() - timedelta(days=540)
    )
    # Old orders are delivered and old requests closed; the recent ones are still moving.
    assert Order.objects.order_by().values("status").distinct().count() >= 4
    assert SupportRequest.objects.order_by().values("status").distinct().count() >= 3


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


def test_a_second_run_refuses_and_adds_nothing(scale_data):
    before = row_counts()
    with pytest.raises(CommandError, match="already holds scale data"):
        call_command("scale_data", "--scale", str(SCALE), verbosity=0)
    assert row_counts() == before


def test_the_scale_must_be_a_positive_number(db):
    for bad in ("0", "-1", "nan", "many"):
        with pytest.raises(CommandError, match="positive number"):
            call_command("scale_data", "--scale", bad, verbosity=0)
