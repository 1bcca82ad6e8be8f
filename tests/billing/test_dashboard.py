"""The Invoices tile on the dashboard tells the open balance and what is overdue."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from clientdesk.billing import ledger
from clientdesk.billing.templatetags.billing import money
from tests.billing.factories import issue

pytestmark = pytest.mark.django_db


def tile_of(response) -> str:
    [tile] = [t for t in response.context["tiles"] if t.key == "invoices"]
    return tile.summary


def dashboard(client):
    client.get(reverse("dashboard"))  # warm the session's grants
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("dashboard"))
    return response, len(queries)


def test_the_tile_shows_the_open_balance_and_the_overdue_part(client, alfa_admin, alfa):
    today = ledger.today()
    late = issue(alfa, issued_on=today - timedelta(days=60), due_on=today - timedelta(days=30))
    due = issue(alfa, issued_on=today, due_on=today + timedelta(days=30))
    client.force_login(alfa_admin)
    response = client.get(reverse("dashboard"))
    with translation.override("en"):
        expected = f"{money(late.total + due.total)} open, {money(late.total)} overdue"
    assert tile_of(response) == expected
    assert expected in response.content.decode()


def test_nothing_owed_says_so_in_the_users_language(client, alfa_admin):
    alfa_admin.language = "ro"
    alfa_admin.save()
    client.force_login(alfa_admin)
    assert tile_of(client.get(reverse("dashboard"))) == "Nimic de plată."


def test_the_dashboard_makes_as_many_queries_for_40_invoices_as_for_2(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    today = ledger.today()
    for _ in range(2):
        issue(alfa, issued_on=today - timedelta(days=60), due_on=today - timedelta(days=30))
    _response, with_2 = dashboard(client)
    for _ in range(38):
        issue(alfa, issued_on=today - timedelta(days=60), due_on=today - timedelta(days=30))
    response, with_40 = dashboard(client)
    assert with_40 == with_2
    assert Decimal(0) < sum(b.balance for b in alfa.billing_accounts.all())
    assert "overdue" in tile_of(response)  # the factories' users read English


def test_overdue_invoices_wait_on_the_dashboard_linked_to_the_list_of_them(
    client, alfa_admin, alfa
):
    today = ledger.today()
    for _ in range(2):
        issue(alfa, issued_on=today - timedelta(days=60), due_on=today - timedelta(days=30))
    issue(alfa, issued_on=today, due_on=today + timedelta(days=30))
    client.force_login(alfa_admin)
    response = client.get(reverse("dashboard"))
    [overdue] = [item for item in response.context["waiting"] if "overdue" in item.text]
    assert overdue.text == "2 invoices are overdue"
    assert overdue.urgent
    listed = client.get(overdue.url)
    assert len(listed.context["rows"]) == 2


def test_the_tile_and_the_waiting_line_read_the_overdue_invoices_once(client, alfa_admin, alfa):
    today = ledger.today()
    issue(alfa, issued_on=today - timedelta(days=60), due_on=today - timedelta(days=30))
    client.force_login(alfa_admin)
    client.get(reverse("dashboard"))  # warm the session's grants
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboard"))
    invoice_reads = [q for q in captured if 'FROM "billing_invoice"' in q["sql"]]
    assert len(invoice_reads) == 1
    assert "overdue" in tile_of(response)
    assert [item.count for item in response.context["waiting"] if "overdue" in item.text] == [1]
