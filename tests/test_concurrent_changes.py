"""Two people changing the same thing at the same moment: exactly one wins, the other is told.

Real threads, each with its own database connection, released together by a barrier;
PostgreSQL only: SQLite runs one writer at a time, so nothing there is concurrent.
"""

import datetime
import threading
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from django.test import Client
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.billing import services as billing
from clientdesk.billing.errors import BillingError
from clientdesk.billing.models import Allocation, Invoice
from clientdesk.contracts import services as contracts
from clientdesk.contracts import signatures
from clientdesk.contracts.errors import SignatureError
from clientdesk.contracts.models import Contract, SignatureStep
from clientdesk.core.actors import Actor
from clientdesk.core.errors import ServiceError
from clientdesk.core.upsert import Outcome
from clientdesk.support.models import Status
from tests.billing.factories import document, issue
from tests.conftest import postgresql_only
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import MembershipFactory, UserFactory
from tests.support.factories import SupportRequestFactory

ERP = Actor.system("erp")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    postgresql_only,
]


def at_once(*calls: Callable[[], object]) -> list[object]:
    """Each call's result, or the exception it raised, started at the same moment."""
    outcomes: list[object] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(index: int) -> None:
        try:
            start.wait()
            outcomes[index] = calls[index]()
        except Exception as error:  # the outcome under test
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def codes(outcomes) -> list:
    return sorted(
        str(o.error) if isinstance(o, ServiceError) else type(o).__name__ for o in outcomes
    )


def test_two_agents_saving_the_same_request_version_one_wins_the_other_gets_409(alfa, alfa_admin):
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    url = reverse("support_staff:update", args=[support_request.number])
    agents = []
    for status in (Status.WAITING, Status.RESOLVED):
        agent = Client()
        user = UserFactory(is_staff=True)
        user.groups.set([Group.objects.get(name=roles.SUPPORT_AGENT)])
        agent.force_login(user)
        data = {"version": 1, "status": status, "queue": support_request.queue.pk}
        agents.append((agent, data))

    answers = at_once(
        *(lambda a=agent, d=data: a.post(url, d).status_code for agent, data in agents)
    )

    assert sorted(answers) == [302, 409]
    support_request.refresh_from_db()
    assert support_request.version == 2
    winner = agents[answers.index(302)][1]["status"]
    assert support_request.status == winner


def test_two_sessions_approving_the_same_signature_step_one_wins(alfa, alfa_admin):
    signer = MembershipFactory(account=alfa, all_grants=True).user
    request = signature_request_for(
        ContractFactory(account=alfa),
        [(SignatureStep.Role.APPROVE, alfa_admin), (SignatureStep.Role.SIGN, signer)],
    )
    approve = lambda: signatures.step_approve(actor=Actor.of_user(alfa_admin), request=request)  # noqa: E731

    outcomes = at_once(approve, approve)

    assert codes(outcomes) == sorted(["SignatureStep", str(SignatureError.NOT_YOUR_TURN)])
    assert request.steps.get(position=1).status == SignatureStep.Status.APPROVED
    assert request.steps.get(position=2).status == SignatureStep.Status.WAITING


def test_two_payments_settling_the_same_invoice_one_is_refused(alfa):
    invoice = issue(alfa)

    def pay(external_id: str) -> Callable[[], object]:
        return lambda: billing.payment_record(
            actor=ERP,
            account=alfa,
            external_id=external_id,
            received_on=invoice.issued_on,
            amount=invoice.total,
            allocations=[billing.Share(invoice.number, invoice.total)],
        )

    outcomes = at_once(pay("erp-pay-a"), pay("erp-pay-b"))

    assert codes(outcomes) == sorted(["Upserted", str(BillingError.ALLOCATION_TOO_MUCH)])
    invoice.refresh_from_db()
    assert invoice.open_amount == Decimal("0.00")
    assert Allocation.objects.filter(invoice=invoice).count() == 1


def test_the_same_invoice_sent_four_times_at_once_is_issued_once(alfa):
    sent = document()

    outcomes = at_once(*[lambda: billing.invoice_issue(actor=ERP, account=alfa, document=sent)] * 4)

    assert [type(o).__name__ for o in outcomes] == ["Upserted"] * 4, outcomes
    assert sorted(o.outcome for o in outcomes) == sorted(
        [Outcome.CREATED] + [Outcome.UNCHANGED] * 3
    )
    assert Invoice.objects.filter(number=sent.number).count() == 1


def test_the_same_contract_sent_four_times_at_once_is_created_once(alfa):
    data = contracts.ContractData(
        number="CTR-2026-PARALEL",
        kind=Contract.Kind.HARDWARE_MAINTENANCE,
        status=Contract.Status.ACTIVE,
        start_date=datetime.date(2026, 1, 1),
    )
    upsert = lambda: contracts.contract_upsert(  # noqa: E731
        actor=ERP, account=alfa, external_id="erp-contract-paralel", data=data
    )

    outcomes = at_once(upsert, upsert, upsert, upsert)

    assert [type(o).__name__ for o in outcomes] == ["Upserted"] * 4, outcomes
    assert sorted(o.outcome for o in outcomes) == sorted(
        [Outcome.CREATED] + [Outcome.UNCHANGED] * 3
    )
    assert Contract.objects.filter(number=data.number).count() == 1
