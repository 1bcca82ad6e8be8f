"""Demo orders for Alfa and Beta: every status, several shipments, partial deliveries.

Dates are relative to the day the demo is loaded, so that the orders in
transit look in transit. An order that exists already is left alone, which
makes load() idempotent. Runs after the identity demo data (it needs the
customer accounts).
"""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount
from clientdesk.core.actors import Actor
from clientdesk.orders import services
from clientdesk.orders.models import Order, ShipmentEvent

ERP = Actor.system("demo_data")  # the ERP, as the demo plays it
S = Order.Status
E = ShipmentEvent.Kind
EUR_RATE = Decimal("4.97")

# The vendor's ERP describes products in Romanian; prices in RON, before VAT.
PRODUCTS = {
    "DL-R760": ("Server Dell PowerEdge R760, 2x Xeon Silver 4410Y, 128 GB RAM", "62450.00"),
    "HPE-DL380G11": ("Server HPE ProLiant DL380 Gen11, 2x Xeon Gold 5416S, 256 GB", "78900.00"),
    "LNV-SR650V3": ("Server Lenovo ThinkSystem SR650 V3, 2x Xeon Silver 4510", "54300.00"),
    "NTP-AFF-A250": ("Sistem de stocare NetApp AFF A250, 8 x 3,84 TB NVMe", "189500.00"),
    "DL-ME5024": ("Sistem de stocare Dell PowerVault ME5024, 12 x 2,4 TB SAS", "48700.00"),
    "SYN-RS3621": ("NAS Synology RackStation RS3621xs+, 12 sertare", "21900.00"),
    "APC-SRT3000": ("UPS APC Smart-UPS SRT 3000 VA, montabil în rack", "9850.00"),
    "EAT-9PX6K": ("UPS Eaton 9PX 6000i RT3U, cu kit de montare", "17400.00"),
    "CSC-C9300-48P": ("Switch Cisco Catalyst 9300, 48 porturi PoE+", "36800.00"),
    "ARB-CX6300": ("Switch HPE Aruba CX 6300M, 48 porturi 1G, 4 SFP56", "28400.00"),
    "FTN-FG100F": ("Firewall Fortinet FortiGate 100F, licență UTP 1 an", "14200.00"),
    "MS-W22-DC16": ("Licență Microsoft Windows Server 2022 Datacenter, 16 nuclee", "27950.00"),
    "VEEAM-DP10": ("Licență Veeam Data Platform Universal, 10 instanțe, 1 an", "12300.00"),
    "DL-LAT5550": ("Laptop Dell Latitude 5550, Core Ultra 7, 32 GB, 1 TB SSD", "7450.00"),
    "LNV-T14G5": ("Laptop Lenovo ThinkPad T14 Gen 5, Core Ultra 5, 16 GB", "6890.00"),
    "HP-E27G5": ("Monitor HP E27 G5, 27 inch, IPS, Full HD", "1120.00"),
    "RACK-42U": ("Rack 42U 800 x 1000 mm, cu PDU și panou de ventilație", "6300.00"),
    "CBL-CAT6A": ("Cablu CAT6A S/FTP LSZH, rolă de 305 m", "1450.00"),
}

ADDRESSES = {
    "alfa": "Alfa Industries SRL, Depozit central\n"
    "Strada Fabricii 46\n400632 Cluj-Napoca, jud. Cluj",
    "beta": "Beta Logistics SA, Depozit Chiajna\n"
    "Șoseaua de Centură 112\n077040 Chiajna, jud. Ilfov",
}

# A trip from the vendor's warehouse in Bucharest to Cluj-Napoca, and to Chiajna:
# (kind, day offset, place, the carrier's text in Romanian, the same in English).
TO_CLUJ = [
    (E.PICKED_UP, 0.0, "București, depozit Carpatia Tech", "", ""),
    (E.AT_HUB, 0.3, "București, hub Otopeni", "", ""),
    (E.IN_TRANSIT, 0.7, "Sibiu", "", ""),
    (E.AT_HUB, 0.9, "Cluj-Napoca, hub regional", "", ""),
    (
        E.OUT_FOR_DELIVERY,
        1.0,
        "Cluj-Napoca",
        "Curierul vă va contacta telefonic.",
        "The courier will phone you.",
    ),
    (
        E.DELIVERED,
        1.2,
        "Cluj-Napoca",
        "Predat destinatarului, semnat: M. Ionescu",
        "Handed to the recipient, signed: M. Ionescu",
    ),
]
TO_CHIAJNA = [
    (E.PICKED_UP, 0.0, "București, depozit Carpatia Tech", "", ""),
    (E.AT_HUB, 0.2, "Chiajna, hub regional", "", ""),
    (E.OUT_FOR_DELIVERY, 0.8, "Chiajna", "", ""),
    (
        E.DELIVERED,
        0.9,
        "Chiajna",
        "Predat la recepția depozitului",
        "Handed to the warehouse's reception",
    ),
]
FROM_ABROAD = [
    (E.PICKED_UP, 0.0, "Amsterdam, NL", "Expediere preluată", "Shipment picked up"),
    (E.AT_HUB, 0.4, "Köln, DE", "Sosită în centrul de sortare", "Arrived at facility"),
    (E.IN_TRANSIT, 1.1, "Budapest, HU", "Plecată din centrul de sortare", "Departed facility"),
    (
        E.CUSTOMS,
        1.4,
        "Nădlac, frontiera RO",
        "Verificare documente de transport",
        "Transport documents checked",
    ),
]

