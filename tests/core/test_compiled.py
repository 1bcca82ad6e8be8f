"""A query compiled once gives the rows the ORM gives, as the ORM's model instances."""

import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from clientdesk.accounts.models import Membership
from clientdesk.core.compiled import CompiledQuery
from clientdesk.core.tenancy import held_memberships
from tests.factories import CustomerAccountFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def of_user(user_id: int):
    return Membership.objects.filter(user_id=user_id).select_related("account")


def fields(obj) -> dict:
    return {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}


def test_rows_are_the_orms_rows_with_their_related_objects():
    user = UserFactory()
    for name in ("Zeta SRL", "Alfa SRL", "Mira SRL"):
        MembershipFactory(user=user, account=CustomerAccountFactory(name=name), grant_orders=True)
    MembershipFactory()  # someone else's
    query = CompiledQuery(of_user)

    expected = list(of_user(user.pk))
    with CaptureQueriesContext(connection) as captured:
        found = query(user.pk)
        accounts = [membership.account for membership in found]
    assert len(captured) == 1  # the accounts came with the memberships
    assert [m.account.name for m in found] == ["Alfa SRL", "Mira SRL", "Zeta SRL"]
    assert [fields(m) for m in found] == [fields(m) for m in expected]
    assert [fields(a) for a in accounts] == [fields(m.account) for m in expected]
    # Dates through the database's converters (SQLite stores text): aware datetimes.
    assert all(m.created_at.tzinfo is not None for m in found)
    assert all(not m._state.adding and m._state.db == "default" for m in found)


def test_each_call_runs_with_its_own_value():
    first, second = MembershipFactory(), MembershipFactory()
    query = CompiledQuery(of_user)
    assert [m.pk for m in query(first.user_id)] == [first.pk]
    assert [m.pk for m in query(second.user_id)] == [second.pk]
    assert query(second.user_id + 1000) == []


def test_a_query_it_cannot_give_back_whole_is_refused():
    user = UserFactory()
    twice = CompiledQuery(lambda value: Membership.objects.filter(user_id=value, account_id=value))
    counted = CompiledQuery(
        lambda value: Membership.objects.filter(user_id=value).annotate(n=Count("pk"))
    )
    with pytest.raises(ValueError, match="exactly once"):
        twice(user.pk)
    with pytest.raises(ValueError, match="annotations"):
        counted(user.pk)


def test_held_memberships_know_their_user_without_a_query():
    membership = MembershipFactory(grant_invoices=True)
    user = membership.user
    with CaptureQueriesContext(connection) as captured:
        held = held_memberships(user)
        assert held[0].user is user
        assert held[0].account.name == membership.account.name
    assert len(captured) == 1
