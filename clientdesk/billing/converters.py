"""The URL converter of an invoice number, for the pages and the customer API.

An ERP's numbers may hold a slash (FV/2026/0001), so the number may span path segments
(the longer routes, ``.../pdf``, come first). It matches a line break too, unlike Django's
``path``: whatever number is asked for reaches the view, which answers 404 (JSON in the
API) for one that does not exist, rather than no route matching at all.
"""

from django.urls import register_converter


class InvoiceNumberConverter:
    regex = r"[\s\S]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


INVOICE_NUMBER = "invoice_number"
register_converter(InvoiceNumberConverter, INVOICE_NUMBER)
