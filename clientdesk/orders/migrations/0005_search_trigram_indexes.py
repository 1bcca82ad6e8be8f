# The order, PO and product searches through trigram indexes on PostgreSQL (see
# docs/search-indexes.md); nothing on SQLite.

from django.db import migrations

from clientdesk.core.trigram import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0004_shipment_event_text_per_language"),
        # It creates the pg_trgm extension these indexes are made with.
        ("support", "0004_search_trigram_indexes"),
    ]

    operations = [
        AddTrigramIndex("order", "number", "orders_order_number_trgm"),
        AddTrigramIndex("order", "po_number", "orders_order_po_number_trgm"),
        AddTrigramIndex("orderline", "product_code", "orders_line_product_code_trgm"),
        AddTrigramIndex("orderline", "description", "orders_line_description_trgm"),
    ]
