"""Scale data: a large, skewed data set to measure the portal at realistic volume.

At scale 1 (``manage.py scale_data --scale 1``):

- about 3,000 customer accounts whose sizes follow a Zipf law: the largest
  holds about 12% of the orders and requests, the median one a few dozen;
- two users per account (one with every grant, one with requests and orders),
  plus ``big.admin@scale.example`` on the largest account and
  ``small.user@scale.example`` on a small one, both with every grant, a
  verified e-mail and the demo password ``clientdesk-demo``;
- about 300,000 orders with 1-4 lines each and their status timelines; the
  shipped ones of the last SHIPMENT_DAYS also carry a shipment with tracking
  events;
- about 100,000 requests with their history and replies.

Everything is spread over the last two years, in statuses that fit its age.
Invoices, credit notes and payments will join when the billing app exists:
there is no model for them yet, and this generator invents none.

Written for speed, not through the services: rows are built in memory and
bulk-inserted in batches (one transaction per batch, no signals), every
generated user shares one password hash computed once, and request numbers
are reserved from the year's counter in one short transaction before the
rows go in, so a request filed through the portal afterwards (or meanwhile)
takes the next free number. The same seed gives the same data; dates are
relative to the hour of the run.

A second run refuses (ScaleDataExists) rather than adding to the set: a
skewed set topped up is no longer the set it claims to be. The data is
recognised by its customer numbers (SC-...) and its e-mail domain; start
again from an empty database.
"""

import math
import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone

from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.models import Consent, CustomerAccount, Membership, User
from clientdesk.core import grants as G
from clientdesk.core.models import Event
from clientdesk.orders.demo import EUR_RATE, PRODUCTS
from clientdesk.orders.models import (
    Carrier,
    Order,
    OrderLine,
    OrderStatusChange,
    Shipment,
    ShipmentEvent,
    ShipmentLine,
)
from clientdesk.support.demo import PATHS
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    Message,
    RequestCounter,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.sla import vendor_calendar

PASSWORD = "clientdesk-demo"  # noqa: S105 - the documented demo password
DOMAIN = "scale.example"
BIG_ADMIN = f"big.admin@{DOMAIN}"
SMALL_USER = f"small.user@{DOMAIN}"
ACCOUNT_PREFIX = "SC-"

# Volumes at scale 1.
ACCOUNTS = 3_000
ORDERS = 300_000
REQUESTS = 100_000
USERS_PER_ACCOUNT = 2
# Account of rank r (0 the largest) weighs 1 / (r + 1) ** ZIPF_EXPONENT: with
# 3,000 accounts the largest holds ~12% and the median account ~23 orders, ~8 requests.
ZIPF_EXPONENT = 1.0
DAYS = 730
SHIPMENT_DAYS = 120
BATCH_SIZE = 5_000

OS = Order.Status
ORDER_PATHS = {
    OS.RECEIVED: [OS.RECEIVED],
    OS.CONFIRMED: [OS.RECEIVED, OS.CONFIRMED],
    OS.PROCESSING: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING],
    OS.PARTIALLY_SHIPPED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.PARTIALLY_SHIPPED],
    OS.SHIPPED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.SHIPPED],
    OS.PARTIALLY_DELIVERED: [
        OS.RECEIVED,
        OS.CONFIRMED,
        OS.PROCESSING,
        OS.PARTIALLY_SHIPPED,
        OS.PARTIALLY_DELIVERED,
    ],
    OS.DELIVERED: [OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING, OS.SHIPPED, OS.DELIVERED],
    OS.CANCELLED: [OS.RECEIVED, OS.CONFIRMED, OS.CANCELLED],
}
# Days from one status to the next, at least and at most.
STEP_DAYS = (0.1, 2.5)
SHIPPED_STATUSES = {OS.PARTIALLY_SHIPPED, OS.SHIPPED, OS.PARTIALLY_DELIVERED, OS.DELIVERED}

