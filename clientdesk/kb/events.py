from django.utils.translation import gettext_lazy as _

from clientdesk.core.events import EventKind


class ArticleEvent(EventKind):
    IMPORTED = "kb.imported", _("Articles imported")
    VOTED = "kb.voted", _("Article rated helpful or not")
    PHRASING_ADDED = "kb.phrasing_added", _("Alternative phrasing added to an article")
    SYNONYMS_SAVED = "kb.synonyms_saved", _("Synonym group saved")
    SYNONYMS_DELETED = "kb.synonyms_deleted", _("Synonym group deleted")
    ARTICLE_CREATED = "kb.article_created", _("Article written")
    ARTICLE_CHANGED = "kb.article_changed", _("Article changed")
    ARTICLE_PUBLISHED = "kb.article_published", _("Article published")
    ARTICLE_UNPUBLISHED = "kb.article_unpublished", _("Article unpublished")
    CATEGORY_SAVED = "kb.category_saved", _("Knowledge-base category saved")
