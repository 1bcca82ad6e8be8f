# The contract and equipment searches through trigram indexes on PostgreSQL (see
# docs/search-indexes.md); nothing on SQLite.

from django.db import migrations

from clientdesk.core.trigram import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0005_contract_list_keyset_indexes"),
        # It creates the pg_trgm extension these indexes are made with.
        ("support", "0004_search_trigram_indexes"),
    ]

    operations = [
        AddTrigramIndex("contract", "number", "contract_number_trgm"),
        AddTrigramIndex("contract", "title", "contract_title_trgm"),
        AddTrigramIndex("equipment", "serial_number", "equipment_serial_number_trgm"),
        AddTrigramIndex("equipment", "machine_type", "equipment_machine_type_trgm"),
        AddTrigramIndex("equipment", "model", "equipment_model_trgm"),
    ]
