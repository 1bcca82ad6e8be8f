"""What PostgreSQL plans for a search: which indexes it reads (the trigram indexes exist there
only; see docs/search-indexes.md)."""

import pytest
from django.db import connection
from django.db.models import QuerySet

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigram indexes exist on PostgreSQL only"
)


def plan(queryset: QuerySet) -> str:
    """The plan of the unordered queryset when a scan is the last resort: on a handful of
    test rows the planner would rightly prefer one, so what matters is what it can use."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.order_by().explain()


def as_vacuumed(indexes: list[str], tables: list[str]) -> None:
    """The trigram indexes and their tables as a live database keeps them.

    New rows wait in a GIN index's pending list until a vacuum; the planner counts the cost
    of reading that list, which a live database's autovacuum keeps short. The statistics of
    the new rows exist once ANALYZE has read them.
    """
    with connection.cursor() as cursor:
        for index in indexes:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
