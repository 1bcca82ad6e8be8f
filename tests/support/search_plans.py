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
