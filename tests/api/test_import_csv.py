"""manage.py import_csv: the API's schemas and services, a file at a time, all or nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from clientdesk.accounts.models import CustomerAccount
from clientdesk.billing.models import Invoice, Payment
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core.models import Event
from clientdesk.orders.models import Order, Shipment

pytestmark = pytest.mark.django_db

CUSTOMERS = """external_id,number,name,tax_id,country,city,phone,email
ERP-C-1,C-900001,Alfa Import SRL,RO18547290,RO,București,0722 555 101,office@alfa.example
ERP-C-2,C-900002,Gamma GmbH,DE123,DE,Berlin,,
"""

ORDERS = (
    (
        "external_id,account,number,status,ordered_on,"
        "line_position,line_product_code,line_description,line_quantity,line_unit_price\n"
    )
    + """ERP-O-1,ERP-C-1,CMD-9-1,confirmed,2026-03-02,1,DL-R760,Server,2,100.00
ERP-O-1,ERP-C-1,CMD-9-1,confirmed,2026-03-02,2,APC,UPS,1,50.50
ERP-O-2,ERP-C-2,CMD-9-2,received,2026-03-03,1,X1,Cable,5,2.00
"""
)


def run(tmp_path, kind, text, *args):
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("import_csv", kind, str(path), *args, stdout=out)
    return out.getvalue()


def refused(tmp_path, kind, text, *args) -> str:
    """The report of a file that is refused (the command fails)."""
    path = tmp_path / f"{kind}.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_csv", kind, str(path), *args, stdout=out)
    return out.getvalue()


def test_it_imports_customers_then_orders_with_lines_as_repeated_rows(tmp_path):
    report = run(tmp_path, "customers", CUSTOMERS)
    assert "Imported 2 objects: 2 created, 0 updated, 0 unchanged." in report
    alfa = CustomerAccount.objects.get(external_id="ERP-C-1")
    assert alfa.phone == "+40 722 555 101"
    assert str(CustomerAccount.objects.get(external_id="ERP-C-2").country) == "DE"

    report = run(tmp_path, "orders", ORDERS)
    assert "row 2, 3: created ERP-O-1" in report
    order = Order.objects.get(external_id="ERP-O-1")
    assert order.account == alfa
    assert list(order.lines.values_list("position", "quantity")) == [(1, 2), (2, 1)]
    assert str(order.total) == "250.50"


def test_the_same_file_twice_is_unchanged_and_records_no_second_event(tmp_path):
    run(tmp_path, "customers", CUSTOMERS)
    events = Event.objects.count()
    report = run(tmp_path, "customers", CUSTOMERS)
    assert "0 created, 0 updated, 2 unchanged" in report
    assert Event.objects.count() == events


def test_a_dry_run_reports_each_row_and_changes_nothing(tmp_path):
    report = run(tmp_path, "customers", CUSTOMERS, "--dry-run")
    assert "row 2: created ERP-C-1" in report
    assert "Dry run: 2 created, 0 updated, 0 unchanged; nothing was changed." in report
    assert not CustomerAccount.objects.exists()
    assert not Event.objects.exists()


def test_one_bad_row_rolls_the_whole_file_back_and_names_row_column_and_code(tmp_path):
    run(tmp_path, "customers", CUSTOMERS)
    bad = ORDERS.replace("2,APC,UPS,1,50.50", "2,APC,UPS,0,50.50")
    report = refused(tmp_path, "orders", bad)
    assert "row 3, column line_quantity: greater_than_equal:" in report
    assert not Order.objects.exists()
    assert not Event.objects.filter(kind="order.upserted").exists()


def test_a_dry_run_reports_the_errors_of_each_row(tmp_path):
    run(tmp_path, "customers", CUSTOMERS)
    bad = ORDERS.replace("2,APC,UPS,1,50.50", "2,APC,UPS,0,50.50").replace(
        "ERP-C-2,CMD-9-2", "ERP-C-404,CMD-9-2"
    )
    report = refused(tmp_path, "orders", bad, "--dry-run")
    assert "row 3, column line_quantity: greater_than_equal:" in report
    assert "row 4, column account: account.unknown:" in report


def test_a_romanian_customer_with_a_bad_cui_is_refused_naming_the_column(tmp_path):
    report = refused(tmp_path, "customers", CUSTOMERS.replace("RO18547290", "RO18547291"))
    assert "row 2, column tax_id: invalid:" in report
    assert not CustomerAccount.objects.exists()


def test_lines_may_come_as_a_json_column_and_every_kind_imports(tmp_path):
    run(tmp_path, "customers", CUSTOMERS)
    run(
        tmp_path,
        "orders",
        "external_id,account,number,status,ordered_on,lines\n"
        'ERP-O-9,ERP-C-1,CMD-9-9,shipped,2026-03-02,"[{""position"": 1, ""product_code"": '
        '""X"", ""description"": ""Cable"", ""quantity"": 3, ""unit_price"": ""1.00""}]"\n',
    )
    run(
        tmp_path,
        "shipments",
        "external_id,order,carrier,tracking_number,item_position,item_quantity\n"
        "ERP-S-1,ERP-O-9,dhl,123,1,3\n",
    )
    run(
        tmp_path,
        "contracts",
        "external_id,account,number,kind,status,start_date,value\n"
        "ERP-K-1,ERP-C-1,CTR-9-1,hw_maintenance,active,2026-01-01,1200.00\n",
    )
    run(
        tmp_path,
        "equipment",
        "external_id,account,machine_type,serial_number,contract_number\n"
        "ERP-M-1,ERP-C-1,8286,78ABC,CTR-9-1\n",
    )
    run(
        tmp_path,
        "invoices",
        "external_id,account,number,issued_on,due_on,line_position,line_description,"
        "line_quantity,line_unit_price,line_vat_rate\n"
        "ERP-I-1,ERP-C-1,CTS-9-1,2026-03-02,2026-04-01,1,Server,2,100,19\n"
        "ERP-I-1,ERP-C-1,CTS-9-1,2026-03-02,2026-04-01,2,Ore,1.5,200,19\n",
    )
    run(
        tmp_path,
        "payments",
        "external_id,account,received_on,amount,allocation_invoice,allocation_amount\n"
        "ERP-P-1,ERP-C-1,2026-03-10,300,CTS-9-1,300\n",
    )
    assert Shipment.objects.get(external_id="ERP-S-1").items.get().quantity == 3
    assert Equipment.objects.get(external_id="ERP-M-1").contract == Contract.objects.get()
    invoice = Invoice.objects.get(external_id="ERP-I-1")
    assert str(invoice.total) == "595.00"
    assert str(Payment.objects.get().unallocated) == "0.00"
    invoice.refresh_from_db()
    assert str(invoice.open_amount) == "295.00"
