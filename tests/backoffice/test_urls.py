"""The staff workspace assembles the apps' staff pages under /staff/."""

import uuid

import pytest
from django.urls import reverse

SOME_ID = uuid.UUID("8c3e7a52-0d5b-4c1e-9a0e-3f1b2c4d5e6f")


@pytest.mark.parametrize(
    ("name", "args", "path"),
    [
        ("backoffice:home", [], "/staff/"),
        ("backoffice:access_queue", [], "/staff/access/"),
        ("backoffice:access_detail", [SOME_ID], f"/staff/access/{SOME_ID}/"),
        ("backoffice:outbox", [], "/staff/outbox/"),
        ("backoffice:outbox_message", [7], "/staff/outbox/7/"),
        ("support_staff:queue", [], "/staff/requests/"),
    ],
)
def test_the_staff_pages_keep_their_names_and_addresses(name, args, path):
    assert reverse(name, args=args) == path
