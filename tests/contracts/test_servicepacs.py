"""The contracts representative confirms or refuses the ServicePacs customers register."""

import pytest
from django.urls import reverse

from clientdesk.contracts import services
from clientdesk.contracts.errors import ServicePacError
from clientdesk.contracts.events import ContractEvent
from clientdesk.contracts.models import Contract, Equipment
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.models import Event, OutboundEmail
from clientdesk.support.models import Status
from tests.contracts.factories import servicepac_registration
from tests.factories import CustomerAccountFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_list_shows_each_waiting_registration_checked_against_the_inventory(
    client, alfa, alfa_admin, staff_user
):
    servicepac_registration(alfa, alfa_admin)
    _pack, machine, _request = servicepac_registration(
        alfa, alfa_admin, number="SP-000002", serial="78SN0002"
    )
    machine.delete()
    client.force_login(staff_user)
    page = client.get(reverse("contracts_staff:servicepacs")).content.decode()
    assert "SP-778899" in page and "SP-000002" in page
    # The one whose machine is gone is flagged; the other is in the inventory, type matching.
    assert page.count("badge--danger") == 1


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, alfa, alfa_admin, staff_user, django_assert_num_queries
):
    client.force_login(staff_user)
    url = reverse("contracts_staff:servicepacs")
    client.get(url)
    servicepac_registration(alfa, alfa_admin)
    with django_assert_num_queries(8) as one:
        client.get(url)
    other = CustomerAccountFactory()
    for n in range(3):
        servicepac_registration(other, UserFactory(), number=f"SP-10{n}", serial=f"S{n}")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_confirming_activates_the_servicepac_on_the_machine_and_tells_the_customer(
    client, alfa, alfa_admin, staff_user
):
    pack, machine, request = servicepac_registration(alfa, alfa_admin)
    client.force_login(staff_user)
    response = client.post(
        reverse("contracts_staff:servicepac_confirm", args=[request.number]),
        {"version": request.version},
    )
    assert response.status_code == 302
    pack.refresh_from_db()
    assert pack.status == Contract.Status.ACTIVE
    assert Equipment.objects.get(pk=machine.pk).contract == pack
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    mail = OutboundEmail.objects.get(to=alfa_admin.email)
    assert "SP-778899" in mail.body_text and "78SN0001" in mail.body_text


def test_a_registration_of_a_machine_not_in_the_inventory_cannot_be_confirmed(
    alfa, alfa_admin, staff_user
):
    _pack, machine, request = servicepac_registration(alfa, alfa_admin)
    machine.delete()
    with pytest.raises(ServiceError) as refused:
        services.servicepac_confirm(
            actor=Actor.of_user(staff_user), support_request=request, version=request.version
        )
    assert refused.value.error == ServicePacError.UNKNOWN_MACHINE
    request.refresh_from_db()
    assert request.status == Status.NEW


def test_refusing_needs_a_reason_and_sends_it_to_the_customer(alfa, alfa_admin, staff_user):
    pack, _machine, request = servicepac_registration(alfa, alfa_admin)
    actor = Actor.of_user(staff_user)
    with pytest.raises(ServiceError) as refused:
        services.servicepac_refuse(
            actor=actor, support_request=request, version=request.version, reason=" "
        )
    assert refused.value.error == ServicePacError.REASON_REQUIRED
    services.servicepac_refuse(
        actor=actor,
        support_request=request,
        version=request.version,
        reason="Numărul ServicePac nu corespunde confirmării noastre.",
    )
    request.refresh_from_db()
    assert request.status == Status.RESOLVED
    assert Event.objects.filter(kind=ContractEvent.SERVICEPAC_REFUSED.value).count() == 1
    mail = OutboundEmail.objects.get(to=alfa_admin.email)
    assert "nu corespunde" in mail.body_text
    pack.refresh_from_db()
    assert pack.status == Contract.Status.DRAFT


def test_a_decided_registration_is_not_decided_again(alfa, alfa_admin, staff_user):
    _pack, _machine, request = servicepac_registration(alfa, alfa_admin)
    actor = Actor.of_user(staff_user)
    services.servicepac_confirm(actor=actor, support_request=request, version=request.version)
    request.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        services.servicepac_refuse(
            actor=actor, support_request=request, version=request.version, reason="Nu"
        )
    assert refused.value.error == ServicePacError.NOT_WAITING
