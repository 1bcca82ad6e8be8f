"""The ERP's contracts, their documents and the equipment through the API."""

from typing import get_args

import pytest

from clientdesk.api.scopes import VENDOR_SCOPES
from clientdesk.contracts import api as contracts_api
from clientdesk.contracts.models import Contract, ContractDocument, Equipment
from clientdesk.core.models import Event
from tests.api.erp import erp_with, refused
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
def customer():
    return CustomerAccountFactory(external_id="ERP-C-0001")


def contract(**changes) -> dict:
    return {
        "account": "ERP-C-0001",
        "number": "CTR-2026-0101",
        "title": "Mentenanță servere",
        "kind": "hw_maintenance",
        "status": "active",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "notice_days": 60,
        "value": "12000.00",
    } | changes


def test_the_schema_offers_exactly_the_models_choices():
    assert get_args(contracts_api.ContractKind) == tuple(Contract.Kind.values)
    assert get_args(contracts_api.ContractStatus) == tuple(Contract.Status.values)


def test_it_creates_a_contract_and_the_same_payload_again_is_unchanged(erp, customer):
    first = erp.put("/contracts/ERP-K-1", contract())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "external_id": "ERP-K-1",
        "outcome": "created",
        "number": "CTR-2026-0101",
        "kind": "hw_maintenance",
        "status": "active",
        "version": 1,
    }
    assert erp.put("/contracts/ERP-K-1", contract()).json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind="contract.upserted").count() == 1
    updated = erp.put("/contracts/ERP-K-1", contract(status="terminating")).json()
    assert (updated["outcome"], updated["version"]) == ("updated", 2)


