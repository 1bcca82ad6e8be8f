"""'My orders': filters, search, pagination, and a query count that does not grow with the list."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clientdesk.core.paging import CappedPaginator
from clientdesk.orders.models import Order
from tests.orders.factories import OrderFactory, OrderLineFactory

LIST = reverse("orders:list")


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [order.number for order in response.context["page"].object_list]


@pytest.fixture
def three_orders(alfa):
    march = OrderFactory(
        account=alfa, number="CMD-1", po_number="ALF-PO-MARCH", ordered_on=datetime.date(2026, 3, 5)
    )
    april = OrderFactory(
        account=alfa,
        number="CMD-2",
        po_number="ALF-PO-APRIL",
        ordered_on=datetime.date(2026, 4, 10),
        status=Order.Status.DELIVERED,
    )
    may = OrderFactory(
        account=alfa, number="CMD-3", po_number="", ordered_on=datetime.date(2026, 5, 1)
    )
    OrderLineFactory(order=march, product_code="DL-R760", description="Server Dell PowerEdge R760")
    OrderLineFactory(order=april, product_code="APC-SRT3000", description="UPS APC Smart-UPS")
    OrderLineFactory(order=april, product_code="APC-SRT1500", description="UPS APC Smart-UPS mic")
    OrderLineFactory(order=may, product_code="MS-W22", description="Licență Windows Server")
    return march, april, may


@pytest.mark.django_db
def test_the_list_shows_the_accounts_orders_newest_first(client, alfa_admin, three_orders):
    client.force_login(alfa_admin)
    assert listed(client) == ["CMD-3", "CMD-2", "CMD-1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "delivered"}, ["CMD-2"]),
        ({"date_from": "2026-04-01"}, ["CMD-3", "CMD-2"]),
        ({"date_to": "2026-04-10"}, ["CMD-2", "CMD-1"]),
        ({"date_from": "2026-04-01", "date_to": "2026-04-30"}, ["CMD-2"]),
        ({"date_from": "01.04.2026", "date_to": "30.04.2026"}, ["CMD-2"]),
        ({"po": "po-march"}, ["CMD-1"]),
        ({"product": "apc"}, ["CMD-2"]),
        ({"product": "windows"}, ["CMD-3"]),
        ({"q": "cmd-1"}, ["CMD-1"]),
        ({"q": "APRIL"}, ["CMD-2"]),
        ({"q": "nothing-like-this"}, []),
        # Shorter than the index can find inside a value: only a whole number or PO.
        ({"q": "CM"}, []),
        ({"po": "PO"}, []),
    ],
)
def test_each_filter_narrows_the_list(client, alfa_admin, three_orders, params, expected):
    client.force_login(alfa_admin)
    assert listed(client, **params) == expected


@pytest.mark.django_db
def test_an_order_with_two_matching_lines_is_listed_once(client, alfa_admin, three_orders):
    client.force_login(alfa_admin)
    assert listed(client, product="smart-ups") == ["CMD-2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"date_from": "2026-13-45"}, "date_from", "Enter a date such as 31.03.2026."),
        ({"date_to": "yesterday"}, "date_to", "Enter a date such as 31.03.2026."),
        (
            {"date_from": "2026-05-01", "date_to": "2026-04-01"},
            "date_to",
            "The end of the period is before its start.",
        ),
        ({"status": "lost"}, "status", "Select a valid choice."),
    ],
)
def test_a_bad_filter_gets_a_message_next_to_the_field_not_an_error_page(
    client, alfa_admin, three_orders, params, field, message
):
    client.force_login(alfa_admin)
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert message.encode() in response.content
    assert list(response.context["page"].object_list) == []


@pytest.mark.django_db
def test_the_list_pages_by_25_and_keeps_the_filters_in_the_page_links(client, alfa_admin, alfa):
    OrderFactory.create_batch(30, account=alfa, status=Order.Status.SHIPPED)
    OrderFactory.create_batch(3, account=alfa, status=Order.Status.RECEIVED)
    client.force_login(alfa_admin)
    first = client.get(LIST, {"status": "shipped"})
    assert len(first.context["page"].object_list) == 25
    assert b"?status=shipped&amp;page=2" in first.content
    second = client.get(LIST, {"status": "shipped", "page": "2"})
    assert len(second.context["page"].object_list) == 5
    # A page number out of range or not a number shows a page, not an error.
    assert client.get(LIST, {"page": "99"}).status_code == 200
    assert client.get(LIST, {"page": "x"}).status_code == 200


@pytest.mark.django_db
def test_a_short_search_finds_a_po_written_exactly_so(client, alfa_admin, alfa):
    OrderFactory(account=alfa, number="CMD-9", po_number="77")
    OrderFactory(account=alfa, number="CMD-10", po_number="770")
    client.force_login(alfa_admin)
    assert listed(client, q="77") == ["CMD-9"]
    assert listed(client, po="77") == ["CMD-9"]
    assert listed(client, q="770") == ["CMD-10"]


@pytest.mark.django_db
def test_past_the_count_limit_the_list_says_more_than(client, alfa_admin, alfa, monkeypatch):
    monkeypatch.setattr(CappedPaginator, "limit", 30)
    OrderFactory.create_batch(40, account=alfa)
    client.force_login(alfa_admin)
    page = client.get(LIST).content.decode()
    assert "More than 30 orders" in page and "Page 1</span>" in page
    assert len(listed(client, page=2)) == 15


@pytest.mark.django_db
def test_the_export_links_carry_the_filters_but_not_the_page(client, alfa_admin, alfa):
    OrderFactory.create_batch(30, account=alfa, status=Order.Status.SHIPPED)
    client.force_login(alfa_admin)
    page = client.get(LIST, {"status": "shipped", "page": "2"}).content.decode()
    assert f'href="{reverse("orders:export_csv")}?status=shipped"' in page
    assert f'href="{reverse("orders:export_xlsx")}?status=shipped"' in page


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_list_makes_as_many_queries_for_200_orders_as_for_20(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    client.get(LIST)  # the first request of a session does one-off work (session tracking)
    OrderFactory.create_batch(20, account=alfa)
    with_20 = count_queries(client, LIST)
    OrderFactory.create_batch(180, account=alfa)
    assert count_queries(client, LIST) == with_20
    # The same holds for a filtered list and its last page.
    assert count_queries(client, f"{LIST}?product=x&page=8") == count_queries(
        client, f"{LIST}?product=x"
    )


@pytest.mark.django_db
def test_someone_with_two_accounts_sees_both_with_the_customer_named(
    client, alfa_admin, alfa, beta_user
):
    from tests.factories import MembershipFactory

    beta = beta_user.memberships.get().account
    MembershipFactory(user=alfa_admin, account=beta, grant_orders=True)
    OrderFactory(account=alfa, number="CMD-A")
    OrderFactory(account=beta, number="CMD-B")
    client.force_login(alfa_admin)
    response = client.get(LIST)
    assert sorted(listed(client)) == ["CMD-A", "CMD-B"]
    assert beta.name.encode() in response.content


@pytest.mark.django_db
def test_on_their_way_lists_the_orders_shipped_and_not_all_delivered(client, alfa_admin, alfa):
    for number, status in [
        ("CMD-A", Order.Status.PARTIALLY_SHIPPED),
        ("CMD-B", Order.Status.SHIPPED),
        ("CMD-C", Order.Status.PARTIALLY_DELIVERED),
        ("CMD-D", Order.Status.DELIVERED),
        ("CMD-E", Order.Status.PROCESSING),
    ]:
        OrderFactory(account=alfa, number=number, status=status)
    client.force_login(alfa_admin)
    assert sorted(listed(client, status=Order.ON_THE_WAY_FILTER)) == ["CMD-A", "CMD-B", "CMD-C"]


def _row(html: str, href: str) -> str:
    row = html[html.index(f'<a href="{href}">') :]
    return row[: row.index("</tr>")]


def test_a_row_holds_each_cell_labelled_and_escaped(client, alfa, alfa_admin, beta_user):
    from tests.factories import MembershipFactory

    beta = beta_user.memberships.get().account
    beta.name = "Beta & <Fiii>"
    beta.save(update_fields=["name"])
    MembershipFactory(user=alfa_admin, account=beta, grant_orders=True)
    open_order = OrderFactory(
        account=beta,
        number="CMD-7",
        po_number="PO <7>",
        status=Order.Status.SHIPPED,
        ordered_on=datetime.date(2026, 3, 2),
        expected_on=datetime.date(2026, 4, 1),
        total="1234567.5",
    )
    closed = OrderFactory(account=alfa, number="CMD-8", po_number="", status=Order.Status.DELIVERED)
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)

    html = client.get(LIST).content.decode()
    row = _row(html, reverse("orders:detail", args=[open_order.public_id]))
    done = _row(html, reverse("orders:detail", args=[closed.public_id]))

    assert '<td data-label="Client">Beta &amp; &lt;Fiii&gt;</td>' in row
    assert 'data-label="Comandă client (PO)">PO &lt;7&gt;</td>' in row
    assert '<td data-label="Data comenzii">2 mar. 2026</td>' in row
    assert 'class="badge badge--info">Expediată</span>' in row
    assert 'data-label="Livrare estimată">1 apr. 2026</td>' in row
    assert 'class="num">1.234.567,50 RON</td>' in row
    assert 'data-label="Comandă client (PO)">—</td>' in done
    assert 'data-label="Livrare estimată">—</td>' in done
