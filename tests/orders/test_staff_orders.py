"""Every customer's orders under /staff/orders/, read-only: the support agents' and the
vendor admin's; searched by the start of a number or part of a customer's name."""

import re
import uuid

import pytest
from django.urls import reverse

from clientdesk.backoffice import roles
from clientdesk.orders import services
from clientdesk.orders.models import Carrier, Order
from clientdesk.support.general import ORDER_QUESTION
from tests.factories import CustomerAccountFactory
from tests.orders.factories import ERP, OrderFactory, OrderLineFactory
from tests.staff import staff_member
from tests.support.factories import RequestTypeFactory, SupportRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent_client(client):
    client.force_login(staff_member(roles.SUPPORT_AGENT))
    client.get(reverse("orders_staff:list"))  # the session learns the navigation's grants
    return client


def numbers_listed(client, **query) -> list[str]:
    page = client.get(reverse("orders_staff:list"), query).content.decode()
    return re.findall(r'href="/staff/orders/[0-9a-f-]+/">([^<]+)</a>', page)


def test_the_pages_are_the_support_agents_and_the_vendor_admins(client, alfa_order):
    urls = [
        reverse("orders_staff:list"),
        reverse("orders_staff:detail", args=[alfa_order.public_id]),
    ]
    assert urls[0] == "/staff/orders/"
    for role in (roles.SUPPORT_AGENT, roles.VENDOR_ADMIN):
        client.force_login(staff_member(role))
        assert [client.get(url).status_code for url in urls] == [200, 200], role
    for role in (roles.CONTRACTS_REPRESENTATIVE, roles.BILLING):
        client.force_login(staff_member(role))
        assert [client.get(url).status_code for url in urls] == [403, 403], role
    client.logout()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_an_unknown_order_answers_404(agent_client):
    assert agent_client.get(reverse("orders_staff:detail", args=[uuid.uuid4()])).status_code == 404


def test_the_list_shows_every_customers_orders_newest_first(agent_client, alfa_order):
    beta = CustomerAccountFactory(number="C-777001", name="Beta Logistics SA")
    newer = OrderFactory(account=beta, number="CMD-2026-000900", po_number="BL-55")
    page = agent_client.get(reverse("orders_staff:list")).content.decode()
    assert numbers_listed(agent_client) == [newer.number, alfa_order.number]
    assert "Beta Logistics SA" in page and "C-777001" in page and "BL-55" in page
    assert "Alfa Industries SRL" in page and alfa_order.account.number in page


def test_the_search_matches_numbers_from_their_start_and_names_anywhere(agent_client, alfa_order):
    beta = CustomerAccountFactory(number="C-777001", name="SC Beta Logistics SA")
    OrderFactory(account=beta, number="CMD-2026-000900", po_number="BL-55")
    assert numbers_listed(agent_client, q="CMD-2026-0001") == [alfa_order.number]
    assert numbers_listed(agent_client, q="alf-po") == [alfa_order.number]
    assert numbers_listed(agent_client, q="C-7770") == ["CMD-2026-000900"]
    assert numbers_listed(agent_client, q="logistics") == ["CMD-2026-000900"]
    assert numbers_listed(agent_client, q="000101") == []  # not from the number's start
    assert numbers_listed(agent_client, q="nobody") == []


def test_the_status_filter_selects_and_knows_the_orders_on_their_way(agent_client, alfa_order):
    confirmed = OrderFactory(status=Order.Status.CONFIRMED)
    assert numbers_listed(agent_client, status="on_the_way") == [alfa_order.number]
    assert numbers_listed(agent_client, status="confirmed") == [confirmed.number]
    page = agent_client.get(reverse("orders_staff:list"), {"status": "lost"}).content.decode()
    assert "id_status_error" in page  # the message next to the field, the rest listed
    assert numbers_listed(agent_client, status="lost") == [confirmed.number, alfa_order.number]


