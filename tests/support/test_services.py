"""Every write of a request, called as the API and the worker call it: no page in between.

Each service records its event with its actor, refuses with a code and a field
and then writes nothing, and its e-mails are queued by the event's subscribers.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation

from clientdesk.accounts.validators import normalize_phone
from clientdesk.core.actors import Actor, ActorKind
from clientdesk.core.errors import CommonError, ErrorCode, ServiceError
from clientdesk.core.locking import Conflict
from clientdesk.core.models import Event, OutboundEmail
from clientdesk.support import services
from clientdesk.support.errors import RequestError
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    Attachment,
    Message,
    Queue,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.models.requests import RequestCounter
from clientdesk.support.services import NewRequest
from clientdesk.support.sla import vendor_calendar
from tests.support.factories import SupportRequestFactory

pytestmark = pytest.mark.usefixtures("general_types")

WORKER = Actor.system("worker")
SUBJECT_TYPE = "support.supportrequest"


# --- helpers -------------------------------------------------------------------------------


def as_user(user) -> Actor:
    return Actor.of_user(user)


def event_mark() -> int:
    return Event.objects.aggregate(last=Max("pk"))["last"] or 0


def events_since(mark: int) -> list[Event]:
    return list(Event.objects.filter(pk__gt=mark).order_by("pk"))


def mails_since(mark: int) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(pk__gt=mark).order_by("pk"))


def mail_mark() -> int:
    return OutboundEmail.objects.aggregate(last=Max("pk"))["last"] or 0


def _state(rows: tuple) -> tuple:
    counts = {
        model.__name__: model.objects.count()
        for model in (Event, OutboundEmail, SupportRequest, Message, Attachment)
    }
    counters = list(RequestCounter.objects.values())
    values = [type(row).objects.filter(pk=row.pk).values().first() for row in rows]
    return counts, counters, values


@contextmanager
def refused(
    code: ErrorCode, field: str | None = None, *, rows: tuple = (), error=ServiceError
) -> Iterator[Any]:
    """The block is refused with ``code`` on ``field``, and nothing at all is written."""
    before = _state(rows)
    with pytest.raises(error) as caught:
        yield caught
    assert caught.value.error == code
    assert caught.value.field == field
    assert _state(rows) == before


def put(support_request: SupportRequest, **fields) -> SupportRequest:
    """Set the request's row as a test needs it, as if earlier changes had led there."""
    SupportRequest.objects.filter(pk=support_request.pk).update(**fields)
    support_request.refresh_from_db()
    return support_request


def resolved(support_request: SupportRequest, *, days_ago: float = 1) -> SupportRequest:
    return put(
        support_request,
        status=Status.RESOLVED,
        resolved_at=timezone.now() - timedelta(days=days_ago),
    )


def new_request(account, code: str = "general-question", **changes) -> NewRequest:
    fields = {
        "account": account,
        "request_type": RequestType.objects.get(code=code),
        "subject": "Scanarea nu mai merge",
        "description": "Din dimineața asta scanarea în folderul partajat dă eroare.",
        "contact_name": "Ioana Pop",
        "contact_email": "ioana@alfa.example",
        "contact_phone": "0722 555 101",
    }
    return NewRequest(**(fields | changes))


def assert_event(
    event: Event, kind: RequestEvent, *, actor, support_request: SupportRequest, data: dict
) -> None:
    assert event.kind == kind
    if actor is None:
        assert (event.actor_kind, event.actor_user_id) == (ActorKind.SYSTEM, None)
    else:
        assert (event.actor_kind, event.actor_user_id) == (ActorKind.USER, actor.pk)
    assert event.account_id == support_request.account_id
    assert (event.subject_type, event.subject_id) == (SUBJECT_TYPE, str(support_request.pk))
    assert event.data == data
    # Request events are history, not security: they stay out of the audit chain.
    assert event.audit_seq is None
    assert event.audit_hash == ""


def vendor_today() -> date:
    return timezone.localdate(timezone=vendor_calendar().tz)


def next_day(test: Callable[[date], bool]) -> date:
    """The first day after today that passes ``test`` (within a year and a bit)."""
    today = vendor_today()
    for offset in range(1, 400):
        day = today + timedelta(days=offset)
        if test(day):
            return day
    raise AssertionError("no such day within 400 days")


