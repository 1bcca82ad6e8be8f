"""Queueing e-mail: stored first, sent by the worker after the transaction commits.

A message is a row of OutboundEmail before anything is sent, so a failing
mail server delays it but does not lose it.
"""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from clientdesk.core.models import OutboundEmail, VendorConfig


def queue_message(*, to: str, subject: str, text: str, html: str, template: str) -> OutboundEmail:
    message = OutboundEmail.objects.create(
        to=to, subject=" ".join(subject.split()), body_text=text, body_html=html, template=template
    )
    from clientdesk.core.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(message.pk))
    return message


def queue_email(*, to: str, template: str, context: dict, language: str) -> OutboundEmail:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in the language, and queue."""
    with translation.override(language):
        context = {"vendor": VendorConfig.get(), **context}
        return queue_message(
            to=to,
            subject=render_to_string(f"{template}_subject.txt", context),
            text=render_to_string(f"{template}.txt", context),
            html=render_to_string(f"{template}.html", context),
            template=template,
        )