# number, PO, days ago, currency, [(status, day)], [(product, qty, expected day)],
# [(carrier, tracking number, {line position: qty}, first event's day, events)].
# fmt: off
ORDERS: dict[str, list[tuple]] = {
    "alfa": [
        ("CMD-2026-001160", "ALF-PO-2026-004", 80, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.2), (S.PROCESSING, 1), (S.SHIPPED, 3),
          (S.DELIVERED, 4.2)],
         [("LNV-T14G5", 12, 5)],
         [("sameday", "1SDY58301274553", {1: 12}, 3, TO_CLUJ)]),
        ("CMD-2026-001173", "ALF-PO-2026-018", 62, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.2), (S.PROCESSING, 1), (S.SHIPPED, 5),
          (S.DELIVERED, 6.2)],
         [("DL-R760", 2, 7), ("APC-SRT3000", 2, 7), ("RACK-42U", 1, 7)],
         [("dhl", "4839201745", {1: 2, 2: 2, 3: 1}, 5, TO_CLUJ)]),
        ("CMD-2026-001188", "ALF-PO-2026-020", 35, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 2), (S.PARTIALLY_SHIPPED, 6),
          (S.SHIPPED, 9), (S.DELIVERED, 10.2)],
         [("HPE-DL380G11", 1, 10), ("DL-ME5024", 1, 10)],
         [("dpd", "80412345678", {1: 1}, 6, TO_CLUJ),
          ("transcom", "TRC/2026/118-4", {2: 1}, 9, TO_CLUJ[-2:])]),
        ("CMD-2026-001201", "ALF-PO-2026-021", 24, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.CANCELLED, 3)],
         [("SYN-RS3621", 1, 10)],
         []),
        ("CMD-2026-001219", "ALF-PO-2026-022", 9, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.3), (S.PROCESSING, 1), (S.PARTIALLY_SHIPPED, 3),
          (S.PARTIALLY_DELIVERED, 4.2)],
         [("DL-LAT5550", 10, 10), ("HP-E27G5", 10, 5)],
         [("fan-courier", "2291044387120", {1: 6, 2: 10}, 3, TO_CLUJ),
          ("cargus", "1102345987", {1: 4}, 8, TO_CLUJ[:3])]),
        ("CMD-2026-001226", "ALF-PO-2026-024", 7, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.5), (S.PROCESSING, 1), (S.PARTIALLY_SHIPPED, 5)],
         [("ARB-CX6300", 4, 17), ("CBL-CAT6A", 10, 6)],
         [("gls", "6100452398", {2: 10}, 5, TO_CLUJ[:5])]),
        ("CMD-2026-001236", "ALF-PO-2026-025", 6, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 2), (S.SHIPPED, 4)],
         [("NTP-AFF-A250", 1, 8), ("CSC-C9300-48P", 2, 8)],
         [("ups", "1Z 999 AA1 01 2345 6784", {1: 1, 2: 2}, 4, FROM_ABROAD)]),
        ("CMD-2026-001241", "ALF-PO-2026-027", 4, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.4), (S.PROCESSING, 2)],
         [("LNV-SR650V3", 3, 12), ("EAT-9PX6K", 3, 12)],
         []),
        ("CMD-2026-001248", "ALF-PO-2026-029", 2, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1)],
         [("MS-W22-DC16", 4, 5), ("VEEAM-DP10", 1, 5)],
         []),
        ("CMD-2026-001252", "ALF-PO-2026-030", 0, "RON",
         [(S.RECEIVED, 0)],
         [("FTN-FG100F", 2, 14)],
         []),
    ],
    "beta": [
        ("CMD-2026-001150", "4500017702", 95, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 2), (S.SHIPPED, 4), (S.DELIVERED, 4.9)],
         [("CSC-C9300-48P", 4, 6), ("CBL-CAT6A", 6, 6)],
         [("cargus", "1100998877", {1: 4, 2: 6}, 4, TO_CHIAJNA)]),
        ("CMD-2026-001190", "4500018115", 30, "EUR",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 2), (S.SHIPPED, 6), (S.DELIVERED, 6.9)],
         [("HPE-DL380G11", 2, 8), ("APC-SRT3000", 2, 8)],
         [("dhl", "7781234560", {1: 2, 2: 2}, 6, TO_CHIAJNA)]),
        ("CMD-2026-001207", "4500018240", 20, "RON",
         [(S.RECEIVED, 0), (S.CANCELLED, 2)],
         [("DL-LAT5550", 5, 6)],
         []),
        ("CMD-2026-001229", "4500018321", 6, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.5), (S.PROCESSING, 1), (S.PARTIALLY_SHIPPED, 5)],
         [("EAT-9PX6K", 2, 6), ("RACK-42U", 2, 15)],
         [("sameday", "1SDY58399120870", {1: 2}, 5, TO_CHIAJNA[:3])]),
        ("CMD-2026-001231", "4500018347", 8, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.3), (S.PROCESSING, 1), (S.PARTIALLY_SHIPPED, 3),
          (S.PARTIALLY_DELIVERED, 3.9)],
         [("DL-R760", 6, 9), ("MS-W22-DC16", 6, 5)],
         [("dpd", "80455512309", {1: 3, 2: 6}, 3, TO_CHIAJNA),
          ("dpd", "80455512344", {1: 3}, 7.5, TO_CHIAJNA[:2])]),
        ("CMD-2026-001239", "4500018402", 5, "EUR",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 1.5), (S.SHIPPED, 3)],
         [("NTP-AFF-A250", 1, 7)],
         [("fedex", "7712 3456 7890", {1: 1}, 3, FROM_ABROAD[:3])]),
        ("CMD-2026-001244", "4500018433", 3, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 1), (S.PROCESSING, 2)],
         [("LNV-T14G5", 20, 9), ("HP-E27G5", 20, 9)],
         []),
        ("CMD-2026-001249", "4500018467", 1, "RON",
         [(S.RECEIVED, 0), (S.CONFIRMED, 0.6)],
         [("FTN-FG100F", 1, 10), ("ARB-CX6300", 2, 10)],
         []),
        ("CMD-2026-001254", "4500018490", 0, "RON",
         [(S.RECEIVED, 0)],
         [("SYN-RS3621", 1, 12), ("VEEAM-DP10", 1, 3)],
         []),
    ],
}
# fmt: on
CUSTOMER_NUMBERS = {"alfa": "C-100245", "beta": "C-100318"}


