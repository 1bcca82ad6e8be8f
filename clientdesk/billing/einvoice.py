"""The e-invoice: an invoice or credit note as UBL 2.1 XML, EN 16931, CIUS-RO for RO vendors.

Every figure is the stored one (see money.py for how it was computed), so the XML, the
PDF and the pages agree to the cent. For a document in another currency than RON the
VAT is given a second time in RON (BT-111), at the document's exchange rate, as
CIUS-RO requires (BR-RO-030).
"""

from decimal import Decimal

from lxml import etree

from clientdesk.billing.counties import bucharest_sector, iso_code
from clientdesk.billing.models import BillingSettings, Invoice
from clientdesk.billing.money import cents, totals
from clientdesk.core.models import VendorConfig

CIUS_RO = "urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1"
EN16931 = "urn:cen.eu:en16931:2017"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
ROOTS = {
    Invoice.Kind.INVOICE: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    Invoice.Kind.CREDIT_NOTE: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
EXEMPTION = {"AE": ("VATEX-EU-AE", "Taxare inversă")}
CREDIT_TRANSFER = "30"


def _cbc(parent, name: str, text, **attrs) -> etree._Element:
    element = etree.SubElement(parent, f"{{{CBC}}}{name}", **attrs)
    element.text = str(text)
    return element


def _cac(parent, name: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{CAC}}}{name}")


def _amount(parent, name: str, value: Decimal, currency: str) -> None:
    _cbc(parent, name, f"{cents(value):.2f}", currencyID=currency)


def _rate(value: Decimal) -> str:
    return f"{Decimal(value):.2f}"


def _address(parent, *, street: str, city: str, postal: str, county: str, country: str) -> None:
    address = _cac(parent, "PostalAddress")
    _cbc(address, "StreetName", street[:150] or "-")
    if country == "RO":
        county = iso_code(county)
        if county == "RO-B":
            city = bucharest_sector(city)
    _cbc(address, "CityName", city[:50] or "-")
    if postal:
        _cbc(address, "PostalZone", postal[:20])
    if county:
        _cbc(address, "CountrySubentity", county)
    _cbc(_cac(address, "Country"), "IdentificationCode", country)


