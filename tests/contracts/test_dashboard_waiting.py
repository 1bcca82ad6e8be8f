"""The dashboard counts the signature steps that wait for the user as the signatures page
lists them: their own step, still waiting, with no earlier step waiting."""

import pytest

from clientdesk.contracts import queries
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_only_the_current_step_of_an_open_request_counts(alfa):
    ana = MembershipFactory(account=alfa, all_grants=True).user
    ion = MembershipFactory(account=alfa, all_grants=True).user
    signature_request_for(ContractFactory(account=alfa), [("sign", ana)])  # ana's turn
    signature_request_for(ContractFactory(account=alfa), [("approve", ana), ("sign", ana)])
    signature_request_for(ContractFactory(account=alfa), [("approve", ion), ("sign", ana)])
    other = MembershipFactory(all_grants=True).user  # another customer's request
    signature_request_for(
        ContractFactory(account=other.memberships.get().account), [("sign", other)]
    )

    assert queries.steps_waiting_by_role(ana) == {"sign": 1, "approve": 1}
    assert queries.steps_waiting_by_role(ion) == {"approve": 1}
    listed = [step.role for _request, step in queries.signatures_waiting(ana)]
    assert sorted(listed) == ["approve", "sign"]


def test_without_the_grant_to_see_contracts_nothing_waits(alfa):
    ana = MembershipFactory(account=alfa, grant_contracts_sign=True).user
    signature_request_for(ContractFactory(account=alfa), [("sign", ana)])
    assert queries.steps_waiting_by_role(ana) == {}
    assert queries.signatures_waiting(ana) == []
