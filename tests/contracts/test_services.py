import datetime
from decimal import Decimal

import pytest

from clientdesk.contracts import services
from clientdesk.contracts.errors import ContractError
from clientdesk.contracts.models import Contract
from clientdesk.contracts.services import ContractData, EquipmentData
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event
from clientdesk.core.upsert import Outcome
from tests.contracts.factories import ERP, MINIMAL_PDF, ContractFactory
from tests.factories import CustomerAccountFactory

pytestmark = pytest.mark.django_db

DATA = ContractData(
    number="CTR-1",
    kind=Contract.Kind.SOFTWARE_MAINTENANCE,
    status=Contract.Status.ACTIVE,
    start_date=datetime.date(2026, 1, 1),
    renewal_date=datetime.date(2027, 1, 1),
    value=Decimal("100.00"),
)


def test_an_upsert_creates_the_contract_and_records_its_event():
    account = CustomerAccountFactory()
    pushed = services.contract_upsert(actor=ERP, account=account, external_id="e1", data=DATA)
    contract = pushed.obj
    assert pushed.outcome == Outcome.CREATED
    assert contract.number == "CTR-1" and contract.notice_days == 30
    event = Event.objects.get(kind="contract.upserted")
    assert event.actor_name == "erp" and event.account_id == account.pk


def test_the_same_push_twice_changes_nothing_and_records_nothing_more():
    account = CustomerAccountFactory()
    first = services.contract_upsert(actor=ERP, account=account, external_id="e1", data=DATA).obj
    pushed = services.contract_upsert(actor=ERP, account=account, external_id="e1", data=DATA)
    again = pushed.obj
    assert pushed.outcome == Outcome.UNCHANGED
    assert again.pk == first.pk and again.version == first.version
    assert Event.objects.filter(kind="contract.upserted").count() == 1


def test_a_changed_push_updates_the_contract_and_bumps_its_version():
    account = CustomerAccountFactory()
    services.contract_upsert(actor=ERP, account=account, external_id="e1", data=DATA)
    changed = ContractData(**{**DATA.__dict__, "status": Contract.Status.TERMINATING})
    pushed = services.contract_upsert(actor=ERP, account=account, external_id="e1", data=changed)
    contract = pushed.obj
    assert pushed.outcome == Outcome.UPDATED
    assert contract.status == Contract.Status.TERMINATING and contract.version == 2


def test_a_contract_cannot_move_to_another_account():
    services.contract_upsert(
        actor=ERP, account=CustomerAccountFactory(), external_id="e1", data=DATA
    )
    with pytest.raises(ServiceError) as refused:
        services.contract_upsert(
            actor=ERP, account=CustomerAccountFactory(), external_id="e1", data=DATA
        )
    assert refused.value.error == ContractError.OTHER_ACCOUNT


def test_an_end_before_the_start_is_refused():
    bad = ContractData(**{**DATA.__dict__, "end_date": datetime.date(2025, 1, 1)})
    with pytest.raises(ServiceError) as refused:
        services.contract_upsert(
            actor=ERP, account=CustomerAccountFactory(), external_id="e", data=bad
        )
    assert refused.value.field == "end_date"


def test_an_unknown_kind_is_refused_naming_the_field():
    bad = ContractData(**{**DATA.__dict__, "kind": "leasing"})
    with pytest.raises(ServiceError) as refused:
        services.contract_upsert(
            actor=ERP, account=CustomerAccountFactory(), external_id="e", data=bad
        )
    assert refused.value.field == "kind"


def test_a_document_is_stored_with_its_hash_and_the_same_file_is_not_a_new_version():
    contract = ContractFactory()
    pushes = [
        services.document_add(actor=ERP, contract=contract, name="c.pdf", content=MINIMAL_PDF),
        services.document_add(actor=ERP, contract=contract, name="c.pdf", content=MINIMAL_PDF),
        services.document_add(
            actor=ERP, contract=contract, name="c2.pdf", content=MINIMAL_PDF + b"\n"
        ),
    ]
    first, again, second = (pushed.obj for pushed in pushes)
    outcomes = [pushed.outcome for pushed in pushes]
    assert outcomes == [Outcome.CREATED, Outcome.UNCHANGED, Outcome.UPDATED]
    assert again.pk == first.pk and first.number == 1 and second.number == 2
    assert first.sha256 == services.sha256_of(MINIMAL_PDF)
    assert first.file.read() == MINIMAL_PDF


def test_a_document_that_is_not_a_pdf_is_refused():
    with pytest.raises(ServiceError) as refused:
        services.document_add(actor=ERP, contract=ContractFactory(), name="x", content=b"MZ")
    assert refused.value.error == ContractError.NOT_PDF


def test_equipment_is_upserted_with_its_covering_contract_once():
    contract = ContractFactory()
    data = EquipmentData(
        machine_type="8286", serial_number="78ABC", contract_number=contract.number
    )
    machine = services.equipment_upsert(
        actor=ERP, account=contract.account, external_id="m1", data=data
    ).obj
    again = services.equipment_upsert(
        actor=ERP, account=contract.account, external_id="m1", data=data
    )
    assert again.outcome == Outcome.UNCHANGED
    assert machine.contract == contract
    assert Event.objects.filter(kind="equipment.upserted").count() == 1


def test_equipment_naming_a_contract_of_another_account_is_refused():
    contract = ContractFactory()
    data = EquipmentData(
        machine_type="8286", serial_number="78ABC", contract_number=contract.number
    )
    with pytest.raises(ServiceError) as refused:
        services.equipment_upsert(
            actor=ERP, account=CustomerAccountFactory(), external_id="m1", data=data
        )
    assert refused.value.error == ContractError.NO_SUCH_CONTRACT


def test_an_activated_servicepac_is_active_and_covers_the_machine():
    from tests.contracts.factories import EquipmentFactory

    contract = ContractFactory(kind=Contract.Kind.SERVICEPAC, status=Contract.Status.DRAFT)
    machine = EquipmentFactory(account=contract.account, serial_number="78ZZ1")
    services.servicepac_activate(actor=ERP, contract=contract, serial_number="78zz1")
    contract.refresh_from_db()
    machine.refresh_from_db()
    assert contract.status == Contract.Status.ACTIVE and machine.contract == contract


def test_a_servicepac_for_a_machine_not_in_the_inventory_is_refused():
    from clientdesk.contracts.errors import ServicePacError
    from tests.contracts.factories import EquipmentFactory

    contract = ContractFactory(kind=Contract.Kind.SERVICEPAC)
    EquipmentFactory(serial_number="78ZZ2")  # another customer's machine
    with pytest.raises(ServiceError) as refused:
        services.servicepac_activate(actor=ERP, contract=contract, serial_number="78ZZ2")
    assert refused.value.error == ServicePacError.UNKNOWN_MACHINE


def test_only_a_servicepac_can_be_activated_as_one():
    from clientdesk.contracts.errors import ServicePacError

    with pytest.raises(ServiceError) as refused:
        services.servicepac_activate(actor=ERP, contract=ContractFactory(), serial_number="X")
    assert refused.value.error == ServicePacError.NOT_SERVICEPAC
