"""The journeys of onboarding and small requests, in a real browser against a live server.

The portal speaks Romanian to a visitor, so the steps find links and buttons by where they
lead or by their form, not by their words.
"""

import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from clientdesk.accounts import services
from clientdesk.accounts.models import Membership, User
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.models import OutboundEmail
from clientdesk.support.models import SupportRequest
from tests.e2e.journeys import fill_sign_up
from tests.factories import PASSWORD, MembershipFactory
from tests.orders.factories import OrderFactory

general_types = importlib.import_module("clientdesk.support.migrations.0002_general_types")
INVITED = "radu.stan@alfa.example"


def sign_in(page, user: User) -> None:
    page.goto(reverse("account_login"))
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{reverse('dashboard')}")


def confirmation_path(to: str) -> str:
    mail = OutboundEmail.objects.get(to=to, template__contains="email_confirmation")
    return re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", mail.body_text).group(1)


@pytest.mark.django_db(transaction=True)
def test_an_invited_newcomer_signs_up_confirms_and_lands_in_the_company(page):
    admin = MembershipFactory(all_grants=True, account__name="Alfa Industries SRL")
    invitation = services.invitation_create(
        actor=Actor.of_user(admin.user), account=admin.account, email=INVITED, grants=[G.ORDERS]
    )

    page.goto(reverse("invitation_accept", args=[invitation.link_token]))
    page.click(f"main a[href='{reverse('account_signup')}']")
    email = page.locator("input[name=email]")
    assert (email.input_value(), email.is_disabled()) == (INVITED, True)
    fill_sign_up(page)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{reverse('account_email_verification_sent')}")

    page.goto(confirmation_path(INVITED))
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{reverse('dashboard')}")
    assert "Alfa Industries SRL" in page.content()
    assert Membership.objects.get(user__email=INVITED).grants == [G.ORDERS]


def _order_page(page):
    general_types.create(apps, None)
    member = MembershipFactory(all_grants=True)
    order = OrderFactory(account=member.account)
    sign_in(page, member.user)
    order_url = reverse("orders:detail", args=[order.public_id])
    page.goto(order_url)
    page.click(f"a[href^='{reverse('support:new')}?type=']")
    page.wait_for_url(f"**{reverse('support:new')}?**")
    return order, order_url


@pytest.mark.django_db(transaction=True)
def test_asking_about_an_order_files_an_order_question_with_its_number(page):
    order, _ = _order_page(page)
    assert page.input_value("input[name=order_number]") == order.number

    page.select_option("select[name=topic]", "date")
    page.fill("input[name=subject]", "Data livrării")
    page.fill("textarea[name=description]", "Când ajunge comanda?")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/requests/REQ-"))
    filed = SupportRequest.objects.get()
    assert (filed.details["order_number"], filed.account_id) == (order.number, order.account_id)


@pytest.mark.django_db(transaction=True)
def test_cancel_on_a_new_request_returns_to_the_page_it_came_from(page):
    _, order_url = _order_page(page)
    page.fill("input[name=subject]", "Nu mai trimit")
    page.click(f"form a[href='{order_url}']")
    page.wait_for_url(f"**{order_url}")
    assert not SupportRequest.objects.exists()
