"""Requests with their history (the events the services record) and their conversations."""

import random
from collections import Counter
from datetime import datetime, timedelta

from django.db import transaction

from bench.scale.world import World, new_uuid, owners
from clientdesk.core.models import Event
from clientdesk.orders.demo import PRODUCTS
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


# Replies after the first answer, by how far the request went: about 6 messages a request.
REPLIES = {
    Status.IN_PROGRESS: (0, 4),
    Status.WAITING: (1, 5),
    Status.RESOLVED: (2, 9),
    Status.CLOSED: (2, 9),
}
SUBJECT_TYPE = SupportRequest._meta.label_lower


def generate(world: World) -> None:
    sink, rng = world.sink, world.rng("requests")
    types = list(RequestType.objects.active().order_by("position", "code"))
    if not types:
        return
    requests = sink.table(
        SupportRequest,
        [
            "public_id",
            "number",
            "account_id",
            "requester_id",
            "type_id",
            "queue_id",
            "subject",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
            "language",
            "status",
            "version",
            "created_at",
            "updated_at",
            "first_response_due",
            "resolution_due",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "satisfaction",
        ],
    )
    messages = sink.table(
        Message, ["request_id", "author_id", "from_staff", "internal", "body", "created_at"]
    )
    events = sink.table(
        Event,
        [
            "kind",
            "actor_kind",
            "actor_user_id",
            "actor_name",
            "account_id",
            "subject_type",
            "subject_id",
            "data",
            "created_at",
        ],
    )
    tz = vendor_calendar().tz
    accounts = owners(world.plan.requests, rng)
    last = _reserve_numbers(
        Counter(moment.astimezone(tz).year for moment, _ in world.moments(accounts))
    )
    now = world.now
    for created_at, i in world.moments(accounts):
        year = created_at.astimezone(tz).year
        last[year] += 1
        customer = world.customers[i]
        age = (now - created_at).total_seconds() / 86_400
        request_type = rng.choice(types)
        requester = rng.choice(customer.people)
        status = _request_status(rng, age)

        def later(moment: datetime, low_hours: float, high_hours: float) -> datetime:
            return min(moment + timedelta(hours=rng.uniform(low_hours, high_hours)), now)

        stamps: dict[str, datetime] = {}
        path = PATHS[status]
        if path[:1] == [Status.IN_PROGRESS]:
            stamps["first_response_at"] = later(created_at, 0.5, 30)
        if Status.RESOLVED in path:
            stamps["resolved_at"] = later(stamps["first_response_at"], 2, min(240, age * 12))
        if Status.CLOSED in path:
            stamps["closed_at"] = later(stamps["resolved_at"], 1, 14 * 24)
        history: list[tuple[RequestEvent, int | None, dict, datetime]] = [
            (RequestEvent.CREATED, requester.pk, {}, created_at)
        ]
        previous, moment = Status.NEW, created_at
        for target in path:
            moment = {
                Status.IN_PROGRESS: stamps.get("first_response_at"),
                Status.RESOLVED: stamps.get("resolved_at"),
                Status.CLOSED: stamps.get("closed_at"),
            }.get(target) or later(moment, 1, 48)
            actor = requester.pk if target == Status.CANCELLED else None
            history.append((RequestEvent.STATUS, actor, {"from": previous, "to": target}, moment))
            previous = target
        talk: list[tuple[int | None, bool, bool, str, datetime]] = []
        if "first_response_at" in stamps:
            at = stamps["first_response_at"]
            talk.append((None, True, False, rng.choice(STAFF_REPLIES), at))
            for k in range(rng.randint(*REPLIES[status])):
                at = later(at, 0.5, 20)
                if k % 2:
                    internal = rng.random() < 0.2
                    talk.append((None, True, internal, rng.choice(STAFF_REPLIES), at))
                else:
                    talk.append((requester.pk, False, False, rng.choice(CUSTOMER_REPLIES), at))
        rated = status == Status.CLOSED and rng.random() < 0.3
        updated_at = max([created_at, *stamps.values(), *(h[3] for h in history)])
        pk = requests.add(
            new_uuid(rng),
            f"REQ-{year}-{last[year]:06d}",
            customer.pk,
            requester.pk,
            request_type.pk,
            request_type.queue_id,
            _subject(rng, request_type.code, customer.city, created_at)[:200],
            " ".join(rng.sample(SENTENCES, 3)),
            requester.name,
            requester.email,
            requester.phone,
            requester.language,
            status,
            len(history),
            created_at,
            max(updated_at, *(t[4] for t in talk)) if talk else updated_at,
            # Wall-clock approximations of the business-hours targets (about four
            # hours per business hour): a calendar walk per row would dominate the run.
            created_at + timedelta(hours=4 * float(request_type.first_response_hours)),
            created_at + timedelta(hours=4 * float(request_type.resolution_hours)),
            stamps.get("first_response_at"),
            stamps.get("resolved_at"),
            stamps.get("closed_at"),
            rng.randint(3, 5) if rated else None,
        )
        for row in talk:
            messages.add(pk, *row)
        for kind, actor, data, at in history:
            events.add(
                kind.value,
                "user" if actor else "system",
                actor,
                "" if actor else "worker",
                customer.pk,
                SUBJECT_TYPE,
                str(pk),
                data,
                at,
            )


def _subject(rng: random.Random, code: str, city: str, created_at: datetime) -> str:
    template = rng.choice(SUBJECTS.get(code, OTHER_SUBJECTS))
    return template.format(
        city=city,
        product=rng.choice(list(PRODUCTS.values()))[0].split(",")[0],
        year=created_at.year,
        n=rng.randint(1, 99_999),
        order=f"CMD-{created_at.year}-{rng.randint(1, 1_000_000):07d}",
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


def _request_status(rng: random.Random, age_days: float) -> Status:
    S = Status
    if age_days < 2:
        return rng.choices((S.NEW, S.IN_PROGRESS, S.WAITING), (50, 35, 15))[0]
    if age_days < 14:
        choices = (S.IN_PROGRESS, S.WAITING, S.RESOLVED, S.CLOSED, S.CANCELLED)
        return rng.choices(choices, (20, 10, 35, 30, 5))[0]
    if age_days < 60:
        return rng.choices((S.CLOSED, S.CANCELLED, S.IN_PROGRESS, S.WAITING), (85, 7, 5, 3))[0]
    return rng.choices((S.CLOSED, S.CANCELLED), (92, 8))[0]