def test_the_list_pages_by_keyset(agent_client, monkeypatch):
    from clientdesk.orders.staff import order_views

    monkeypatch.setattr(order_views, "PAGE_SIZE", 2)
    orders = [OrderFactory(po_number=f"ALF-{n}") for n in range(5)]
    first = agent_client.get(reverse("orders_staff:list"), {"q": "ALF"}).content.decode()
    after = re.search(r"after=(\d+)", first).group(1)
    assert int(after) == orders[3].pk
    older = numbers_listed(agent_client, q="ALF", after=after)
    assert older == [orders[2].number, orders[1].number]


def test_the_list_costs_the_same_for_2_or_30_orders(agent_client, django_assert_num_queries):
    OrderFactory.create_batch(2)
    with django_assert_num_queries(5) as two:
        agent_client.get(reverse("orders_staff:list"))
    OrderFactory.create_batch(28)
    with django_assert_num_queries(len(two.captured_queries)):
        assert len(numbers_listed(agent_client)) == 30


def test_an_orders_page_shows_lines_history_shipments_and_links(client, alfa_order):
    Carrier.objects.filter(code="dhl").update(
        tracking_url_template="https://dhl.example/track?n={number}"
    )
    client.force_login(staff_member(roles.SUPPORT_AGENT))
    page = client.get(reverse("orders_staff:detail", args=[alfa_order.public_id])).content.decode()
    assert "Server Dell PowerEdge R760" in page and "ALF-PO-77" in page
    assert 'href="https://dhl.example/track?n=4839201745"' in page
    assert "Partly shipped" in page  # the status history, as the ERP sent it
    assert "București, depozit Carpatia Tech" in page
    assert reverse("backoffice:customer_detail", args=[alfa_order.account.public_id]) in page
    assert "Ask about this order" not in page and "/requests/new/" not in page


def test_an_orders_page_costs_the_same_whatever_it_holds(
    agent_client, alfa_order, django_assert_num_queries
):
    with django_assert_num_queries(10) as one_shipment:
        agent_client.get(reverse("orders_staff:detail", args=[alfa_order.public_id]))
    small = OrderFactory()
    url = reverse("orders_staff:detail", args=[small.public_id])
    for position in range(1, 6):
        OrderLineFactory(order=small, position=position, quantity=10)
    for n in range(3):
        services.shipment_upsert(
            actor=ERP,
            order=small,
            external_id=f"sh-{n}",
            carrier_code="dhl",
            tracking_number=f"48{n}",
            items={1: 1, 2: 1},
        )
    with django_assert_num_queries(len(one_shipment.captured_queries)):
        page = agent_client.get(url).content.decode()
    assert page.count('class="card shipment"') == 3


def test_an_order_question_links_to_the_orders_staff_page(
    agent_client, alfa, alfa_admin, alfa_order
):
    question = RequestTypeFactory(code=ORDER_QUESTION, name_en="Order or delivery")
    asked = SupportRequestFactory(
        account=alfa,
        requester=alfa_admin,
        type=question,
        details={"order_number": "ALF-PO-77", "topic": "status"},
    )
    other = SupportRequestFactory(account=alfa, requester=alfa_admin)
    order_url = reverse("orders_staff:detail", args=[alfa_order.public_id])
    page = agent_client.get(reverse("support_staff:detail", args=[asked.number])).content.decode()
    assert f'href="{order_url}"' in page
    page = agent_client.get(reverse("support_staff:detail", args=[other.number])).content.decode()
    assert "The order's page" not in page


def test_a_row_names_the_customer_and_its_number_and_links_the_staff_page(agent_client):
    beta = CustomerAccountFactory(number="C-777002", name="Beta & Fiii")
    order = OrderFactory(account=beta, number="CMD-2026-000901")
    page = agent_client.get(reverse("orders_staff:list")).content.decode()
    link = reverse("orders_staff:detail", args=[order.public_id])
    row = page[page.index(f'<a href="{link}">CMD-2026-000901</a>') :]
    row = row[: row.index("</tr>")]
    assert '<span>Beta &amp; Fiii <span class="muted nowrap">C-777002</span></span></td>' in row
