"""core.rows.urls_of: the URL reverse() gives, with one reverse() for a whole table."""

import uuid
from html import escape

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path, register_converter, reverse

from clientdesk.core.rows import UUID_SAMPLE, urls_of

# Numbers as an ERP may send them: a slash, a space, diacritics, characters a URL escapes.
NUMBERS = ["FV-2026-000123", "FV/2026/0001", "A B", "Ș/ț?#%", "x\ny", "a&b'\"<>", "~:@!$()*+,;="]


@pytest.mark.parametrize("number", NUMBERS)
def test_an_invoice_numbers_url_is_the_one_reverse_gives(number):
    url_of = urls_of("billing:detail", "FV-1")
    assert url_of(number) == escape(reverse("billing:detail", args=[number]))


def test_ids_and_request_numbers():
    public_id = uuid.uuid4()
    assert urls_of("orders:detail", UUID_SAMPLE)(public_id) == reverse(
        "orders:detail", args=[public_id]
    )
    assert urls_of("contracts:detail", UUID_SAMPLE)(public_id) == reverse(
        "contracts:detail", args=[public_id]
    )
    assert urls_of("support_staff:detail", "REQ-0000-000000")("REQ-2026-000042") == reverse(
        "support_staff:detail", args=["REQ-2026-000042"]
    )


class LowerCase:
    """A converter that writes its value otherwise than it was given."""

    regex = "[a-z]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value.lower()


register_converter(LowerCase, "test_lower_case")
urlpatterns = [path("<test_lower_case:name>/", lambda request, name: HttpResponse(), name="x")]


@override_settings(ROOT_URLCONF=__name__)
def test_a_sample_the_route_writes_otherwise_is_refused():
    assert urls_of("x", "abc")("def") == "/def/"
    with pytest.raises(ValueError, match="does not appear"):
        urls_of("x", "ABC")
