"""E-mail goes through the durable outbox to a real SMTP server (aiosmtpd)."""

import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clientdesk.core.mail import queue_message
from clientdesk.core.models import OutboundEmail


class Inbox(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


class SMTPServer:
    """A real SMTP server on a fixed port that can go down and come back."""

    def __init__(self, port: int):
        self.port = port
        self.inbox = Inbox()
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    @property
    def messages(self):
        return self.inbox.messages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_worker() -> None:
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


def queue(subject: str = "Cerere înregistrată") -> OutboundEmail:
    with transaction.atomic():
        return queue_message(
            to="ana@alfa.example", subject=subject, text="Text", html="<p>HTML</p>", template="t"
        )


@pytest.mark.django_db(transaction=True)
def test_the_worker_delivers_a_queued_message_after_commit(smtp):
    message = queue()
    assert smtp.messages == []

    run_worker()

    assert len(smtp.messages) == 1
    received = smtp.messages[0]
    assert received["To"] == "ana@alfa.example"
    assert "Cerere" in str(received["Subject"]) or "=?utf-8?" in str(received["Subject"])
    assert {part.get_content_type() for part in received.walk()} >= {"text/plain", "text/html"}
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_sends_nothing(smtp):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_message(to="x@example.com", subject="s", text="t", html="", template="t")
        raise RuntimeError
    run_worker()
    assert smtp.messages == []
    assert not OutboundEmail.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_with_the_server_down_mail_waits_and_is_delivered_exactly_once_later(smtp):
    smtp.stop()
    message = queue()

    run_worker()

    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.PENDING
    assert message.attempts == 1
    assert message.last_error
    retry = DBTaskResult.objects.filter(status="READY").get()
    assert retry.run_after > timezone.now()

    # The server comes back and the retry falls due.
    smtp.start()
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    run_worker()

    assert len(smtp.messages) == 1
    message.refresh_from_db()
    assert message.status == OutboundEmail.Status.SENT
