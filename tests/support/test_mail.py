"""Request e-mails go through the durable outbox to a real SMTP server (aiosmtpd)."""

import email.message

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clientdesk.core.models import OutboundEmail
from clientdesk.support.models import SupportRequest
from tests.core.test_mail import SMTPServer, free_port, run_worker

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("general_types")]


@pytest.fixture
def smtp(settings):
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
    server = SMTPServer(port)
    server.start()
    yield server
    server.stop()


def parts(message: email.message.Message) -> dict[str, str]:
    return {
        part.get_content_type(): part.get_payload(decode=True).decode()
        for part in message.walk()
        if not part.is_multipart()
    }


def file_invoice_question(client, user) -> SupportRequest:
    account = user.memberships.get().account
    client.force_login(user)
    client.post(
        f"{reverse('support:new')}?type=invoice-question",
        {
            "account": account.pk,
            "subject": "Transport facturat de două ori",
            "description": "Linia de transport apare de două ori.",
            "contact_name": user.get_full_name(),
            "contact_email": user.email,
            "invoice_number": "CTS-2026-004518",
            "topic": "amount",
        },
    )
    return SupportRequest.objects.get()


@pytest.mark.parametrize(
    ("language", "type_name"), [("ro", "Întrebare despre o factură"), ("en", "Invoice question")]
)
def test_the_confirmation_carries_the_details_in_the_users_language(
    client, smtp, alfa_admin, language, type_name
):
    alfa_admin.language = language
    alfa_admin.save()
    filed = file_invoice_question(client, alfa_admin)

    run_worker()

    [received] = smtp.messages
    assert received["To"] == alfa_admin.email
    assert filed.number in str(received["Subject"]) or filed.number in parts(received)["text/plain"]
    body = parts(received)
    assert set(body) == {"text/plain", "text/html"}
    for content in body.values():
        assert filed.number in content
        assert type_name in content
        assert "CTS-2026-004518" in content
        assert f"http://testserver/requests/{filed.number}/" in content


def test_a_staff_reply_and_a_status_change_are_mailed_but_a_note_never(
    client, smtp, agent, alfa_admin, alfa_request
):
    client.force_login(agent)
    number = alfa_request.number
    client.post(reverse("support_staff:note", args=[number]), {"body": "Secret intern."})
    client.post(reverse("support_staff:reply", args=[number]), {"version": 1, "body": "Revenim."})
    client.post(
        reverse("support_staff:update", args=[number]),
        {"version": 2, "status": "resolved", "queue": alfa_request.queue.pk},
    )

    run_worker()

    assert len(smtp.messages) == 2
    everything = " ".join(" ".join(parts(m).values()) for m in smtp.messages)
    assert "Revenim." in everything
    assert "Resolved" in everything
    assert "Secret intern." not in everything


def test_with_the_server_down_the_confirmation_waits_and_is_delivered_exactly_once(
    client, smtp, alfa_admin
):
    smtp.stop()
    filed = file_invoice_question(client, alfa_admin)

    run_worker()

    message = OutboundEmail.objects.get()
    assert message.status == OutboundEmail.Status.PENDING
    assert message.attempts == 1
    retry = DBTaskResult.objects.filter(status="READY", task_path__endswith="send_email").get()

    smtp.start()
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    run_worker()

    assert len(smtp.messages) == 1
    assert filed.number in parts(smtp.messages[0])["text/plain"]
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT
