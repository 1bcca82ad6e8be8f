"""The billing settings page under /staff/settings/billing/: the vendor admin's; IBAN and VAT
number checked, every change recorded, audited, with what changed."""

import pytest
from django.urls import reverse

from clientdesk.billing.events import BillingSettingsEvent
from clientdesk.billing.models import BillingSettings
from clientdesk.core.models import Event
from tests.staff import REFUSED, answers, vendor_admin

pytestmark = pytest.mark.django_db

URL = "/staff/settings/billing/"


@pytest.fixture
def admin_client(client):
    client.force_login(vendor_admin(email="admin@vendor.test"))
    client.get(URL)  # the session learns the navigation's grants
    return client


def settings_post(**changes):
    return {
        "einvoice_enabled": "on",
        "vat_number": "RO18674021",
        "registration_number": "J40/12345/2006",
        "iban": "RO49 AAAA 1B31 0075 9384 0000",
        "bank_name": "Banca Transilvania",
        "street": "Strada Fabricii de Chibrituri 24",
        "city": "Sector 5",
        "county_code": "ro-b",
        "postal_code": "050183",
        "country": "RO",
        "payment_terms_days": "30",
        **changes,
    }


def test_the_page_is_the_vendor_admins_alone(client):
    assert reverse("billing_staff:settings") == URL
    assert answers(client, URL) == REFUSED
    client.force_login(vendor_admin())
    assert client.get(URL).status_code == 200


def test_a_save_changes_the_row_and_records_the_diff(admin_client):
    assert admin_client.post(URL, settings_post()).status_code == 302
    settings = BillingSettings.get()
    assert (settings.iban, settings.county_code) == ("RO49AAAA1B31007593840000", "RO-B")
    event = Event.objects.get(kind=BillingSettingsEvent.CHANGED)
    assert event.actor_user.email == "admin@vendor.test" and event.audit_seq is not None
    assert event.data["changed"]["einvoice_enabled"] == [False, True]
    assert event.data["changed"]["iban"] == ["", "RO49AAAA1B31007593840000"]
    assert admin_client.post(URL, settings_post()).status_code == 302
    assert Event.objects.filter(kind=BillingSettingsEvent.CHANGED).count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("iban", "RO49AAAA1B31007593840001", "This IBAN is not valid; check its digits."),
        ("vat_number", "RO18674022", "This VAT number is not valid"),
        ("county_code", "B", "Write the county as its ISO 3166-2 code"),
        ("payment_terms_days", "-3", "Ensure this value is greater than or equal to 0."),
    ],
)
def test_a_bad_value_is_shown_next_to_its_field_with_the_input_kept(
    admin_client, field, value, message
):
    response = admin_client.post(URL, settings_post(**{field: value}, bank_name="Kept Bank"))
    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page and message in page
    assert 'value="Kept Bank"' in page
    assert not Event.objects.filter(kind=BillingSettingsEvent.CHANGED).exists()
    assert BillingSettings.get().bank_name == ""


def test_the_page_costs_the_same_queries_every_time(admin_client, django_assert_num_queries):
    with django_assert_num_queries(5):
        admin_client.get(URL)
