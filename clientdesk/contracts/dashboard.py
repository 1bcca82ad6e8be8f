"""What the dashboard counts for contracts: the approvals and signatures whose turn is the
user's, linked to their list."""

from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.contracts import queries
from clientdesk.contracts.models import SignatureStep
from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """One query: the user's current steps, counted by role."""
    if not held & {G.CONTRACTS_SIGN, G.CONTRACTS_APPROVE}:
        return []
    counts = queries.steps_waiting_by_role(user)
    signs = counts.pop(SignatureStep.Role.SIGN, 0)
    approvals = sum(counts.values())
    url = reverse("contracts:signatures")
    found = []
    if signs:
        text = ngettext(
            "%(count)s contract waits for your signature",
            "%(count)s contracts wait for your signature",
            signs,
        )
        found.append(Waiting(text % {"count": signs}, f"{url}?role=sign", signs, urgent=True))
    if approvals:
        text = ngettext(
            "%(count)s contract waits for your approval",
            "%(count)s contracts wait for your approval",
            approvals,
        )
        found.append(
            Waiting(text % {"count": approvals}, f"{url}?role=approve", approvals, urgent=True)
        )
    return found
