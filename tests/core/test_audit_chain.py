"""The audit log is append-only in effect: editing, removing or inserting a row breaks its chain."""

import pytest
from django.core.management import CommandError, call_command

from clientdesk.accounts.events import AccessEvent, SecurityEvent
from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event
from clientdesk.support.events import RequestEvent
from tests.support.factories import SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def audited(alfa_admin, alfa):
    actor = Actor.of_user(alfa_admin, ip="192.0.2.10", user_agent="Firefox")
    for kind in (SecurityEvent.LOGGED_IN, AccessEvent.MEMBERSHIP_CHANGED, SecurityEvent.LOGGED_OUT):
        events.record(kind, actor=actor, account=alfa, subject=alfa_admin, data={"n": 1})
    return list(Event.objects.audited())


def verify(capsys) -> str:
    call_command("audit_verify")
    return capsys.readouterr().out


def test_an_intact_chain_verifies(audited, capsys):
    assert [event.audit_seq for event in audited] == [1, 2, 3]
    assert "holds: 3 rows" in verify(capsys)


def test_editing_one_row_in_the_database_breaks_the_chain_at_that_row(audited):
    Event.objects.filter(pk=audited[1].pk).update(data={"n": 2})
    with pytest.raises(CommandError, match="broken at row 2: the row was changed"):
        call_command("audit_verify")


def test_changing_who_did_it_breaks_the_chain(audited, beta_user):
    Event.objects.filter(pk=audited[0].pk).update(actor_user=beta_user)
    with pytest.raises(CommandError, match="broken at row 1"):
        call_command("audit_verify")


def test_deleting_a_row_breaks_the_chain(audited):
    Event.objects.filter(pk=audited[1].pk).delete()
    with pytest.raises(CommandError, match="broken at row 2: a row is missing"):
        call_command("audit_verify")


def test_deleting_the_last_row_breaks_the_chain(audited):
    Event.objects.filter(pk=audited[2].pk).delete()
    with pytest.raises(CommandError, match="broken at row 3: rows at the end are missing"):
        call_command("audit_verify")


def test_events_that_are_not_security_relevant_stay_out_of_the_chain(alfa, alfa_admin):
    support_request = SupportRequestFactory(account=alfa, requester=alfa_admin)
    event = events.record(RequestEvent.CREATED, actor=Actor.system("test"), subject=support_request)
    assert event.audit_seq is None
    assert event.audit_hash == ""


def test_an_unregistered_kind_is_refused(alfa_admin):
    class Stray(events.EventKind):
        ODD = "stray.odd", "Odd"

    with pytest.raises(ValueError, match="not registered"):
        events.record(Stray.ODD, actor=Actor.of_user(alfa_admin))