def next_saturday() -> date:
    return next_day(lambda day: day.weekday() == 5)


def next_weekday_holiday() -> date:
    calendar = vendor_calendar()
    return next_day(lambda day: day.weekday() < 5 and not calendar.is_working_day(day))


def next_working_day() -> date:
    return next_day(vendor_calendar().is_working_day)


def support_services_data(account, **extra) -> dict:
    return {
        "account": account.pk,
        "subject": "Instalare server nou",
        "description": "Avem nevoie de un tehnician pentru instalarea serverului.",
        "contact_name": "Ioana Pop",
        "contact_email": "ioana@alfa.example",
        "contact_phone": "0722 555 101",
        **extra,
    }


# --- request_create ------------------------------------------------------------------------


def test_a_customer_files_a_request_and_its_filing_is_recorded(alfa_admin, alfa):
    mark = event_mark()
    created = services.request_create(actor=as_user(alfa_admin), new=new_request(alfa))
    assert created.status == Status.NEW
    assert created.requester == alfa_admin
    assert created.contact_phone == "+40 722 555 101"
    (event,) = events_since(mark)
    assert_event(
        event,
        RequestEvent.CREATED,
        actor=alfa_admin,
        support_request=created,
        data={"number": created.number, "type": "general-question"},
    )
    assert list(Event.objects.about(created)) == [event]


def test_filing_a_request_queues_exactly_one_confirmation_to_the_requester(alfa_admin, alfa):
    mark = mail_mark()
    created = services.request_create(actor=as_user(alfa_admin), new=new_request(alfa))
    (mail,) = mails_since(mark)
    assert mail.to == alfa_admin.email
    assert mail.template == "support/email/created"
    assert created.number in mail.subject + mail.body_text


@pytest.mark.parametrize("who", ["beta_user", "alfa_orders_only"])
def test_a_customer_cannot_file_for_an_account_where_they_hold_no_requests_grant(
    request, alfa, who
):
    user = request.getfixturevalue(who)
    with refused(RequestError.ACCOUNT, "account"):
        services.request_create(actor=as_user(user), new=new_request(alfa))


def test_the_system_cannot_file_a_request_for_nobody(alfa):
    with refused(RequestError.ACCOUNT, "account"):
        services.request_create(actor=WORKER, new=new_request(alfa))


def test_a_request_of_an_inactive_type_is_refused(alfa_admin, alfa):
    RequestType.objects.filter(code="order-delivery").update(active=False)
    new = new_request(alfa, "order-delivery", details={"order_number": "PO-1", "topic": "status"})
    with refused(RequestError.TYPE_INACTIVE, None):
        services.request_create(actor=as_user(alfa_admin), new=new)


@pytest.mark.parametrize("field", ["subject", "description", "contact_name", "contact_email"])
def test_a_request_without_its_required_text_is_refused_on_that_field(alfa_admin, alfa, field):
    with refused(RequestError.REQUIRED, field):
        services.request_create(actor=as_user(alfa_admin), new=new_request(alfa, **{field: "  "}))


def test_an_invalid_contact_phone_is_refused_with_the_validators_message(alfa_admin, alfa):
    with pytest.raises(ValidationError) as validator:
        normalize_phone("12", "RO")
    with refused(RequestError.REQUIRED, "contact_phone") as caught:
        services.request_create(
            actor=as_user(alfa_admin), new=new_request(alfa, contact_phone="12")
        )
    assert caught.value.text == validator.value.messages[0]


def test_a_malformed_contact_email_is_refused_as_the_form_would_refuse_it(alfa_admin, alfa):
    # The API cannot skip the form's field rules: the form takes only an e-mail address.
    with refused(RequestError.REQUIRED, "contact_email"):
        services.request_create(
            actor=as_user(alfa_admin), new=new_request(alfa, contact_email="not-an-address")
        )


# --- a kind's rules: the same refusal through the service as through the form ---------------


