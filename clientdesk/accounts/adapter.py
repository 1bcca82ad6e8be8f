from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from clientdesk.core.mail import branding, queue_message

# The context entries of allauth's messages that open the account to whoever holds them.
SECRET_KEYS = ("password_reset_url", "activate_url", "key", "code")
# The action a message's button offers, by the link it carries.
BUTTONS = {
    "password_reset_url": _("Choose a new password"),
    "activate_url": _("Confirm the address"),
    "signup_url": _("Create an account"),
}


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
