"""The four FAQ categories of every vendor's portal, plus the account one."""

from django.db import migrations

CATEGORIES = [
    (
        "contracts", 10, "Contracte", "Contracts",
        "Contracts OnLine, copii, rezilieri, ServicePac.",
        "Contracts OnLine, copies, terminations, ServicePac.",
    ),
    (
        "ordering-delivery", 20, "Comenzi și livrare", "Ordering and delivery",
        "Termene, expedieri, urmărirea coletelor.",
        "Delivery times, shipments, parcel tracking.",
    ),
    (
        "inventory-maintenance", 30, "Inventar și mentenanță", "Inventory and maintenance",
        "Echipamente instalate, garanție, service.",
        "Installed equipment, warranty, service.",
    ),
    (
        "invoices-payments", 40, "Facturi și plăți", "Invoices and payments",
        "Facturi, note de credit, plăți, extrase de cont.",
        "Invoices, credit notes, payments, statements.",
    ),
    (
        "account", 50, "Contul meu", "Your account",
        "Înregistrare, colegi, securitate, date personale.",
        "Registration, colleagues, security, personal data.",
    ),
]  # fmt: skip


def create_categories(apps, schema_editor):
    Category = apps.get_model("kb", "Category")
    for slug, position, name_ro, name_en, description_ro, description_en in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name_ro": name_ro,
                "name_en": name_en,
                "description_ro": description_ro,
                "description_en": description_en,
            },
        )


def delete_unused_categories(apps, schema_editor):
    Category = apps.get_model("kb", "Category")
    Category.objects.filter(slug__in=[row[0] for row in CATEGORIES], articles=None).delete()


class Migration(migrations.Migration):
    dependencies = [("kb", "0001_initial")]

    operations = [migrations.RunPython(create_categories, delete_unused_categories)]
