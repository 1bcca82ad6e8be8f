"""allauth's messages: the vendor's name, the branded HTML, and one-time links kept from staff."""

import email.message
import re

import pytest
from django.urls import reverse

from clientdesk.core.models import OutboundEmail, VendorConfig
from tests.core.test_mail import run_worker
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def vendor():
    config = VendorConfig.get()
    config.name = "Compania Test"
    config.primary_colour = "#0a5c36"
    config.support_phone = "+40 21 555 0100"
    config.save()
    return config


def parts(message: email.message.Message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def test_a_password_reset_is_signed_with_the_vendors_name_in_the_users_language(
    client, smtp, vendor
):
    user = UserFactory(language="ro")
    client.post(reverse("account_reset_password"), {"email": user.email})
    run_worker()

    body = parts(smtp.messages[0])
    assert "Vă scriem din partea Compania Test." in body["text/plain"]
    assert "Vă scriem din partea ." not in body["text/plain"]
    html = body["text/html"]
    assert "Compania Test" in html
    assert "#0a5c36" in html
    assert "Alegeți o parolă nouă" in html
    assert re.search(r'href="http://testserver/account/password/reset/key/[^"]+/"', html)


def test_an_english_speaker_gets_allauths_message_in_english(client, smtp, vendor):
    user = UserFactory(language="en")
    client.post(reverse("account_reset_password"), {"email": user.email})
    run_worker()

    body = parts(smtp.messages[0])
    assert "Hello from Compania Test!" in body["text/plain"]
    assert 'lang="en"' in body["text/html"]


def test_the_reset_link_is_gone_from_the_outbox_once_sent_and_hidden_until_then(
    client, smtp, vendor, settings
):
    admin = UserFactory(is_staff=True, is_superuser=True)
    user = UserFactory()
    client.post(reverse("account_reset_password"), {"email": user.email})
    message = OutboundEmail.objects.get(to=user.email)
    link = re.search(r"http://testserver/account/password/reset/key/\S+/", message.body_text)[0]
    assert message.holds_secret

    client.force_login(admin)
    pending_page = client.get(reverse("backoffice:outbox_message", args=[message.pk]))
    assert link not in pending_page.content.decode()
    assert "/password/reset/key/" not in pending_page.content.decode()
    admin_page = client.get(reverse("admin:core_outboundemail_change", args=[message.pk]))
    assert "/password/reset/key/" not in admin_page.content.decode()

    run_worker()

    delivered = parts(smtp.messages[0])
    assert link in delivered["text/plain"]
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT
    for stored in (message.body_text, message.body_html):
        assert "/password/reset/key/" not in stored
        assert "[link removed after sending]" in stored or "[linkul a fost" in stored
    sent_page = client.get(reverse("backoffice:outbox_message", args=[message.pk])).content
    assert "/password/reset/key/" not in sent_page.decode()


def test_the_verification_link_of_a_new_address_leaves_the_outbox_once_sent(client, smtp):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("account_email"), {"action_add": "", "email": "ana.nou@alfa.example"})
    message = OutboundEmail.objects.get(to="ana.nou@alfa.example")
    assert message.holds_secret
    assert "/account/confirm-email/" in message.body_text

    run_worker()

    assert "/account/confirm-email/" in parts(smtp.messages[0])["text/plain"]
    message.refresh_from_db()
    assert "/account/confirm-email/" not in message.body_text + message.body_html


def test_a_message_without_a_one_time_link_stays_readable_by_staff(client, smtp, staff_user):
    from clientdesk.accounts import services
    from clientdesk.core.actors import Actor
    from tests.factories import AccessRequestFactory

    access = AccessRequestFactory(user=UserFactory(language="en"))
    services.access_request_refuse(
        actor=Actor.of_user(staff_user), access=access, reason="Numărul nu este al clientului."
    )
    run_worker()

    message = OutboundEmail.objects.get(to=access.user.email)
    assert not message.holds_secret
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("backoffice:outbox_message", args=[message.pk])).content.decode()
    assert "Numărul nu este al clientului." in page


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_an_access_decision_is_branded_in_html_and_text_and_links_to_the_portal(
    smtp, vendor, settings, tmp_path, staff_user
):
    from django.core.files.base import ContentFile

    from clientdesk.accounts import services
    from clientdesk.core.actors import Actor
    from tests.factories import AccessRequestFactory

    settings.MEDIA_ROOT = tmp_path
    vendor.logo.save("logo.png", ContentFile(PNG))
    vendor.save()
    access = AccessRequestFactory(user=UserFactory(language="en"))

    services.access_request_grant(actor=Actor.of_user(staff_user), access=access, grants=["orders"])
    run_worker()

    body = parts(smtp.messages[0])
    html, text = body["text/html"], body["text/plain"]
    assert '<img src="http://testserver/brand/logo" alt="Compania Test"' in html
    assert "border-top:6px solid #0a5c36" in html
    assert "+40 21 555 0100" in html
    assert 'href="http://testserver/portal/"' in html
    assert "Open the customer portal: http://testserver/portal/" in text
    assert "<" not in text


def test_an_invitations_link_is_delivered_then_removed_from_the_outbox(smtp, alfa, alfa_admin):
    from clientdesk.accounts import services
    from clientdesk.core.actors import Actor

    invitation = services.invitation_create(
        actor=Actor.of_user(alfa_admin), account=alfa, email="coleg@alfa.example", grants=["orders"]
    )
    link = f"http://testserver{reverse('invitation_accept', args=[invitation.link_token])}"
    message = OutboundEmail.objects.get(to="coleg@alfa.example")
    assert message.holds_secret
    assert not message.readable_by_staff

    run_worker()

    assert link in parts(smtp.messages[0])["text/plain"]
    message.refresh_from_db()
    assert message.readable_by_staff
    assert invitation.link_token not in message.body_text + message.body_html
