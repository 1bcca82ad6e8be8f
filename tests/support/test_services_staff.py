"""Staff and worker writes of a request, called directly; and the actor on every event."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from clientdesk.core.actors import Actor, ActorKind
from clientdesk.core.errors import CommonError
from clientdesk.core.locking import Conflict
from clientdesk.support import services
from clientdesk.support.errors import RequestError
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    Queue,
    Status,
    SupportRequest,
)
from tests.support.factories import SupportRequestFactory
from tests.support.service_helpers import (
    WORKER,
    as_user,
    assert_event,
    event_mark,
    events_since,
    mail_mark,
    mails_since,
    new_request,
    put,
    refused,
    resolved,
    state_of,
)

pytestmark = pytest.mark.usefixtures("general_types")


# --- request_staff_reply -------------------------------------------------------------------


def test_a_staff_reply_to_a_new_request_starts_work_and_queues_only_the_reply_mail(
    agent, alfa_admin, alfa_request
):
    mark, mails = event_mark(), mail_mark()
    message = services.request_staff_reply(
        actor=as_user(agent), support_request=alfa_request, version=1, body="Ne uităm."
    )
    alfa_request.refresh_from_db()
    assert (message.from_staff, message.internal, message.author) == (True, False, agent)
    assert (alfa_request.status, alfa_request.version) == (Status.IN_PROGRESS, 2)
    assert alfa_request.first_response_at is not None
    status, replied = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=agent,
        support_request=alfa_request,
        data={"from": "new", "to": "in_progress", "with_reply": message.pk},
    )
    assert_event(
        replied,
        RequestEvent.STAFF_REPLIED,
        actor=agent,
        support_request=alfa_request,
        data={"message": message.pk},
    )
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == (alfa_admin.email, "support/email/reply")
    assert "Ne uităm." in mail.body_text


def test_a_staff_reply_that_asks_the_customer_queues_the_reply_mail_and_no_status_mail(
    agent, alfa_request
):
    put(alfa_request, status=Status.IN_PROGRESS)
    mark, mails = event_mark(), mail_mark()
    message = services.request_staff_reply(
        actor=as_user(agent),
        support_request=alfa_request,
        version=1,
        body="Ce model are imprimanta?",
        status=Status.WAITING,
    )
    status, _replied = events_since(mark)
    assert status.data == {"from": "in_progress", "to": "waiting", "with_reply": message.pk}
    assert [mail.template for mail in mails_since(mails)] == ["support/email/reply"]


def test_a_staff_reply_made_from_an_old_version_is_a_conflict(agent, alfa_request):
    put(alfa_request, version=2)
    with refused(CommonError.CONFLICT, None, rows=(alfa_request,), error=Conflict) as caught:
        services.request_staff_reply(
            actor=as_user(agent), support_request=alfa_request, version=1, body="Ne uităm."
        )
    assert caught.value.current.version == 2


@pytest.mark.parametrize("who", ["alfa_admin", "staff_user"])
def test_only_staff_who_work_requests_may_reply_as_support(request, alfa_request, who):
    user = request.getfixturevalue(who)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_staff_reply(
            actor=as_user(user), support_request=alfa_request, version=1, body="Ne uităm."
        )


def test_an_empty_staff_reply_is_refused_on_its_body(agent, alfa_request):
    with refused(RequestError.REQUIRED, "body", rows=(alfa_request,)):
        services.request_staff_reply(
            actor=as_user(agent), support_request=alfa_request, version=1, body="  "
        )


def test_a_staff_reply_with_a_status_the_lifecycle_forbids_is_refused_and_not_sent(
    agent, alfa_request
):
    put(alfa_request, status=Status.CLOSED)
    with refused(RequestError.TRANSITION, "status", rows=(alfa_request,)):
        services.request_staff_reply(
            actor=as_user(agent),
            support_request=alfa_request,
            version=1,
            body="Redeschidem.",
            status=Status.IN_PROGRESS,
        )


# --- request_add_note ----------------------------------------------------------------------


def test_an_internal_note_is_recorded_and_never_emailed(agent, alfa_request):
    mark, mails = event_mark(), mail_mark()
    note = services.request_add_note(
        actor=as_user(agent), support_request=alfa_request, body="Clientul are contract."
    )
    alfa_request.refresh_from_db()
    assert (note.internal, note.from_staff, note.author) == (True, True, agent)
    assert alfa_request.version == 1
    (added,) = events_since(mark)
    assert_event(
        added,
        RequestEvent.NOTE_ADDED,
        actor=agent,
        support_request=alfa_request,
        data={"message": note.pk},
    )
    assert mails_since(mails) == []


@pytest.mark.parametrize("who", ["alfa_admin", "staff_user"])
def test_only_staff_who_work_requests_may_add_a_note(request, alfa_request, who):
    user = request.getfixturevalue(who)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_add_note(actor=as_user(user), support_request=alfa_request, body="x")


def test_an_empty_note_is_refused_on_its_body(agent, alfa_request):
    with refused(RequestError.REQUIRED, "body", rows=(alfa_request,)):
        services.request_add_note(actor=as_user(agent), support_request=alfa_request, body="")


# --- request_update ------------------------------------------------------------------------


def test_an_agent_saves_status_assignee_and_queue_each_recorded_and_the_customer_told(
    agent, alfa_admin, alfa_request
):
    billing = Queue.objects.get(code="billing")
    mark, mails = event_mark(), mail_mark()
    updated = services.request_update(
        actor=as_user(agent),
        support_request=alfa_request,
        version=1,
        status=Status.WAITING,
        assignee=agent,
        queue=billing,
    )
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.assignee, alfa_request.queue) == (
        Status.WAITING,
        agent,
        billing,
    )
    assert updated.version == alfa_request.version == 2
    status, assigned, moved = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=agent,
        support_request=alfa_request,
        data={"from": "new", "to": "waiting"},
    )
    assert_event(
        assigned,
        RequestEvent.ASSIGNED,
        actor=agent,
        support_request=alfa_request,
        data={"to": agent.get_full_name()},
    )
    assert_event(
        moved,
        RequestEvent.QUEUE,
        actor=agent,
        support_request=alfa_request,
        data={"from": "customer-support", "to": "billing"},
    )
    # A status change by staff: the requester hears of it.
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == (alfa_admin.email, "support/email/status")


def test_saving_a_request_unchanged_records_nothing(agent, alfa_request):
    before = state_of((alfa_request,))
    services.request_update(
        actor=as_user(agent),
        support_request=alfa_request,
        version=1,
        status=alfa_request.status,
        assignee=None,
        queue=alfa_request.queue,
    )
    assert state_of((alfa_request,)) == before


def test_an_update_made_from_an_old_version_is_a_conflict(agent, alfa_request):
    put(alfa_request, version=3)
    with refused(CommonError.CONFLICT, None, rows=(alfa_request,), error=Conflict):
        services.request_update(
            actor=as_user(agent),
            support_request=alfa_request,
            version=2,
            status=Status.RESOLVED,
            assignee=agent,
            queue=alfa_request.queue,
        )


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.NEW, Status.CLOSED),
        (Status.CLOSED, Status.IN_PROGRESS),
        (Status.CANCELLED, Status.NEW),
        (Status.RESOLVED, Status.WAITING),
    ],
)
def test_a_status_change_the_lifecycle_forbids_is_refused_with_nothing_else_saved(
    agent, alfa_request, current, target
):
    put(alfa_request, status=current)
    with refused(RequestError.TRANSITION, "status", rows=(alfa_request,)) as caught:
        services.request_update(
            actor=as_user(agent),
            support_request=alfa_request,
            version=1,
            status=target,
            assignee=agent,
            queue=Queue.objects.get(code="billing"),
        )
    assert str(Status(current).label) in caught.value.text


def test_an_unknown_status_is_refused_as_a_transition_not_a_crash(agent, alfa_request):
    with refused(RequestError.TRANSITION, "status", rows=(alfa_request,)):
        services.request_update(
            actor=as_user(agent),
            support_request=alfa_request,
            version=1,
            status="lost",
            assignee=None,
            queue=alfa_request.queue,
        )


@pytest.mark.parametrize("who", ["alfa_admin", "staff_user"])
def test_only_staff_who_work_requests_may_update_one(request, alfa_request, who):
    user = request.getfixturevalue(who)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_update(
            actor=as_user(user),
            support_request=alfa_request,
            version=1,
            status=Status.CANCELLED,
            assignee=None,
            queue=alfa_request.queue,
        )


# --- request_take / request_release --------------------------------------------------------


def test_an_agent_takes_a_request(agent, alfa_request):
    mark, mails = event_mark(), mail_mark()
    services.request_take(actor=as_user(agent), support_request=alfa_request, version=1)
    alfa_request.refresh_from_db()
    assert (alfa_request.assignee, alfa_request.version) == (agent, 2)
    (assigned,) = events_since(mark)
    assert_event(
        assigned,
        RequestEvent.ASSIGNED,
        actor=agent,
        support_request=alfa_request,
        data={"to": agent.get_full_name()},
    )
    assert mails_since(mails) == []


def test_an_agent_releases_a_request(agent, alfa_request):
    put(alfa_request, assignee=agent)
    mark = event_mark()
    services.request_release(actor=as_user(agent), support_request=alfa_request, version=1)
    alfa_request.refresh_from_db()
    assert (alfa_request.assignee, alfa_request.version) == (None, 2)
    (released,) = events_since(mark)
    assert_event(
        released, RequestEvent.ASSIGNED, actor=agent, support_request=alfa_request, data={"to": ""}
    )


@pytest.mark.parametrize("service", [services.request_take, services.request_release])
def test_taking_or_releasing_from_an_old_version_is_a_conflict(
    agent, other_agent, alfa_request, service
):
    put(alfa_request, assignee=other_agent, version=2)
    with refused(CommonError.CONFLICT, None, rows=(alfa_request,), error=Conflict):
        service(actor=as_user(agent), support_request=alfa_request, version=1)


@pytest.mark.parametrize("service", [services.request_take, services.request_release])
def test_a_customer_cannot_take_or_release_a_request(alfa_admin, alfa_request, service):
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        service(actor=as_user(alfa_admin), support_request=alfa_request, version=1)


# --- requests_bulk_status ------------------------------------------------------------------


def test_a_bulk_status_change_changes_the_unchanged_and_leaves_the_moved_and_the_forbidden(
    agent, alfa, alfa_admin
):
    fresh = SupportRequestFactory(account=alfa, requester=alfa_admin)
    moved = SupportRequestFactory(account=alfa, requester=alfa_admin, version=2)
    closed = SupportRequestFactory(account=alfa, requester=alfa_admin, status=Status.CLOSED)
    untouched = state_of((moved, closed))[2]
    mark, mails = event_mark(), mail_mark()
    outcome = services.requests_bulk_status(
        actor=as_user(agent),
        versions={fresh.number: 1, moved.number: 1, closed.number: 1, "REQ-2000-999999": 1},
        status=Status.RESOLVED,
    )
    assert (outcome.changed, outcome.conflicts, outcome.refused) == (
        [fresh.number],
        [moved.number],
        [closed.number],
    )
    fresh.refresh_from_db()
    assert (fresh.status, fresh.version) == (Status.RESOLVED, 2)
    assert fresh.resolved_at is not None
    (status,) = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=agent,
        support_request=fresh,
        data={"from": "new", "to": "resolved"},
    )
    assert state_of((moved, closed))[2] == untouched
    assert [mail.template for mail in mails_since(mails)] == ["support/email/status"]


def test_a_bulk_status_change_to_an_unknown_status_refuses_each_request_not_the_page(
    agent, alfa_request
):
    before = state_of((alfa_request,))
    outcome = services.requests_bulk_status(
        actor=as_user(agent), versions={alfa_request.number: 1}, status="lost"
    )
    assert outcome.refused == [alfa_request.number]
    assert state_of((alfa_request,)) == before


@pytest.mark.parametrize("who", ["alfa_admin", "staff_user"])
def test_only_staff_who_work_requests_may_change_many_at_once(request, alfa_request, who):
    user = request.getfixturevalue(who)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.requests_bulk_status(
            actor=as_user(user), versions={alfa_request.number: 1}, status=Status.CANCELLED
        )


# --- request_close_after_reopen_window -----------------------------------------------------


def test_the_worker_closes_a_request_whose_reopen_window_ended_and_tells_the_customer(
    alfa_admin, alfa_request
):
    resolved(alfa_request, days_ago=alfa_request.type.reopen_days + 1)
    mark, mails = event_mark(), mail_mark()
    closed = services.request_close_after_reopen_window(
        actor=WORKER, request_id=alfa_request.pk, resolved_at=alfa_request.resolved_at.isoformat()
    )
    assert closed is True
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.version) == (Status.CLOSED, 2)
    (status,) = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=None,
        support_request=alfa_request,
        data={"from": "resolved", "to": "closed"},
    )
    assert status.actor_name == "worker"
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == (alfa_admin.email, "support/email/status")


def test_the_worker_leaves_a_request_reopened_meanwhile(alfa_request):
    resolved(alfa_request)
    resolved_at = alfa_request.resolved_at.isoformat()
    put(alfa_request, status=Status.IN_PROGRESS, resolved_at=None)
    before = state_of((alfa_request,))
    assert not services.request_close_after_reopen_window(
        actor=WORKER, request_id=alfa_request.pk, resolved_at=resolved_at
    )
    assert state_of((alfa_request,)) == before


def test_the_worker_leaves_a_request_resolved_again_since_for_its_newer_task(alfa_request):
    resolved(alfa_request, days_ago=30)
    first_resolution = alfa_request.resolved_at.isoformat()
    resolved(alfa_request, days_ago=1)
    before = state_of((alfa_request,))
    assert not services.request_close_after_reopen_window(
        actor=WORKER, request_id=alfa_request.pk, resolved_at=first_resolution
    )
    assert state_of((alfa_request,)) == before


# --- every service records its events with the actor who made the change -------------------


@dataclass
class World:
    account: Any
    request: SupportRequest


CUSTOMER, STAFF = "customer", "staff"
SERVICE_CALLS: dict[str, tuple[str, Callable[[World, Actor], Any]]] = {
    "request_create": (
        CUSTOMER,
        lambda w, actor: services.request_create(actor=actor, new=new_request(w.account)),
    ),
    "request_reply": (
        CUSTOMER,
        lambda w, actor: services.request_reply(
            actor=actor,
            support_request=put(w.request, status=Status.WAITING),
            body="Iată.",
            attachments=(),
        ),
    ),
    "request_cancel": (
        CUSTOMER,
        lambda w, actor: services.request_cancel(actor=actor, support_request=w.request),
    ),
    "request_reopen": (
        CUSTOMER,
        lambda w, actor: services.request_reopen(
            actor=actor, support_request=resolved(w.request), body="Iar."
        ),
    ),
    "request_rate": (
        CUSTOMER,
        lambda w, actor: services.request_rate(
            actor=actor, support_request=resolved(w.request), rating=5
        ),
    ),
    "request_staff_reply": (
        STAFF,
        lambda w, actor: services.request_staff_reply(
            actor=actor, support_request=w.request, version=1, body="Gata."
        ),
    ),
    "request_add_note": (
        STAFF,
        lambda w, actor: services.request_add_note(
            actor=actor, support_request=w.request, body="Notă."
        ),
    ),
    "request_update": (
        STAFF,
        lambda w, actor: services.request_update(
            actor=actor,
            support_request=w.request,
            version=1,
            status=Status.RESOLVED,
            assignee=None,
            queue=Queue.objects.get(code="billing"),
        ),
    ),
    "request_take": (
        STAFF,
        lambda w, actor: services.request_take(actor=actor, support_request=w.request, version=1),
    ),
    "request_release": (
        STAFF,
        lambda w, actor: services.request_release(
            actor=actor, support_request=put(w.request, assignee=w.request.requester), version=1
        ),
    ),
    "requests_bulk_status": (
        STAFF,
        lambda w, actor: services.requests_bulk_status(
            actor=actor, versions={w.request.number: 1}, status=Status.WAITING
        ),
    ),
    "request_close_after_reopen_window": (
        STAFF,
        lambda w, actor: services.request_close_after_reopen_window(
            actor=actor,
            request_id=w.request.pk,
            resolved_at=resolved(w.request, days_ago=30).resolved_at.isoformat(),
        ),
    ),
}
# The system acts only on the vendor's side; taking a request is a person's act.
ACTOR_CASES = [(name, "user") for name in SERVICE_CALLS] + [
    (name, "system")
    for name, (side, _call) in SERVICE_CALLS.items()
    if side == STAFF and name != "request_take"
]


@pytest.mark.parametrize(("service", "acting"), ACTOR_CASES)
def test_every_service_records_its_events_with_the_actor_who_made_the_change(
    alfa, alfa_admin, agent, alfa_request, service, acting
):
    side, call = SERVICE_CALLS[service]
    person = alfa_admin if side == CUSTOMER else agent
    if acting == "user":
        actor = Actor.of_user(person, ip="203.0.113.7", user_agent="clientdesk-tests/1")
        expected = (ActorKind.USER, person.pk, "", "203.0.113.7", "clientdesk-tests/1")
    else:
        actor = WORKER
        expected = (ActorKind.SYSTEM, None, "worker", None, "")
    mark = event_mark()
    call(World(alfa, alfa_request), actor)
    recorded = events_since(mark)
    assert recorded, f"{service} recorded no event"
    assert [
        (e.actor_kind, e.actor_user_id, e.actor_name, e.ip, e.user_agent) for e in recorded
    ] == [expected] * len(recorded)
    assert all(e.account_id == alfa.pk for e in recorded)


def test_request_events_stay_out_of_the_audit_chain(alfa, alfa_admin, agent):
    mark = event_mark()
    created = services.request_create(actor=as_user(alfa_admin), new=new_request(alfa))
    services.request_staff_reply(
        actor=as_user(agent), support_request=created, version=1, body="Da."
    )
    services.request_add_note(actor=as_user(agent), support_request=created, body="Notă.")
    services.request_cancel(actor=as_user(alfa_admin), support_request=created)
    recorded = events_since(mark)
    assert len(recorded) == 5
    assert [(e.audit_seq, e.audit_hash) for e in recorded] == [(None, "")] * 5
