""" "My invoices": filters, sorting, keyset pages, and a query count that does not grow."""

import datetime
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.billing.models import Invoice
from tests.billing.factories import credit_note, issue, line, pay
from tests.factories import MembershipFactory

LIST = reverse("billing:list")
pytestmark = pytest.mark.django_db


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [invoice.number for invoice, _status in response.context["rows"]]


@pytest.fixture
def documents(alfa):
    march = issue(
        alfa,
        number="CTS-1",
        po_number="ALF-PO-MARCH",
        issued_on=datetime.date(2026, 3, 5),
        due_on=datetime.date(2026, 4, 4),
    )
    april = issue(
        alfa,
        number="CTS-2",
        issued_on=datetime.date(2026, 4, 10),
        due_on=datetime.date(2099, 5, 10),
        lines=[line(price="1000")],
    )
    note = credit_note(alfa, april, number="CN-3", issued_on=datetime.date(2026, 5, 1))
    pay(alfa, "100", (march.number, "100"))
    return march, april, note


def test_the_list_shows_the_documents_newest_first(client, alfa_admin, documents):
    client.force_login(alfa_admin)
    assert listed(client) == ["CN-3", "CTS-2", "CTS-1"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "credit_note"}, ["CN-3"]),
        ({"kind": "invoice"}, ["CTS-2", "CTS-1"]),
        ({"status": "overdue"}, ["CTS-1"]),
        ({"status": "partly_paid"}, ["CTS-2"]),
        ({"status": "paid"}, ["CN-3"]),
        ({"date_from": "2026-04-01"}, ["CN-3", "CTS-2"]),
        ({"date_from": "01.04.2026", "date_to": "30.04.2026"}, ["CTS-2"]),
        ({"amount_min": "1000"}, ["CTS-2"]),
        ({"amount_max": "300"}, ["CN-3", "CTS-1"]),
        ({"number": "cts-1"}, ["CTS-1"]),
        ({"po": "march"}, ["CTS-1"]),
        ({"sort": "total"}, ["CN-3", "CTS-1", "CTS-2"]),
        ({"sort": "issued_on"}, ["CTS-1", "CTS-2", "CN-3"]),
    ],
)
def test_each_filter_and_sort_narrows_or_orders_the_list(
    client, alfa_admin, documents, params, expected
):
    client.force_login(alfa_admin)
    assert listed(client, **params) == expected


def test_a_bad_filter_gets_a_message_next_to_the_field(client, alfa_admin, documents):
    client.force_login(alfa_admin)
    response = client.get(LIST, {"amount_min": "500", "amount_max": "10"})
    assert response.status_code == 200
    assert "amount_max" in response.context["form"].errors
    assert response.context["rows"] == []


def test_next_and_previous_walk_the_pages_by_keyset(client, alfa_admin, alfa):
    for day in range(30):
        issue(alfa, issued_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day))
    client.force_login(alfa_admin)
    first = client.get(LIST)
    page = first.context["page"]
    assert len(page.rows) == 25 and page.previous_cursor is None and page.next_cursor
    second = client.get(LIST, {"after": page.next_cursor})
    assert len(second.context["page"].rows) == 5
    assert second.context["page"].next_cursor is None
    back = client.get(LIST, {"before": second.context["page"].previous_cursor})
    assert [i.number for i in back.context["page"].rows] == [i.number for i in page.rows]
    # A cursor that is not one shows the first page, not an error.
    assert client.get(LIST, {"after": "garbage!"}).status_code == 200


def test_beyond_the_limit_the_list_says_more_than_without_counting_all(
    client, alfa_admin, documents, monkeypatch
):
    from clientdesk.core import keyset

    monkeypatch.setattr(keyset, "COUNT_LIMIT", 2)
    client.force_login(alfa_admin)  # who reads English
    assert "More than 2" in client.get(LIST).content.decode()


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


VARIANTS = [
    {},
    {"status": "open"},
    {"status": "overdue"},
    {"kind": "credit_note"},
    {"number": "CTS"},
    {"po": "PO-"},
    {"date_from": "2026-01-01", "date_to": "2026-12-31"},
    {"amount_min": "100"},
    {"sort": "due_on"},
    {"sort": "-total"},
    {"last": "1"},
    {"sort": "-total", "last": "1"},
]


def test_every_filter_sort_and_page_makes_as_many_queries_for_200_invoices_as_for_20(
    client, alfa_admin, alfa
):
    def make(count):
        for i in range(count):
            invoice = issue(alfa, po_number=f"PO-{i}")
            if i % 10 == 0:
                credit_note(alfa, invoice)

    client.force_login(alfa_admin)
    client.get(LIST)
    make(20)
    urls = [f"{LIST}?{urlencode(params)}" for params in VARIANTS]
    with_20 = [count_queries(client, url) for url in urls]
    make(180)
    assert [count_queries(client, url) for url in urls] == with_20
    # A later page by its cursor costs what the first costs.
    last = client.get(LIST, {"sort": "issued_on"}).context["page"].next_cursor
    assert count_queries(client, f"{LIST}?after={last}") == with_20[0]


