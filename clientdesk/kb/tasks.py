from django_tasks import task

from clientdesk.kb.search import engine


@task()
def rebuild_search_indexes(version: str) -> None:
    """Build both languages' indexes for `version` and store them for the web processes."""
    for lang in engine.LANGS:
        engine.store_snapshot(lang, version)
