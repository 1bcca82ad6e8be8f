"""The synonym groups that lived in code until now, as the first rows staff edit."""

from django.db import migrations

GROUPS = {
    "ro": [
        "firma companie societate",
        "logare conectare autentificare login",
        "colet pachet",
        "livrare expediere transport",
        "valuta moneda",
        "sediu locatie",
        "mutare relocare mutam muta",
        "coleg utilizator angajat",
        "anulare reziliere incetare renuntare",
        "copie duplicat",
        "plata achitare",
        "defectiune defect avarie",
        "echipament aparat dispozitiv",
        "tiparesc printez tiparire printare",
        "deteriorat spart stricat avariat",
        "descarc download",
        "restanta intarziere neplatita",
    ],
    "en": [
        "company firm organisation organization business",
        "login logon signin",
        "parcel package",
        "delivery shipping",
        "move relocate relocation moving",
        "colleague coworker user teammate",
        "cancel terminate termination cancellation",
        "copy duplicate",
        "pay payment settle",
        "fault defect failure broken malfunction",
        "machine equipment device",
        "print printout",
        "damaged broken",
        "bill invoice",
        "overdue late unpaid",
    ],
}


def seed(apps, schema_editor):
    SynonymGroup = apps.get_model("kb", "SynonymGroup")
    for lang, groups in GROUPS.items():
        for words in groups:
            SynonymGroup.objects.get_or_create(lang=lang, words=words)


def unseed(apps, schema_editor):
    SynonymGroup = apps.get_model("kb", "SynonymGroup")
    for lang, groups in GROUPS.items():
        SynonymGroup.objects.filter(lang=lang, words__in=groups).delete()


class Migration(migrations.Migration):
    dependencies = [("kb", "0003_vocabulary_phrasings_searches")]

    operations = [migrations.RunPython(seed, unseed)]
