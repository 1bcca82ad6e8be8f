"""My requests: mine and my colleagues', filtered, searched, paginated, in constant queries."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clientdesk.core.paging import CappedPaginator
from clientdesk.support.models import Status
from tests.factories import MembershipFactory
from tests.support.factories import RequestTypeFactory, SupportRequestFactory

LIST = reverse("support:list")


def listed(client, **params) -> str:
    return client.get(LIST, params).content.decode()


def test_the_list_holds_my_requests_and_my_colleagues_not_other_customers(
    client, alfa, alfa_admin, alfa_limited, beta_user
):
    mine = SupportRequestFactory(account=alfa, requester=alfa_admin)
    colleague = SupportRequestFactory(account=alfa, requester=alfa_limited)
    beta = SupportRequestFactory(account=beta_user.memberships.get().account, requester=beta_user)
    client.force_login(alfa_admin)
    page = listed(client)
    assert mine.number in page
    assert colleague.number in page
    assert beta.number not in page
    only_mine = listed(client, mine="on")
    assert mine.number in only_mine
    assert colleague.number not in only_mine


def test_a_row_names_who_filed_it_and_the_company_when_the_user_follows_several(
    client, alfa, alfa_admin, alfa_limited, beta_user
):
    beta = beta_user.memberships.get().account
    MembershipFactory(user=alfa_admin, account=beta, all_grants=True)
    alfa_limited.first_name, alfa_limited.last_name = "Mihai", "<Ionescu>"
    alfa_limited.save()
    SupportRequestFactory(account=alfa, requester=alfa_admin, subject="Al meu")
    SupportRequestFactory(account=beta, requester=alfa_limited, subject="Al colegului")
    client.force_login(alfa_admin)
    page = listed(client)
    rows = {row.split("</tr>")[0] for row in page.split("<tr>") if "request-link" in row}
    mine = next(row for row in rows if "Al meu" in row)
    theirs = next(row for row in rows if "Al colegului" in row)
    assert '<span class="muted">by you</span>' in mine
    assert f"<td>{alfa.name}</td>" in mine
    assert "Mihai &lt;Ionescu&gt;" in theirs
    assert f"<td>{beta.name}</td>" in theirs


def test_a_row_holds_each_cell_escaped_with_the_day_in_the_vendors_time_zone(
    client, alfa, alfa_admin
):
    waiting = SupportRequestFactory(
        account=alfa,
        requester=alfa_admin,
        subject="Imprimanta <HP> & toner",
        status=Status.WAITING,
        # 00:30 on 2 March in Bucharest.
        created_at=datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
    )
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)
    page = listed(client)
    row = next(row.split("</tr>")[0] for row in page.split("<tr>") if "request-link" in row)
    href = reverse("support:detail", args=[waiting.number])
    assert (
        f'<a class="request-link" href="{href}"><span class="mono">{waiting.number}</span> '
        '<span class="request-link__subject">Imprimanta &lt;HP&gt; &amp; toner</span></a>'
    ) in row
    assert '<span class="badge badge--warning">Așteaptă răspunsul dumneavoastră</span>' in row
    assert f"<td>{waiting.type.name}</td>" in row
    assert '<td class="nowrap">2 mar. 2026<br><span class="muted">de dumneavoastră</span>' in row
    # One company: no company column.
    assert f"<td>{alfa.name}</td>" not in row


def test_without_the_requests_grant_the_list_shows_nothing_of_the_account(
    client, alfa_orders_only, alfa_request
):
    client.force_login(alfa_orders_only)
    page = listed(client)
    assert alfa_request.number not in page
    assert reverse("access_new") in page


def test_filters_by_status_type_and_period(client, alfa, alfa_admin):
    old = SupportRequestFactory(
        account=alfa, requester=alfa_admin, created_at=timezone.now() - timedelta(days=40)
    )
    closed = SupportRequestFactory(account=alfa, requester=alfa_admin, status=Status.CLOSED)
    quote = SupportRequestFactory(
        account=alfa, requester=alfa_admin, type=RequestTypeFactory(code="maintenance-quote")
    )
    client.force_login(alfa_admin)

    open_only = listed(client, status="open")
    assert old.number in open_only and quote.number in open_only
    assert closed.number not in open_only

    assert closed.number in listed(client, status="closed")
    by_type = listed(client, type="maintenance-quote")
    assert quote.number in by_type and old.number not in by_type

    since = (timezone.localdate() - timedelta(days=7)).isoformat()
    recent = listed(client, created_from=since)
    assert quote.number in recent and old.number not in recent
    until = (timezone.localdate() - timedelta(days=30)).isoformat()
    earlier = listed(client, created_to=until)
    assert old.number in earlier and quote.number not in earlier


def test_a_period_that_ends_before_it_starts_is_explained(client, alfa_admin, alfa_request):
    client.force_login(alfa_admin)
    page = listed(client, created_from="2026-05-01", created_to="2026-04-01")
    assert 'id="id_created_to_error"' in page
    assert 'value="2026-05-01"' in page


def test_search_finds_a_request_by_number_or_by_words(client, alfa, alfa_admin):
    printer = SupportRequestFactory(
        account=alfa, requester=alfa_admin, subject="Imprimanta de la etajul 2"
    )
    other = SupportRequestFactory(account=alfa, requester=alfa_admin, subject="Factura lipsă")
    client.force_login(alfa_admin)
    by_number = listed(client, q=printer.number)
    assert printer.number in by_number and other.number not in by_number
    by_digits = listed(client, q=printer.number[-6:])
    assert printer.number in by_digits
    by_words = listed(client, q="etajul imprimanta")
    assert printer.number in by_words and other.number not in by_words


def test_short_words_narrow_a_search_but_alone_they_only_name_a_whole_number(
    client, alfa, alfa_admin
):
    on_floor_2 = SupportRequestFactory(
        account=alfa, requester=alfa_admin, subject="Imprimanta de la etajul 2"
    )
    on_floor_3 = SupportRequestFactory(
        account=alfa, requester=alfa_admin, subject="Imprimanta de la etajul 3"
    )
    client.force_login(alfa_admin)
    # "2" is too short for the index to find, but it narrows what "imprimanta" found.
    narrowed = listed(client, q="imprimanta 2")
    assert on_floor_2.number in narrowed and on_floor_3.number not in narrowed
    # Short words alone would read every request: they are taken as a number, whole.
    assert "No request matches these filters." in listed(client, q="de 2")


def test_the_list_is_paginated_keeping_the_filters(client, alfa, alfa_admin):
    SupportRequestFactory.create_batch(25, account=alfa, requester=alfa_admin)
    client.force_login(alfa_admin)
    first = listed(client, status="open")
    assert first.count('class="request-link"') == 20
    assert "?status=open&amp;page=2" in first
    assert listed(client, status="open", page=2).count('class="request-link"') == 5


def queries_for_a_list_of(client, user, count: int) -> int:
    account = user.memberships.get().account
    SupportRequestFactory.create_batch(count, account=account, requester=user)
    client.force_login(user)
    client.get(LIST)  # warm the session and the vendor configuration cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST, {"page": 1})
    assert response.status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_list_makes_as_many_queries_for_200_requests_as_for_20(client, alfa_admin, beta_user):
    for_20 = queries_for_a_list_of(client, alfa_admin, 20)
    for_200 = queries_for_a_list_of(client, beta_user, 200)
    assert for_20 == for_200
    assert for_20 <= 12


def test_past_a_thousand_the_list_says_more_than_and_pages_on(
    client, alfa, alfa_admin, monkeypatch
):
    monkeypatch.setattr(CappedPaginator, "limit", 30)
    SupportRequestFactory.create_batch(45, account=alfa, requester=alfa_admin)
    client.force_login(alfa_admin)
    first = listed(client)
    assert "More than 30 requests" in first and "Page 1</span>" in first
    assert "?page=2" in first
    third = listed(client, page=3)
    assert third.count('class="request-link"') == 5
    assert "?page=2" in third and "?page=4" not in third
    # A page past the rows shows the last page counted, not an error.
    assert listed(client, page=9).count('class="request-link"') == 20
