"""Contracts and machines straight into the database; behaviour tests write through services."""

import datetime
from decimal import Decimal

import factory

from clientdesk.contracts.models import Contract, ContractDocument, Equipment
from clientdesk.core.actors import Actor
from tests.factories import CustomerAccountFactory

ERP = Actor.system("erp")
MINIMAL_PDF = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    account = factory.SubFactory(CustomerAccountFactory)
    external_id = factory.Sequence(lambda n: f"erp-contract-{n}")
    number = factory.Sequence(lambda n: f"CTR-2026-{n:05d}")
    title = "Mentenanță servere"
    kind = Contract.Kind.HARDWARE_MAINTENANCE
    status = Contract.Status.ACTIVE
    start_date = datetime.date(2026, 1, 1)
    renewal_date = datetime.date(2027, 1, 1)
    value = Decimal("12000.00")


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractDocument

    contract = factory.SubFactory(ContractFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = "contract.pdf"
    sha256 = "0" * 64
    file = factory.django.FileField(data=MINIMAL_PDF, filename="contract.pdf")


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    account = factory.SubFactory(CustomerAccountFactory)
    external_id = factory.Sequence(lambda n: f"erp-machine-{n}")
    machine_type = "8286"
    model = "42A"
    serial_number = factory.Sequence(lambda n: f"78SN{n:04d}")
    location = "București, sala serverelor"
    warranty_end = datetime.date(2030, 6, 30)


def signature_request_for(contract, steps, *, content=None):
    """A request sent through the service: ``steps`` is [(role, user), ...]."""
    from clientdesk.contracts import services, signatures
    from tests.contracts.conftest import simple_pdf

    document = services.document_add(
        actor=ERP, contract=contract, name="contract.pdf", content=content or simple_pdf()
    ).obj
    return signatures.request_send(
        actor=ERP,
        contract=contract,
        document=document,
        participants=[signatures.Participant(role=role, user=user) for role, user in steps],
        message="Vă rugăm să semnați.",
        expires_on=datetime.date.today() + datetime.timedelta(days=14),
    )


def servicepac_registration(account, requester, *, number="SP-778899", serial="78SN0001", **kw):
    """A ServicePac registration as filed: a ServicePac contract, a machine and the request."""
    from clientdesk.support.models import RequestType
    from tests.support.factories import SupportRequestFactory

    pack = ContractFactory(
        account=account, kind=Contract.Kind.SERVICEPAC, number=number, status="draft"
    )
    machine = EquipmentFactory(account=account, serial_number=serial, machine_type="8286")
    request = SupportRequestFactory(
        account=account,
        requester=requester,
        type=RequestType.objects.get(code="servicepac-registration"),
        details={"servicepac_number": number, "machine_type": "8286", "serial_number": serial},
        **kw,
    )
    return pack, machine, request
