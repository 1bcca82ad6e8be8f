"""Any change to what the search reads (an article, a category, a synonym group: admin,
import, shell) queues an index rebuild; counters updated with .update() do not."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from clientdesk.kb.models import Article, Category, SynonymGroup
from clientdesk.kb.search import index_changed


@receiver([post_save, post_delete], sender=Article)
@receiver([post_save, post_delete], sender=Category)
@receiver([post_save, post_delete], sender=SynonymGroup)
def indexed_data_changed(**kwargs) -> None:
    index_changed()
