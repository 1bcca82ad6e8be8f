"""Any change to an article or a category (admin, import, shell) makes every
process rebuild its search index; counters updated with .update() do not."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clientdesk.kb.models import Article, Category
from clientdesk.kb.search import bump_index_version


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Category)
def article_or_category_changed(**kwargs) -> None:
    bump_index_version()
