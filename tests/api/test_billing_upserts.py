"""The ERP's invoices, credit notes and payments through the API: issued once, never changed."""

import base64
import io
from typing import get_args

import pytest
from django.urls import reverse
from pypdf import PdfReader

from clientdesk.api.scopes import VENDOR_SCOPES
from clientdesk.billing import api as billing_api
from clientdesk.billing import einvoice
from clientdesk.billing.models import Invoice, Payment
from clientdesk.billing.tasks import render_invoice_pdf
from clientdesk.core.models import Event
from tests.api.erp import erp_with, refused
from tests.billing.conftest import ro_vendor  # noqa: F401  (a fixture)
from tests.billing.validation import fatal_assertions, schema_errors
from tests.contracts.conftest import simple_pdf
from tests.factories import CustomerAccountFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def erp(client):
    return erp_with(client, VENDOR_SCOPES)


@pytest.fixture
def customer(alfa):
    alfa.external_id = "ERP-C-0001"
    alfa.save()
    return alfa


def invoice(**changes) -> dict:
    return {
        "account": "ERP-C-0001",
        "number": "CTS-2026-9001",
        "issued_on": "2026-03-02",
        "due_on": "2026-04-01",
        "lines": [
            {
                "position": 1,
                "description": "Server Dell PowerEdge R760",
                "quantity": "3",
                "unit_price": "1036.60",
                "vat_rate": "19",
            },
            {
                "position": 2,
                "description": "Ore de instalare",
                "quantity": "2.5",
                "unit": "HUR",
                "unit_price": "350",
                "vat_rate": "19",
            },
        ],
    } | changes


def test_the_schema_offers_exactly_the_models_choices():
    assert get_args(billing_api.DocumentKind) == tuple(Invoice.Kind.values)


@pytest.mark.usefixtures("ro_vendor")
def test_an_invoice_with_lines_is_issued_once_and_renders_its_pdf_and_xml(
    erp, customer, django_capture_on_commit_callbacks, client, alfa_admin
):
    with django_capture_on_commit_callbacks(execute=True):
        first = erp.put("/invoices/ERP-I-1", invoice())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "external_id": "ERP-I-1",
        "outcome": "created",
        "number": "CTS-2026-9001",
        "kind": "invoice",
        "status": "open",
        "total": "4741.91",
        "open_amount": "4741.91",
        "currency": "RON",
    }
    assert erp.put("/invoices/ERP-I-1", invoice()).json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind="billing.invoice_issued").count() == 1
    issued = Invoice.objects.get(external_id="ERP-I-1")
    render_invoice_pdf.call(issued.pk)  # what the worker runs for the queued task
    issued.refresh_from_db()
    client.force_login(alfa_admin)
    response = client.get(reverse("billing:pdf", args=[issued.number]))
    content = b"".join(response.streaming_content)
    assert "CTS-2026-9001" in PdfReader(io.BytesIO(content)).pages[0].extract_text()
    xml = einvoice.xml_bytes(issued)
    assert schema_errors(xml) == [] and fatal_assertions(xml) == []


def test_an_invoice_with_its_own_pdf_keeps_that_pdf_and_renders_none(
    erp, customer, client, alfa_admin, django_capture_on_commit_callbacks
):
    pdf = simple_pdf()
    body = invoice(pdf=base64.b64encode(pdf).decode())
    with django_capture_on_commit_callbacks(execute=True):
        response = erp.put("/invoices/ERP-I-1", body)
    assert response.status_code == 200, response.content
    issued = Invoice.objects.get(external_id="ERP-I-1")
    render_invoice_pdf.call(issued.pk)  # finds the ERP's PDF and leaves it
    client.force_login(alfa_admin)
    download = client.get(reverse("billing:pdf", args=[issued.number]))
    assert b"".join(download.streaming_content) == pdf
    assert erp.put("/invoices/ERP-I-1", body).json()["outcome"] == "unchanged"
    other = invoice(pdf=base64.b64encode(pdf + b"\n").decode())
    refused(erp.put("/invoices/ERP-I-1", other), ["body", "external_id"], "invoice.issued")


def test_a_pdf_that_is_not_one_is_refused(erp, customer):
    not_pdf = invoice(pdf=base64.b64encode(b"MZ\x90\x00").decode())
    refused(erp.put("/invoices/ERP-I-1", not_pdf), ["body", "pdf"], "invoice.not_pdf")
    refused(erp.put("/invoices/ERP-I-1", invoice(pdf="not base64!")), ["body", "pdf"])
    assert not Invoice.objects.exists()


def test_the_same_identifier_with_other_lines_is_refused_as_issued(erp, customer):
    erp.put("/invoices/ERP-I-1", invoice())
    changed = invoice(lines=invoice()["lines"][:1])
    refused(erp.put("/invoices/ERP-I-1", changed), ["body", "external_id"], "invoice.issued")