def _party(parent, role: str, *, name: str, vat: str, legal_id: str, **address) -> None:
    party = _cac(_cac(parent, role), "Party")
    _cbc(_cac(party, "PartyName"), "Name", name)
    _address(party, **address)
    if vat:
        scheme = _cac(party, "PartyTaxScheme")
        _cbc(scheme, "CompanyID", vat)
        _cbc(_cac(scheme, "TaxScheme"), "ID", "VAT")
    legal = _cac(party, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", name)
    if legal_id:
        _cbc(legal, "CompanyID", legal_id)


def _tax_category(parent, name: str, category: str, rate: Decimal) -> None:
    element = _cac(parent, name)
    _cbc(element, "ID", category)
    _cbc(element, "Percent", _rate(rate))
    if category in EXEMPTION and name == "TaxCategory":
        code, reason = EXEMPTION[category]
        _cbc(element, "TaxExemptionReasonCode", code)
        _cbc(element, "TaxExemptionReason", reason)
    _cbc(_cac(element, "TaxScheme"), "ID", "VAT")


def document(invoice: Invoice) -> etree._Element:
    """The UBL document of an issued invoice or credit note (its lines prefetched or not)."""
    vendor, billing = VendorConfig.get(), BillingSettings.get()
    credit = invoice.is_credit_note
    root_ns = ROOTS[Invoice.Kind(invoice.kind)]
    root = etree.Element(
        f"{{{root_ns}}}{'CreditNote' if credit else 'Invoice'}",
        nsmap={None: root_ns, "cac": CAC, "cbc": CBC},
    )
    currency = invoice.currency
    _cbc(root, "CustomizationID", CIUS_RO if billing.country == "RO" else EN16931)
    _cbc(root, "ID", invoice.number)
    _cbc(root, "IssueDate", invoice.issued_on.isoformat())
    if not credit:
        _cbc(root, "DueDate", invoice.due_on.isoformat())
    _cbc(root, "CreditNoteTypeCode" if credit else "InvoiceTypeCode", "381" if credit else "380")
    _cbc(root, "DocumentCurrencyCode", currency)
    if currency != "RON":
        _cbc(root, "TaxCurrencyCode", "RON")
    if invoice.po_number:
        _cbc(_cac(root, "OrderReference"), "ID", invoice.po_number)
    if invoice.corrects is not None:
        reference = _cac(_cac(root, "BillingReference"), "InvoiceDocumentReference")
        _cbc(reference, "ID", invoice.corrects.number)
        _cbc(reference, "IssueDate", invoice.corrects.issued_on.isoformat())
    _party(
        root,
        "AccountingSupplierParty",
        name=vendor.legal_name or vendor.name,
        vat=billing.vat_number,
        legal_id=billing.registration_number,
        street=billing.street,
        city=billing.city,
        postal=billing.postal_code,
        county=billing.county_code,
        country=billing.country,
    )
    account = invoice.account
    customer_tax = account.tax_id.strip()
    _party(
        root,
        "AccountingCustomerParty",
        name=account.name,
        vat=customer_tax if customer_tax[:2].isalpha() else "",
        legal_id=customer_tax.removeprefix("RO") if customer_tax else account.number,
        street=account.address,
        city=account.city,
        postal=account.postal_code,
        county=account.county,
        country=str(account.country) or "RO",
    )
    if billing.iban and not credit:
        means = _cac(root, "PaymentMeans")
        _cbc(means, "PaymentMeansCode", CREDIT_TRANSFER)
        _cbc(means, "PaymentID", invoice.number)
        account_element = _cac(means, "PayeeFinancialAccount")
        _cbc(account_element, "ID", billing.iban.replace(" ", ""))
    lines = list(invoice.lines.all())
    sums = totals(lines)
    tax_total = _cac(root, "TaxTotal")
    _amount(tax_total, "TaxAmount", invoice.vat_total, currency)
    for group in sums.groups:
        subtotal = _cac(tax_total, "TaxSubtotal")
        _amount(subtotal, "TaxableAmount", group.taxable, currency)
        _amount(subtotal, "TaxAmount", group.tax, currency)
        _tax_category(subtotal, "TaxCategory", group.category, group.rate)
    if currency != "RON":
        ron = _cac(root, "TaxTotal")
        _amount(ron, "TaxAmount", invoice.vat_total * invoice.exchange_rate, "RON")
    monetary = _cac(root, "LegalMonetaryTotal")
    _amount(monetary, "LineExtensionAmount", invoice.net_total, currency)
    _amount(monetary, "TaxExclusiveAmount", invoice.net_total, currency)
    _amount(monetary, "TaxInclusiveAmount", invoice.total, currency)
    _amount(monetary, "PayableAmount", invoice.total, currency)
    for line in lines:
        element = _cac(root, "CreditNoteLine" if credit else "InvoiceLine")
        _cbc(element, "ID", line.position)
        quantity = f"{line.quantity.normalize():f}"
        _cbc(
            element,
            "CreditedQuantity" if credit else "InvoicedQuantity",
            quantity,
            unitCode=line.unit,
        )
        _amount(element, "LineExtensionAmount", line.net_amount, currency)
        item = _cac(element, "Item")
        if len(line.description) > 100:
            _cbc(item, "Description", line.description)
        _cbc(item, "Name", line.description[:100])
        if line.item_code:
            _cbc(_cac(item, "SellersItemIdentification"), "ID", line.item_code)
        _tax_category(item, "ClassifiedTaxCategory", line.vat_category, line.vat_rate)
        price = _cac(element, "Price")
        _cbc(price, "PriceAmount", f"{line.unit_price.normalize():f}", currencyID=currency)
    return root


def xml_bytes(invoice: Invoice) -> bytes:
    return etree.tostring(document(invoice), xml_declaration=True, encoding="UTF-8")
