"""The contracts representative's list: every customer's contracts, newest first, paged by
arrival, found by a part of the number or by the customer."""

import pytest
from django.urls import reverse

from clientdesk.contracts.staff import views
from tests.contracts.factories import ContractFactory
from tests.factories import CustomerAccountFactory

pytestmark = pytest.mark.django_db
LIST = reverse("contracts_staff:list")


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [contract.number for contract in response.context["rows"]]


@pytest.fixture
def contracts(client, staff_user):
    client.force_login(staff_user)
    alfa = CustomerAccountFactory(name="SC Alfa Industrial SRL", number="C-1001")
    beta = CustomerAccountFactory(name="Beta Logistics SA", number="C-2002")
    return {
        "alfa": ContractFactory(account=alfa, number="CTR-2026-00101"),
        "beta": ContractFactory(account=beta, number="CTR-2026-00202"),
        "later": ContractFactory(account=beta, number="SRV-2026-00303"),
    }


def test_the_latest_added_come_first(client, contracts):
    assert listed(client) == ["SRV-2026-00303", "CTR-2026-00202", "CTR-2026-00101"]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        ("00202", ["CTR-2026-00202"]),  # part of a number
        ("srv-2026", ["SRV-2026-00303"]),  # in any case
        ("alfa", ["CTR-2026-00101"]),  # part of a customer's name
        ("c-2002", ["SRV-2026-00303", "CTR-2026-00202"]),  # a customer's number
        ("C-20", []),  # a customer's number is whole, not a start
        ("zzz", []),
    ],
)
def test_a_search_finds_by_the_number_or_the_customer(client, contracts, q, found):
    assert listed(client, q=q) == found


def test_the_list_pages_on_to_older_contracts(client, staff_user, contracts, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = client.get(LIST)
    assert [c.number for c in first.context["rows"]] == ["SRV-2026-00303", "CTR-2026-00202"]
    older = first.context["next_after"]
    assert f"after={older}" in first.content.decode()
    assert listed(client, after=older) == ["CTR-2026-00101"]


def test_a_search_that_finds_nothing_says_so(client, contracts):
    page = client.get(LIST, {"q": "zzz"}).content.decode()
    assert "No contract matches this search." in page
