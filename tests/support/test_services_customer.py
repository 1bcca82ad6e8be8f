"""The customer's writes of a request, called as the API calls them: no page in between.

Each service records its event with its actor, refuses with a code and a field
and then writes nothing, and its e-mails are queued by the event's subscribers.
"""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from clientdesk.accounts.validators import normalize_phone
from clientdesk.core.models import Event
from clientdesk.support import services
from clientdesk.support.errors import RequestError
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    RequestType,
    Status,
    SupportRequest,
)
from tests.support.service_helpers import (
    WORKER,
    as_user,
    assert_event,
    event_mark,
    events_since,
    mail_mark,
    mails_since,
    new_request,
    next_saturday,
    next_weekday_holiday,
    next_working_day,
    put,
    refused,
    resolved,
    support_services_data,
    vendor_today,
)

pytestmark = pytest.mark.usefixtures("general_types")


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
    with refused(RequestError.EMAIL, "contact_email"):
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
