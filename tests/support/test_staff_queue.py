"""The staff side: queues, filters, assignment, replies, notes, status; every change a POST."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.core.models import Event, OutboundEmail
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import Message, Status, SupportRequest
from tests.support.factories import QueueFactory, RequestTypeFactory, SupportRequestFactory


def staff_url(name, support_request=None) -> str:
    args = [support_request.number] if support_request else []
    return reverse(f"support_staff:{name}", args=args)


@pytest.fixture
def billing_request(alfa, alfa_admin):
    billing = QueueFactory(code="billing", name_en="Billing", group=None)
    invoice_type = RequestTypeFactory(code="invoice-question", queue=billing)
    return SupportRequestFactory(account=alfa, requester=alfa_admin, type=invoice_type)


def test_an_agent_sees_the_open_requests_of_the_queues_of_their_role(
    client, agent, alfa_request, billing_request
):
    SupportRequestFactory(account=alfa_request.account, status=Status.CLOSED, subject="Închisă")
    client.force_login(agent)
    page = client.get(staff_url("queue")).content.decode()
    assert alfa_request.number in page
    assert billing_request.number not in page
    assert "Închisă" not in page


def test_a_queue_row_links_the_request_selects_it_by_version_and_shows_its_targets(
    client, agent, alfa_request
):
    alfa_request.subject = "<b>Imprimanta</b> & scanerul"
    alfa_request.save()
    client.force_login(agent)
    page = client.get(staff_url("queue")).content.decode()
    number = alfa_request.number
    assert f'value="{number}:{alfa_request.version}" id="select-{number}"' in page
    assert f'<a class="request-link" href="{staff_url("detail", alfa_request)}">' in page
    assert "&lt;b&gt;Imprimanta&lt;/b&gt; &amp; scanerul" in page
    assert "<b>Imprimanta" not in page
    assert page.count('<span class="clock">') == 2


def test_all_queues_and_any_status_can_be_shown(client, agent, alfa_request, billing_request):
    client.force_login(agent)
    page = client.get(staff_url("queue"), {"queue": "all", "status": ""}).content.decode()
    assert alfa_request.number in page
    assert billing_request.number in page


def test_a_named_member_works_a_queue_outside_their_role(client, agent, billing_request):
    billing_request.queue.members.add(agent)
    client.force_login(agent)
    assert billing_request.number in client.get(staff_url("queue")).content.decode()


def test_filters_by_assignee_type_and_text(client, agent, alfa_request, billing_request):
    alfa_request.assignee = agent
    alfa_request.save()
    client.force_login(agent)
    mine = client.get(staff_url("queue"), {"queue": "all", "assignee": "me"}).content.decode()
    assert alfa_request.number in mine
    assert billing_request.number not in mine
    by_type = client.get(
        staff_url("queue"), {"queue": "all", "type": "invoice-question"}
    ).content.decode()
    assert billing_request.number in by_type
    assert alfa_request.number not in by_type
    by_text = client.get(staff_url("queue"), {"queue": "all", "q": "scanează"}).content.decode()
    assert alfa_request.number in by_text


def test_a_bad_filter_value_is_reported_not_fatal(client, agent, alfa_request):
    client.force_login(agent)
    response = client.get(staff_url("queue"), {"queue": "nope", "status": "weird"})
    assert response.status_code == 200
    assert 'id="id_status_error"' in response.content.decode()


def test_an_agent_takes_and_releases_a_request(client, agent, alfa_request):
    client.force_login(agent)
    client.post(staff_url("take", alfa_request), {"version": 1})
    alfa_request.refresh_from_db()
    assert alfa_request.assignee == agent
    client.post(staff_url("release", alfa_request), {"version": 2})
    alfa_request.refresh_from_db()
    assert alfa_request.assignee is None
    assert Event.objects.about(alfa_request).filter(kind=RequestEvent.ASSIGNED).count() == 2


def test_a_reply_reaches_the_customer_starts_work_and_meets_the_first_response(
    client, agent, alfa_request, django_capture_on_commit_callbacks
):
    client.force_login(agent)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(staff_url("reply", alfa_request), {"version": 1, "body": "Revenim azi."})
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.IN_PROGRESS
    assert alfa_request.first_response_at is not None
    mail = OutboundEmail.objects.get()
    assert mail.to == alfa_request.requester.email
    assert "Revenim azi." in mail.body_text


def test_a_reply_can_also_set_the_status(client, agent, alfa_request):
    client.force_login(agent)
    data = {"version": 1, "body": "Ne trimiteți seria?", "status": Status.WAITING}
    client.post(staff_url("reply", alfa_request), data)
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.WAITING


def test_the_agent_changes_status_assignee_and_queue_in_one_save(
    client, agent, other_agent, alfa_request, django_capture_on_commit_callbacks
):
    billing = QueueFactory(code="billing", name_en="Billing", group=None)
    client.force_login(agent)
    data = {
        "version": 1,
        "status": Status.RESOLVED,
        "assignee": other_agent.pk,
        "queue": billing.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(staff_url("update", alfa_request), data)
    assert response.status_code == 302
    alfa_request.refresh_from_db()
    assert (alfa_request.status, alfa_request.assignee, alfa_request.queue) == (
        Status.RESOLVED,
        other_agent,
        billing,
    )
    assert alfa_request.resolved_at is not None
    kinds = set(Event.objects.about(alfa_request).values_list("kind", flat=True))
    assert kinds == {RequestEvent.STATUS, RequestEvent.ASSIGNED, RequestEvent.QUEUE}
    assert "Resolved" in OutboundEmail.objects.get().subject


def test_a_status_the_lifecycle_does_not_allow_is_explained(client, agent, alfa_request):
    alfa_request.status = Status.CLOSED
    alfa_request.save()
    client.force_login(agent)
    data = {"version": 1, "status": Status.NEW, "queue": alfa_request.queue.pk}
    response = client.post(staff_url("update", alfa_request), data)
    assert response.status_code == 200
    assert 'id="update_status_error"' in response.content.decode()
    alfa_request.refresh_from_db()
    assert alfa_request.status == Status.CLOSED


def test_bulk_status_changes_the_selected_requests(client, agent, alfa, alfa_admin):
    first, second = SupportRequestFactory.create_batch(2, account=alfa, requester=alfa_admin)
    client.force_login(agent)
    data = {
        "status": Status.IN_PROGRESS,
        "selected": [f"{first.number}:1", f"{second.number}:1"],
        "filters": "queue=all",
    }
    response = client.post(staff_url("bulk_status"), data)
    assert response["Location"] == f"{staff_url('queue')}?queue=all"
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == second.status == Status.IN_PROGRESS


def test_bulk_status_leaves_a_request_changed_since_the_list_was_shown(
    client, agent, alfa, alfa_admin
):
    fresh, changed = SupportRequestFactory.create_batch(2, account=alfa, requester=alfa_admin)
    changed.version = 2
    changed.save()
    client.force_login(agent)
    data = {"status": Status.RESOLVED, "selected": [f"{fresh.number}:1", f"{changed.number}:1"]}
    response = client.post(staff_url("bulk_status"), data, follow=True)
    fresh.refresh_from_db()
    changed.refresh_from_db()
    assert fresh.status == Status.RESOLVED
    assert changed.status == Status.NEW
    assert f"so left alone: {changed.number}" in response.content.decode()


def test_bulk_status_with_nothing_selected_is_explained(client, agent):
    client.force_login(agent)
    response = client.post(staff_url("bulk_status"), {"status": "resolved"}, follow=True)
    assert "Select at least one request." in response.content.decode()


def test_every_staff_change_refuses_get(client, agent, alfa_request):
    client.force_login(agent)
    for name in ("reply", "note", "update", "take", "release"):
        assert client.get(staff_url(name, alfa_request)).status_code == 405
    assert client.get(staff_url("bulk_status")).status_code == 405


def test_customers_never_reach_the_staff_pages(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    for url in (staff_url("queue"), staff_url("detail", alfa_request)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.post(staff_url("note", alfa_request), {"body": "x"})
    assert not Message.objects.exists()


def test_staff_without_the_support_role_cannot_work_requests(client, staff_user, alfa_request):
    client.force_login(staff_user)
    assert client.get(staff_url("queue")).status_code == 403
    assert client.post(staff_url("note", alfa_request), {"body": "x"}).status_code == 403


def queue_queries(client, agent, account, count: int) -> int:
    SupportRequestFactory.create_batch(count, account=account, assignee=agent)
    client.force_login(agent)
    client.get(staff_url("queue"))
    with CaptureQueriesContext(connection) as captured:
        assert client.get(staff_url("queue"), {"queue": "all", "status": ""}).status_code == 200
    return len(captured)


def test_the_queue_makes_as_many_queries_for_200_requests_as_for_20(client, agent, alfa, beta_user):
    for_20 = queue_queries(client, agent, alfa, 20)
    SupportRequest.objects.all().delete()
    for_200 = queue_queries(client, agent, beta_user.memberships.get().account, 200)
    assert for_20 == for_200


def test_the_back_office_offers_the_requests_to_support_staff(client, agent, staff_user):
    client.force_login(agent)
    assert staff_url("queue") in client.get(reverse("backoffice:home")).content.decode()
    client.force_login(staff_user)
    assert staff_url("queue") not in client.get(reverse("backoffice:home")).content.decode()


def test_the_vendor_admin_edits_types_and_queues_as_data(admin_client, general_types):
    types_page = admin_client.get(reverse("admin:support_requesttype_changelist"))
    assert "Întrebare despre o factură" in types_page.content.decode()
    assert admin_client.get(reverse("admin:support_queue_changelist")).status_code == 200
