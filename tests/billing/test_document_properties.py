"""For any lines: the XML passes UBL and CIUS-RO and carries the database's totals; so does
the PDF's text (hypothesis)."""

import io
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

from clientdesk.billing import documents, einvoice
from clientdesk.billing.templatetags.billing import money
from tests.billing.factories import issue, line
from tests.billing.test_einvoice import NS
from tests.billing.validation import fatal_assertions, schema_errors

KINDS = st.sampled_from([("21", "S"), ("11", "S"), ("0", "Z"), ("0", "AE")])
LINES = st.lists(
    st.tuples(
        st.decimals(min_value="0.001", max_value="500", places=3),
        st.decimals(min_value="0", max_value="99999", places=4),
        KINDS,
    ),
    min_size=1,
    max_size=6,
)
SLOW = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
pytestmark = pytest.mark.usefixtures("ro_vendor")


def lines_of(spec):
    return [
        line(n, str(quantity), str(price), rate, category)
        for n, (quantity, price, (rate, category)) in enumerate(spec, 1)
    ]


@pytest.mark.django_db
@settings(max_examples=20, deadline=None, suppress_health_check=SLOW)
@given(spec=LINES, eur=st.booleans())
def test_the_xml_is_valid_and_its_totals_are_the_databases(alfa, spec, eur):
    currency = {"currency": "EUR", "exchange_rate": Decimal("4.9771")} if eur else {}
    invoice = issue(alfa, lines=lines_of(spec), **currency)
    xml = einvoice.xml_bytes(invoice)
    assert schema_errors(xml) == []
    assert fatal_assertions(xml) == []
    totals = etree.fromstring(xml).find("cac:LegalMonetaryTotal", namespaces=NS)
    assert Decimal(totals.findtext("cbc:TaxExclusiveAmount", namespaces=NS)) == invoice.net_total
    assert Decimal(totals.findtext("cbc:PayableAmount", namespaces=NS)) == invoice.total


@pytest.mark.django_db
@settings(max_examples=4, deadline=None, suppress_health_check=SLOW)
@given(spec=LINES)
def test_the_pdfs_totals_are_the_databases(alfa, spec):
    invoice = issue(alfa, lines=lines_of(spec))
    content = documents.invoice_pdf(documents.invoice_for_document(invoice.pk))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    text = text.replace("\u00a0", " ")
    for amount in (invoice.net_total, invoice.vat_total, invoice.total):
        assert money(amount).replace("\u00a0", " ") in text
