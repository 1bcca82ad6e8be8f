import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from clientdesk.contracts.models import Contract
from clientdesk.core.paging import CappedPaginator
from tests.contracts.factories import ContractFactory, EquipmentFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def test_a_machine_in_warranty_says_so_and_one_past_it_does_not():
    assert EquipmentFactory.build(warranty_end=TODAY).in_warranty(TODAY)
    assert not EquipmentFactory.build(warranty_end=datetime.date(2026, 11, 30)).in_warranty(TODAY)
    assert not EquipmentFactory.build(warranty_end=None).in_warranty(TODAY)


def test_a_machine_is_covered_until_its_active_contract_ends():
    contract = ContractFactory.build(end_date=datetime.date(2027, 6, 30))
    machine = EquipmentFactory.build(contract=contract)
    assert machine.covered_until(TODAY) == datetime.date(2027, 6, 30)


def test_a_terminated_contract_covers_nothing():
    contract = ContractFactory.build(status=Contract.Status.TERMINATED)
    assert EquipmentFactory.build(contract=contract).covered_until(TODAY) is None


def test_the_inventory_lists_the_accounts_machines_only(client, alfa, alfa_admin, beta_user):
    ours = EquipmentFactory(account=alfa)
    theirs = EquipmentFactory(account=beta_user.memberships.get().account)
    client.force_login(alfa_admin)
    page = client.get(reverse("equipment:list")).content.decode()
    assert ours.serial_number in page and theirs.serial_number not in page


def test_a_long_inventory_pages_on_and_past_the_limit_says_more_than(
    client, alfa, alfa_admin, monkeypatch
):
    EquipmentFactory.create_batch(30, account=alfa)
    client.force_login(alfa_admin)
    listed = reverse("equipment:list")
    first = client.get(listed).content.decode()
    assert "30 machines" in first and first.count("<tr>") == 26  # the head and 25 rows
    assert 'href="?page=2" rel="next"' in first
    second = client.get(listed, {"page": 2}).content.decode()
    assert second.count("<tr>") == 6 and "Page 2 of 2" in second
    monkeypatch.setattr(CappedPaginator, "limit", 20)
    capped = client.get(listed).content.decode()
    assert "More than 20 machines" in capped and "Page 1</span>" in capped


def test_ask_about_this_machine_starts_a_quote_request_with_the_serial(client, alfa, alfa_admin):
    machine = EquipmentFactory(account=alfa, serial_number="78XY123")
    client.force_login(alfa_admin)
    page = client.get(reverse("equipment:detail", args=[machine.public_id]))
    url = urlsplit(page.context["ask_url"])
    assert url.path == reverse("support:new")
    query = parse_qs(url.query)
    assert query["serial_number"] == ["78XY123"] and query["type"] == ["maintenance-quote"]


def test_a_machine_answers_404_to_another_customer_and_without_the_grant(client, alfa, beta_user):
    machine = EquipmentFactory(account=alfa)
    url = reverse("equipment:detail", args=[machine.public_id])
    client.force_login(beta_user)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(account=alfa, grant_requests=True).user)
    assert client.get(url).status_code == 404
    assert client.get(reverse("equipment:list")).status_code == 404