@pytest.mark.parametrize(
    ("changes", "loc", "code"),
    [
        ({"kind": "leasing"}, ["body", "kind"], None),
        ({"status": "signed"}, ["body", "status"], None),
        ({"start_date": "2026-13-01"}, ["body", "start_date"], None),
        ({"value": "12.345"}, ["body", "value"], None),
        ({"notice_days": -1}, ["body", "notice_days"], None),
        ({"end_date": "2025-12-31"}, ["body", "end_date"], "contract.dates"),
        ({"account": "ERP-C-404"}, ["body", "account"], "account.unknown"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(erp, customer, changes, loc, code):
    refused(erp.put("/contracts/ERP-K-1", contract(**changes)), loc, code)
    assert not Contract.objects.exists()


def test_server_owned_fields_cannot_be_set(erp, customer):
    body = contract(version=7, signed_at="2026-03-01T10:00:00+02:00", id=99)
    response = erp.put("/contracts/ERP-K-1", body)
    assert response.json()["version"] == 1
    assert Contract.objects.get().pk != 99


def test_another_accounts_existing_contract_is_refused(erp, customer):
    CustomerAccountFactory(external_id="ERP-C-0002")
    erp.put("/contracts/ERP-K-1", contract())
    refused(
        erp.put("/contracts/ERP-K-1", contract(account="ERP-C-0002")),
        ["body", "account"],
        "contract.other_account",
    )


def test_a_token_without_the_scope_is_refused_with_403(client, customer):
    erp = erp_with(client, ["orders:write"])
    assert erp.put("/contracts/ERP-K-1", contract()).status_code == 403
    pdf = simple_pdf()
    assert erp.raw("PUT", "/contracts/ERP-K-1/document", pdf, "application/pdf").status_code == 403


def test_contracts_in_bulk(erp, customer):
    items = [
        contract(external_id="ERP-K-1"),
        contract(external_id="ERP-K-2", end_date="2020-01-01"),
    ]
    body = erp.post("/contracts/bulk", {"items": items}).json()
    assert [r["outcome"] for r in body["results"]] == ["created", "error"]
    assert body["results"][1]["errors"][0]["loc"] == ["body", "items", 1, "end_date"]


def test_a_document_is_put_as_the_pdf_itself_or_as_multipart_and_kept_once(erp, customer, client):
    erp.put("/contracts/ERP-K-1", contract())
    pdf = simple_pdf()
    first = erp.raw("PUT", "/contracts/ERP-K-1/document", pdf, "application/pdf")
    assert first.status_code == 200, first.content
    assert (first.json()["version"], first.json()["outcome"]) == (1, "created")
    again = erp.raw("PUT", "/contracts/ERP-K-1/document", pdf, "application/pdf")
    assert again.json()["outcome"] == "unchanged"
    from django.test.client import encode_multipart

    boundary = "BoUnDaRy"
    second_pdf = simple_pdf(pages=2)

    class Upload:
        name = "anexa.pdf"

        def read(self):
            return second_pdf

    body = encode_multipart(boundary, {"file": Upload()})
    second = erp.raw(
        "PUT", "/contracts/ERP-K-1/document", body, f"multipart/form-data; boundary={boundary}"
    )
    assert second.status_code == 200, second.content
    assert second.json()["version"] == 2 and second.json()["name"] == "anexa.pdf"
    assert second.json()["outcome"] == "updated"
    assert ContractDocument.objects.count() == 2
    assert Event.objects.filter(kind="contract.document_added").count() == 2


def test_a_document_that_is_not_a_pdf_or_of_no_contract_is_refused(erp, customer):
    erp.put("/contracts/ERP-K-1", contract())
    refused(
        erp.raw("PUT", "/contracts/ERP-K-1/document", b"MZ\x90", "application/pdf"),
        ["body", "file"],
        "contract.not_pdf",
    )
    refused(
        erp.raw("PUT", "/contracts/ERP-K-1/document", simple_pdf(), "text/plain"),
        ["body", "file"],
        "contract.not_pdf",
    )
    missing = erp.raw("PUT", "/contracts/ERP-K-404/document", simple_pdf(), "application/pdf")
    assert missing.status_code == 404
    assert not ContractDocument.objects.exists()


def machine(**changes) -> dict:
    return {
        "account": "ERP-C-0001",
        "machine_type": "8286",
        "serial_number": "78ABC01",
        "model": "Power S1022",
        "location": "Cluj, sala serverelor",
        "warranty_end": "2027-06-30",
        "contract_number": "CTR-2026-0101",
    } | changes


def test_equipment_is_pushed_with_its_covering_contract_once(erp, customer):
    erp.put("/contracts/ERP-K-1", contract())
    first = erp.put("/equipment/ERP-M-1", machine())
    assert first.status_code == 200, first.content
    assert first.json()["outcome"] == "created"
    assert erp.put("/equipment/ERP-M-1", machine()).json()["outcome"] == "unchanged"
    assert Equipment.objects.get().contract == Contract.objects.get()
    assert Event.objects.filter(kind="equipment.upserted").count() == 1
    refused(
        erp.put("/equipment/ERP-M-1", machine(contract_number="CTR-404")),
        ["body", "contract_number"],
        "contract.no_such_contract",
    )
    refused(
        erp.put("/equipment/ERP-M-1", machine(serial_number="")),
        ["body", "serial_number"],
    )
    CustomerAccountFactory(external_id="ERP-C-0002")
    refused(
        erp.put("/equipment/ERP-M-1", machine(account="ERP-C-0002", contract_number="")),
        ["body", "account"],
        "equipment.other_account",
    )
    body = erp.post(
        "/equipment/bulk",
        {
            "items": [
                machine(external_id="ERP-M-2"),
                machine(external_id="ERP-M-3", serial_number="S2"),
            ]
        },
    ).json()
    assert [r["outcome"] for r in body["results"]] == ["error", "created"]
    assert body["results"][0]["errors"][0]["loc"] == ["body", "items", 0, "serial_number"]


def test_a_contract_number_another_contract_has_is_refused(erp, customer):
    erp.put("/contracts/ERP-K-1", contract())
    refused(erp.put("/contracts/ERP-K-2", contract()), ["body", "number"], "invalid")
    assert Contract.objects.count() == 1