@pytest.mark.parametrize(
    ("when", "code"),
    [
        ("yesterday", RequestError.DATE_NOT_FUTURE),
        ("today", RequestError.DATE_NOT_FUTURE),
        ("saturday", RequestError.DATE_NOT_WORKING_DAY),
        ("holiday", RequestError.DATE_NOT_WORKING_DAY),
    ],
)
def test_a_preferred_date_the_kind_refuses_gets_the_same_field_and_message_from_service_and_form(
    client, alfa_admin, alfa, when, code
):
    day = {
        "yesterday": lambda: vendor_today() - timedelta(days=1),
        "today": vendor_today,
        "saturday": next_saturday,
        "holiday": next_weekday_holiday,
    }[when]()
    details = {"service": "training", "preferred_date": day}
    # The page speaks the user's language; so does the refusal, made in it.
    with translation.override(alfa_admin.language):
        with refused(code, "preferred_date") as caught:
            services.request_create(
                actor=as_user(alfa_admin),
                new=new_request(alfa, "support-services", details=details),
            )
        assert caught.value.text == str(code.label)

    client.force_login(alfa_admin)
    response = client.post(
        reverse("support:new") + "?type=support-services",
        support_services_data(alfa, service="training", preferred_date=day.isoformat()),
    )
    assert response.status_code == 200
    assert response.context["form"].errors["preferred_date"] == [caught.value.text]
    assert not SupportRequest.objects.exists()


def test_a_missing_service_is_refused_on_its_field_with_the_forms_own_message(
    client, alfa_admin, alfa
):
    details = {"preferred_date": next_working_day()}
    with (
        translation.override(alfa_admin.language),
        refused(RequestError.REQUIRED, "service") as caught,
    ):
        services.request_create(
            actor=as_user(alfa_admin), new=new_request(alfa, "support-services", details=details)
        )

    client.force_login(alfa_admin)
    response = client.post(
        reverse("support:new") + "?type=support-services",
        support_services_data(alfa, preferred_date=details["preferred_date"].isoformat()),
    )
    assert response.context["form"].errors["service"] == [caught.value.text]
    assert not SupportRequest.objects.exists()


def test_a_service_the_form_does_not_offer_is_refused_on_its_field(alfa_admin, alfa):
    with refused(RequestError.REQUIRED, "service"):
        services.request_create(
            actor=as_user(alfa_admin),
            new=new_request(alfa, "support-services", details={"service": "cooking"}),
        )


def test_details_sent_as_text_are_converted_as_the_form_converts_them(alfa_admin, alfa):
    day = next_working_day()
    details = {"service": "onsite", "preferred_date": day.isoformat()}
    mark = event_mark()
    created = services.request_create(
        actor=as_user(alfa_admin), new=new_request(alfa, "support-services", details=details)
    )
    assert created.details == {"service": "onsite", "preferred_date": day.isoformat()}
    (event,) = events_since(mark)
    assert event.data == {"number": created.number, "type": "support-services"}


# --- request_reply -------------------------------------------------------------------------


def test_a_customers_reply_puts_a_request_waiting_on_them_back_to_the_team(
    alfa_admin, alfa_request
):
    put(alfa_request, status=Status.WAITING)
    mark, mails = event_mark(), mail_mark()
    message = services.request_reply(
        actor=as_user(alfa_admin), support_request=alfa_request, body=" PO-118 ", attachments=()
    )
    alfa_request.refresh_from_db()
    assert (message.body, message.author, message.from_staff) == ("PO-118", alfa_admin, False)
    assert (alfa_request.status, alfa_request.version) == (Status.IN_PROGRESS, 2)
    status, replied = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"from": "waiting", "to": "in_progress"},
    )
    assert_event(
        replied,
        RequestEvent.REPLIED,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"message": message.pk},
    )
    # The customer's own change: the team sees it, nobody is e-mailed.
    assert mails_since(mails) == []


def test_a_colleague_with_the_requests_grant_may_reply(alfa_limited, alfa_request):
    mark = event_mark()
    services.request_reply(
        actor=as_user(alfa_limited), support_request=alfa_request, body="Eu.", attachments=()
    )
    (replied,) = events_since(mark)
    assert (replied.kind, replied.actor_user_id) == (RequestEvent.REPLIED, alfa_limited.pk)


def test_a_customer_cannot_reply_to_another_accounts_request(beta_user, alfa_request):
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_reply(
            actor=as_user(beta_user), support_request=alfa_request, body="Hm", attachments=()
        )


