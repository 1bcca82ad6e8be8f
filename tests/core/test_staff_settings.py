"""The vendor settings page under /staff/settings/: the vendor admin's, written by a service
that records what changed and drops the cached configuration at once."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clientdesk.core.events import ConfigEvent
from clientdesk.core.models import Event, VendorConfig
from clientdesk.core.staff.forms import VendorConfigForm
from tests.staff import REFUSED, answers, form_post, vendor_admin

pytestmark = pytest.mark.django_db

URL = "/staff/settings/"


@pytest.fixture
def admin_client(client):
    client.force_login(vendor_admin(email="admin@vendor.test"))
    return client


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def posted(**changes):
    """Every field of the page as it shows the configuration now, with ``changes``."""
    form = VendorConfigForm(instance=VendorConfig.objects.get_or_create(pk=1)[0])
    return {**form_post(form), **changes}


def png(size=(40, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d4f91").save(buffer, "PNG")
    return SimpleUploadedFile("brand.png", buffer.getvalue(), content_type="image/png")


def test_the_page_is_the_vendor_admins_alone(client):
    assert reverse("settings_staff:vendor") == URL
    assert answers(client, URL) == REFUSED
    client.force_login(vendor_admin())
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    for label in ("Identity", "Colours", "Customer support", "Calendar", "Addresses", "Contracts"):
        assert f"<h2>{label}</h2>" in page


def test_a_save_changes_the_row_records_the_diff_and_recolours_every_page(admin_client):
    assert "#1d4f91" in admin_client.get(reverse("brand_css")).content.decode()
    response = admin_client.post(URL, posted(primary_colour="#004400", support_phone="021 555"))
    assert response.status_code == 302
    config = VendorConfig.objects.get()
    assert (config.primary_colour, config.support_phone) == ("#004400", "021 555")
    event = Event.objects.get(kind=ConfigEvent.VENDOR_CHANGED)
    assert event.actor_user.email == "admin@vendor.test"
    assert event.data == {
        "changed": {"primary_colour": ["#1d4f91", "#004400"], "support_phone": ["", "021 555"]}
    }
    assert event.audit_seq is not None
    # No copy of the old configuration survives, in this process or in the cache.
    assert "--brand:#004400" in admin_client.get(reverse("brand_css")).content.decode()
    assert "?v=004400" in admin_client.get(URL).content.decode()


def test_saving_what_is_there_records_nothing(admin_client):
    assert admin_client.post(URL, posted()).status_code == 302
    assert not Event.objects.filter(kind=ConfigEvent.VENDOR_CHANGED).exists()


def test_a_bad_value_is_shown_next_to_its_field_and_everything_typed_stays(admin_client):
    response = admin_client.post(URL, posted(primary_colour="blue", name="Vânzări Noi SRL"))
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_primary_colour_error"' in page
    assert "Enter a colour as #RRGGBB." in page
    assert 'value="blue"' in page
    assert 'value="Vânzări Noi SRL"' in page
    assert VendorConfig.objects.get().name == "clientdesk"
    assert not Event.objects.filter(kind=ConfigEvent.VENDOR_CHANGED).exists()


def test_a_logo_is_taken_for_what_its_bytes_are(admin_client):
    response = admin_client.post(URL, {**posted(), "logo": png()})
    assert response.status_code == 302
    config = VendorConfig.objects.get()
    assert config.logo.name.startswith("brand/logo") and config.logo.name.endswith(".png")
    assert Event.objects.get(kind=ConfigEvent.VENDOR_CHANGED).data["changed"]["logo"] == [
        "",
        config.logo.name,
    ]
    assert admin_client.get(reverse("brand_logo")).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"<svg onload='alert(1)'/>", "image/png"),
            "Upload the logo as a PNG, JPEG or WebP image.",
        ),
        (
            SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 1024 * 1024, "image/png"),
            "The logo may be at most 1.0",
        ),
    ],
    ids=["not-an-image", "too-large"],
)
def test_a_logo_that_is_not_an_image_or_too_large_is_refused_on_its_field(
    admin_client, upload, message
):
    response = admin_client.post(URL, {**posted(name="Nou"), "logo": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_logo_error"' in page and message in page
    assert 'value="Nou"' in page
    assert not VendorConfig.objects.get().logo
    assert not Event.objects.filter(kind=ConfigEvent.VENDOR_CHANGED).exists()


def test_the_logo_can_be_removed(admin_client):
    admin_client.post(URL, {**posted(), "logo": png()})
    assert "Remove the logo" in admin_client.get(URL).content.decode()
    admin_client.post(URL, posted(remove_logo="on"))
    assert not VendorConfig.objects.get().logo


def test_the_page_costs_the_same_queries_every_time(admin_client, django_assert_num_queries):
    admin_client.get(URL)
    with django_assert_num_queries(5):
        assert admin_client.get(URL).status_code == 200
