"""The filtered order list, exported as CSV and XLSX and read back."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from clientdesk.orders.models import Order
from tests.orders.factories import OrderFactory

CSV = reverse("orders:export_csv")
XLSX = reverse("orders:export_xlsx")
HEADER = [
    "Order number",
    "Customer PO number",
    "Customer number",
    "Customer",
    "Ordered on",
    "Status",
    "Expected delivery",
    "Total",
    "Currency",
]


@pytest.fixture
def orders(alfa):
    return [
        OrderFactory(
            account=alfa,
            number="CMD-2026-000001",
            po_number="ALF-PO-Ș/1",
            ordered_on=datetime.date(2026, 3, 5),
            expected_on=datetime.date(2026, 3, 20),
            status=Order.Status.SHIPPED,
            total=Decimal("131750.00"),
            currency="RON",
        ),
        OrderFactory(
            account=alfa,
            number="CMD-2026-000002",
            po_number='=HYPERLINK("http://evil.example")',
            ordered_on=datetime.date(2026, 4, 1),
            status=Order.Status.DELIVERED,
            total=Decimal("990.50"),
            currency="EUR",
        ),
    ]


def read_csv(response, delimiter: str = ",") -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


@pytest.mark.django_db
def test_the_csv_has_a_header_and_one_row_per_order(client, alfa_admin, alfa, orders):
    client.force_login(alfa_admin)
    response = client.get(CSV)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="orders-')
    rows = read_csv(response)
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            "CMD-2026-000002",
            '\'=HYPERLINK("http://evil.example")',
            alfa.number,
            alfa.name,
            "2026-04-01",
            "Delivered",
            "",
            "990.50",
            "EUR",
        ],
        [
            "CMD-2026-000001",
            "ALF-PO-Ș/1",
            alfa.number,
            alfa.name,
            "2026-03-05",
            "Shipped",
            "2026-03-20",
            "131750.00",
            "RON",
        ],
    ]


@pytest.mark.django_db
def test_a_romanian_user_gets_semicolons_and_a_decimal_comma(client, alfa_admin, orders):
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)
    rows = read_csv(client.get(CSV), delimiter=";")
    assert rows[0][:2] == ["Număr comandă", "Număr comandă client (PO)"]
    assert rows[2][4:] == ["2026-03-05", "Expediată", "2026-03-20", "131750,00", "RON"]


@pytest.mark.django_db
def test_the_export_holds_only_the_filtered_orders_of_every_page(client, alfa_admin, alfa, orders):
    OrderFactory.create_batch(40, account=alfa, status=Order.Status.RECEIVED)
    client.force_login(alfa_admin)
    assert [row[0] for row in read_csv(client.get(CSV, {"status": "shipped"}))[1:]] == [
        "CMD-2026-000001"
    ]
    assert len(read_csv(client.get(CSV, {"status": "received", "page": "2"}))) == 41


@pytest.mark.django_db
def test_the_xlsx_holds_the_same_rows_as_typed_cells(client, alfa_admin, alfa, orders):
    client.force_login(alfa_admin)
    response = client.get(XLSX)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == HEADER
    assert rows[1][:4] == [
        "CMD-2026-000002",
        '=HYPERLINK("http://evil.example")',
        alfa.number,
        alfa.name,
    ]
    # A PO number that looks like a formula stays text.
    assert sheet["B2"].data_type == "s"
    assert rows[2][4] == datetime.datetime(2026, 3, 5)
    assert rows[2][6] == datetime.datetime(2026, 3, 20)
    assert rows[2][7] == 131750
    assert sheet["H3"].number_format == "#,##0.00"
    assert rows[1][7:] == [990.5, "EUR"]
    assert len(rows) == 3


@pytest.mark.django_db
def test_an_export_with_a_bad_filter_goes_back_to_the_list_that_explains_it(client, alfa_admin):
    client.force_login(alfa_admin)
    for url in (CSV, XLSX):
        response = client.get(url, {"date_from": "31/02/2026"})
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('orders:list')}?date_from=31%2F02%2F2026"