def load() -> None:
    for key, orders in ORDERS.items():
        account = CustomerAccount.objects.get(number=CUSTOMER_NUMBERS[key])
        for spec in orders:
            _order(account, ADDRESSES[key], *spec)


def _order(account, address, number, po, age, currency, history, lines, shipments) -> None:
    if Order.objects.filter(external_id=f"demo:{number}").exists():
        return
    # Every time lies in the past: "age" days ago, two hours before now, plus offsets.
    start = timezone.now().replace(second=0, microsecond=0) - timedelta(days=age, hours=2)
    ordered_on = timezone.localdate(start)
    rate = EUR_RATE if currency == "EUR" else Decimal(1)
    order = services.order_upsert(
        actor=ERP,
        account=account,
        external_id=f"demo:{number}",
        number=number,
        po_number=po,
        ordered_on=ordered_on,
        status=history[0][0],
        currency=currency,
        expected_on=ordered_on + timedelta(days=max(day for _c, _q, day in lines)),
        delivery_address=address,
        at=start,
        lines=[
            services.LineData(
                position=position,
                product_code=code,
                description=PRODUCTS[code][0],
                quantity=quantity,
                unit_price=(Decimal(PRODUCTS[code][1]) / rate).quantize(Decimal("0.01")),
                expected_on=ordered_on + timedelta(days=day),
            )
            for position, (code, quantity, day) in enumerate(lines, start=1)
        ],
    ).obj
    for index, (carrier, tracking, items, day, events) in enumerate(shipments, start=1):
        shipment = services.shipment_upsert(
            actor=ERP,
            order=order,
            external_id=f"demo:{number}/{index}",
            carrier_code=carrier,
            carrier_name="Transcom Logistic" if carrier == "transcom" else "",
            tracking_number=tracking,
            items=items,
        ).obj
        for kind, offset, place, text_ro, text_en in events:
            services.shipment_event_add(
                actor=ERP,
                shipment=shipment,
                kind=kind,
                occurred_at=start + timedelta(days=day + offset),
                place=place,
                description_ro=text_ro,
                description_en=text_en,
            )
    for status, day in history[1:]:
        services.order_status_set(
            actor=ERP, order=order, status=status, at=start + timedelta(days=day)
        )
