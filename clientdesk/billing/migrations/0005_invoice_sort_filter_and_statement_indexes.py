"""Indexes for every sort and filter of the invoice list and for the statement's reads.

The number and PO filters are ``icontains``, which Django writes on PostgreSQL as
``UPPER(col::text) LIKE UPPER('%...%')``: a trigram GIN index on that very expression
serves it (core.trigram.AddTrigramIndex). pg_trgm and GIN are PostgreSQL's, so those two
indexes are made there only; on SQLite the filters scan the account's rows, which is fine
at a demo's size. The extension is support.0004's.
"""

from django.db import migrations, models

from clientdesk.core.trigram import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_known_browsers"),
        ("billing", "0004_billingpreference_due_reminder_email"),
        # support.0004 creates the pg_trgm extension and drops it on the way back: these
        # indexes must go first.
        ("support", "0004_search_trigram_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="ledgerentry",
            name="billing_led_billing_f2fafa_idx",
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(fields=["account", "due_on", "number"], name="invoice_account_due"),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(fields=["account", "total", "number"], name="invoice_account_total"),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(
                fields=["account", "kind", "-issued_on", "-number"], name="invoice_account_kind"
            ),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(
                fields=["account", "settled", "-issued_on", "-number"],
                name="invoice_account_settled",
            ),
        ),
        migrations.AddIndex(
            model_name="ledgerentry",
            index=models.Index(fields=["billing_account", "on", "id"], name="ledger_account_on_id"),
        ),
        migrations.AddIndex(
            model_name="payment",
            index=models.Index(
                condition=models.Q(("unallocated__gt", 0)),
                fields=["account", "currency"],
                name="payment_unallocated",
            ),
        ),
        AddTrigramIndex("invoice", "number", "invoice_number_trgm"),
        AddTrigramIndex("invoice", "po_number", "invoice_po_number_trgm"),
    ]
