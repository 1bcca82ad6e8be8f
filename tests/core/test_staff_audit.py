"""The audit log under /staff/audit/: filters, pages by keyset at a fixed cost, each row's
payload and chain link, and the filtered log as a streamed CSV."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from clientdesk.core import events
from clientdesk.core.actors import Actor
from clientdesk.core.events import ConfigEvent, CoreEvent
from clientdesk.core.models import AuditChain, Event, VendorConfig
from tests.factories import CustomerAccountFactory
from tests.staff import REFUSED, answers, vendor_admin

pytestmark = pytest.mark.django_db

URL = "/staff/audit/"
BUCHAREST = ZoneInfo("Europe/Bucharest")


@pytest.fixture
def admin(db):
    return vendor_admin(email="admin@vendor.test")


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    # The sign-in's own rows go, and the chain starts again: each test writes what it reads.
    Event.objects.all().delete()
    AuditChain.objects.all().delete()
    return client


def happened(kind=CoreEvent.STAFF_MAIL_CHANGED, *, by=None, account=None, at=None, **data):
    actor = Actor.of_user(by, ip="10.0.0.9") if by is not None else Actor.system("worker")
    return events.record(kind, actor=actor, account=account, data=data, at=at)


def shown(response) -> list[int]:
    """The events a page lists, by id, in its order."""
    return [event.pk for event, _label, _actor in response.context["entries"]]


def test_the_log_is_the_vendor_admins_alone(client, admin):
    event = happened()
    for url in (URL, reverse("audit_staff:event", args=[event.pk]), reverse("audit_staff:csv")):
        assert answers(client, url) == REFUSED, url
    client.force_login(admin)
    assert client.get(URL).status_code == 200


def test_each_row_shows_time_readable_kind_actor_account_and_ip(admin_client, admin):
    alfa = CustomerAccountFactory(name="Alfa Industries SRL", number="C-100245")
    happened(ConfigEvent.VENDOR_CHANGED, by=admin, account=alfa)
    page = admin_client.get(URL).content.decode()
    assert "Vendor configuration changed" in page
    assert "config.vendor_changed" in page
    assert "admin@vendor.test" in page
    assert "Alfa Industries SRL" in page and "C-100245" in page
    assert "10.0.0.9" in page


def test_the_filters_select_the_right_rows(admin_client, admin):
    alfa = CustomerAccountFactory(name="Alfa Industries SRL", number="C-100245")
    beta = CustomerAccountFactory(name="Beta Logistics SA", number="C-100311")
    old = happened(account=alfa, at=datetime(2026, 3, 1, 23, 30, tzinfo=BUCHAREST))
    by_admin = happened(ConfigEvent.VENDOR_CHANGED, by=admin, account=beta)
    mine = happened(account=beta, at=datetime(2026, 3, 2, 0, 10, tzinfo=BUCHAREST))
    Event.objects.filter(pk=mine.pk).update(subject_id="4711")

    def listed(**query):
        return shown(admin_client.get(URL, query))

    assert listed() == [mine.pk, by_admin.pk, old.pk]
    assert listed(kind="config.vendor_changed") == [by_admin.pk]
    assert listed(actor="ADMIN@vendor.test") == [by_admin.pk]
    assert listed(account="C-100245") == [old.pk]
    assert listed(account="logistics") == [mine.pk, by_admin.pk]
    # Days as the vendor counts them: 23:30 on 1 March in Bucharest is 1 March.
    assert listed(since="2026-03-01", until="2026-03-01") == [old.pk]
    assert listed(since="2026-03-02", until="2026-03-02") == [mine.pk]
    assert listed(subject="4711") == [mine.pk]
    assert listed(account="beta", kind="staff.mail_preferences") == [mine.pk]


def test_a_range_that_ends_before_it_starts_says_so_and_keeps_the_dates(admin_client):
    happened()
    response = admin_client.get(URL, {"since": "2026-03-05", "until": "2026-03-01"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The end of the range comes before its start." in page
    assert 'value="2026-03-05"' in page and 'value="2026-03-01"' in page


def test_odd_filter_values_answer_a_page_not_an_error(admin_client):
    for query in ({"since": "yesterday"}, {"kind": "nope"}, {"after": "-3"}, {"after": "x"}):
        assert admin_client.get(URL, query).status_code == 200, query


def test_pages_follow_by_keyset_with_the_filters_kept(admin_client):
    rows = [happened(n=n).pk for n in range(55)]
    happened(ConfigEvent.VENDOR_CHANGED)
    query = {"kind": "staff.mail_preferences"}
    first = admin_client.get(URL, query)
    assert shown(first) == rows[::-1][:50]
    assert first.context["next_after"] == rows[5]
    assert f'?kind=staff.mail_preferences&amp;after={rows[5]}"' in first.content.decode()
    second = admin_client.get(URL, {**query, "after": rows[5]})
    assert shown(second) == rows[4::-1]
    assert second.context["next_after"] is None


def test_the_list_costs_the_same_queries_whatever_the_rows(
    admin_client, admin, django_assert_num_queries
):
    admin_client.get(URL)  # the session learns the navigation's grants once

    def cost(**query) -> int:
        VendorConfig.get()
        with django_assert_num_queries(5):
            assert admin_client.get(URL, query).status_code == 200
        return len(shown(admin_client.get(URL, query)))

    assert cost() == 0
    accounts = CustomerAccountFactory.create_batch(3)
    for n in range(60):
        happened(by=admin, account=accounts[n % 3], n=n)
    assert cost() == 50
    assert cost(account="Client", actor="admin@vendor.test") == 50


def test_a_row_shows_its_payload_and_that_its_chain_link_holds(admin_client, admin):
    first = happened(ConfigEvent.VENDOR_CHANGED, by=admin, changed={"name": ["a", "Vânzări"]})
    second = happened(ConfigEvent.VENDOR_CHANGED, by=admin)
    page = admin_client.get(reverse("audit_staff:event", args=[first.pk])).content.decode()
    assert "Vânzări" in page
    assert f"Row {first.audit_seq} of the audit chain verifies: its hash matches" in page
    assert "the next row's hash covers it" in page
    last = admin_client.get(reverse("audit_staff:event", args=[second.pk])).content.decode()
    assert "it is the last row of the chain" in last


def test_a_changed_row_does_not_verify(admin_client, admin):
    changed = happened(ConfigEvent.VENDOR_CHANGED, by=admin, changed={"name": ["a", "b"]})
    Event.objects.filter(pk=changed.pk).update(data={"changed": {"name": ["a", "c"]}})
    page = admin_client.get(reverse("audit_staff:event", args=[changed.pk])).content.decode()
    assert f"Row {changed.audit_seq} of the audit chain does not verify" in page


def test_the_row_after_a_removed_one_does_not_verify_and_neither_does_the_one_before(
    admin_client, admin
):
    before, removed, after = (happened(ConfigEvent.VENDOR_CHANGED, by=admin) for _ in range(3))
    Event.objects.filter(pk=removed.pk).delete()
    for event in (before, after):
        page = admin_client.get(reverse("audit_staff:event", args=[event.pk])).content.decode()
        assert "does not verify" in page, event.audit_seq


def test_an_event_outside_the_chain_says_so(admin_client, django_assert_num_queries):
    event = happened()
    url = reverse("audit_staff:event", args=[event.pk])
    admin_client.get(url)
    with django_assert_num_queries(5):
        page = admin_client.get(url).content.decode()
    assert "not part of the audit chain" in page


def test_the_csv_streams_the_filtered_log_with_formulas_defused(admin_client, admin):
    alfa = CustomerAccountFactory(name="=HYPERLINK(1)", number="C-100245")
    happened(ConfigEvent.VENDOR_CHANGED, by=admin, account=alfa)
    happened()
    response = admin_client.get(reverse("audit_staff:csv"), {"kind": "config.vendor_changed"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    text = b"".join(response.streaming_content).decode().lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[:4] == ["Time", "Kind", "Code", "Actor"]
    assert len(rows) == 1
    assert rows[0][1:6] == [
        "Vendor configuration changed",
        "config.vendor_changed",
        "admin@vendor.test",
        "C-100245",
        "'=HYPERLINK(1)",
    ]
