"""Support-domain words customers use for what the articles name otherwise (issue 12).

Written from the misses of the search's dev set of paraphrases (bench/kb_sets/
paraphrase_dev.json) as general groups, not as those queries; staff edit them at
/staff/kb/vocabulary/ like the first ones.
"""

from django.db import migrations

GROUPS = {
    "ro": [
        "bunuri marfa produse articole",
        "ajunge ajung soseste sosesc vine vin",
        "fisier document",
        "logat conectat autentificat",
        "sterg inchid scap elimin",
        "laptop calculator computer",
        "total sold datorie",
        "interfata portal site meniu",
        "imprimanta copiator scanner",
        "instalare configurare punere",
    ],
    "en": [
        "stuff goods products items",
        "arrive come",
        "deadline due",
        "printer copier scanner",
        "site portal website",
        "setup install installation configure configuration",
        "help assist assistance support",
        "file document",
        "logged signed",
        "erase delete remove",
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
    dependencies = [("kb", "0004_seed_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
