# The word and number search of requests through trigram indexes on PostgreSQL (see
# docs/search-indexes.md); nothing on SQLite. The orders' indexes need the extension too.

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from clientdesk.core.trigram import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [("support", "0003_request_events_are_core_events")]

    operations = [
        TrigramExtension(),
        AddTrigramIndex("supportrequest", "number", "support_request_number_trgm"),
        AddTrigramIndex("supportrequest", "subject", "support_request_subject_trgm"),
        AddTrigramIndex("supportrequest", "description", "support_request_descr_trgm"),
    ]
