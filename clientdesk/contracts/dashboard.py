"""What the dashboard counts for contracts: the approvals and signatures whose turn is the
user's, linked to their list."""

from django.urls import reverse
from django.utils.translation import ngettext

from clientdesk.contracts import queries
from clientdesk.contracts.models import SignatureStep
from clientdesk.core import grants as G
from clientdesk.core.navigation import Waiting


def customer_waiting(user, held: frozenset[str]) -> list[Waiting]:
    """Two queries (the open requests with the user in them, their steps)."""
    if not held & {G.CONTRACTS_SIGN, G.CONTRACTS_APPROVE}:
        return []
    steps = [step for _request, step in queries.signatures_waiting(user)]
    signs = sum(1 for step in steps if step.role == SignatureStep.Role.SIGN)
    approvals = len(steps) - signs
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