FIRST_NAMES = (  # noqa: SIM905 - a list of words reads best as words
    "Ana Andrei Bianca Bogdan Carmen Cristian Daniela Dan Elena Emil Florin Gabriela "
    "Ioana Ion Irina Laura Lucian Maria Mihai Monica Radu Raluca Sorin Teodora Vlad"
).split()
LAST_NAMES = (  # noqa: SIM905 - a list of words reads best as words
    "Popescu Ionescu Popa Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu "
    "Florea Constantin Marin Tudor Dobre Barbu Nistor Lungu Ene Neagu Toma Sandu "
    "Moldovan"
).split()
JOBS = (
    "Director IT",
    "Inginer de sistem",
    "Administrator rețea",
    "Director financiar",
    "Specialist achiziții",
    "Contabil",
    "Manager operațiuni",
)
NAME_HEADS = (  # noqa: SIM905 - a list of words reads best as words
    "Carpat Dunărea Transilvania Delta Olt Mureș Someș Bucegi Ceahlău Retezat Apuseni "
    "Siret Prut Arieș Vrancea Bistrița Crișana Banat Dobrogea Oltenia Muntenia Moldova"
).split()
NAME_TAILS = (  # noqa: SIM905 - a list of words reads best as words
    "Logistic Industries Tech Construct Energy Pharma Foods Systems Media Retail Auto "
    "Metal Agro Software Medical Transport Consulting Textile Plast Electric"
).split()
CITIES = (
    ("București", "București"),
    ("Cluj-Napoca", "Cluj"),
    ("Timișoara", "Timiș"),
    ("Iași", "Iași"),
    ("Brașov", "Brașov"),
    ("Constanța", "Constanța"),
    ("Craiova", "Dolj"),
    ("Oradea", "Bihor"),
    ("Sibiu", "Sibiu"),
    ("Ploiești", "Prahova"),
)
SUBJECTS = {
    "general-question": (
        "Acces VPN pentru consultantul extern de la {city}",
        "Schimbarea persoanei de contact pentru {city}",
        "Programul echipei de suport în perioada sărbătorilor",
        "Întrebare despre utilizatorii portalului",
    ),
    "maintenance-quote": (
        "Ofertă de mentenanță pentru {product}",
        "Reînnoirea mentenanței hardware la sediul din {city}",
        "Reparație {product} defect",
    ),
    "support-services": (
        "Instalarea echipamentelor noi la sediul din {city}",
        "Instruire pentru aplicația de inventar",
        "Configurarea rețelei în biroul din {city}",
        "Tehnician la fața locului pentru {product}",
    ),
    "invoice-question": (
        "Diferență de sumă pe factura CTS-{year}-{n:06d}",
        "Copie a facturii CTS-{year}-{n:06d}",
        "Scadența facturii CTS-{year}-{n:06d}",
    ),
    "order-delivery": (
        "Data de livrare pentru comanda {order}",
        "Comanda {order} nu a sosit completă",
        "Colet deteriorat la livrarea comenzii {order}",
    ),
}
OTHER_SUBJECTS = ("Solicitare pentru echipa de suport", "Întrebare despre {product}")
SENTENCES = (
    "Vă rugăm să ne confirmați primirea solicitării.",
    "Echipamentul este instalat în sala de servere de la etajul 2.",
    "Avem nevoie de un răspuns până la sfârșitul săptămânii.",
    "Atașăm detaliile în mesajele următoare, dacă sunt necesare.",
    "Problema apare de câteva zile, intermitent.",
    "Persoana de contact este disponibilă între 9:00 și 17:00.",
    "Vă mulțumim pentru ajutor.",
    "Cererea privește toate locațiile companiei.",
)
STAFF_REPLIES = (
    "Bună ziua, am preluat solicitarea și revenim cu detalii în cursul zilei.",
    "Am programat un tehnician; vă rugăm să ne confirmați intervalul propus.",
    "Vă rugăm să ne trimiteți numărul de serie al echipamentului.",
    "Problema a fost rezolvată; ne puteți scrie aici dacă mai apare.",
)
CUSTOMER_REPLIES = (
    "Vă mulțumim, intervalul ne convine.",
    "Am atașat informațiile cerute.",
    "Problema a apărut din nou azi dimineață.",
)


