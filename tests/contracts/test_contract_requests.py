"""The four contract request kinds, through support.services.request_create and its rules."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from clientdesk.contracts.errors import ContractRequestError
from clientdesk.contracts.models import Contract
from clientdesk.contracts.requests import earliest_effective_date
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.support import services
from clientdesk.support.models import SupportRequest
from tests.contracts.factories import ContractFactory, DocumentFactory, EquipmentFactory
from tests.support.service_helpers import new_request

pytestmark = pytest.mark.django_db
K = Contract.Kind


def file(alfa, user, code, **details):
    return services.request_create(
        actor=Actor.of_user(user), new=new_request(alfa, code, details=details)
    )


def refusal(alfa, user, code, **details) -> ServiceError:
    with pytest.raises(ServiceError) as refused:
        file(alfa, user, code, **details)
    return refused.value


def later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_copy_of_one_of_the_accounts_contracts_is_filed(alfa, alfa_admin):
    contract = ContractFactory(account=alfa)
    filed = file(alfa, alfa_admin, "contract-copy", contract_number=contract.number, format="pdf")
    assert filed.details["contract_number"] == contract.number


def test_a_copy_of_another_customers_contract_is_refused(alfa, alfa_admin, beta_user):
    theirs = ContractFactory(account=beta_user.memberships.get().account)
    error = refusal(alfa, alfa_admin, "contract-copy", contract_number=theirs.number, format="pdf")
    assert error.error == ContractRequestError.UNKNOWN_CONTRACT


def test_a_prepaid_licence_needs_no_cancellation_and_nothing_is_filed(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.PREPAID_LICENCE)
    error = refusal(
        alfa,
        alfa_admin,
        "licence-termination",
        contract_number=contract.number,
        effective_date=later(60),
        copies_destroyed=True,
    )
    assert error.error == ContractRequestError.PREPAID
    assert not SupportRequest.objects.exists()


def test_a_monthly_licence_refuses_a_date_inside_the_notice_period(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.MONTHLY_LICENCE, notice_days=30)
    error = refusal(
        alfa,
        alfa_admin,
        "licence-termination",
        contract_number=contract.number,
        effective_date=later(29),
        copies_destroyed=True,
    )
    assert error.error == ContractRequestError.TOO_EARLY and error.field == "effective_date"


def test_a_monthly_licence_needs_the_destruction_acknowledgement(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.MONTHLY_LICENCE)
    error = refusal(
        alfa,
        alfa_admin,
        "licence-termination",
        contract_number=contract.number,
        effective_date=later(30),
        copies_destroyed=False,
    )
    assert error.error == ContractRequestError.ACK_REQUIRED


def test_a_monthly_licence_from_the_earliest_date_is_filed(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.MONTHLY_LICENCE, notice_days=30)
    assert earliest_effective_date(contract) == later(30)
    file(
        alfa,
        alfa_admin,
        "licence-termination",
        contract_number=contract.number,
        effective_date=later(30),
        copies_destroyed=True,
    )
    assert SupportRequest.objects.count() == 1


def test_a_maintenance_termination_inside_the_notice_period_is_refused(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.SOFTWARE_MAINTENANCE, notice_days=60)
    error = refusal(
        alfa,
        alfa_admin,
        "maintenance-termination",
        contract_number=contract.number,
        effective_date=later(59),
    )
    assert error.error == ContractRequestError.TOO_EARLY


def test_a_licence_cannot_be_ended_as_maintenance(alfa, alfa_admin):
    contract = ContractFactory(account=alfa, kind=K.MONTHLY_LICENCE)
    error = refusal(
        alfa,
        alfa_admin,
        "maintenance-termination",
        contract_number=contract.number,
        effective_date=later(90),
    )
    assert error.error == ContractRequestError.NOT_MAINTENANCE


def test_a_servicepac_for_a_known_machine_must_name_its_type(alfa, alfa_admin):
    machine = EquipmentFactory(account=alfa, machine_type="8286", serial_number="78AAA")
    error = refusal(
        alfa,
        alfa_admin,
        "servicepac-registration",
        servicepac_number="SP-1",
        machine_type="9009",
        serial_number=machine.serial_number,
    )
    assert error.error == ContractRequestError.MACHINE_MISMATCH
    file(
        alfa,
        alfa_admin,
        "servicepac-registration",
        servicepac_number="SP-1",
        machine_type="8286",
        serial_number="78aaa",
    )


def test_a_servicepac_for_an_unknown_machine_is_filed_for_staff_to_check(alfa, alfa_admin):
    file(
        alfa,
        alfa_admin,
        "servicepac-registration",
        servicepac_number="SP-2",
        machine_type="7063",
        serial_number="NEW123",
    )
    assert SupportRequest.objects.count() == 1


def test_each_contract_request_form_lists_only_the_users_contracts(client, alfa, alfa_admin):
    ours = ContractFactory(account=alfa, kind=K.MONTHLY_LICENCE)
    theirs = ContractFactory(kind=K.MONTHLY_LICENCE)
    client.force_login(alfa_admin)
    for code in ("contract-copy", "licence-termination", "servicepac-registration"):
        response = client.get(reverse("support:new"), {"type": code})
        assert response.status_code == 200
        page = response.content.decode()
        assert theirs.number not in page
        if code != "servicepac-registration":
            assert ours.number in page


def test_a_pdf_copy_of_a_contract_whose_document_the_user_may_see_is_not_filed(alfa, alfa_admin):
    contract = ContractFactory(account=alfa)
    DocumentFactory(contract=contract)
    error = refusal(
        alfa, alfa_admin, "contract-copy", contract_number=contract.number, format="pdf"
    )
    assert error.error == ContractRequestError.DOWNLOAD_INSTEAD
    assert not SupportRequest.objects.exists()
    # A paper copy is still for staff to send.
    file(alfa, alfa_admin, "contract-copy", contract_number=contract.number, format="paper")
    assert SupportRequest.objects.count() == 1


def test_the_copy_form_offers_the_documents_the_user_may_download(client, alfa, alfa_admin):
    with_document, without = ContractFactory(account=alfa), ContractFactory(account=alfa)
    document = DocumentFactory(contract=with_document)
    theirs = DocumentFactory()
    client.force_login(alfa_admin)
    page = client.get(reverse("support:new"), {"type": "contract-copy"}).content.decode()
    url = reverse("contracts:document", args=[with_document.public_id, document.public_id])
    assert f'<a href="{url}" download>{with_document.number}</a>' in page
    assert without.number in page  # chosen in the list, filed to staff
    assert str(theirs.public_id) not in page
    assert client.get(url).status_code == 200


def test_a_copy_of_a_contract_without_a_document_is_filed_for_staff(alfa, alfa_admin):
    contract = ContractFactory(account=alfa)
    filed = file(alfa, alfa_admin, "contract-copy", contract_number=contract.number, format="pdf")
    assert filed.type.code == "contract-copy"
