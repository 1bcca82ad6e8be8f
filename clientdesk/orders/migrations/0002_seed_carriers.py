"""Seed the carrier registry with carriers common in Romania and Europe.

The vendor edits them in the back office afterwards; a carrier the vendor
already added under the same code is left as it is.
"""

from django.db import migrations

CARRIERS = [
    (
        "dhl",
        "DHL Express",
        "https://www.dhl.com/ro-ro/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
    ),
    ("ups", "UPS", "https://www.ups.com/track?loc=ro_RO&tracknum={number}"),
    ("fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={number}"),
    ("gls", "GLS", "https://gls-group.com/RO/ro/urmarire-colet?match={number}"),
    ("dpd", "DPD", "https://tracking.dpd.ro/?shipmentNumber={number}"),
    ("fan-courier", "FAN Courier", "https://www.fancourier.ro/awb-tracking/?awb={number}"),
    (
        "cargus",
        "Cargus",
        "https://www.cargus.ro/personal/urmareste-coletul/?tracking_number={number}",
    ),
    ("sameday", "Sameday", "https://sameday.ro/#awb={number}"),
]


def seed(apps, schema_editor):
    Carrier = apps.get_model("orders", "Carrier")
    for code, name, template in CARRIERS:
        Carrier.objects.get_or_create(
            code=code, defaults={"name": name, "tracking_url_template": template}
        )


def unseed(apps, schema_editor):
    # Carriers that shipments use stay: shipments protect their carrier.
    Carrier = apps.get_model("orders", "Carrier")
    codes = [code for code, _name, _template in CARRIERS]
    Carrier.objects.filter(code__in=codes, shipment__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("orders", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