def test_the_system_cannot_reply_as_a_customer(alfa_request):
    with refused(RequestError.ACCOUNT, "account", rows=(alfa_request,)):
        services.request_reply(
            actor=WORKER, support_request=alfa_request, body="Hm", attachments=()
        )


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED, Status.CANCELLED])
def test_a_customer_cannot_reply_to_a_finished_request(alfa_admin, alfa_request, status):
    put(alfa_request, status=status)
    with refused(RequestError.FINISHED, None, rows=(alfa_request,)):
        services.request_reply(
            actor=as_user(alfa_admin), support_request=alfa_request, body="Și?", attachments=()
        )


def test_an_empty_reply_is_refused_on_its_body(alfa_admin, alfa_request):
    with refused(RequestError.REQUIRED, "body", rows=(alfa_request,)):
        services.request_reply(
            actor=as_user(alfa_admin), support_request=alfa_request, body=" \n ", attachments=()
        )


# --- request_cancel ------------------------------------------------------------------------


def test_a_customer_cancels_an_open_request_and_nobody_is_emailed(alfa_admin, alfa_request):
    mark, mails = event_mark(), mail_mark()
    services.request_cancel(actor=as_user(alfa_admin), support_request=alfa_request)
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.version) == (Status.CANCELLED, 2)
    (status,) = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"from": "new", "to": "cancelled"},
    )
    assert mails_since(mails) == []


@pytest.mark.parametrize("status", [Status.RESOLVED, Status.CLOSED, Status.CANCELLED])
def test_a_customer_cannot_cancel_a_finished_request(alfa_admin, alfa_request, status):
    put(alfa_request, status=status)
    with refused(RequestError.NOT_OPEN, None, rows=(alfa_request,)):
        services.request_cancel(actor=as_user(alfa_admin), support_request=alfa_request)


def test_a_customer_cannot_cancel_another_accounts_request(beta_user, alfa_request):
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_cancel(actor=as_user(beta_user), support_request=alfa_request)


# --- request_reopen ------------------------------------------------------------------------


def test_a_customer_reopens_a_resolved_request_within_the_window_with_a_reason(
    alfa_admin, alfa_request
):
    resolved(alfa_request)
    mark, mails = event_mark(), mail_mark()
    services.request_reopen(
        actor=as_user(alfa_admin), support_request=alfa_request, body="Tot nu merge."
    )
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.resolved_at) == (Status.IN_PROGRESS, None)
    assert alfa_request.version == 2
    message = alfa_request.messages.get()
    assert (message.body, message.author) == ("Tot nu merge.", alfa_admin)
    (status,) = events_since(mark)
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"from": "resolved", "to": "in_progress", "message": message.pk},
    )
    assert mails_since(mails) == []


def test_a_customer_cannot_reopen_once_the_window_has_ended(alfa_admin, alfa_request):
    resolved(alfa_request, days_ago=alfa_request.type.reopen_days + 1)
    with refused(RequestError.REOPEN_CLOSED, None, rows=(alfa_request,)):
        services.request_reopen(
            actor=as_user(alfa_admin), support_request=alfa_request, body="Tot nu merge."
        )


@pytest.mark.parametrize("status", [Status.NEW, Status.IN_PROGRESS, Status.CLOSED])
def test_a_customer_cannot_reopen_a_request_that_is_not_resolved(alfa_admin, alfa_request, status):
    put(alfa_request, status=status, resolved_at=timezone.now())
    with refused(RequestError.REOPEN_CLOSED, None, rows=(alfa_request,)):
        services.request_reopen(
            actor=as_user(alfa_admin), support_request=alfa_request, body="Tot nu merge."
        )


def test_a_reopening_without_a_reason_is_refused_on_its_body(alfa_admin, alfa_request):
    resolved(alfa_request)
    with refused(RequestError.REQUIRED, "body", rows=(alfa_request,)):
        services.request_reopen(actor=as_user(alfa_admin), support_request=alfa_request, body="")


def test_a_customer_cannot_reopen_another_accounts_request(beta_user, alfa_request):
    resolved(alfa_request)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_reopen(actor=as_user(beta_user), support_request=alfa_request, body="x")


# --- request_rate --------------------------------------------------------------------------


