"""The contract and machine searches are served by the trigram indexes on PostgreSQL."""

import datetime

import pytest
from django.db import connection

from clientdesk.contracts.models import Contract, Equipment
from clientdesk.contracts.queries import (
    contracts_matching,
    equipment_list,
    staff_contracts_matching,
)
from tests.support.search_plans import as_vacuumed, plan, postgresql_only

pytestmark = [postgresql_only, pytest.mark.django_db]
INDEXES = [
    "contract_number_trgm",
    "contract_title_trgm",
    "equipment_serial_number_trgm",
    "equipment_machine_type_trgm",
    "equipment_model_trgm",
]


@pytest.fixture
def many_contracts(alfa):
    """Enough of Alfa's contracts and machines that reading all of them costs more than the
    index."""
    Contract.objects.bulk_create(
        Contract(
            account=alfa,
            number=f"CTR-2026-{n:06d}",
            title=f"Mentenanță {n % 50}",
            start_date=datetime.date(2026, 1, 1) - datetime.timedelta(days=n % 700),
        )
        for n in range(3000)
    )
    Equipment.objects.bulk_create(
        Equipment(
            account=alfa,
            machine_type=f"{8000 + n % 90}",
            model=f"M{n % 70:02d}",
            serial_number=f"78SN{n:06d}",
        )
        for n in range(3000)
    )
    as_vacuumed(INDEXES, ["contracts_contract", "contracts_equipment"])


def test_the_contract_search_reads_the_number_and_title_indexes(alfa_admin, many_contracts):
    used = plan(contracts_matching(alfa_admin, q="001234"))
    assert "contract_number_trgm" in used and "contract_title_trgm" in used


def test_the_machine_search_reads_its_three_indexes(alfa_admin, many_contracts):
    used = plan(equipment_list(alfa_admin, q="SN0012"))
    assert all(index in used for index in INDEXES[2:])


def test_the_staff_search_reads_the_number_index(many_contracts):
    assert "contract_number_trgm" in plan(staff_contracts_matching("001234"))


def test_a_page_of_machines_is_read_in_order_from_the_account_index(alfa_admin, many_contracts):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    used = equipment_list(alfa_admin)[:26].explain()
    assert "equipment_account_listed" in used and "Sort" not in used
