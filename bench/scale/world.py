"""The shape of the scale data: how many rows of each kind, which account gets them, when."""

import hashlib
import math
import random
import uuid
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile

from bench.scale.sink import Sink
from clientdesk.support.demo import PDF
from clientdesk.support.storage import private_storage

# Volumes at scale 1 (issue 15, part B).
ACCOUNTS = 5_000
USERS = 50_000
REQUESTS = 500_000
CONTRACTS = 200_000
ORDERS = 1_000_000
# Invoices proper; credit notes (about 7% of them) come on top: about 3,000,000 documents.
INVOICES = 2_800_000
# The largest account (big.admin's) holds this many invoices at scale 1.
BIG_INVOICES = 100_000
# Account of rank r (0 the largest) weighs 1 / (r + 1) ** ZIPF_EXPONENT: with 5,000
# accounts the largest holds ~11% of the orders and requests, the median a few dozen.
ZIPF_EXPONENT = 1.0
# Invoices are flatter (a big customer is billed monthly, not per order): the largest
# holds its BIG_INVOICES, the next ones about 56,000, 41,000...
INVOICE_EXPONENT = 0.75
DAYS = 730
PDF_NAME = "scale/document.pdf"


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind each account gets (by account index)."""

    users: list[int]
    orders: list[int]
    requests: list[int]
    contracts: list[int]
    invoices: list[int]
    big: int
    small: int

    @property
    def accounts(self) -> int:
        return len(self.orders)


def make_plan(scale: float, seed: int) -> Plan:
    """Zipf-sized accounts in a shuffled order: the largest is not the first created."""
    if not scale > 0:
        raise ValueError("the scale must be a positive number")
    rng = random.Random(f"{seed}:plan")
    count = max(2, round(ACCOUNTS * scale))
    ranks = list(range(count))
    rng.shuffle(ranks)
    weights = [1 / (rank + 1) ** ZIPF_EXPONENT for rank in ranks]
    big = ranks.index(0)
    # Every account has an administrator and a colleague; the rest follow the weights.
    users = [2 + n for n in _split(max(0, round(USERS * scale) - 2 * count), weights, least=0)]
    invoice_weights = [1 / (rank + 1) ** INVOICE_EXPONENT for rank in ranks]
    invoices = _split(max(count, round(INVOICES * scale)), invoice_weights)
    # About 95,000 by the weights at scale 1; fewer accounts give the largest more.
    invoices[big] = max(invoices[big], round(BIG_INVOICES * scale))
    return Plan(
        users=users,
        orders=_split(max(count, round(ORDERS * scale)), weights),
        requests=_split(max(count, round(REQUESTS * scale)), weights),
        contracts=_split(max(count, round(CONTRACTS * scale)), weights),
        invoices=invoices,
        big=big,
        # A small account, not the smallest: a handful of orders and requests to show.
        small=ranks.index(count * 3 // 4),
    )


def _split(total: int, weights: list[float], least: int = 1) -> list[int]:
    """``total`` shared by weight (largest remainder), at least ``least`` each (weight > 0)."""
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    counts = [max(least if w else 0, math.floor(s)) for s, w in zip(shares, weights, strict=True)]
    short = total - sum(counts)
    if short > 0:
        by_remainder = sorted(
            range(len(shares)), key=lambda i: shares[i] - math.floor(shares[i]), reverse=True
        )
        for i in by_remainder[:short]:
            counts[i] += 1
    return counts


@dataclass
class Person:
    pk: int
    name: str
    email: str
    phone: str
    language: str


@dataclass
class Customer:
    pk: int
    name: str
    address: str
    city: str
    currency: str
    created: datetime
    people: list[Person] = field(default_factory=list)


@dataclass
class World:
    """What every phase of the generator shares."""

    plan: Plan
    seed: int
    now: datetime
    today: date
    sink: Sink
    customers: list[Customer] = field(default_factory=list)

    def rng(self, phase: str) -> random.Random:
        # One stream per phase: changing one phase leaves the others' data as it was.
        return random.Random(f"{self.seed}:{phase}")

    def timeline(self, counts: list[int], rng: random.Random) -> Iterator[tuple[datetime, int]]:
        """(moment, account index) for ``counts[i]`` rows of each account, oldest first.

        The rows are spread evenly over the last DAYS days; which account each belongs
        to is a shuffle of a compact array, so that no list of millions is ever built.
        """
        return self.moments(owners(counts, rng))

    def moments(self, owners: array) -> Iterator[tuple[datetime, int]]:
        start = self.now - timedelta(days=DAYS)
        step = DAYS * 86_400 / max(1, len(owners))
        for k, i in enumerate(owners):
            yield start + timedelta(seconds=round((k + 0.5) * step)), i


def owners(counts: list[int], rng: random.Random) -> array:
    """Account indexes, ``counts[i]`` times each, shuffled: 4 bytes a row."""
    shuffled = array("I")
    for i, n in enumerate(counts):
        shuffled.extend([i] * n)
    rng.shuffle(shuffled)
    return shuffled


def new_uuid(rng: random.Random) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def phone(rng: random.Random) -> str:
    return f"+40 7{rng.randint(20, 99)} 555 {rng.randint(100, 999)}"


@dataclass(frozen=True)
class StoredPdf:
    name: str
    size: int
    sha256: str


def stored_pdf() -> StoredPdf:
    """One small PDF in private storage that every generated document names."""
    content = PDF
    storage = private_storage()
    if not storage.exists(PDF_NAME):
        storage.save(PDF_NAME, ContentFile(content))
    return StoredPdf(PDF_NAME, len(content), hashlib.sha256(content).hexdigest())
