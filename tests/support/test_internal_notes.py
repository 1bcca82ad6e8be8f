"""An internal note never reaches a customer: not their page, not a file link, not an e-mail."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from clientdesk.core.models import OutboundEmail
from clientdesk.support import notifications, queries
from clientdesk.support.models import Attachment, Message

NOTE = "Clientul are restanțe; nu promitem termen."


@pytest.fixture
def noted_request(client, agent, alfa_request, django_capture_on_commit_callbacks):
    client.force_login(agent)
    note_file = SimpleUploadedFile("intern.txt", b"doar pentru echipa\n")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("support_staff:note", args=[alfa_request.number]),
            {"body": NOTE, "attachments": [note_file]},
        )
    client.logout()
    return alfa_request


def test_a_note_is_on_the_staff_page_only(client, agent, alfa_admin, noted_request):
    client.force_login(agent)
    assert (
        NOTE
        in client.get(reverse("support_staff:detail", args=[noted_request.number])).content.decode()
    )
    client.force_login(alfa_admin)
    page = client.get(reverse("support:detail", args=[noted_request.number])).content.decode()
    assert NOTE not in page
    assert "intern.txt" not in page


def test_a_notes_file_is_not_downloadable_by_the_customer(client, agent, alfa_admin, noted_request):
    attachment = Attachment.objects.get()
    args = [noted_request.number, attachment.public_id]
    client.force_login(alfa_admin)
    assert client.get(reverse("support:attachment", args=args)).status_code == 404
    client.force_login(agent)
    assert client.get(reverse("support_staff:attachment", args=args)).status_code == 200


def test_a_note_sends_no_email(noted_request):
    assert not OutboundEmail.objects.exists()


def test_the_customer_conversation_query_leaves_notes_out(noted_request, agent):
    Message.objects.create(request=noted_request, author=agent, from_staff=True, body="Public.")
    assert [m.body for m in queries.public_conversation(noted_request)] == ["Public."]


def test_the_reply_email_refuses_a_note(noted_request):
    note = Message.objects.get(internal=True)
    with pytest.raises(ValueError, match="never e-mailed"):
        notifications.reply_sent(noted_request, note)
    assert not OutboundEmail.objects.exists()


def test_the_database_refuses_a_note_from_a_customer(alfa_request, alfa_admin):
    with pytest.raises(IntegrityError):
        Message.objects.create(request=alfa_request, author=alfa_admin, internal=True, body="x")
