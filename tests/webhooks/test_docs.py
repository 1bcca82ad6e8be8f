"""docs/webhooks.md's ten lines of plain Python check a message the portal really sent."""

import re
from pathlib import Path

import pytest

from clientdesk.webhooks import delivery, signing
from tests.webhooks.helpers import change_order

DOCS = Path(__file__).resolve().parents[2] / "docs" / "webhooks.md"
pytestmark = pytest.mark.django_db


def documented_verify():
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(), flags=re.S)
    namespace: dict = {}
    exec(next(block for block in blocks if "def verify" in block), namespace)  # noqa: S102
    return namespace["verify"]


def test_the_documented_check_accepts_a_real_message_and_refuses_a_changed_one(
    endpoint, order, receiver
):
    change_order(order)
    delivery.sweep()
    [request] = receiver.received
    verify = documented_verify()

    assert verify(endpoint.secret, request.headers, request.body)
    assert not verify(endpoint.secret, request.headers, request.body.replace(b"}", b" }", 1))
    assert not verify(signing.new_secret(), request.headers, request.body)
