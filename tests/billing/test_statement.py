"""The statement: opening, movements with running balance, closing, and ageing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clientdesk.billing.models import BillingAccount
from clientdesk.billing.statement import statement
from tests.billing.factories import credit_note, issue, pay

pytestmark = pytest.mark.django_db
D = datetime.date


def test_closing_is_opening_plus_invoices_less_credit_notes_and_payments(alfa):
    old = issue(alfa, issued_on=D(2025, 11, 1))  # 238.00, before the period
    new = issue(alfa, issued_on=D(2026, 2, 1))
    credit_note(alfa, new, issued_on=D(2026, 2, 10))  # 238.00
    pay(alfa, "100", (old.number, "100"), received_on=D(2026, 3, 1))
    billing = BillingAccount.objects.get(account=alfa)
    result = statement(billing, D(2026, 1, 1), D(2026, 12, 31), today=D(2026, 4, 1))
    assert result.opening == Decimal("238.00")
    assert [e.balance_after for e in result.entries] == [
        Decimal("476.00"),
        Decimal("238.00"),
        Decimal("138.00"),
    ]
    assert result.closing == Decimal("138.00") == billing.balance
    # old: due 2025-12-01, 121 days late on 2026-04-01
    assert result.ageing["over_90"] == Decimal("138.00")
    assert sum(result.ageing.values()) + result.credits == billing.balance


def test_the_page_shows_the_balances_and_refuses_whoever_lacks_the_grant(
    client, alfa, alfa_admin, alfa_limited
):
    issue(alfa, number="CTS-STM-1")
    client.force_login(alfa_admin)
    page = client.get(reverse("statement:show"), {"period": "12m"}).content.decode()
    assert "CTS-STM-1" in page
    client.force_login(alfa_limited)
    assert client.get(reverse("statement:show")).status_code == 404
