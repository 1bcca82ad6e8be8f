from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse

from clientdesk.core.mail import queue_message


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request) -> str:
        """Staff start in the back office; customers on their dashboard."""
        if request.user.is_staff:
            return reverse("backoffice:home")
        return super().get_login_redirect_url(request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """allauth's messages (verification, password reset) go through the durable outbox."""
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), ""
        )
        queue_message(
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            template=template_prefix,
        )
