from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class ArticleEvent(EventKind):
    IMPORTED = "kb.imported", _("Articles imported")
    VOTED = "kb.voted", _("Article rated helpful or not")
