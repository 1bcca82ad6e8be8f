"""Renewal and end alerts: the contract holders are told in time, each alert once."""

from datetime import date

import pytest

from clientdesk.contracts import alerts
from clientdesk.contracts.events import ContractEvent
from clientdesk.contracts.models import Contract
from clientdesk.core.models import Event, OutboundEmail, VendorConfig
from tests.contracts.factories import ContractFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holders(alfa, alfa_admin):
    reader = MembershipFactory(account=alfa, grant_contracts_view=True, user__language="en").user
    MembershipFactory(account=alfa, grant_requests=True)  # no contracts.view: not told
    return {alfa_admin.email, reader.email}


def test_holders_are_told_the_notice_day_once_when_it_comes_in_reach(alfa, holders):
    # Renews Monday 1 March 2027 with 31 days' notice: the last day is Friday 29 January.
    contract = ContractFactory(account=alfa, renewal_date=date(2027, 3, 1), notice_days=31)
    assert alerts.run(today=date(2026, 12, 29)) == 0  # 31 days before: not yet
    assert alerts.run(today=date(2026, 12, 30)) == 1
    assert alerts.run(today=date(2026, 12, 30)) == 0
    assert alerts.run(today=date(2027, 1, 5)) == 0
    assert set(OutboundEmail.objects.values_list("to", flat=True)) == holders
    event = Event.objects.get(kind=ContractEvent.NOTICE_ALERTED.value)
    assert event.data["day"] == "2027-01-29" and event.subject_id == str(contract.pk)
    subject = OutboundEmail.objects.exclude(to=alfa.memberships.first().user.email).get().subject
    assert subject == f"Contract {contract.number}: the last day to give notice is 29 Jan 2027"


def test_a_notice_day_on_a_weekend_moves_to_the_friday_before(alfa, holders):
    # 1 March 2027 minus 30 days is Saturday 30 January: notice is due on Friday the 29th.
    ContractFactory(account=alfa, renewal_date=date(2027, 3, 1), notice_days=30)
    alerts.run(today=date(2026, 12, 30))
    assert Event.objects.get().data["day"] == "2027-01-29"


def test_a_renewed_contract_is_alerted_again_for_its_new_date(alfa, holders):
    contract = ContractFactory(account=alfa, renewal_date=date(2027, 1, 30), notice_days=0)
    assert alerts.run(today=date(2027, 1, 2)) == 1
    Contract.objects.filter(pk=contract.pk).update(renewal_date=date(2028, 1, 31))
    assert alerts.run(today=date(2028, 1, 5)) == 1
    assert Event.objects.filter(kind=ContractEvent.NOTICE_ALERTED.value).count() == 2


def test_holders_are_told_before_a_contract_ends_in_the_configured_days(alfa, holders):
    config = VendorConfig.get()
    config.contract_alert_days = 10
    config.save()
    contract = ContractFactory(
        account=alfa,
        status=Contract.Status.TERMINATING,
        renewal_date=None,
        end_date=date(2027, 1, 15),
    )
    assert alerts.run(today=date(2027, 1, 4)) == 0
    assert alerts.run(today=date(2027, 1, 5)) == 1
    assert alerts.run(today=date(2027, 1, 6)) == 0
    event = Event.objects.get(kind=ContractEvent.END_ALERTED.value)
    assert event.data == {"number": contract.number, "day": "2027-01-15"}
    assert OutboundEmail.objects.count() == len(holders)


def test_a_terminated_contract_gets_no_alert(alfa, holders):
    ContractFactory(account=alfa, status=Contract.Status.TERMINATED, end_date=date(2027, 1, 15))
    assert alerts.run(today=date(2027, 1, 10)) == 0
