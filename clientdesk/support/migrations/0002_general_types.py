"""The general request types of C5 and the queues they route to (data, edited later in
the back office). Role groups are created here if missing; backoffice.roles keeps
their permissions in step after every migrate."""

from decimal import Decimal

from django.db import migrations

QUEUES = [
    # code, Romanian, English, role group, position
    ("customer-support", "Suport clienți", "Customer support", "Support agent", 10),
    ("maintenance", "Mentenanță și oferte", "Maintenance and quotes", "Support agent", 20),
    ("orders", "Comenzi și livrări", "Orders and deliveries", "Support agent", 30),
    ("billing", "Facturare", "Billing", "Billing", 40),
]

TYPES = [
    # code, Romanian, English, description (ro, en), queue, first response, resolution (hours)
    (
        "general-question",
        "Întrebare generală",
        "General question",
        "Orice întrebare pentru echipa de suport.",
        "Anything you want to ask the support team.",
        "customer-support",
        8,
        40,
    ),
    (
        "maintenance-quote",
        "Mentenanță hardware sau software și oferte de preț",
        "Hardware or software maintenance and price quotes",
        "Contracte de mentenanță, reînnoiri și oferte pentru reparații sau servicii.",
        "Maintenance contracts, renewals and quotes for repairs or services.",
        "maintenance",
        8,
        40,
    ),
    (
        "support-services",
        "Servicii de suport",
        "Support services",
        "Instalare, configurare, tehnician la fața locului, instruire sau consultanță.",
        "Installation, configuration, a technician on site, training or consulting.",
        "customer-support",
        8,
        40,
    ),
    (
        "invoice-question",
        "Întrebare despre o factură",
        "Invoice question",
        "Sume, scadențe, plăți, copii sau factura electronică.",
        "Amounts, due dates, payments, copies or the e-invoice.",
        "billing",
        8,
        24,
    ),
    (
        "order-delivery",
        "Întrebare despre o comandă sau o livrare",
        "Order or delivery question",
        "Unde este comanda, data livrării, colete deteriorate, modificări.",
        "Where an order stands, delivery dates, damaged parcels, changes.",
        "orders",
        4,
        16,
    ),
]


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Queue = apps.get_model("support", "Queue")
    RequestType = apps.get_model("support", "RequestType")
    queues = {}
    for code, name_ro, name_en, group_name, position in QUEUES:
        group, _created = Group.objects.get_or_create(name=group_name)
        queues[code], _created = Queue.objects.get_or_create(
            code=code,
            defaults={
                "name_ro": name_ro,
                "name_en": name_en,
                "group": group,
                "position": position,
            },
        )
    for position, (code, name_ro, name_en, desc_ro, desc_en, queue, first, resolution) in enumerate(
        TYPES, start=1
    ):
        RequestType.objects.get_or_create(
            code=code,
            defaults={
                "name_ro": name_ro,
                "name_en": name_en,
                "description_ro": desc_ro,
                "description_en": desc_en,
                "queue": queues[queue],
                "first_response_hours": Decimal(first),
                "resolution_hours": Decimal(resolution),
                "position": position * 10,
            },
        )


def remove(apps, schema_editor):
    apps.get_model("support", "RequestType").objects.filter(
        code__in=[row[0] for row in TYPES]
    ).delete()
    apps.get_model("support", "Queue").objects.filter(code__in=[row[0] for row in QUEUES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("support", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
