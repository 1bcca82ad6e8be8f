"""The e-mails of access changes and of a sign-in from a new browser: subscribers of the
events, queued in the durable outbox."""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from clientdesk.accounts.browsers import describe
from clientdesk.accounts.company import INVITATION_DAYS
from clientdesk.accounts.events import AccessEvent, SecurityEvent
from clientdesk.accounts.models import AccessRequest, Invitation, User
from clientdesk.core import grants as G
from clientdesk.core.events import subscribe
from clientdesk.core.mail import queue_email
from clientdesk.core.models import Event


@subscribe(AccessEvent.GRANTED, AccessEvent.REFUSED)
def access_decided(event: Event, subject: Any) -> None:
    access = AccessRequest.objects.select_related("user").get(
        public_id=event.data["access_request"]
    )
    granted = access.status == AccessRequest.Status.GRANTED
    queue_email(
        to=access.user.email,
        template="accounts/email/access_decision",
        context={
            "access": access,
            "user": access.user,
            "grant_labels": G.LABELS,
            "url": f"{settings.PORTAL_URL}{reverse('dashboard' if granted else 'access_list')}",
        },
        language=access.user.language,
    )


@subscribe(AccessEvent.INVITED, AccessEvent.INVITATION_RESENT)
def invitation_created(event: Event, invitation: Invitation) -> None:
    admin = invitation.invited_by
    path = reverse("invitation_accept", args=[invitation.link_token])
    url = f"{settings.PORTAL_URL}{path}"
    queue_email(
        to=invitation.email,
        template="accounts/email/invitation",
        context={
            "invitation": invitation,
            "admin": admin,
            "url": url,
            "grant_labels": [G.LABELS[grant] for grant in invitation.grants],
            # A resent invitation is valid for as long again from now.
            "days": INVITATION_DAYS,
        },
        language=admin.language if admin is not None else settings.LANGUAGE_CODE,
        secrets=[url],
    )


@subscribe(SecurityEvent.NEW_BROWSER)
def new_browser(event: Event, user: User) -> None:
    with translation.override(user.language):
        browser = describe(event.user_agent)
    queue_email(
        to=user.email,
        template="accounts/email/new_browser",
        context={
            "user": user,
            "event": event,
            "browser": browser,
            "sessions_url": f"{settings.PORTAL_URL}{reverse('usersessions_list')}",
            "password_url": f"{settings.PORTAL_URL}{reverse('account_change_password')}",
        },
        language=user.language,
    )
