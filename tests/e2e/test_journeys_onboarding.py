"""A newcomer from sign-up to their company's invoices; a customer admin's invitations.

The mail goes through the outbox and the task worker to a real SMTP server (aiosmtpd);
the steps follow the links the messages carry.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from clientdesk.accounts import services
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.models import AccessRequest, Invitation
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from tests.billing.factories import issue
from tests.e2e.journeys import fill_sign_up, link_path, received, run_tasks, shoot, sign_in, text_of
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)
NEWCOMER = "ioana.marin@alfa.example"


def sign_up(page, email: str) -> None:
    page.goto(reverse("account_signup"))
    fill_sign_up(page, email=email, first_name="Ioana", last_name="Marin", job_title="Contabil")
    shoot(page, "onboarding-sign-up")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**{reverse('account_email_verification_sent')}")


def ask_for_access(page, customer_number: str, proof: str) -> None:
    page.goto(reverse("access_new"))
    page.fill("input[name=customer_number]", customer_number)
    page.check("input[name=proof_kind][value=invoice]")
    page.fill("input[name=proof_number]", proof)
    page.check("input[name=areas][value=invoices]")
    page.click("main form button[type=submit]")


def test_a_newcomer_registers_confirms_asks_for_access_and_sees_the_invoices(
    page, live_server, smtp, staff_user
):
    alfa = MembershipFactory(all_grants=True, account__name="Alfa Industries SRL").account
    invoice = issue(alfa)

    sign_up(page, NEWCOMER)
    run_tasks()
    [confirmation] = received(smtp, NEWCOMER)
    page.goto(link_path(text_of(confirmation), r"/confirm-email/"))
    page.click("main form button[type=submit]")
    # Confirmed is signed in: the dashboard, not the sign-in form.
    page.wait_for_url(f"**{reverse('dashboard')}")
    shoot(page, "onboarding-dashboard-no-company")

    # A number that is no customer's is told plainly, next to the field, what was typed kept.
    ask_for_access(page, "C-999999", invoice.number)
    error = page.locator("#id_customer_number_error")
    with translation.override("ro"):
        assert error.inner_text() == str(AccountError.UNKNOWN_NUMBER.label)
    assert page.input_value("input[name=customer_number]") == "C-999999"
    shoot(page, "onboarding-unknown-number")

    ask_for_access(page, alfa.number, invoice.number)
    page.wait_for_url(f"**{reverse('access_list')}")
    # Pending: which company the number belongs to is not shown yet.
    assert alfa.number in page.inner_text("main")
    assert alfa.name not in page.inner_text("main")
    page.goto(reverse("dashboard"))
    assert page.locator(f"main .waiting a[href='{reverse('access_list')}']").count() == 1
    assert alfa.name not in page.inner_text("main")

    staff = page.context.browser.new_context(base_url=live_server.url)
    staff_page = staff.new_page()
    sign_in(staff_page, staff_user.email, PASSWORD)
    staff_page.goto(reverse("backoffice:access_queue"))
    access = AccessRequest.objects.get(user__email=NEWCOMER)
    detail = reverse("backoffice:access_detail", args=[access.public_id])
    staff_page.click(f"main a[href='{detail}']")
    staff_page.check("input[name=decision][value=grant]")
    staff_page.check(f"input[name=grants][value={G.INVOICES}]")
    shoot(staff_page, "onboarding-staff-grants")
    staff_page.click("main form button[type=submit]")
    staff_page.wait_for_url(f"**{reverse('backoffice:access_queue')}*")
    staff.close()

    page.goto(reverse("billing:list"))
    assert invoice.number in page.inner_text("main")
    page.click(f"main a[href='{reverse('billing:detail', args=[invoice.number])}']")
    page.wait_for_url(f"**{reverse('billing:detail', args=[invoice.number])}")
    shoot(page, "onboarding-invoice")
    page.goto(reverse("access_list"))
    assert alfa.name in page.inner_text("main")


def test_a_customer_admin_resends_one_invitation_and_revokes_another(page, smtp):
    admin = MembershipFactory(all_grants=True, account__name="Alfa Industries SRL")
    actor = Actor.of_user(admin.user)
    kept, dropped = (
        services.invitation_create(actor=actor, account=admin.account, email=to, grants=[G.ORDERS])
        for to in ("radu.stan@alfa.example", "dan.pop@alfa.example")
    )
    sign_in(page, admin.user.email, PASSWORD)
    page.goto(reverse("company_users", args=[admin.account.public_id]))
    shoot(page, "onboarding-company-users")
    resend = reverse("company_invitation_resend", args=[admin.account.public_id, kept.pk])
    revoke = reverse("company_invitation_revoke", args=[admin.account.public_id, dropped.pk])

    page.click(f"main form[action='{resend}'] button[type=submit]")
    page.wait_for_load_state()
    page.click(f"main form[action='{revoke}'] button[type=submit]")
    page.wait_for_load_state()

    run_tasks()
    first, again = (
        link_path(text_of(message), r"/invitation/") for message in received(smtp, kept.email)
    )
    # Sent again is a new link; the old one and the withdrawn one no longer open.
    assert page.goto(first).status == 404
    assert (
        page.goto(link_path(text_of(received(smtp, dropped.email)[0]), r"/invitation/")).status
        == 404
    )
    assert page.goto(again).ok
    assert Invitation.objects.get(pk=dropped.pk).revoked_at is not None
