"""What the dashboard counts for access: a user's own requests still waiting for the
vendor, and, for the staff who decide them, how many wait."""

from django.urls import reverse
from django.utils.translation import gettext, ngettext

from clientdesk.accounts.models import AccessRequest
from clientdesk.core.navigation import Waiting

SHOWN = 5  # a person has one or two pending at most; the list page has them all


def access_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query for a customer (their pending requests); for staff who decide access, the
    permission check and one count."""
    pending = AccessRequest.objects.filter(status=AccessRequest.Status.PENDING)
    if user.is_staff:
        if not user.has_perm("accounts.decide_accessrequest"):
            return []
        count = pending.count()
        text = ngettext(
            "%(count)s access request waits for a decision",
            "%(count)s access requests wait for a decision",
            count,
        ) % {"count": count}
        url = f"{reverse('backoffice:access_queue')}?status={AccessRequest.Status.PENDING}"
        return [Waiting(text, url, count)]
    mine = pending.filter(user=user).order_by("created_at")[:SHOWN]
    return [
        Waiting(
            gettext("Your access request for customer %(number)s waits for our decision")
            % {"number": access.customer_number},
            reverse("access_list"),
            1,
        )
        for access in mine
    ]
