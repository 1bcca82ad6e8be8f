"""What a customer's token reads: its user's orders, invoices and contracts, as the portal
shows them."""

import pytest

from clientdesk.api.scopes import Scope
from tests.api.factories import bearer, customer_token
from tests.billing.factories import issue, with_pdf
from tests.contracts.factories import ContractFactory, EquipmentFactory
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.django_db


def test_an_order_comes_with_its_lines(client, alfa, alfa_admin):
    order = OrderFactory(account=alfa)
    _token, plain = customer_token(alfa_admin)
    listed = client.get("/api/v1/me/orders", headers=bearer(plain)).json()
    assert [item["number"] for item in listed["results"]] == [order.number]
    detail = client.get(f"/api/v1/me/orders/{order.number}", headers=bearer(plain)).json()
    assert detail["account"] == alfa.number
    assert [line["position"] for line in detail["lines"]] == sorted(
        order.lines.values_list("position", flat=True)
    )


def test_invoices_tell_their_status_and_the_balance_is_kept(client, alfa, alfa_admin):
    invoice = issue(alfa)
    _token, plain = customer_token(alfa_admin)
    detail = client.get(f"/api/v1/me/invoices/{invoice.number}", headers=bearer(plain)).json()
    assert detail["status"] in ("open", "overdue")
    assert detail["total"] == str(invoice.total)
    balances = client.get("/api/v1/me/invoices/balances", headers=bearer(plain)).json()
    assert balances == [{"account": alfa.number, "currency": "RON", "balance": str(invoice.total)}]


def test_reading_an_invoice_through_the_api_tells_the_erp_once_a_day(client, alfa, alfa_admin):
    from clientdesk.core.models import Event

    invoice = issue(alfa)
    token, plain = customer_token(alfa_admin)
    for _ in range(2):
        client.get(f"/api/v1/me/invoices/{invoice.number}", headers=bearer(plain))
    viewed = Event.objects.filter(kind="billing.invoice_viewed")
    assert [(e.actor_token_id, e.data["via"]) for e in viewed] == [(token.pk, "api")]


def test_a_pdf_not_rendered_yet_answers_404(client, alfa, alfa_admin):
    invoice = issue(alfa)
    _token, plain = customer_token(alfa_admin)
    response = client.get(f"/api/v1/me/invoices/{invoice.number}/pdf", headers=bearer(plain))
    assert response.status_code == 404


def test_contracts_tell_the_last_day_to_give_notice(client, alfa, alfa_admin):
    contract = ContractFactory(account=alfa)
    EquipmentFactory(account=alfa, contract=contract)
    _token, plain = customer_token(alfa_admin)
    detail = client.get(f"/api/v1/me/contracts/{contract.number}", headers=bearer(plain)).json()
    assert detail["number"] == contract.number
    assert "last_notice_day" in detail
    machines = client.get("/api/v1/me/contracts/equipment", headers=bearer(plain)).json()
    assert [m["contract"] for m in machines["results"]] == [contract.number]


def test_each_area_needs_its_own_scope(client, alfa, alfa_admin):
    _token, plain = customer_token(alfa_admin, [Scope.ORDERS_READ])
    assert client.get("/api/v1/me/orders", headers=bearer(plain)).status_code == 200
    for path in ("/api/v1/me/invoices", "/api/v1/me/contracts", "/api/v1/requests"):
        assert client.get(path, headers=bearer(plain)).status_code == 403, path


def test_a_list_costs_the_same_queries_whatever_its_length(
    client, alfa, alfa_admin, django_assert_num_queries
):
    _token, plain = customer_token(alfa_admin)
    OrderFactory(account=alfa)
    client.get("/api/v1/me/orders", headers=bearer(plain))  # the token's first use is written
    # the token, its rate counter, the accounts it sees, the page, the call's event (and its
    # transaction)
    with django_assert_num_queries(7) as one:
        client.get("/api/v1/me/orders", headers=bearer(plain))
    OrderFactory.create_batch(5, account=alfa)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get("/api/v1/me/orders", headers=bearer(plain))


def test_an_invoice_number_with_slashes_is_read_by_its_encoded_number(
    client, alfa, alfa_admin, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    invoice = with_pdf(issue(alfa, number="FV/2026/0002"))
    _token, plain = customer_token(alfa_admin)
    response = client.get("/api/v1/me/invoices/FV%2F2026%2F0002", headers=bearer(plain))
    assert response.status_code == 200
    assert response.json()["number"] == invoice.number
    pdf = client.get("/api/v1/me/invoices/FV%2F2026%2F0002/pdf", headers=bearer(plain))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"


def test_any_number_asked_for_answers_the_apis_json_404(client, alfa_admin):
    _token, plain = customer_token(alfa_admin)
    for number in ("NO-SUCH", "FV%2F9%2F1", "line%0Abreak"):
        response = client.get(f"/api/v1/me/invoices/{number}", headers=bearer(plain))
        assert response.status_code == 404, number
        assert response["Content-Type"].startswith("application/json"), number
