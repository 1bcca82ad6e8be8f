# Each order line keeps what its shipments carry and what was delivered (see
# OrderLine.shipped), filled here from the shipments as they stand.

from django.db import migrations, models
from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce


def count_from_shipments(apps, schema_editor):
    OrderLine = apps.get_model("orders", "OrderLine")
    ShipmentLine = apps.get_model("orders", "ShipmentLine")

    def carried(which):
        items = ShipmentLine.objects.filter(which, line=OuterRef("pk")).values("line")
        return Coalesce(Subquery(items.annotate(total=Sum("quantity")).values("total")), 0)

    # One UPDATE of the lines that have shipments; the others keep the default 0.
    OrderLine.objects.filter(pk__in=ShipmentLine.objects.values("line")).update(
        shipped=carried(Q()),
        delivered=carried(Q(shipment__status="delivered")),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0005_search_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="orderline",
            name="shipped",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="quantity shipped"
            ),
        ),
        migrations.AddField(
            model_name="orderline",
            name="delivered",
            field=models.PositiveIntegerField(
                default=0, editable=False, verbose_name="quantity delivered"
            ),
        ),
        migrations.RunPython(count_from_shipments, migrations.RunPython.noop),
    ]
