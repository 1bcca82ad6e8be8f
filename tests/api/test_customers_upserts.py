"""The ERP's customer accounts through the API, and its invitations of their people."""

import re
from typing import get_args

import pytest

from clientdesk.accounts import api as accounts_api
from clientdesk.accounts.models import CustomerAccount, Invitation, Membership
from clientdesk.api.scopes import VENDOR_SCOPES
from clientdesk.core import grants as G
from clientdesk.core.models import Event, OutboundEmail
from tests.api.erp import erp_with, refused
from tests.factories import CustomerAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def erp(client):
    return erp_with(client, VENDOR_SCOPES)


def customer(**changes) -> dict:
    return {
        "number": "C-900001",
        "name": "Alfa Import SRL",
        "tax_id": "RO18547290",
        "address": "Strada Fabricii 46",
        "city": "Cluj-Napoca",
        "county": "Cluj",
        "postal_code": "400632",
        "country": "RO",
        "phone": "0722 555 101",
        "email": "office@alfa.example",
    } | changes


def test_the_schema_offers_exactly_the_grants():
    assert get_args(accounts_api.Grant) == G.ALL


def test_it_creates_a_customer_and_the_same_payload_again_is_unchanged(erp):
    first = erp.put("/customers/ERP-C-1", customer())
    assert first.status_code == 200, first.content
    assert first.json() == {
        "external_id": "ERP-C-1",
        "outcome": "created",
        "number": "C-900001",
        "name": "Alfa Import SRL",
        "tax_id": "RO18547290",
        "country": "RO",
        "phone": "+40 722 555 101",
    }
    assert erp.put("/customers/ERP-C-1", customer()).json()["outcome"] == "unchanged"
    assert Event.objects.filter(kind="account.upserted").count() == 1
    changed = erp.put("/customers/ERP-C-1", customer(name="Alfa Import SA"))
    assert changed.json()["outcome"] == "updated"
    assert CustomerAccount.objects.get().name == "Alfa Import SA"
    assert Event.objects.filter(kind="account.upserted").count() == 2


def test_a_tax_id_is_checked_as_a_cui_only_for_a_romanian_company(erp):
    refused(
        erp.put("/customers/ERP-C-1", customer(tax_id="RO18547291")),
        ["body", "tax_id"],
        "invalid",
    )
    german = erp.put("/customers/ERP-C-2", customer(country="DE", tax_id="DE811907980"))
    assert german.json()["outcome"] == "created"


@pytest.mark.parametrize(
    ("changes", "loc", "code"),
    [
        ({"number": "C" * 31}, ["body", "number"], None),
        ({"name": ""}, ["body", "name"], None),
        ({"country": "Romania"}, ["body", "country"], None),
        ({"country": "XX"}, ["body", "country"], "invalid"),
        ({"phone": "12"}, ["body", "phone"], "invalid"),
        ({"email": "not an address"}, ["body", "email"], "invalid"),
        ({"postal_code": "1" * 21}, ["body", "postal_code"], None),
    ],
)
def test_bad_input_is_a_422_naming_the_field(erp, changes, loc, code):
    refused(erp.put("/customers/ERP-C-1", customer(**changes)), loc, code)
    assert not CustomerAccount.objects.exists()


def test_a_number_another_account_has_is_refused(erp):
    CustomerAccountFactory(number="C-900001")
    refused(erp.put("/customers/ERP-C-1", customer()), ["body", "number"], "account.number_taken")


def test_a_token_without_the_scope_is_refused_with_403(client):
    erp = erp_with(client, ["orders:write"])
    assert erp.put("/customers/ERP-C-1", customer()).status_code == 403
    assert erp.post("/customers/ERP-C-1/invitations", {}).status_code == 403


def test_bulk_answers_each_customer(erp):
    items = [
        customer(external_id="ERP-C-1"),
        customer(external_id="ERP-C-2", number="C-900002", phone="12"),
        customer(external_id="ERP-C-3", number="C-900003"),
    ]
    body = erp.post("/customers/bulk", {"items": items}).json()
    assert [r["outcome"] for r in body["results"]] == ["created", "error", "created"]
    assert body["results"][1]["errors"][0]["loc"] == ["body", "items", 1, "phone"]
    refused(
        erp.post("/customers/bulk", {"items": [customer(external_id="x")] * 1001}),
        ["body", "items"],
        "bulk.too_large",
    )


@pytest.mark.django_db(transaction=True)
def test_the_erp_invites_a_person_who_accepts_by_the_link_e_mailed(erp, client):
    erp.put("/customers/ERP-C-1", customer())
    account = CustomerAccount.objects.get()
    response = erp.post(
        "/customers/ERP-C-1/invitations",
        {"email": "Nou.Coleg@alfa.example", "grants": ["orders", "invoices"]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["email"] == "nou.coleg@alfa.example"
    assert response.json()["grants"] == ["invoices", "orders"]
    assert not Membership.objects.exists()  # nothing is granted until it is accepted
    invitation = Invitation.objects.get()
    assert invitation.invited_by is None
    mail = OutboundEmail.objects.get(to="nou.coleg@alfa.example")
    link = re.search(r"http://testserver(/invitation/\S+/)", mail.body_text).group(1)
    colleague = UserFactory(email="nou.coleg@alfa.example")
    client.force_login(colleague)
    assert client.post(link).status_code == 302
    assert Membership.objects.get(user=colleague, account=account).grants == [
        G.ORDERS,
        G.INVOICES,
    ]


def test_an_invitation_refusals(erp):
    erp.put("/customers/ERP-C-1", customer())
    body = {"email": "a@alfa.example", "grants": ["orders"]}
    assert erp.post("/customers/ERP-C-404/invitations", body).status_code == 404
    refused(
        erp.post("/customers/ERP-C-1/invitations", body | {"grants": ["everything"]}),
        ["body", "grants", 0],
    )
    refused(
        erp.post("/customers/ERP-C-1/invitations", body | {"email": "nobody"}),
        ["body", "email"],
    )
    member = UserFactory(email="a@alfa.example")
    Membership.objects.create(user=member, account=CustomerAccount.objects.get())
    refused(
        erp.post("/customers/ERP-C-1/invitations", body),
        ["body", "email"],
        "invitation.already_member",
    )
