"""Queueing e-mail: stored first, sent by the worker after the transaction commits.

A message is a row of OutboundEmail before anything is sent, so a failing
mail server delays it but does not lose it. Every HTML message extends
``email/base.html`` (the vendor's name, logo and colours); each has its text twin.
"""

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from clientdesk.core.models import OutboundEmail, VendorConfig
from clientdesk.core.views import text_colour_on


def queue_message(
    *,
    to: str,
    subject: str,
    text: str,
    html: str,
    template: str,
    secrets: Sequence[str] = (),
) -> OutboundEmail:
    """Store one message and send it after commit.

    ``secrets`` are the one-time links it carries (reset, verification, invitation):
    staff never read them in the outbox, and they leave the stored copy once sent.
    """
    # Longest first: a link is replaced whole before a key inside it.
    kept = sorted({secret for secret in secrets if secret}, key=len, reverse=True)
    message = OutboundEmail.objects.create(
        to=to,
        subject=" ".join(subject.split()),
        body_text=text,
        body_html=html,
        template=template,
        holds_secret=bool(kept),
        secrets=kept,
    )
    from clientdesk.core.tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(message.pk))
    return message


def branding() -> dict[str, Any]:
    """What ``email/base.html`` needs: the vendor, and absolute URLs (a mail has no host)."""
    vendor = VendorConfig.get()
    portal = settings.PORTAL_URL
    return {
        "vendor": vendor,
        "on_brand": text_colour_on(vendor.primary_colour),
        "portal_url": portal,
        # The vendor's colours and logo change rarely; the logo's URL is the portal's own.
        "logo_url": f"{portal}/brand/logo" if vendor.logo else "",
    }


def queue_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    secrets: Sequence[str] = (),
) -> OutboundEmail:
    """Render ``<template>_subject.txt``, ``.txt`` and ``.html`` in the language, and queue."""
    with translation.override(language):
        context = {**branding(), **context}
        return queue_message(
            to=to,
            subject=render_to_string(f"{template}_subject.txt", context),
            text=render_to_string(f"{template}.txt", context),
            html=render_to_string(f"{template}.html", context),
            template=template,
            secrets=secrets,
        )
