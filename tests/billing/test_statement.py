"""The statement: opening, movements with running balance, closing, and ageing."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from clientdesk.billing.models import BillingAccount
from clientdesk.billing.money import ZERO
from clientdesk.billing.statement import statement
from tests.billing.factories import credit_note, issue, line, pay

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


@pytest.fixture
def movements(alfa, alfa_admin):
    alfa_admin.language = "ro"
    alfa_admin.save()
    invoice = issue(alfa, number="CTS-EXP-1", lines=[line(quantity="1", price="1036.60")])
    pay(alfa, "233.55", (invoice.number, "233.55"), received_on=D(2026, 3, 20))
    return invoice


def test_the_csv_is_for_a_romanian_spreadsheet_with_the_pages_figures(
    client, alfa_admin, movements
):
    client.force_login(alfa_admin)
    response = client.get(reverse("statement:csv"), {"period": "12m"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    lines = [row.split(";") for row in text.strip().splitlines()]
    assert lines[2][3:] == ["Factură", "CTS-EXP-1", "1233,55", "", "1233,55"]
    assert lines[3][5:] == ["", "233,55", "1000,00"]
    assert lines[-1][3] == "Sold final" and lines[-1][-1] == "1000,00"


def test_the_xlsx_and_the_pdf_hold_the_same_figures(client, alfa_admin, movements):
    import io

    import openpyxl
    from pypdf import PdfReader

    client.force_login(alfa_admin)
    xlsx = client.get(reverse("statement:xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    cells = [row for row in book.active.iter_rows(values_only=True)]
    assert cells[2][5] == Decimal("1233.55") or cells[2][5] == 1233.55
    assert cells[-1][-1] == 1000
    pdf = client.get(reverse("statement:pdf"))
    assert pdf["Content-Disposition"].startswith('attachment; filename="statement-')
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "1.233,55" in text and "1.000,00" in text and "CTS-EXP-1" in text


def test_a_period_too_long_for_a_pdf_is_sent_back_to_the_page_with_the_way_out(
    client, alfa_admin, movements, monkeypatch
):
    from clientdesk.billing import statement as statement_module

    client.force_login(alfa_admin)
    query = {"period": "custom", "date_from": "2026-01-01", "date_to": "2026-12-31"}
    monkeypatch.setattr(statement_module, "PDF_MOVEMENTS", 1)  # the fixture has two
    refused = client.get(reverse("statement:pdf"), query, follow=True)
    assert refused.redirect_chain[-1][0].startswith(reverse("statement:show") + "?period=custom")
    assert refused.context["start"] == D(2026, 1, 1)  # the period the user chose, kept
    assert "Alegeți o perioadă mai scurtă" in refused.content.decode()
    monkeypatch.setattr(statement_module, "PDF_MOVEMENTS", 2)
    assert client.get(reverse("statement:pdf"), query)["Content-Type"] == "application/pdf"


def test_a_custom_period_needs_both_ends_in_order(client, alfa_admin, movements):
    client.force_login(alfa_admin)
    url = reverse("statement:show")
    page = client.get(url, {"period": "custom", "date_from": "2026-03-15", "date_to": "2026-03-31"})
    assert page.context["start"] == D(2026, 3, 15)
    statement_shown = page.context["statements"][0][0]
    assert statement_shown.opening == Decimal("1233.55") and statement_shown.closing == 1000
    wrong = client.get(
        url, {"period": "custom", "date_from": "2026-04-01", "date_to": "2026-03-01"}
    )
    assert "date_to" in wrong.context["form"].errors


def test_the_chart_is_an_svg_with_the_table_as_its_text_alternative(client, alfa_admin, movements):
    client.force_login(alfa_admin)
    page = client.get(reverse("statement:show"), {"period": "12m"}).content.decode()
    assert "<svg" in page and "<polyline" in page
    assert 'aria-describedby="statement-table-1"' in page and 'id="statement-table-1"' in page
    assert "style=" not in page and "<script>" not in page


@pytest.mark.parametrize(
    "name", ["statement:show", "statement:csv", "statement:xlsx", "statement:pdf"]
)
def test_every_format_is_refused_to_a_colleague_without_the_grant(client, alfa_limited, name):
    client.force_login(alfa_limited)
    assert client.get(reverse(name)).status_code == 404


def statement_queries(client, params) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("statement:show"), params).status_code == 200
    return len(captured)


def test_one_and_five_years_make_as_many_queries_for_300_movements_as_for_3(
    client, alfa, alfa_admin
):
    five_years = {"period": "custom", "date_from": "2021-06-01", "date_to": "2026-05-31"}
    client.force_login(alfa_admin)
    client.get(reverse("statement:show"))
    on = D(2025, 6, 1)
    for _ in range(3):
        issue(alfa, issued_on=on)
    few = [statement_queries(client, {"period": "12m"}), statement_queries(client, five_years)]
    for day in range(297):
        issue(alfa, issued_on=on + datetime.timedelta(days=day))
    many = [statement_queries(client, {"period": "12m"}), statement_queries(client, five_years)]
    assert many == few


def test_movements_page_by_keyset_with_their_running_balance(client, alfa, alfa_admin):
    from clientdesk.billing.statement import MOVEMENTS_PER_PAGE

    for day in range(MOVEMENTS_PER_PAGE + 5):
        issue(alfa, issued_on=D(2026, 1, 1) + datetime.timedelta(days=day % 90))
    client.force_login(alfa_admin)
    url = reverse("statement:show")
    params = {"period": "custom", "date_from": "2026-01-01", "date_to": "2026-12-31"}
    first = client.get(url, params).context["statements"][0]
    shown, table = first[0], first[1]
    assert len(table) == MOVEMENTS_PER_PAGE and shown.page.next_cursor
    assert table[0].balance == Decimal("238.00")
    ledger = shown.billing.pk
    second = client.get(url, {**params, "ledger": ledger, "after": shown.page.next_cursor})
    rest = second.context["statements"][0][1]
    assert len(rest) == 5 and rest[-1].balance == shown.closing == shown.billing.balance
    assert rest[0].balance == table[-1].balance + Decimal("238.00")
    # The opening balance heads the first page only; the closing one ends every page.
    assert "Opening balance" not in second.content.decode()
    assert "Opening balance" in client.get(url, params).content.decode()


def test_each_movement_row_is_labelled_for_a_phone_in_the_users_language(
    client, alfa_admin, movements
):
    client.force_login(alfa_admin)
    page = client.get(reverse("statement:show"), {"period": "12m"}).content.decode()
    rows = [row for row in page.split("<tr>") if "CTS-EXP-1" in row or "Plată" in row]
    invoice, payment = rows[0], rows[1]
    assert '<th scope="row" data-label="Document">Factură CTS-EXP-1</th>' in invoice
    assert '<td class="num" data-label="Debit">1.233,55\u00a0lei</td>' in invoice
    assert '<td class="num" data-label="Credit"></td>' in invoice
    assert '<td data-label="Data">20 mar. 2026</td>' in payment
    assert '<td class="num" data-label="Credit">233,55\u00a0lei</td>' in payment
    assert '<td class="num" data-label="Sold">1.000,00\u00a0lei</td>' in payment


def test_movement_rows_escape_what_they_show():
    from clientdesk.billing.statement import Row
    from clientdesk.billing.templatetags.billing_statement import movement_rows

    row = Row(D(2026, 3, 1), "Plată", '<img src=x onerror="1">', None, Decimal("5.00"), ZERO)
    html = movement_rows([row], "EUR")
    assert "<img" not in html
    assert "&lt;img src=x onerror=&quot;1&quot;&gt;" in html
