"""The e-invoice XML: UBL 2.1 valid, with zero fatal EN 16931 / CIUS-RO assertions."""

from decimal import Decimal

import pytest
from lxml import etree

from clientdesk.billing import einvoice
from clientdesk.billing.models import BillingSettings
from tests.billing.factories import credit_note, issue, line
from tests.billing.validation import fatal_assertions, schema_errors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("ro_vendor")]
NS = {"cbc": einvoice.CBC, "cac": einvoice.CAC}


def valid(invoice) -> etree._Element:
    xml = einvoice.xml_bytes(invoice)
    assert schema_errors(xml) == []
    assert fatal_assertions(xml) == []
    return etree.fromstring(xml)


def test_an_invoice_with_several_vat_rates_is_valid_and_carries_the_stored_totals(alfa):
    invoice = issue(
        alfa,
        lines=[
            line(1, "2", "100", "21"),
            line(2, "3", "12.345", "11"),
            line(3, "1", "5", "0", "Z"),
        ],
    )
    root = valid(invoice)
    assert root.findtext("cbc:CustomizationID", namespaces=NS) == einvoice.CIUS_RO
    payable = root.findtext("cac:LegalMonetaryTotal/cbc:PayableAmount", namespaces=NS)
    assert Decimal(payable) == invoice.total


def test_a_reverse_charge_line_is_valid(alfa):
    valid(issue(alfa, lines=[line(1, "1", "100", "21"), line(2, "4", "250", "0", "AE")]))


def test_a_eur_invoice_gives_its_vat_in_ron_too(alfa):
    invoice = issue(alfa, currency="EUR", exchange_rate=Decimal("4.9750"))
    root = valid(invoice)
    amounts = root.findall("cac:TaxTotal/cbc:TaxAmount", namespaces=NS)
    assert [(a.get("currencyID"), a.text) for a in amounts] == [
        ("EUR", "38.00"),
        ("RON", "189.05"),
    ]


def test_a_credit_note_is_valid_and_names_the_invoice_it_corrects(alfa):
    invoice = issue(alfa)
    note = credit_note(alfa, invoice, lines=[line(quantity="1")])
    root = valid(note)
    assert (
        root.findtext("cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID", namespaces=NS)
        == invoice.number
    )


def test_the_validation_catches_a_broken_document(alfa):
    """The checks above are real: a document CIUS-RO refuses gets its rule named."""
    root = einvoice.document(issue(alfa))
    root.find("cbc:DocumentCurrencyCode", namespaces=NS).text = "EUR"  # no RON VAT with it
    xml = etree.tostring(root)
    assert any(error.startswith("BR-RO-030") for error in fatal_assertions(xml))


def test_the_download_is_offered_only_where_the_vendor_enables_it(client, alfa, alfa_admin):
    from django.urls import reverse

    invoice = issue(alfa, number="CTS-2026-000777")
    url = reverse("billing:xml", args=[invoice.number])
    client.force_login(alfa_admin)
    response = client.get(url)
    assert response["Content-Disposition"] == 'attachment; filename="CTS-2026-000777.xml"'
    assert fatal_assertions(response.content) == []
    BillingSettings.objects.filter(pk=1).update(einvoice_enabled=False)
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("billing:detail", args=[invoice.number])).content.decode()


def test_another_customer_and_a_colleague_without_the_grant_get_404(
    client, alfa, beta_user, alfa_limited
):
    from django.urls import reverse

    url = reverse("billing:xml", args=[issue(alfa).number])
    for outsider in (beta_user, alfa_limited):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