class ScaleDataExists(Exception):
    """The database holds scale data already; the generator adds nothing to it."""


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind each account gets (by account index)."""

    orders: list[int]
    requests: list[int]
    big: int
    small: int

    @property
    def accounts(self) -> int:
        return len(self.orders)


def exists() -> bool:
    return (
        CustomerAccount.objects.filter(number__startswith=ACCOUNT_PREFIX).exists()
        or User.objects.filter(email__in=[BIG_ADMIN, SMALL_USER]).exists()
    )


def make_plan(scale: float, seed: int) -> Plan:
    """Zipf-sized accounts in a shuffled order: the largest is not the first created."""
    if not scale > 0:
        raise ValueError("the scale must be a positive number")
    rng = random.Random(f"{seed}:plan")
    count = max(2, round(ACCOUNTS * scale))
    ranks = list(range(count))
    rng.shuffle(ranks)
    weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in ranks]
    return Plan(
        orders=_split(max(count, round(ORDERS * scale)), weights),
        requests=_split(max(count, round(REQUESTS * scale)), weights),
        big=ranks.index(0),
        # A small account, not the smallest: a handful of orders and requests to show.
        small=ranks.index(count * 3 // 4),
    )


def _split(total: int, weights: list[float]) -> list[int]:
    """``total`` shared by weight (largest remainder), at least one each."""
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [max(1, math.floor(share)) for share in shares]
    short = total - sum(counts)
    if short > 0:
        by_remainder = sorted(
            range(len(shares)), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True
        )
        for i in by_remainder[:short]:
            counts[i] += 1
    return counts


def generate(
    *,
    scale: float = 1.0,
    seed: int = 1,
    batch_size: int = BATCH_SIZE,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """Fill the database; returns the rows added by model label."""
    if exists():
        raise ScaleDataExists(
            f"The database already holds scale data (customer numbers {ACCOUNT_PREFIX}…, "
            f"users @{DOMAIN}); scale_data adds nothing to it. Start from an empty database."
        )
    plan = make_plan(scale, seed)
    generator = _Generator(plan, seed=seed, batch_size=batch_size, log=log)
    started = time.perf_counter()
    with _timestamps_as_given():
        generator.accounts_and_users()
        generator.orders()
        generator.requests()
    if connection.vendor == "postgresql":
        # What autovacuum would soon do after so many inserts: statistics for the
        # planner, and the visibility map that lets a count read an index alone.
        # VACUUM cannot run inside a transaction (a test's); ANALYZE alone can.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        log(f"{statement}…")
        with connection.cursor() as cursor:
            cursor.execute(statement)
    totals = dict(generator.totals)
    log(
        f"Done in {time.perf_counter() - started:.1f} s: "
        + ", ".join(f"{count:,} {label}" for label, count in totals.items())
    )
    return totals


def _request_event(kind, actor_id, data, at) -> Event:
    """A request's history row as the services write it (subject and account set on insert)."""
    return Event(
        kind=kind.value,
        actor_kind="user" if actor_id else "system",
        actor_user_id=actor_id,
        actor_name="" if actor_id else "worker",
        subject_type=SupportRequest._meta.label_lower,
        data=data,
        created_at=at,
    )


# Auto-stamped fields that the generator sets itself, to spread them over two years.
STAMPED = (
    CustomerAccount,
    Membership,
    Order,
    Shipment,
    ShipmentEvent,
    SupportRequest,
    Message,
)


@contextmanager
def _timestamps_as_given() -> Iterator[None]:
    """auto_now(_add) off while generating: bulk_create would stamp every row "now"."""
    fields = [
        f
        for model in STAMPED
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField) and (f.auto_now or f.auto_now_add)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


@dataclass
class _Person:
    pk: int
    name: str
    email: str
    phone: str
    language: str


