"""Scale data: a large, skewed data set to measure the portal at the volume of a large vendor.

At scale 1 (``manage.py scale_data --scale 1``), issue 15's volumes:

- 5,000 customer accounts whose sizes follow a Zipf law (the largest holds about
  11% of the orders, requests and contracts, the median one a few dozen), with
  50,000 users: an administrator and a colleague on each account, the rest by size;
  ``big.admin@scale.example`` on the largest account and ``small.user@scale.example``
  on a small one, both with every grant, a verified e-mail and the demo password
  ``clientdesk-demo``;
- 500,000 requests with their history (events) and about 3,000,000 messages;
- 200,000 contracts, in statuses that fit their dates, each signed one with its document;
- 1,000,000 orders with their lines and status timelines, and about 2,000,000
  shipments with their lines (the recent ones with tracking events);
- 2,800,000 invoices and about 200,000 credit notes with their lines, about
  2,000,000 payments, their allocations and the ledger of each account; the
  largest account holds 100,000 invoices.

Everything is spread over the last two years. The kept figures are what the
services would have left: each ledger entry's ``balance_after`` is the running sum
of its account in (date, id) order and the account's ``balance`` the last of them;
an invoice's ``open_amount`` and ``settled`` and a payment's ``unallocated`` agree
with their allocations; a credit note settles what it can of the invoice it
corrects; an order's total is the sum of its lines; each year's request counter
stands at its last number. Documents (invoice PDFs, contract documents) all name
one small PDF stored once in private storage: rendering millions would measure
WeasyPrint, not the portal.

Written for speed, not through the services: rows are tuples streamed into
``COPY ... FROM STDIN`` on PostgreSQL (batched INSERTs on SQLite, for tests and
small scales) through bench/scale/sink.py, ids assigned by the generator, in
flushes of bounded size; nothing holds millions of rows in memory. Every
generated user shares one password hash computed once, and request numbers are
reserved from the year's counter in one short transaction before the rows go
in, so a request filed through the portal afterwards (or meanwhile) takes the
next free number. Ids are taken after the largest in each table: run it on a
database nobody writes to meanwhile. The same seed gives the same data; dates
are relative to the hour of the run.

A second run refuses (ScaleDataExists) rather than adding to the set: a
skewed set topped up is no longer the set it claims to be. The data is
recognised by its customer numbers (SC-...) and its e-mail domain; start
again from an empty database.
"""

import time
from collections.abc import Callable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from bench.scale import billing, contracts, orders, requests
from bench.scale.sink import FLUSH_ROWS, Sink
from bench.scale.world import (
    DAYS,
    Customer,
    Person,
    Plan,
    World,
    make_plan,
    new_uuid,
    phone,
)
from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.models import Consent, CustomerAccount, Membership, User
from clientdesk.core import grants as G

__all__ = ["Plan", "ScaleDataExists", "exists", "generate", "make_plan"]

PASSWORD = "clientdesk-demo"  # noqa: S105 - the documented demo password
DOMAIN = "scale.example"
BIG_ADMIN = f"big.admin@{DOMAIN}"
SMALL_USER = f"small.user@{DOMAIN}"
ACCOUNT_PREFIX = "SC-"
EXTRA_GRANTS = (
    (G.REQUESTS,),
    (G.ORDERS,),
    (G.INVOICES,),
    (G.REQUESTS, G.ORDERS),
    (G.CONTRACTS_VIEW, G.CONTRACTS_APPROVE),
    (G.INVOICES, G.ORDERS),
)

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


class ScaleDataExists(Exception):
    """The database holds scale data already; the generator adds nothing to it."""


def exists() -> bool:
    return (
        CustomerAccount.objects.filter(number__startswith=ACCOUNT_PREFIX).exists()
        or User.objects.filter(email__in=[BIG_ADMIN, SMALL_USER]).exists()
    )


