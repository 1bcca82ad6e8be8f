"""Asking about an order from its page, Cancel going back, and support for visitors."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.urls import reverse

from clientdesk.support.general import ORDER_QUESTION
from tests.factories import MembershipFactory
from tests.orders.factories import OrderFactory

pytestmark = pytest.mark.usefixtures("general_types")


def ask_link(page: str) -> str:
    start = page.index(reverse("support:new") + "?type=")
    return page[start : page.index('"', start)].replace("&amp;", "&")


def test_an_order_page_asks_about_the_order_with_its_number_and_account(client, alfa_admin, alfa):
    MembershipFactory(user=alfa_admin, grant_requests=True, grant_orders=True)  # a 2nd account
    order = OrderFactory(account=alfa)
    order_url = reverse("orders:detail", args=[order.public_id])
    client.force_login(alfa_admin)

    link = ask_link(client.get(order_url).content.decode())
    query = parse_qs(urlsplit(link).query)
    assert query["type"] == [ORDER_QUESTION]
    assert query["next"] == [order_url]
    form = client.get(link).context["form"]
    assert form["order_number"].value() == order.number
    assert order.number in form["subject"].value()
    assert form["account"].value() == alfa.pk
    assert f'href="{order_url}"' in client.get(link).content.decode()  # Cancel


def test_a_user_who_cannot_file_requests_is_not_offered_the_question(client, alfa):
    user = MembershipFactory(account=alfa, grant_orders=True).user
    order = OrderFactory(account=alfa)
    client.force_login(user)
    page = client.get(reverse("orders:detail", args=[order.public_id])).content.decode()
    assert reverse("support:new") not in page


def test_an_account_the_user_cannot_file_for_is_not_chosen_from_the_link(
    client, alfa_admin, beta_user
):
    client.force_login(alfa_admin)
    beta = beta_user.memberships.get().account
    url = f"{reverse('support:new')}?type={ORDER_QUESTION}&account={beta.public_id}"
    MembershipFactory(user=alfa_admin, grant_requests=True)
    assert client.get(url).context["form"]["account"].value() is None


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/phish", "//evil.example/", "javascript:alert(1)", ""],
)
def test_cancel_never_leaves_the_portal(client, alfa_admin, target):
    client.force_login(alfa_admin)
    url = f"{reverse('support:new')}?type=general-question&next={target}"
    assert client.get(url).context["back"] == reverse("contact")


def test_cancel_returns_to_the_portal_page_it_came_from(client, alfa_admin):
    client.force_login(alfa_admin)
    back = reverse("billing:list") + "?status=open"
    url = f"{reverse('support:new')}?{urlencode({'type': 'general-question', 'next': back})}"
    assert client.get(url).context["back"] == back


def test_a_visitor_reaches_support_and_is_offered_to_sign_in_or_register(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    home = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("contact")}"' in home
    page = client.get(reverse("contact")).content.decode()
    assert "Sign in to file a request" in page
    assert f'href="{reverse("account_signup")}"' in page
    assert "Customer support" in page