def test_rating_a_resolved_request_records_the_rating_and_closes_it(alfa_admin, alfa_request):
    resolved(alfa_request)
    mark = event_mark()
    services.request_rate(
        actor=as_user(alfa_admin), support_request=alfa_request, rating=4, comment=" Bine. "
    )
    alfa_request.refresh_from_db()
    assert (alfa_request.satisfaction, alfa_request.satisfaction_comment) == (4, "Bine.")
    assert (alfa_request.status, alfa_request.version) == (Status.CLOSED, 2)
    assert alfa_request.closed_at is not None
    rated, status = events_since(mark)
    assert_event(
        rated,
        RequestEvent.RATED,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"rating": 4},
    )
    assert_event(
        status,
        RequestEvent.STATUS,
        actor=alfa_admin,
        support_request=alfa_request,
        data={"from": "resolved", "to": "closed"},
    )


def test_a_closed_request_can_still_be_rated_once(alfa_admin, alfa_request):
    put(alfa_request, status=Status.CLOSED)
    mark = event_mark()
    services.request_rate(actor=as_user(alfa_admin), support_request=alfa_request, rating=5)
    (rated,) = events_since(mark)
    assert (rated.kind, rated.data) == (RequestEvent.RATED, {"rating": 5})


@pytest.mark.parametrize("rating", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused(alfa_admin, alfa_request, rating):
    resolved(alfa_request)
    with refused(RequestError.RATE, "rating", rows=(alfa_request,)):
        services.request_rate(
            actor=as_user(alfa_admin), support_request=alfa_request, rating=rating
        )


@pytest.mark.parametrize("status", [Status.NEW, Status.IN_PROGRESS, Status.CANCELLED])
def test_a_customer_cannot_rate_an_unfinished_or_cancelled_request(
    alfa_admin, alfa_request, status
):
    put(alfa_request, status=status)
    with refused(RequestError.RATE, "rating", rows=(alfa_request,)):
        services.request_rate(actor=as_user(alfa_admin), support_request=alfa_request, rating=3)


def test_a_customer_cannot_rate_a_request_twice(alfa_admin, alfa_request):
    put(alfa_request, status=Status.CLOSED, satisfaction=2)
    with refused(RequestError.RATE, "rating", rows=(alfa_request,)):
        services.request_rate(actor=as_user(alfa_admin), support_request=alfa_request, rating=5)


def test_a_customer_cannot_rate_another_accounts_request(beta_user, alfa_request):
    resolved(alfa_request)
    with refused(RequestError.ACCOUNT, None, rows=(alfa_request,)):
        services.request_rate(actor=as_user(beta_user), support_request=alfa_request, rating=5)


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
    before = _state((alfa_request,))
    services.request_update(
        actor=as_user(agent),
        support_request=alfa_request,
        version=1,
        status=alfa_request.status,
        assignee=None,
        queue=alfa_request.queue,
    )
    assert _state((alfa_request,)) == before


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
    untouched = _state((moved, closed))[2]
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
    assert _state((moved, closed))[2] == untouched
    assert [mail.template for mail in mails_since(mails)] == ["support/email/status"]


def test_a_bulk_status_change_to_an_unknown_status_refuses_each_request_not_the_page(
    agent, alfa_request
):
    before = _state((alfa_request,))
    outcome = services.requests_bulk_status(
        actor=as_user(agent), versions={alfa_request.number: 1}, status="lost"
    )
    assert outcome.refused == [alfa_request.number]
    assert _state((alfa_request,)) == before


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
    before = _state((alfa_request,))
    assert not services.request_close_after_reopen_window(
        actor=WORKER, request_id=alfa_request.pk, resolved_at=resolved_at
    )
    assert _state((alfa_request,)) == before


def test_the_worker_leaves_a_request_resolved_again_since_for_its_newer_task(alfa_request):
    resolved(alfa_request, days_ago=30)
    first_resolution = alfa_request.resolved_at.isoformat()
    resolved(alfa_request, days_ago=1)
    before = _state((alfa_request,))
    assert not services.request_close_after_reopen_window(
        actor=WORKER, request_id=alfa_request.pk, resolved_at=first_resolution
    )
    assert _state((alfa_request,)) == before


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