def test_another_accounts_existing_invoice_is_refused(erp, customer):
    CustomerAccountFactory(external_id="ERP-C-0002")
    erp.put("/invoices/ERP-I-1", invoice())
    response = erp.put("/invoices/ERP-I-1", invoice(account="ERP-C-0002"))
    refused(response, ["body", "account"], "invoice.other_account")


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"number": "N" * 41}, ["body", "number"]),
        ({"kind": "proforma"}, ["body", "kind"]),
        ({"issued_on": "02.03.2026"}, ["body", "issued_on"]),
        ({"exchange_rate": "0"}, ["body", "exchange_rate"]),
        ({"lines": []}, ["body", "lines"]),
        (
            {"lines": [invoice()["lines"][0] | {"quantity": "1.0001"}]},
            ["body", "lines", 0, "quantity"],
        ),
        (
            {"lines": [invoice()["lines"][0] | {"vat_rate": "100"}]},
            ["body", "lines", 0, "vat_rate"],
        ),
        (
            {"lines": [invoice()["lines"][0] | {"vat_category": "X"}]},
            ["body", "lines", 0, "vat_category"],
        ),
        (
            {"lines": [invoice()["lines"][0] | {"unit": "pieces"}]},
            ["body", "lines", 0, "unit"],
        ),
    ],
)
def test_bad_input_is_a_422_naming_the_field(erp, customer, changes, loc):
    refused(erp.put("/invoices/ERP-I-1", invoice(**changes)), loc)
    assert not Invoice.objects.exists()


def test_service_refusals_name_their_fields(erp, customer):
    refused(
        erp.put("/invoices/ERP-I-1", invoice(due_on="2026-03-01")),
        ["body", "due_on"],
        "invoice.due_before_issue",
    )
    refused(
        erp.put("/invoices/ERP-I-1", invoice(kind="credit_note", corrects="CTS-404")),
        ["body", "corrects"],
        "credit_note.not_an_invoice",
    )
    refused(
        erp.put("/invoices/ERP-I-1", invoice(account="ERP-C-404")),
        ["body", "account"],
        "account.unknown",
    )


def test_a_token_without_the_scope_is_refused_with_403(client, customer):
    erp = erp_with(client, ["orders:write", "payments:write"])
    assert erp.put("/invoices/ERP-I-1", invoice()).status_code == 403
    assert not Invoice.objects.exists()


def test_a_credit_note_corrects_its_invoice(erp, customer):
    erp.put("/invoices/ERP-I-1", invoice())
    note = invoice(number="CN-2026-1", kind="credit_note", corrects="CTS-2026-9001")
    note["lines"] = note["lines"][:1]
    response = erp.put("/invoices/ERP-CN-1", note)
    assert response.json()["kind"] == "credit_note"
    assert str(Invoice.objects.get(external_id="ERP-I-1").open_amount) == "1041.25"


def test_bulk_issues_each_document_and_answers_each(erp, customer):
    items = [
        invoice(external_id="ERP-I-1"),
        invoice(external_id="ERP-I-2", number="CTS-2026-9001"),  # the number is taken
        invoice(external_id="ERP-I-3", number="CTS-2026-9003"),
    ]
    body = erp.post("/invoices/bulk", {"items": items}).json()
    assert [r["outcome"] for r in body["results"]] == ["created", "error", "created"]
    assert body["results"][1]["errors"][0]["code"] == "invoice.number_taken"
    assert body["results"][1]["errors"][0]["loc"] == ["body", "items", 1, "number"]
    assert Invoice.objects.count() == 2


def test_more_than_a_thousand_invoices_are_refused(erp, customer):
    items = [invoice(external_id=f"ERP-I-{n}", number=f"N-{n}") for n in range(1001)]
    refused(erp.post("/invoices/bulk", {"items": items}), ["body", "items"], "bulk.too_large")


def payment(**changes) -> dict:
    return {
        "account": "ERP-C-0001",
        "received_on": "2026-03-20",
        "amount": "5000.00",
        "reference": "OP 118",
        "allocations": [{"invoice": "CTS-2026-9001", "amount": "4741.91"}],
    } | changes


def test_a_payment_settles_its_invoices_once(erp, customer):
    erp.put("/invoices/ERP-I-1", invoice())
    first = erp.put("/payments/ERP-P-1", payment())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "external_id": "ERP-P-1",
        "outcome": "created",
        "amount": "5000.00",
        "unallocated": "258.09",
        "currency": "RON",
    }
    assert erp.put("/payments/ERP-P-1", payment()).json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind="billing.payment_recorded").count() == 1
    assert Invoice.objects.get().settled == Invoice.Status.PAID
    refused(
        erp.put("/payments/ERP-P-1", payment(amount="5000.01")),
        ["body", "external_id"],
        "payment.recorded",
    )


def test_payment_refusals_name_their_fields(erp, customer):
    erp.put("/invoices/ERP-I-1", invoice())
    refused(erp.put("/payments/ERP-P-1", payment(amount="0")), ["body", "amount"])
    refused(erp.put("/payments/ERP-P-1", payment(amount="1.001")), ["body", "amount"])
    refused(
        erp.put("/payments/ERP-P-1", payment(allocations=[{"invoice": "X", "amount": "1"}])),
        ["body", "allocations"],
        "payment.allocation_invoice",
    )
    refused(
        erp.put("/payments/ERP-P-1", payment(amount="100")),
        ["body", "allocations"],
        "payment.over_allocated",
    )
    CustomerAccountFactory(external_id="ERP-C-0002")
    erp.put("/payments/ERP-P-2", payment(allocations=[]))
    refused(
        erp.put("/payments/ERP-P-2", payment(account="ERP-C-0002", allocations=[])),
        ["body", "account"],
        "payment.other_account",
    )
    assert Payment.objects.count() == 1


def test_payments_in_bulk(erp, customer):
    items = [payment(external_id="ERP-P-1", allocations=[]), payment(external_id="ERP-P-2")]
    body = erp.post("/payments/bulk", {"items": items}).json()
    assert [r["outcome"] for r in body["results"]] == ["created", "error"]
    assert body["results"][1]["errors"][0]["code"] == "payment.allocation_invoice"
