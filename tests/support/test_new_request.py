"""Filing a request: the type's form, pre-filled, validated, numbered, routed, stored."""

import re
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from clientdesk.core.models import Event
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import RequestType, Status, SupportRequest
from clientdesk.support.sla import vendor_calendar
from tests.factories import MembershipFactory

pytestmark = pytest.mark.usefixtures("general_types")


def new_url(code: str) -> str:
    return f"{reverse('support:new')}?type={code}"


def valid_data(account, **extra) -> dict:
    return {
        "account": account.pk,
        "subject": "Scanarea nu mai merge",
        "description": "Din dimineața asta scanarea în folderul partajat dă eroare.",
        "contact_name": "Ioana Pop",
        "contact_email": "ioana@alfa.example",
        "contact_phone": "0722 555 101",
        **extra,
    }


def test_the_form_is_pre_filled_from_the_profile_and_names_the_only_account(
    client, alfa_admin, alfa
):
    client.force_login(alfa_admin)
    page = client.get(new_url("general-question")).content.decode()
    assert f'value="{alfa_admin.email}"' in page
    assert f'value="{alfa_admin.get_full_name()}"' in page
    assert f'type="hidden" name="account" value="{alfa.pk}"' in page
    assert alfa.number in page


def test_a_user_of_several_accounts_chooses_one_and_files_for_it(client, alfa_admin, alfa):
    other = MembershipFactory(user=alfa_admin, grant_requests=True).account
    client.force_login(alfa_admin)
    page = client.get(new_url("general-question")).content.decode()
    assert '<select name="account"' in page
    client.post(new_url("general-question"), valid_data(other))
    assert SupportRequest.objects.get().account == other


def test_a_filed_request_gets_a_number_a_queue_and_its_targets(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    response = client.post(new_url("invoice-question"), valid_data(
        alfa, invoice_number="CTS-2026-004518", topic="amount"
    ))  # fmt: skip
    created = SupportRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("support:detail", args=[created.number])
    assert re.fullmatch(r"REQ-\d{4}-\d{6}", created.number)
    invoice_type = RequestType.objects.get(code="invoice-question")
    assert created.queue == invoice_type.queue
    assert created.status == Status.NEW
    assert created.details == {"invoice_number": "CTS-2026-004518", "topic": "amount"}
    assert created.contact_phone == "+40 722 555 101"
    calendar = vendor_calendar()
    assert created.first_response_due == calendar.add(created.created_at, 8)
    assert created.resolution_due == calendar.add(created.created_at, 24)
    assert Event.objects.about(created).get().kind == RequestEvent.CREATED


def test_bad_input_is_explained_next_to_the_field_and_what_was_typed_stays(
    client, alfa_admin, alfa
):
    client.force_login(alfa_admin)
    data = valid_data(alfa, contact_email="not-an-address", description="Scanarea dă eroare 0x7")
    response = client.post(new_url("general-question"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_contact_email_error"' in page
    assert "Scanarea dă eroare 0x7" in page
    assert 'value="Scanarea nu mai merge"' in page
    assert not SupportRequest.objects.exists()


def test_a_kind_rule_refuses_a_preferred_date_on_a_weekend(client, alfa_admin, alfa):
    saturday = date.today() + timedelta(days=(5 - date.today().weekday()) % 7 or 7)
    client.force_login(alfa_admin)
    data = valid_data(alfa, service="training", preferred_date=saturday.isoformat())
    page = client.post(new_url("support-services"), data).content.decode()
    assert 'id="id_preferred_date_error"' in page
    assert "weekend" in page
    assert not SupportRequest.objects.exists()


def test_an_account_the_user_has_no_request_grant_on_cannot_be_chosen(
    client, alfa_admin, alfa, beta_user
):
    beta = beta_user.memberships.get().account
    client.force_login(alfa_admin)
    response = client.post(new_url("general-question"), valid_data(beta))
    assert response.status_code == 200
    assert "Customer account: Select a valid choice" in response.content.decode()
    assert not SupportRequest.objects.exists()


def test_a_user_without_the_requests_grant_is_asked_to_get_access(client, alfa_orders_only):
    client.force_login(alfa_orders_only)
    response = client.get(new_url("general-question"))
    assert response.status_code == 200
    assert reverse("access_new") in response.content.decode()
    assert client.post(new_url("general-question"), {}).status_code == 200
    assert not SupportRequest.objects.exists()


def test_without_a_type_or_with_an_inactive_one_the_user_chooses_among_active_types(
    client, alfa_admin
):
    RequestType.objects.filter(code="order-delivery").update(active=False)
    client.force_login(alfa_admin)
    page = client.get(new_url("order-delivery")).content.decode()
    assert f'href="{new_url("general-question")}"' in page
    assert f'href="{new_url("order-delivery")}"' not in page
    assert "That request type is not available" in page


def test_files_sent_with_the_request_are_checked_and_kept_privately(
    client, alfa_admin, alfa, settings
):
    client.force_login(alfa_admin)
    upload = SimpleUploadedFile("scan.pdf", b"%PDF-1.7\n%test\n", content_type="application/pdf")
    client.post(new_url("general-question"), {**valid_data(alfa), "attachments": [upload]})
    attachment = SupportRequest.objects.get().attachments.get()
    assert attachment.content_type == "application/pdf"
    path = attachment.file.path
    assert path.startswith(str(settings.VAR_DIR / "private"))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert "scan" not in path


def test_a_refused_file_is_explained_and_nothing_is_filed(client, alfa_admin, alfa):
    client.force_login(alfa_admin)
    program = SimpleUploadedFile("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00")
    response = client.post(
        new_url("general-question"), {**valid_data(alfa), "attachments": [program]}
    )
    page = response.content.decode()
    assert 'id="id_attachments_error"' in page
    assert "not a file type we accept" in page
    assert "choose them again" in page
    assert not SupportRequest.objects.exists()


def test_details_can_start_filled_in_from_a_link(client, alfa_admin):
    client.force_login(alfa_admin)
    url = new_url("maintenance-quote") + "&serial_number=78A1B2C&subject=Ofert%C4%83"
    page = client.get(url).content.decode()
    assert 'value="78A1B2C"' in page
    assert 'value="Ofertă"' in page
