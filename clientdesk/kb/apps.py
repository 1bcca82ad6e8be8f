from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "clientdesk.kb"
    label = "kb"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from clientdesk.core import events
        from clientdesk.kb import signals  # noqa: F401 - connects the receivers
        from clientdesk.kb.events import ArticleEvent

        events.register(ArticleEvent)
