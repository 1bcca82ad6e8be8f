"""The demo data: requests in every state for both customers, with talk and files; idempotent."""

import pytest

from clientdesk.accounts import demo as accounts_demo
from clientdesk.support import demo
from clientdesk.support.models import Attachment, DeflectionEvent, Message, Status, SupportRequest

pytestmark = pytest.mark.usefixtures("general_types")


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (SupportRequest, Message, Attachment, DeflectionEvent)
    )


def test_every_state_for_both_customers_with_conversations_and_files_loaded_once(db):
    accounts_demo.load()
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first

    for number in ("C-100245", "C-100318"):
        statuses = set(
            SupportRequest.objects.filter(account__number=number).values_list("status", flat=True)
        )
        assert statuses == set(Status.values)
    assert Message.objects.filter(internal=True).exists()
    assert Message.objects.filter(from_staff=False).exists()
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as stored:
            assert stored.read() != b""
    resolved = SupportRequest.objects.filter(status=Status.RESOLVED)
    assert all(r.resolved_at and r.first_response_at for r in resolved)
    closed = SupportRequest.objects.filter(status=Status.CLOSED)
    assert all(r.closed_at and r.satisfaction for r in closed)
