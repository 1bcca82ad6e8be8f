"""Fixtures of the billing tests."""

import pytest

from clientdesk.billing.models import BillingSettings
from clientdesk.core.models import VendorConfig


@pytest.fixture
def ro_vendor(alfa):
    """A Romanian vendor offering the e-invoice, and Alfa with a full RO address."""
    vendor = VendorConfig.get()
    vendor.legal_name = "Carpatia Tech Services SRL"
    vendor.save()
    BillingSettings.objects.update_or_create(
        pk=1,
        defaults={
            "einvoice_enabled": True,
            "vat_number": "RO18674021",
            "registration_number": "J40/12345/2006",
            "iban": "RO49AAAA1B31007593840000",
            "street": "Strada Fabricii de Chibrituri 24",
            "city": "Sector 5",
            "county_code": "RO-B",
            "postal_code": "050183",
        },
    )
    alfa.tax_id = "RO14458939"
    alfa.address = "Strada Fabricii 46"
    alfa.city = "Cluj-Napoca"
    alfa.county = "Cluj"
    alfa.postal_code = "400632"
    alfa.save()
