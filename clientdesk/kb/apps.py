from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from clientdesk.core import navigation
from clientdesk.core.navigation import Section


class KbConfig(AppConfig):
    name = "clientdesk.kb"
    label = "kb"
    verbose_name = _("Knowledge base")

    def ready(self) -> None:
        from clientdesk.core import events
        from clientdesk.kb import signals  # noqa: F401 - connects the receivers
        from clientdesk.kb.events import ArticleEvent

        events.register(ArticleEvent)

        navigation.register(
            Section(
                key="faq",
                label=_("FAQ"),
                description=_("Answers to the questions customers ask most."),
                url_name="kb:home",
                order=80,
                public=True,
            )
        )