def test_the_last_page_is_the_oldest_documents_with_a_way_back(client, alfa_admin, alfa):
    for day in range(30):
        issue(
            alfa,
            number=f"CTS-L-{day:02d}",
            issued_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        )
    client.force_login(alfa_admin)
    page = client.get(LIST, {"last": "1"}).context["page"]
    assert [i.number for i in page.rows] == [f"CTS-L-{day:02d}" for day in range(24, -1, -1)]
    assert page.is_last and page.next_cursor is None and page.previous_cursor
    before = client.get(LIST, {"before": page.previous_cursor}).context["page"]
    assert [i.number for i in before.rows] == [f"CTS-L-{day:02d}" for day in range(29, 24, -1)]
    first = client.get(LIST).content.decode()
    assert "last=1" in first and "Last page" in first


def test_a_number_of_under_three_characters_matches_a_whole_number_only(client, alfa_admin, alfa):
    issue(alfa, number="A1")
    issue(alfa, number="CTS-A1-2")
    client.force_login(alfa_admin)
    assert listed(client, number="a1") == ["A1"]
    assert sorted(listed(client, number="-a1")) == ["CTS-A1-2"]


def test_someone_with_two_accounts_sees_both_with_the_customer_named(
    client, alfa_admin, alfa, beta_user
):
    beta = beta_user.memberships.get().account
    MembershipFactory(user=alfa_admin, account=beta, grant_invoices=True)
    issue(alfa, number="A-1")
    issue(beta, number="B-1")
    client.force_login(alfa_admin)
    assert sorted(listed(client)) == ["A-1", "B-1"]
    assert beta.name.encode() in client.get(LIST).content


def test_money_is_shown_in_the_users_language(client, alfa_admin, alfa):
    issue(alfa, lines=[line(quantity="1", price="1036.60", rate="19")])
    assert Invoice.objects.get().total == Decimal("1233.55")
    alfa_admin.language = "ro"
    alfa_admin.save()
    client.force_login(alfa_admin)
    assert "1.233,55\u00a0lei" in client.get(LIST).content.decode()
    alfa_admin.language = "en"
    alfa_admin.save()
    assert "1,233.55\u00a0RON" in client.get(LIST).content.decode()


def test_without_the_grant_or_signed_out_there_is_no_list(client, alfa, alfa_limited):
    client.force_login(alfa_limited)
    assert client.get(LIST).status_code == 404
    client.logout()
    assert client.get(LIST).status_code == 302


def test_each_documents_badge_names_its_status_in_romanian(client, alfa, alfa_admin):
    past, future = datetime.date(2026, 4, 1), datetime.date(2099, 1, 5)
    issue(alfa, number="CTS-OPEN", due_on=future)
    issue(alfa, number="CTS-LATE", due_on=past)
    partly = issue(alfa, number="CTS-PART", due_on=future)
    pay(alfa, "100", (partly.number, "100"))
    corrected = issue(alfa, number="CTS-CORR", due_on=future)
    credit_note(alfa, corrected, number="CTS-CN")
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)

    html = client.get(LIST).content.decode()

    def badge(number: str) -> str:
        row = html[html.index(f">{number}</a>") :]
        return row[row.index('class="badge') : row.index("</span>")]

    assert badge("CTS-OPEN") == 'class="badge badge--info">Neachitată'
    assert badge("CTS-LATE") == 'class="badge badge--danger">Restantă'
    assert badge("CTS-PART") == 'class="badge badge--warning">Plătită parțial'
    assert badge("CTS-CORR") == 'class="badge badge--success">Plătită'
    assert badge("CTS-CN") == 'class="badge badge--success">Utilizată'


def test_a_row_holds_each_cell_labelled_and_escaped(client, alfa_admin, alfa, beta_user):
    beta = beta_user.memberships.get().account
    beta.name = "Beta & <Fiii>"
    beta.save(update_fields=["name"])
    MembershipFactory(user=alfa_admin, account=beta, grant_invoices=True)
    invoice = issue(
        beta,
        number="B-7",
        po_number="PO <7>",
        issued_on=datetime.date(2026, 3, 2),
        due_on=datetime.date(2099, 4, 1),
        lines=[line(quantity="1", price="1000", rate="19")],
    )
    credit_note(beta, invoice, number="B-CN", lines=[line(quantity="1", price="100", rate="19")])
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)

    html = client.get(LIST).content.decode()
    link = reverse("billing:detail", args=["B-7"])
    row = html[html.index(f'<a href="{link}">') :]
    row = row[: row.index("</tr>")]
    cn = html[html.index(">B-CN</a>") :]
    cn = cn[: cn.index("</tr>")]

    assert '<td data-label="Tip">Factură</td>' in row
    assert '<td data-label="Client">Beta &amp; &lt;Fiii&gt;</td>' in row
    assert '<td data-label="Emisă la">2 mar. 2026</td>' in row
    assert '<td data-label="Scadentă la">1 apr. 2099</td>' in row
    assert '<td data-label="Număr comandă client (PO)">PO &lt;7&gt;</td>' in row
    assert 'class="badge badge--warning">Plătită parțial' in row
    assert '<td class="num" data-label="Total">1.190,00\u00a0lei</td>' in row
    assert '<td class="num" data-label="Rest de plată">1.071,00\u00a0lei</td>' in row
    assert '<td data-label="Tip">Factură de stornare</td>' in cn
    assert '<td data-label="Scadentă la">—</td>' in cn
    assert '<td data-label="Număr comandă client (PO)">—</td>' in cn
    assert '<td class="num" data-label="Total">\u2212119,00\u00a0lei</td>' in cn
