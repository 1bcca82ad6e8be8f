"""The dashboard with the demo data: every count of what waits links to the list it counts.

A customer's counts (requests waiting on them, signatures and approvals, orders on their
way, a pending access request) and a staff member's (their queues, what is overdue or due
soon, access requests waiting) are each followed to their list, which shows as many.
"""

import re
from collections import Counter
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from clientdesk.accounts.models import User
from clientdesk.contracts.models import SignatureStep
from clientdesk.support.models import OPEN_STATUSES, SupportRequest
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.e2e.journeys import DEMO_PASSWORD, shoot, sign_in

ANA = "ana.popescu@alfa.example"


@pytest.fixture
def scene(demo):
    """The demo data, and what it lacks: contracts waiting on Ana, requests past and near
    their target in the agent's queues."""
    ana = User.objects.get(email=ANA)
    account = ana.memberships.get().account
    sign, approve = SignatureStep.Role.SIGN, SignatureStep.Role.APPROVE
    for steps in ([(sign, ana)], [(approve, ana), (sign, ana)]):
        signature_request_for(ContractFactory(account=account), steps)
    now = timezone.now()
    open_requests = SupportRequest.objects.filter(status__in=OPEN_STATUSES).order_by("pk")
    past, near = open_requests[:2]
    SupportRequest.objects.filter(pk=past.pk).update(resolution_due=now - timedelta(hours=1))
    SupportRequest.objects.filter(pk=near.pk).update(
        first_response_at=None, first_response_due=now + timedelta(minutes=30)
    )


def waiting(page) -> list[tuple[int, str]]:
    """Each count and where it leads; an access request is one per line, its number no count."""
    found = []
    for item in page.locator("main .waiting__item").all():
        count = re.search(r"(?:^|\s)(\d+)\s", item.inner_text())
        found.append((int(count.group(1)) if count else 1, item.get_attribute("href")))
    return found


def listed(page, href: str) -> int:
    page.goto(href)
    # The access page lists the user's companies first, then their requests.
    if href == reverse("access_list"):
        return page.locator("main [aria-labelledby=access-requests] .badge--pending").count()
    return page.locator("main tbody tr, main li.card").count()


def counts_lead_to_lists(page, email: str) -> list[str]:
    """Follows each count: its list shows as many."""
    sign_in(page, email, DEMO_PASSWORD)
    page.goto(reverse("dashboard"))
    shoot(page, f"dashboard-{email.split('@')[0]}")
    found = waiting(page)
    expected = Counter()
    for count, href in found:
        expected[href] += count
    assert expected, f"nothing waits for {email}"
    assert {href: listed(page, href) for href in expected} == expected
    return [href for _count, href in found]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_customers_counts_lead_to_their_filtered_lists(page, scene):
    links = counts_lead_to_lists(page, ANA)
    assert f"{reverse('support:list')}?status=waiting" in links
    signatures = reverse("contracts:signatures")
    assert {f"{signatures}?role=sign", f"{signatures}?role=approve"} <= set(links)
    assert any(href.startswith(f"{reverse('orders:list')}?status=") for href in links)
    # Invoices: the tile carries the open and overdue amounts.
    page.goto(reverse("dashboard"))
    invoices = page.locator(f"main a.tile[href='{reverse('billing:list')}'] .tile__figures")
    assert invoices.count() == 1 and re.search(r"\d", invoices.inner_text())

    # Mihai's access request, waiting: its state on his dashboard.
    assert reverse("access_list") in counts_lead_to_lists(page, "mihai.ionescu@alfa.example")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_staff_counts_lead_to_their_queues(page, scene):
    links = counts_lead_to_lists(page, "agent@vendor.example")
    assert any("queue=customer-support" in href for href in links)
    assert any("overdue=on" in href for href in links)
    assert any("due_soon=on" in href for href in links)
    links = counts_lead_to_lists(page, "contracts@vendor.example")
    assert f"{reverse('backoffice:access_queue')}?status=pending" in links
