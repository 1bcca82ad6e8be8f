from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_known_browsers"),
        ("contracts", "0004_countersign_notice_drawing"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="contract",
            name="contracts_c_account_ad85b6_idx",
        ),
        migrations.AddIndex(
            model_name="contract",
            index=models.Index(
                fields=["account", "-start_date", "-number"], name="contract_account_start"
            ),
        ),
        migrations.AddIndex(
            model_name="contract",
            index=models.Index(
                fields=["account", "status", "-start_date", "-number"],
                name="contract_account_status",
            ),
        ),
    ]
