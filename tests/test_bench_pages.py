"""bench/pages.py's pieces: each user's pages built from their own data, and the verdicts."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group

from bench import pages as bench
from bench.floor import plan
from clientdesk.backoffice import roles
from clientdesk.billing import views as billing_views
from tests.billing.factories import issue
from tests.contracts.factories import ContractFactory
from tests.factories import MembershipFactory
from tests.orders.factories import OrderFactory
from tests.support.factories import SupportRequestFactory

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def member(db):
    return MembershipFactory(all_grants=True)


def by_label(pages: list[plan.Page]) -> dict[str, str | None]:
    return {page.label: page.path for page in pages}


def test_each_page_is_built_from_the_users_own_data_and_answers_200(client, member, monkeypatch):
    user, account = member.user, member.account
    SupportRequestFactory(account=account, requester=user, subject="Imprimanta nu scanează")
    OrderFactory(account=account, po_number="PO-7781")
    contract = ContractFactory(account=account)
    invoices = [issue(account, issued_on=datetime.date(2026, 3, day)) for day in (2, 3, 4, 5)]
    # Four invoices make two pages of two, for the plan and for the list alike.
    monkeypatch.setattr(plan, "PER_PAGE", 2)
    monkeypatch.setattr(billing_views, "PER_PAGE", 2)
    client.force_login(user)

    pages = plan.customer_pages(user, TODAY)

    assert [page.label for page in pages if page.path is None] == []
    for page in pages:
        assert page.path is not None
        assert client.get(page.path).status_code == 200, page.label
    paths = by_label(pages)
    assert paths["request word search"] == "/requests/?q=imprimanta"
    assert paths["order PO search"] == "/orders/?q=PO-7781"
    assert paths["a contract"] == f"/contracts/{contract.public_id}/"
    assert paths["an invoice"] == f"/invoices/{invoices[-1].number}/"
    assert paths["statement, 5 years"] == (
        "/statement/?period=custom&date_from=2021-06-02&date_to=2026-06-01"
    )
    # Newest first, two a page: the last page holds the two oldest.
    last_page = client.get(paths["invoice list, last page"]).content.decode()
    assert [invoice.number in last_page for invoice in invoices] == [True, True, False, False]


def test_a_user_without_the_objects_gets_na_rows_and_the_lists_still_answer(client, member):
    client.force_login(member.user)

    pages = plan.customer_pages(member.user, TODAY)

    missing = {page.label: page.missing for page in pages if page.path is None}
    assert missing == {
        "a request": "no request",
        "request word search": "no word of 5 letters",
        "a contract": "no contract",
        "order PO search": "no PO number",
        "an order": "no order",
        "invoice list, last page": "one page of invoices",
        "an invoice": "no invoice",
    }
    for page in pages:
        if page.path is not None:
            assert client.get(page.path).status_code == 200, page.label


def test_the_query_count_is_the_pages_count_and_a_page_that_fails_stops_it(
    client, member, django_assert_num_queries
):
    client.force_login(member.user)
    OrderFactory.create_batch(3, account=member.account)

    count = plan.query_count(client, "/orders/")

    assert count > 0
    with django_assert_num_queries(count):
        client.get("/orders/")
    with pytest.raises(RuntimeError, match="answered 404"):
        plan.query_count(client, "/orders/00000000-0000-0000-0000-000000000000/")


def test_the_staff_queue_is_measured_as_a_support_agent_made_when_missing(client, db):
    agent = plan.support_agent("bench.agent@example.com")

    assert agent.is_staff
    assert list(agent.groups.all()) == [Group.objects.get(name=roles.SUPPORT_AGENT)]
    assert plan.support_agent("bench.agent@example.com") == agent
    client.force_login(agent)
    assert client.get(plan.staff_queue(agent.email).path).status_code == 200
    client.logout()
    answer = client.get(plan.kb_search().path)
    assert answer.status_code == 200
    assert "results" in answer.json()


def test_wrks_summary_line_gives_throughput_and_percentiles_in_milliseconds():
    summary = {
        "requests": 500,
        "duration_us": 5_000_000,
        "bad_status": 2,
        "socket_errors": 1,
        "timeouts": 0,
        "p50_us": 12_500,
        "p95_us": 40_000,
        "p99_us": 80_000,
        "max_us": 95_000,
    }
    output = f"Running 5s test @ http://127.0.0.1:8781/\nBENCH {json.dumps(summary)}\n"

    assert bench.parse_wrk(output) == {
        "requests": 500,
        "rps": 100.0,
        "errors": 3,
        "p50_ms": 12.5,
        "p95_ms": 40.0,
        "p99_ms": 80.0,
    }


def result(**figures) -> bench.Result:
    return bench.Result("statement, 5 years", "big@example.com", "/statement/", 4, **figures)


def test_only_the_largest_accounts_five_year_statement_has_300_ms_and_no_throughput_budget():
    largest = result(p99_ms=250, ratio=0.1)
    small = result(p99_ms=250, ratio=0.1)

    bench.judge(largest, bench.budget_for("statement, 5 years", largest=True))
    bench.judge(small, bench.budget_for("statement, 5 years", largest=False))

    assert (largest.verdict, largest.failures) == ("pass", [])
    assert small.verdict == "FAIL"
    assert small.failures == ["p99 250 >= 100 ms", "0.10 of the floor < 0.5"]


def test_failed_requests_fail_a_row_within_budget_and_a_reference_row_has_no_verdict():
    failing = result(p99_ms=20, ratio=0.9, errors=3)
    reference = result(p99_ms=500, ratio=0.2)

    bench.judge(failing, bench.budget_for("dashboard", largest=False))
    bench.judge(reference, None)

    assert (failing.verdict, failing.failures) == ("FAIL", ["3 failed requests"])
    assert (reference.verdict, reference.failures) == ("-", [])