class _Generator:
    def __init__(self, plan: Plan, *, seed: int, batch_size: int, log) -> None:
        self.plan = plan
        self.seed = seed
        self.batch_size = batch_size
        self.log = log
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)
        self.totals: Counter[str] = Counter()
        self.account_pks: list[int] = []
        self.account_names: list[str] = []
        self.addresses: list[str] = []
        self.cities: list[str] = []
        self.people: list[list[_Person]] = []

    def _rng(self, phase: str) -> random.Random:
        # One stream per phase: changing one phase leaves the others' data as it was.
        return random.Random(f"{self.seed}:{phase}")

    def _count(self, rows: list) -> None:
        if rows:
            self.totals[rows[0]._meta.label] += len(rows)

    def _insert(self, model, rows: list) -> list:
        created = model.objects.bulk_create(rows, batch_size=self.batch_size)
        self._count(created)
        return created

    def _batches(self, total: int, what: str, started: float) -> Iterator[tuple[int, int]]:
        step = max(1, math.ceil(total / self.batch_size / 10)) * self.batch_size
        for start in range(0, total, self.batch_size):
            yield start, min(start + self.batch_size, total)
            done = min(start + self.batch_size, total)
            if done % step == 0 or done == total:
                elapsed = time.perf_counter() - started
                self.log(f"  {what}: {done:,} of {total:,} ({elapsed:.1f} s)")

    # Accounts, users, memberships

    def accounts_and_users(self) -> None:
        started = time.perf_counter()
        rng = self._rng("accounts")
        accounts = []
        for i in range(self.plan.accounts):
            number = f"{ACCOUNT_PREFIX}{i + 1:06d}"
            name = f"{rng.choice(NAME_HEADS)} {rng.choice(NAME_TAILS)} {rng.choice(['SRL', 'SA'])}"
            city, county = rng.choice(CITIES)
            street = f"Strada {rng.choice(LAST_NAMES)} {rng.randint(1, 200)}"
            accounts.append(
                CustomerAccount(
                    public_id=_uuid(rng),
                    number=number,
                    external_id=f"scale:{number}",
                    name=name,
                    tax_id=f"RO{rng.randint(1_000_000, 49_999_999)}",
                    address=street,
                    city=city,
                    county=county,
                    postal_code=f"{rng.randint(10_000, 999_999):06d}",
                    phone=_phone(rng),
                    email=f"office{i + 1}@{DOMAIN}",
                    created_at=self.now - timedelta(days=DAYS + rng.randint(0, 1_000)),
                )
            )
            self.account_names.append(name)
            self.addresses.append(f"{name}\n{street}\n{city}, jud. {county}")
            self.cities.append(city)
        with transaction.atomic():
            self.account_pks = [a.pk for a in self._insert(CustomerAccount, accounts)]

        # One hash for everyone: hashing per user would take minutes at scale.
        password = make_password(PASSWORD)
        users, memberships, owners = [], [], []
        for i, account in enumerate(accounts):
            for k in range(USERS_PER_ACCOUNT):
                users.append(
                    self._user(rng, f"user{i + 1:05d}.{k + 1}@{DOMAIN}", account, password)
                )
                owners.append((i, G.ALL if k == 0 else (G.REQUESTS, G.ORDERS, G.CONTRACTS_VIEW)))
        named = [
            (BIG_ADMIN, self.plan.big, "Bogdan", "Mare"),
            (SMALL_USER, self.plan.small, "Sanda", "Mic"),
        ]
        for email, i, first, last in named:
            user = self._user(rng, email, accounts[i], password)
            user.first_name, user.last_name, user.language = first, last, "ro"
            users.append(user)
            owners.append((i, G.ALL))
        self.people = [[] for _ in accounts]
        with transaction.atomic():
            users = self._insert(User, users)
            self._insert(
                EmailAddress,
                [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            )
            for user, (i, grants) in zip(users, owners, strict=True):
                membership = Membership(
                    user=user, account_id=self.account_pks[i], created_at=user.date_joined
                )
                membership.set_grants(list(grants))
                memberships.append(membership)
                self.people[i].append(
                    _Person(user.pk, user.get_full_name(), user.email, user.phone, user.language)
                )
            self._insert(Membership, memberships)
            self._insert(
                Consent,
                [
                    Consent(
                        user=user,
                        kind=kind,
                        version=settings.CONSENT_VERSION,
                        text=str(text),
                        given_at=user.date_joined,
                    )
                    for user in users[-len(named) :]
                    for kind, text in TEXTS.items()
                ],
            )
        self.log(
            f"accounts: {len(accounts):,}, users: {len(users):,} "
            f"({time.perf_counter() - started:.1f} s)"
        )

    def _user(self, rng, email: str, account: CustomerAccount, password: str) -> User:
        return User(
            email=email,
            password=password,
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            phone=_phone(rng),
            company=account.name,
            job_title=rng.choice(JOBS),
            country="RO",
            language="en" if rng.random() < 0.15 else "ro",
            date_joined=account.created_at + timedelta(days=rng.randint(0, 300)),
        )

    # Orders

    def orders(self) -> None:
        started = time.perf_counter()
        rng = self._rng("orders")
        moments = sorted(
            (self._moment(rng), i) for i, count in enumerate(self.plan.orders) for _ in range(count)
        )
        carriers = list(Carrier.objects.filter(active=True).order_by("code"))
        products = [(code, text, Decimal(price)) for code, (text, price) in PRODUCTS.items()]
        po_seq: Counter[int] = Counter()
        for start, end in self._batches(len(moments), "orders", started):
            specs = []
            for seq in range(start, end):
                ordered_at, i = moments[seq]
                po_seq[i] += 1
                specs.append(self._order(rng, seq + 1, ordered_at, i, po_seq[i], products))
            with transaction.atomic():
                orders = self._insert(Order, [spec[0] for spec in specs])
                for order, (_order, lines, changes, _age) in zip(orders, specs, strict=True):
                    for row in (*lines, *changes):
                        row.order = order
                self._insert(OrderLine, [line for spec in specs for line in spec[1]])
                self._insert(OrderStatusChange, [c for spec in specs for c in spec[2]])
                self._shipments(rng, orders, specs, carriers)

    def _moment(self, rng) -> datetime:
        return self.now - timedelta(seconds=rng.randrange(DAYS * 86_400))

    def _order(self, rng, seq, ordered_at, i, po_n, products):
        age = (self.now - ordered_at).total_seconds() / 86_400
        status = _order_status(rng, age)
        changes, at = [], ordered_at
        for step, target in enumerate(ORDER_PATHS[Order.Status(status)]):
            if step:
                at = min(at + timedelta(days=rng.uniform(*STEP_DAYS)), self.now)
            changes.append(OrderStatusChange(status=target, occurred_at=at))
        ordered_on = timezone.localdate(ordered_at)
        currency = "EUR" if rng.random() < 0.1 else "RON"
        rate = EUR_RATE if currency == "EUR" else Decimal(1)
        lines = []
        for position in range(1, rng.choices((1, 2, 3, 4), (40, 30, 20, 10))[0] + 1):
            code, text, price = rng.choice(products)
            lines.append(
                OrderLine(
                    position=position,
                    product_code=code,
                    description=text,
                    quantity=rng.choice((1, 1, 2, 2, 3, 4, 5, 10, 20)),
                    unit_price=(price / rate).quantize(Decimal("0.01")),
                    expected_on=ordered_on + timedelta(days=rng.randint(3, 21)),
                )
            )
        number = f"CMD-{ordered_on.year}-{seq:07d}"
        order = Order(
            public_id=_uuid(rng),
            account_id=self.account_pks[i],
            external_id=f"scale:{number}",
            number=number,
            po_number=self._po(rng, i, po_n, ordered_on.year),
            status=status,
            ordered_on=ordered_on,
            expected_on=max(line.expected_on or ordered_on for line in lines),
            currency=currency,
            total=sum((line.quantity * line.unit_price for line in lines), Decimal("0.00")),
            delivery_address=self.addresses[i],
            created_at=ordered_at,
            updated_at=at,
        )
        return order, lines, changes, age

    def _po(self, rng, i: int, n: int, year: int) -> str:
        """Each customer writes its PO numbers its own way (some write none)."""
        style = i % 4
        if style == 0:
            return f"{self.account_names[i][:3].upper()}-PO-{year}-{n:04d}"
        if style == 1:
            return f"45{i:04d}{n:05d}"
        if style == 2:
            return f"PO/{year}/{n}"
        return "" if rng.random() < 0.5 else f"{n}/{year % 100:02d}"

    def _shipments(self, rng, orders, specs, carriers) -> None:
        shipments, items, events = [], [], []
        for order, (_order, lines, changes, age) in zip(orders, specs, strict=True):
            if order.status not in SHIPPED_STATUSES or age > SHIPMENT_DAYS:
                continue
            times = {change.status: change.occurred_at for change in changes}
            shipped_at = times.get(OS.SHIPPED) or times[OS.PARTIALLY_SHIPPED]
            delivered_at = times.get(OS.DELIVERED) or times.get(OS.PARTIALLY_DELIVERED)
            carrier = rng.choice(carriers) if carriers else None
            shipments.append(
                Shipment(
                    public_id=_uuid(rng),
                    order=order,
                    external_id=f"scale:{order.number}/1",
                    carrier=carrier,
                    carrier_name=carrier.name if carrier else "Curier",
                    tracking_number=f"{rng.randrange(10**11, 10**12)}",
                    status=Shipment.Status.DELIVERED
                    if delivered_at
                    else Shipment.Status.IN_TRANSIT,
                    shipped_at=shipped_at,
                    delivered_at=delivered_at,
                    created_at=shipped_at,
                )
            )
            partial = order.status in (OS.PARTIALLY_SHIPPED, OS.PARTIALLY_DELIVERED)
            shipped_lines = lines[: max(1, len(lines) // 2)] if partial else lines
            items.append(shipped_lines)
            trip = [
                (ShipmentEvent.Kind.PICKED_UP, shipped_at, "București, depozit"),
                (ShipmentEvent.Kind.AT_HUB, shipped_at + timedelta(hours=8), "Hub regional"),
            ]
            if delivered_at:
                trip.append((ShipmentEvent.Kind.DELIVERED, delivered_at, order.delivery_address))
            events.append(
                [(kind, min(at, self.now), place.splitlines()[-1]) for kind, at, place in trip]
            )
        shipments = self._insert(Shipment, shipments)
        self._insert(
            ShipmentLine,
            [
                ShipmentLine(shipment=shipment, line=line, quantity=line.quantity)
                for shipment, lines in zip(shipments, items, strict=True)
                for line in lines
            ],
        )
        self._insert(
            ShipmentEvent,
            [
                ShipmentEvent(
                    shipment=shipment, kind=kind, occurred_at=at, place=place, created_at=at
                )
                for shipment, trip in zip(shipments, events, strict=True)
                for kind, at, place in trip
            ],
        )

    # Requests

    def requests(self) -> None:
        started = time.perf_counter()
        rng = self._rng("requests")
        types = list(RequestType.objects.active().order_by("position", "code"))
        if not types:
            self.log("requests: none (no active request type)")
            return
        tz = vendor_calendar().tz
        moments = sorted(
            (self._moment(rng), i)
            for i, count in enumerate(self.plan.requests)
            for _ in range(count)
        )
        years = [moment.astimezone(tz).year for moment, _i in moments]
        last = _reserve_numbers(Counter(years))
        for start, end in self._batches(len(moments), "requests", started):
            built = []
            for (created_at, i), year in zip(moments[start:end], years[start:end], strict=True):
                last[year] += 1
                built.append(
                    self._request(rng, f"REQ-{year}-{last[year]:06d}", created_at, i, types)
                )
            with transaction.atomic():
                requests = self._insert(SupportRequest, [b[0] for b in built])
                for support_request, (_r, messages, events) in zip(requests, built, strict=True):
                    for message in messages:
                        message.request = support_request
                    for event in events:
                        event.subject_id = str(support_request.pk)
                        event.account_id = support_request.account_id
                self._insert(Message, [m for b in built for m in b[1]])
                self._insert(Event, [e for b in built for e in b[2]])

    def _request(self, rng, number, created_at, i, types):
        age = (self.now - created_at).total_seconds() / 86_400
        request_type = rng.choice(types)
        requester = rng.choice(self.people[i])
        status = _request_status(rng, age)

        def later(moment, low_hours, high_hours):
            return min(moment + timedelta(hours=rng.uniform(low_hours, high_hours)), self.now)

        stamps: dict[str, datetime] = {}
        path = PATHS[Status(status)]
        if path[:1] == [Status.IN_PROGRESS]:
            stamps["first_response_at"] = later(created_at, 0.5, 30)
        if Status.RESOLVED in path:
            stamps["resolved_at"] = later(stamps["first_response_at"], 2, min(240, age * 12))
        if Status.CLOSED in path:
            stamps["closed_at"] = later(stamps["resolved_at"], 1, 14 * 24)
        events = [_request_event(RequestEvent.CREATED, requester.pk, {}, created_at)]
        previous, moment = Status.NEW, created_at
        for target in path:
            moment = {
                Status.IN_PROGRESS: stamps.get("first_response_at"),
                Status.RESOLVED: stamps.get("resolved_at"),
                Status.CLOSED: stamps.get("closed_at"),
            }.get(target) or later(moment, 1, 48)
            events.append(
                _request_event(
                    RequestEvent.STATUS,
                    requester.pk if target == Status.CANCELLED else None,
                    {"from": previous, "to": target},
                    moment,
                )
            )
            previous = target
        messages = []
        if "first_response_at" in stamps:
            messages.append(
                Message(
                    from_staff=True,
                    body=rng.choice(STAFF_REPLIES),
                    created_at=stamps["first_response_at"],
                )
            )
            if rng.random() < 0.5:
                messages.append(
                    Message(
                        author_id=requester.pk,
                        body=rng.choice(CUSTOMER_REPLIES),
                        created_at=later(stamps["first_response_at"], 0.5, 20),
                    )
                )
        rated = status == Status.CLOSED and rng.random() < 0.3
        support_request = SupportRequest(
            public_id=_uuid(rng),
            number=number,
            account_id=self.account_pks[i],
            requester_id=requester.pk,
            type=request_type,
            queue_id=request_type.queue_id,
            subject=self._subject(rng, request_type.code, i, created_at)[:200],
            description=" ".join(rng.sample(SENTENCES, 3)),
            contact_name=requester.name,
            contact_email=requester.email,
            contact_phone=requester.phone,
            language=requester.language,
            status=status,
            version=len(events),
            created_at=created_at,
            updated_at=max([created_at, *stamps.values(), *(e.created_at for e in events)]),
            # Wall-clock approximations of the business-hours targets (about four
            # hours per business hour): a calendar walk per row would dominate the run.
            first_response_due=created_at
            + timedelta(hours=4 * float(request_type.first_response_hours)),
            resolution_due=created_at + timedelta(hours=4 * float(request_type.resolution_hours)),
            satisfaction=rng.randint(3, 5) if rated else None,
            **stamps,
        )
        return support_request, messages, events

    def _subject(self, rng, code: str, i: int, created_at: datetime) -> str:
        template = rng.choice(SUBJECTS.get(code, OTHER_SUBJECTS))
        return template.format(
            city=self.cities[i],
            product=rng.choice(list(PRODUCTS.values()))[0].split(",")[0],
            year=created_at.year,
            n=rng.randint(1, 99_999),
            order=f"CMD-{created_at.year}-{rng.randint(1, 300_000):07d}",
        )


def _reserve_numbers(counts: Counter[int]) -> dict[int, int]:
    """Take ``counts[year]`` numbers of each year's counter at once; the last number before them.

    Locked and moved in one short transaction, before any request row is
    written: a request filed through the portal meanwhile or afterwards gets a
    number after the reserved ones, never one of them.
    """
    last = {}
    with transaction.atomic():
        RequestCounter.objects.bulk_create(
            [RequestCounter(year=year) for year in counts], ignore_conflicts=True
        )
        for counter in RequestCounter.objects.select_for_update().filter(year__in=list(counts)):
            last[counter.year] = counter.last
            counter.last += counts[counter.year]
            counter.save(update_fields=["last"])
    return last


def _order_status(rng, age_days: float) -> str:
    if rng.random() < 0.04:
        return OS.CANCELLED
    if age_days > 30:
        return OS.DELIVERED
    if age_days > 10:
        return rng.choices((OS.DELIVERED, OS.PARTIALLY_DELIVERED, OS.SHIPPED), (80, 10, 10))[0]
    if age_days > 3:
        choices = (
            OS.PROCESSING,
            OS.PARTIALLY_SHIPPED,
            OS.SHIPPED,
            OS.PARTIALLY_DELIVERED,
            OS.DELIVERED,
        )
        return rng.choices(choices, (15, 15, 30, 10, 30))[0]
    return rng.choices((OS.RECEIVED, OS.CONFIRMED, OS.PROCESSING), (40, 35, 25))[0]


def _request_status(rng, age_days: float) -> str:
    S = Status
    if age_days < 2:
        return rng.choices((S.NEW, S.IN_PROGRESS, S.WAITING), (50, 35, 15))[0]
    if age_days < 14:
        choices = (S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.CLOSED, S.CANCELLED)
        return rng.choices(choices, (20, 10, 35, 30, 5))[0]
    if age_days < 60:
        return rng.choices((S.CLOSED, S.CANCELLED, S.IN_PROGRESS, S.WAITING), (85, 7, 5, 3))[0]
    return rng.choices((S.CLOSED, S.CANCELLED), (92, 8))[0]


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _phone(rng) -> str:
    return f"+40 7{rng.randint(20, 99)} 555 {rng.randint(100, 999)}"
