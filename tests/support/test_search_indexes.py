"""Word and number searches of requests are served by the trigram indexes on PostgreSQL, and
the open queue by the partial index of open requests in due order."""

from django.db import connection

from clientdesk.support.models import SupportRequest
from clientdesk.support.queries import search
from clientdesk.support.staff.queries import queue_matching
from tests.support.search_plans import plan, postgresql_only

pytestmark = postgresql_only


def test_a_word_search_reads_the_number_subject_and_description_indexes(db):
    used = plan(search(SupportRequest.objects.all(), "imprimanta etajul"))
    assert "support_request_number_trgm" in used
    assert "support_request_subject_trgm" in used
    assert "support_request_descr_trgm" in used
    assert "Seq Scan" not in used


def test_a_short_query_is_a_whole_number_the_number_index_finds(db):
    used = plan(search(SupportRequest.objects.all(), "de"))
    assert "support_request_number_trgm" in used
    assert "Seq Scan" not in used


def test_the_open_queue_is_read_in_due_order_from_the_partial_index(agent):
    open_queue = queue_matching(agent, queue="all", status="open")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
    assert "support_request_open_due" in open_queue[:25].explain()
