"""The contract, equipment and signature lists and a contract's page make as many queries for
many rows as for few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.contracts.models import SignatureStep
from tests.contracts.factories import (
    ContractFactory,
    DocumentFactory,
    EquipmentFactory,
    signature_request_for,
)

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "query", ["", "?status=active", "?kind=hw_maintenance", "?last=1", "?q=CTR"]
)
def test_the_contract_list_makes_as_many_queries_for_40_contracts_as_for_2(
    client, alfa_admin, alfa, query
):
    client.force_login(alfa_admin)
    url = reverse("contracts:list") + query
    client.get(url)  # the first request of a session does one-off work
    ContractFactory.create_batch(2, account=alfa)
    with_2 = queries_of(client, url)
    ContractFactory.create_batch(38, account=alfa)
    assert queries_of(client, url) == with_2


def test_a_contract_page_makes_as_many_queries_for_many_documents_and_machines_as_for_one(
    client, alfa_admin, alfa
):
    client.force_login(alfa_admin)
    small, large = ContractFactory(account=alfa), ContractFactory(account=alfa)
    DocumentFactory(contract=small)
    EquipmentFactory(account=alfa, contract=small)
    DocumentFactory.create_batch(6, contract=large)
    EquipmentFactory.create_batch(6, account=alfa, contract=large)
    client.get(reverse("contracts:detail", args=[small.public_id]))
    with_one = queries_of(client, reverse("contracts:detail", args=[small.public_id]))
    assert queries_of(client, reverse("contracts:detail", args=[large.public_id])) == with_one


def test_the_equipment_list_makes_as_many_queries_for_40_machines_as_for_2(
    client, alfa_admin, alfa
):
    client.force_login(alfa_admin)
    url = reverse("equipment:list")
    client.get(url)
    covering = ContractFactory(account=alfa)
    EquipmentFactory.create_batch(2, account=alfa, contract=covering)
    with_2 = queries_of(client, url)
    EquipmentFactory.create_batch(38, account=alfa, contract=ContractFactory(account=alfa))
    assert queries_of(client, url) == with_2


def test_the_signature_list_makes_as_many_queries_for_8_requests_as_for_1(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    url = reverse("contracts:signatures")
    client.get(url)
    steps = [(SignatureStep.Role.SIGN, alfa_admin)]
    signature_request_for(ContractFactory(account=alfa), steps)
    with_1 = queries_of(client, url)
    for _ in range(7):
        signature_request_for(ContractFactory(account=alfa), steps)
    assert queries_of(client, url) == with_1


def test_the_staff_contract_list_makes_as_many_queries_for_40_contracts_as_for_2(
    client, staff_user, alfa
):
    client.force_login(staff_user)  # the contracts representative
    url = reverse("contracts_staff:list")
    client.get(url)
    ContractFactory.create_batch(2, account=alfa)
    with_2 = queries_of(client, url)
    ContractFactory.create_batch(38, account=alfa)
    assert queries_of(client, url) == with_2
