"""The invoice list as CSV and XLSX: every filtered document, in the list's order, streamed."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from tests.billing.factories import credit_note, issue, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(alfa, alfa_admin):
    alfa_admin.language = "ro"
    alfa_admin.save()
    first = issue(
        alfa,
        number="CTS-X-1",
        po_number="=HYPERLINK()",
        issued_on=datetime.date(2026, 3, 1),
        lines=[line(quantity="1", price="1036.60")],
    )
    issue(alfa, number="CTS-X-2", issued_on=datetime.date(2026, 4, 1))
    credit_note(alfa, first, number="CN-X-3", issued_on=datetime.date(2026, 5, 1))


def test_the_csv_streams_every_filtered_document_in_the_lists_order(client, alfa_admin, documents):
    client.force_login(alfa_admin)
    response = client.get(reverse("billing:export_csv"), {"kind": "invoice", "sort": "issued_on"})
    assert response.streaming
    assert response["Content-Disposition"].startswith('attachment; filename="invoices-')
    lines = [row.split(";") for row in b"".join(response.streaming_content).decode().splitlines()]
    assert lines[0][0] == "\ufeffNumăr de factură"
    assert [row[0] for row in lines[1:]] == ["CTS-X-1", "CTS-X-2"]
    assert lines[1][6] == "'=HYPERLINK()"  # never a formula
    assert lines[1][8:] == ["1233,55", "995,55", "RON"]


def test_the_xlsx_holds_the_same_rows_as_text_and_numbers(client, alfa_admin, documents):
    client.force_login(alfa_admin)
    response = client.get(reverse("billing:export_xlsx"))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    cells = list(book.active.iter_rows(values_only=True))
    assert [row[0] for row in cells[1:]] == ["CN-X-3", "CTS-X-2", "CTS-X-1"]
    assert cells[1][1] == "Factură de stornare" and cells[1][7] == "Utilizată"
    assert Decimal(str(cells[1][8])) == Decimal("-238.00")
    assert Decimal(str(cells[3][8])) == Decimal("1233.55")
    assert cells[3][6] == "=HYPERLINK()" and book.active["G4"].data_type == "s"


def test_bad_filters_lead_back_to_the_list_and_no_grant_gets_404(
    client, alfa_admin, alfa_limited, documents
):
    client.force_login(alfa_admin)
    response = client.get(reverse("billing:export_csv"), {"amount_min": "9", "amount_max": "1"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("billing:list"))
    client.force_login(alfa_limited)
    assert client.get(reverse("billing:export_xlsx")).status_code == 404
