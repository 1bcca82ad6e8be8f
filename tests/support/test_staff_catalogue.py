"""Request types and queues under /staff/requests/types/ and /queues/: the vendor admin's,
every change through a service that records it, audited, with what changed."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.core.models import Event
from clientdesk.support.events import CatalogueEvent
from clientdesk.support.models import Queue, RequestType
from clientdesk.support.types import registered_codes
from tests.staff import REFUSED, answers, staff_member, vendor_admin
from tests.support.factories import QueueFactory, RequestTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(vendor_admin(email="admin@vendor.test"))
    client.get(reverse("support_staff:types"))  # the session learns the navigation's grants
    return client


def type_post(queue, **changes):
    return {
        "code": "printer-fault",
        "name_ro": "Defect imprimantă",
        "name_en": "Printer fault",
        "description_ro": "",
        "description_en": "",
        "queue": queue.pk,
        "first_response_hours": "4",
        "resolution_hours": "16",
        "reopen_days": "14",
        "active": "on",
        "position": "30",
        **changes,
    }


def test_the_pages_are_the_vendor_admins_alone(client):
    request_type, queue = RequestTypeFactory(), QueueFactory()
    urls = [
        reverse("support_staff:types"),
        reverse("support_staff:type_create"),
        reverse("support_staff:type_edit", args=[request_type.pk]),
        reverse("support_staff:queues"),
        reverse("support_staff:queue_create"),
        reverse("support_staff:queue_edit", args=[queue.pk]),
    ]
    assert urls[0] == "/staff/requests/types/" and urls[3] == "/staff/requests/queues/"
    for url in urls:
        assert answers(client, url) == REFUSED, url
    client.force_login(vendor_admin())
    assert [client.get(url).status_code for url in urls] == [200] * 6


def test_the_list_shows_which_types_have_their_own_form(admin_client, django_assert_num_queries):
    RequestTypeFactory(code="general-question")
    own = registered_codes()[0]
    with django_assert_num_queries(5):
        response = admin_client.get(reverse("support_staff:types"))
    listed = dict((t.code, has_form) for t, has_form in response.context["types"])
    assert listed[own] is True
    assert listed["general-question"] is ("general-question" in registered_codes())
    assert "Its own form" in response.content.decode()


def test_the_type_list_costs_the_same_whatever_the_rows(admin_client, django_assert_num_queries):
    for n in range(10):
        RequestTypeFactory(code=f"extra-{n}")
    with django_assert_num_queries(5):
        admin_client.get(reverse("support_staff:types"))


def test_adding_a_type_records_it_with_the_actor(admin_client):
    queue = QueueFactory()
    response = admin_client.post(reverse("support_staff:type_create"), type_post(queue))
    assert response.status_code == 302
    created = RequestType.objects.get(code="printer-fault")
    assert (created.queue, created.first_response_hours) == (queue, Decimal(4))
    event = Event.objects.get(kind=CatalogueEvent.TYPE_CREATED)
    assert event.actor_user.email == "admin@vendor.test"
    assert event.subject_id == str(created.pk) and event.audit_seq is not None
    assert event.data["changed"]["name_ro"] == ["", "Defect imprimantă"]


def test_editing_a_type_records_only_what_changed_and_keeps_its_code(admin_client):
    request_type = RequestTypeFactory(code="printer-fault", name_ro="Defect imprimantă")
    url = reverse("support_staff:type_edit", args=[request_type.pk])
    post = type_post(request_type.queue, code="renamed", resolution_hours="24", active="")
    assert admin_client.post(url, post).status_code == 302
    request_type.refresh_from_db()
    assert (request_type.code, request_type.resolution_hours, request_type.active) == (
        "printer-fault",
        Decimal(24),
        False,
    )
    event = Event.objects.get(kind=CatalogueEvent.TYPE_CHANGED)
    assert event.data["changed"] == {
        "name_en": ["General question", "Printer fault"],
        "first_response_hours": ["8.00", "4"],
        "resolution_hours": ["40.00", "24"],
        "active": [True, False],
        "position": [100, 30],
    }


def test_a_bad_target_is_shown_next_to_its_field_with_the_input_kept(admin_client):
    queue = QueueFactory()
    post = type_post(queue, first_response_hours="0", name_en="Kept as typed")
    response = admin_client.post(reverse("support_staff:type_create"), post)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_first_response_hours_error"' in page
    assert 'value="Kept as typed"' in page
    assert not RequestType.objects.filter(code="printer-fault").exists()


def test_a_taken_code_is_refused_on_its_field(admin_client):
    RequestTypeFactory(code="printer-fault")
    response = admin_client.post(reverse("support_staff:type_create"), type_post(QueueFactory()))
    assert response.status_code == 200
    assert 'id="id_code_error"' in response.content.decode()
    assert not Event.objects.filter(kind=CatalogueEvent.TYPE_CREATED).exists()


def test_a_queue_is_added_with_its_members_and_role(admin_client):
    agent = staff_member(roles.SUPPORT_AGENT, email="agent@vendor.test")
    billing = Group.objects.get(name=roles.BILLING)
    post = {
        "code": "invoices-questions",
        "name_ro": "Facturi",
        "name_en": "Invoices",
        "group": billing.pk,
        "members": [agent.pk],
        "position": "20",
    }
    assert admin_client.post(reverse("support_staff:queue_create"), post).status_code == 302
    queue = Queue.objects.get(code="invoices-questions")
    assert (queue.group, list(queue.members.all())) == (billing, [agent])
    event = Event.objects.get(kind=CatalogueEvent.QUEUE_CREATED)
    assert event.data["changed"]["members"] == [[], ["agent@vendor.test"]]
    assert event.data["changed"]["group"] == [None, roles.BILLING]


def test_changing_a_queues_members_records_who_joined_and_left(admin_client):
    first = staff_member(roles.SUPPORT_AGENT, email="first@vendor.test")
    second = staff_member(roles.SUPPORT_AGENT, email="second@vendor.test")
    queue = QueueFactory()
    queue.members.set([first])
    post = {
        "code": queue.code,
        "name_ro": queue.name_ro,
        "name_en": queue.name_en,
        "group": queue.group.pk,
        "members": [second.pk],
        "position": queue.position,
    }
    url = reverse("support_staff:queue_edit", args=[queue.pk])
    assert admin_client.post(url, post).status_code == 302
    assert list(queue.members.all()) == [second]
    event = Event.objects.get(kind=CatalogueEvent.QUEUE_CHANGED)
    assert event.data["changed"] == {"members": [["first@vendor.test"], ["second@vendor.test"]]}


def test_the_queue_list_costs_the_same_whatever_the_rows(admin_client, django_assert_num_queries):
    with django_assert_num_queries(6):
        admin_client.get(reverse("support_staff:queues"))
    for n in range(5):
        QueueFactory(code=f"extra-{n}").members.set([staff_member(None)])
    with django_assert_num_queries(6):
        admin_client.get(reverse("support_staff:queues"))
