"""The contract request types of C5 and their queue (data, edited later in the back office)."""

from decimal import Decimal

from django.db import migrations

QUEUE = ("contracts", "Contracte", "Contracts", "Contracts representative", 50)

TYPES = [
    # code, Romanian, English, description (ro, en), first response, resolution (hours)
    (
        "contract-copy",
        "Copie a unui contract",
        "Copy of a contract",
        "O copie a unuia dintre contractele dumneavoastră, în PDF sau pe hârtie.",
        "A copy of one of your contracts, as a PDF or on paper.",
        8,
        24,
    ),
    (
        "licence-termination",
        "Încetarea unei licențe software",
        "Software licence termination",
        "Încetarea unei licențe cu plată lunară, cu perioada ei de preaviz.",
        "Ending a monthly-charge licence, with its notice period.",
        8,
        40,
    ),
    (
        "maintenance-termination",
        "Încetarea unui contract de mentenanță",
        "Maintenance contract termination",
        "Preavizul scris pentru un contract de mentenanță hardware sau software.",
        "The written notice for a hardware or software maintenance contract.",
        8,
        40,
    ),
    (
        "servicepac-registration",
        "Înregistrarea unui ServicePac",
        "ServicePac registration",
        "Numărul ServicePac, tipul și seria echipamentului acoperit.",
        "The ServicePac number, the covered machine's type and serial number.",
        8,
        40,
    ),
]


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Queue = apps.get_model("support", "Queue")
    RequestType = apps.get_model("support", "RequestType")
    code, name_ro, name_en, group_name, position = QUEUE
    group, _created = Group.objects.get_or_create(name=group_name)
    queue, _created = Queue.objects.get_or_create(
        code=code,
        defaults={"name_ro": name_ro, "name_en": name_en, "group": group, "position": position},
    )
    for index, (type_code, t_ro, t_en, d_ro, d_en, first, resolution) in enumerate(TYPES, 1):
        RequestType.objects.get_or_create(
            code=type_code,
            defaults={
                "name_ro": t_ro,
                "name_en": t_en,
                "description_ro": d_ro,
                "description_en": d_en,
                "queue": queue,
                "first_response_hours": Decimal(first),
                "resolution_hours": Decimal(resolution),
                "position": 100 + index * 10,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("support", "RequestType").objects.filter(
        code__in=[row[0] for row in TYPES]
    ).delete()
    apps.get_model("support", "Queue").objects.filter(code=QUEUE[0]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contracts", "0002_signature_requests"),
        ("support", "0003_request_events_are_core_events"),
    ]

    operations = [migrations.RunPython(create, remove)]