def generate(
    *,
    scale: float = 1.0,
    seed: int = 1,
    flush_rows: int = FLUSH_ROWS,
    log: Callable[[str], None] = print,
) -> dict[str, int]:
    """Fill the database; returns the rows added by model label."""
    if exists():
        raise ScaleDataExists(
            f"The database already holds scale data (customer numbers {ACCOUNT_PREFIX}…, "
            f"users @{DOMAIN}); scale_data adds nothing to it. Start from an empty database."
        )
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    world = World(
        plan=make_plan(scale, seed),
        seed=seed,
        now=now,
        today=timezone.localdate(now),
        sink=Sink(now=now, flush_rows=flush_rows),
    )
    started = time.perf_counter()
    phases: list[tuple[str, Callable[[World], None]]] = [
        ("accounts and users", accounts_and_users),
        ("orders and shipments", orders.generate),
        ("requests and messages", requests.generate),
        ("contracts", contracts.generate),
        ("invoices and payments", billing.generate),
    ]
    try:
        for name, phase in phases:
            phase_started = time.perf_counter()
            phase(world)
            world.sink.flush()
            log(f"{name}: {time.perf_counter() - phase_started:.1f} s")
    finally:
        world.sink.close()
    if world.sink.rebuild_seconds:
        log(f"indexes and foreign keys created again: {world.sink.rebuild_seconds:.1f} s")
    if connection.vendor == "postgresql":
        # What autovacuum would soon do after so many inserts: statistics for the
        # planner, and the visibility map that lets a count read an index alone.
        # VACUUM cannot run inside a transaction (a test's); ANALYZE alone can.
        statement = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        analyze_started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        log(f"{statement}: {time.perf_counter() - analyze_started:.1f} s")
    for table in world.sink.tables:
        log(f"  {table.label}: {table.count:,} rows, {table.seconds:.1f} s writing")
    totals = world.sink.totals()
    log(f"Done in {time.perf_counter() - started:.1f} s: {sum(totals.values()):,} rows")
    return totals


def accounts_and_users(world: World) -> None:
    plan, sink, rng = world.plan, world.sink, world.rng("accounts")
    accounts = sink.table(
        CustomerAccount,
        [
            "public_id",
            "number",
            "external_id",
            "name",
            "tax_id",
            "address",
            "city",
            "county",
            "postal_code",
            "phone",
            "email",
            "created_at",
        ],
    )
    users = sink.table(
        User,
        [
            "email",
            "password",
            "first_name",
            "last_name",
            "phone",
            "company",
            "job_title",
            "country",
            "language",
            "date_joined",
        ],
    )
    addresses = sink.table(EmailAddress, ["user_id", "email", "verified", "primary"])
    grant_fields = [G.field_name(grant) for grant in G.ALL]
    memberships = sink.table(Membership, ["user_id", "account_id", *grant_fields, "created_at"])
    consents = sink.table(Consent, ["user_id", "kind", "version", "text", "given_at"])
    # One hash for everyone: hashing per user would take minutes at scale.
    password = make_password(PASSWORD)
    named = {plan.big: (BIG_ADMIN, "Bogdan", "Mare"), plan.small: (SMALL_USER, "Sanda", "Mic")}

    def user(i: int, email: str, first: str, last: str, language: str, grants) -> None:
        customer = world.customers[i]
        joined = customer.created + timedelta(days=rng.randint(0, 300))
        pk = users.add(
            email,
            password,
            first,
            last,
            number := phone(rng),
            customer.name,
            rng.choice(JOBS),
            "RO",
            language,
            joined,
        )
        addresses.add(pk, email, True, True)
        memberships.add(pk, customer.pk, *(grant in grants for grant in G.ALL), joined)
        customer.people.append(Person(pk, f"{first} {last}", email, number, language))
        if email in (BIG_ADMIN, SMALL_USER):
            for kind, text in TEXTS.items():
                consents.add(pk, kind, settings.CONSENT_VERSION, str(text), joined)

    for i in range(plan.accounts):
        number = f"{ACCOUNT_PREFIX}{i + 1:06d}"
        name = f"{rng.choice(NAME_HEADS)} {rng.choice(NAME_TAILS)} {rng.choice(['SRL', 'SA'])}"
        city, county = rng.choice(CITIES)
        street = f"Strada {rng.choice(LAST_NAMES)} {rng.randint(1, 200)}"
        created = world.now - timedelta(days=DAYS + rng.randint(0, 1_000))
        pk = accounts.add(
            new_uuid(rng),
            number,
            f"scale:{number}",
            name,
            f"RO{rng.randint(1_000_000, 49_999_999)}",
            street,
            city,
            county,
            f"{rng.randint(10_000, 999_999):06d}",
            phone(rng),
            f"office{i + 1}@{DOMAIN}",
            created,
        )
        # A tenth of the customers are billed in euros; the two named ones in lei.
        currency = "EUR" if rng.random() < 0.1 and i not in named else "RON"
        world.customers.append(
            Customer(pk, name, f"{name}\n{street}\n{city}, jud. {county}", city, currency, created)
        )
        for k in range(plan.users[i]):
            grants = G.ALL if k == 0 else (G.REQUESTS, G.ORDERS, G.CONTRACTS_VIEW)
            if k > 1:
                grants = rng.choice(EXTRA_GRANTS)
            language = "en" if rng.random() < 0.15 else "ro"
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            user(i, f"user{i + 1:05d}.{k + 1}@{DOMAIN}", first, last, language, grants)
        if i in named:
            email, first, last = named[i]
            user(i, email, first, last, "ro", G.ALL)
