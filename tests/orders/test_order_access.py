"""Who may see orders: members of the order's account holding ``orders``, nobody else."""

import pytest
from django.urls import reverse

from tests.orders.factories import OrderFactory


def order_urls(order):
    return [
        reverse("orders:detail", args=[order.public_id]),
        reverse("orders:live", args=[order.public_id]),
    ]


LIST_URLS = [reverse("orders:list"), reverse("orders:export_csv"), reverse("orders:export_xlsx")]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["alfa_admin", "alfa_limited"])
def test_members_with_the_orders_grant_see_the_order_pages(client, request, alfa_order, who):
    client.force_login(request.getfixturevalue(who))
    for url in [*LIST_URLS, *order_urls(alfa_order)]:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["beta_user", "no_orders_user"])
def test_another_customer_and_a_member_without_the_grant_get_404_on_the_order(
    client, request, alfa_order, who
):
    client.force_login(request.getfixturevalue(who))
    for url in order_urls(alfa_order):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_a_member_without_the_orders_grant_gets_404_on_the_list_and_the_exports(
    client, no_orders_user
):
    client.force_login(no_orders_user)
    for url in LIST_URLS:
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_another_customers_list_and_exports_never_show_alfas_orders(client, alfa_order, beta_user):
    beta_order = OrderFactory(account=beta_user.memberships.get().account)
    client.force_login(beta_user)
    for url in [reverse("orders:list"), reverse("orders:export_csv")]:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert beta_order.number.encode() in body
        assert alfa_order.number.encode() not in body


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_and_a_signed_out_poll_gets_404(client, alfa_order):
    detail, live = order_urls(alfa_order)
    for url in [*LIST_URLS, detail]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.get(live).status_code == 404


@pytest.mark.django_db
def test_an_unknown_order_id_is_404(client, alfa_admin):
    client.force_login(alfa_admin)
    assert client.get("/orders/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/orders/not-a-uuid/").status_code == 404


@pytest.mark.django_db
def test_the_orders_section_is_in_the_navigation_only_for_holders_of_the_grant(
    client, alfa_admin, no_orders_user
):
    client.force_login(alfa_admin)
    assert reverse("orders:list") in client.get(reverse("dashboard")).content.decode()
    client.force_login(no_orders_user)
    assert reverse("orders:list") not in client.get(reverse("dashboard")).content.decode()
