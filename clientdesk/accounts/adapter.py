from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.authentication import get_authentication_records
from allauth.account.models import Login
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clientdesk.accounts import services
from clientdesk.core.actors import anonymous_origin, client_ip
from clientdesk.core.mail import branding, queue_message

# The context entries of allauth's messages that open the account to whoever holds them.
SECRET_KEYS = ("password_reset_url", "activate_url", "key", "code")
# The action a message's button offers, by the link it carries.
BUTTONS = {
    "password_reset_url": _("Choose a new password"),
    "activate_url": _("Confirm the address"),
    "signup_url": _("Create an account"),
}

STEP_UP_MESSAGE = _(
    "There were several failed sign-ins to this account lately: to be sure it is you, "
    "enter the code we have just e-mailed you."
)


@dataclass(frozen=True)
class VendorSite:
    """What allauth's templates call ``current_site``: the vendor, not django.contrib.sites."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        """Staff start in the back office; customers on their dashboard."""
        if request.user.is_staff:
            return reverse("backoffice:home")
        return super().get_login_redirect_url(request)

    def get_client_ip(self, request) -> str:
        """The address allauth limits and lists sessions by: the portal's, behind the proxies."""
        ip = client_ip(request)
        if ip is None:
            raise PermissionDenied("Unable to determine client IP address")
        return ip

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """allauth's per-"key" failure limit counts the address and the account together: the
        account alone would let anyone, from anywhere, refuse it to its owner."""
        return (
            f"{client_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"
        )

    def pre_authenticate(self, request, **credentials) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError:
            login = services.login_of(credentials)
            services.login_limited(actor=anonymous_origin(request), login=login)
            raise

    def is_login_by_code_required(self, login: Login) -> bool:
        """A right password for an account that failed too often lately signs in only with an
        e-mailed code, unless a second factor follows anyway (or the sign-in was no password)."""
        if super().is_login_by_code_required(login):
            return True
        user = login.user
        records = get_authentication_records(self.request, user)
        if not records or records[-1]["method"] != "password" or is_mfa_enabled(user):
            return False
        if not services.needs_step_up(user):
            return False
        # allauth asks once a sign-in, when its code stage comes.
        services.login_stepped_up(actor=anonymous_origin(self.request).with_user(user))
        messages.info(self.request, STEP_UP_MESSAGE)
        return True

    def send_notification_mail(self, template_prefix, user, context=None, email=None) -> None:
        """allauth's notices of a changed password, address or second factor: in the user's
        language (send_mail reads it from the context's user)."""
        super().send_notification_mail(
            template_prefix, user, {"user": user, **(context or {})}, email
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's messages (verification, password reset, notices) go through the durable
        outbox, in the recipient's language, signed with the vendor's name, and each with the
        portal's branded HTML around its text."""
        brand = branding()
        user = context.get("user")
        language = getattr(user, "language", None) or translation.get_language()
        context = {
            **brand,
            "current_site": VendorSite(
                name=brand["vendor"].name, domain=urlsplit(settings.PORTAL_URL).netloc
            ),
            "email": email,
            **context,
        }
        with translation.override(language):
            message = self.render_mail(template_prefix, email, context)
            alternatives = getattr(message, "alternatives", [])
            html = next((body for body, mime in alternatives if mime == "text/html"), "")
            if not html:
                link_key = next((key for key in BUTTONS if context.get(key)), None)
                link = str(context[link_key]) if link_key else ""
                # The link becomes the message's button, where the text has it.
                before, found, after = message.body.partition(link) if link else ("", "", "")
                html = render_to_string(
                    "email/allauth_message.html",
                    {
                        **context,
                        "text": message.body,
                        "link": link if found else "",
                        "before": before,
                        "after": after,
                        "button": BUTTONS[link_key] if link_key else "",
                    },
                )
        queue_message(
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            template=template_prefix,
            secrets=[str(context[key]) for key in SECRET_KEYS if context.get(key)],
        )
