"""Contracts in statuses that fit their dates, each beyond a draft with its document."""

import random
from datetime import date, timedelta
from decimal import Decimal

from bench.scale.world import World, new_uuid, stored_pdf
from clientdesk.contracts.models import Contract, ContractDocument

K, S = Contract.Kind, Contract.Status
TITLES = {
    K.HARDWARE_MAINTENANCE: ("Mentenanță hardware servere", "Mentenanță stocare și rețea"),
    K.SOFTWARE_MAINTENANCE: ("Mentenanță software ERP", "Suport aplicație de inventar"),
    K.MONTHLY_LICENCE: ("Licență lunară backup", "Licență lunară monitorizare"),
    K.PREPAID_LICENCE: ("Licență anuală antivirus", "Licență preplătită virtualizare"),
    K.SERVICEPAC: ("ServicePac 3 ani 24x7", "ServicePac 1 an NBD"),
    K.SERVICES: ("Migrare stocare", "Audit de securitate", "Instalare rețea sediu nou"),
}
# Days a contract runs (None: until terminated, as a monthly licence does).
TERMS = (365, 730, 1095, None)
YEARS_BACK = 5


def generate(world: World) -> None:
    sink, rng, today = world.sink, world.rng("contracts"), world.today
    contracts = sink.table(
        Contract,
        [
            "public_id",
            "account_id",
            "external_id",
            "number",
            "title",
            "kind",
            "status",
            "start_date",
            "end_date",
            "renewal_date",
            "notice_days",
            "value",
            "currency",
            "created_at",
            "updated_at",
        ],
    )
    documents = sink.table(
        ContractDocument,
        ["public_id", "contract_id", "number", "name", "file", "size", "sha256", "created_at"],
    )
    pdf = stored_pdf()
    seq = 0
    for i, count in enumerate(world.plan.contracts):
        customer = world.customers[i]
        for _ in range(count):
            seq += 1
            kind = rng.choice(list(K))
            start = today - timedelta(days=rng.randint(-60, YEARS_BACK * 365))
            term = None if kind == K.MONTHLY_LICENCE else rng.choice(TERMS)
            notice = rng.choice((15, 30, 60, 90))
            status, end = _status(rng, start, term, notice, today)
            created = world.now - timedelta(days=(today - start).days + rng.randint(5, 40))
            number = f"CTR-SC-{seq:07d}"
            pk = contracts.add(
                new_uuid(rng),
                customer.pk,
                f"scale:{number}",
                number,
                rng.choice(TITLES[kind]),
                kind,
                status,
                start,
                end,
                end if status == S.ACTIVE else None,
                notice,
                Decimal(rng.randint(1_000, 500_000)),
                customer.currency,
                created,
                min(created + timedelta(days=rng.randint(1, 30)), world.now),
            )
            if status not in (S.DRAFT, S.AWAITING_APPROVAL):
                documents.add(
                    new_uuid(rng),
                    pk,
                    1,
                    f"{number}.pdf",
                    pdf.name,
                    pdf.size,
                    pdf.sha256,
                    min(created + timedelta(days=1), world.now),
                )


def _status(
    rng: random.Random, start: date, term: int | None, notice: int, today: date
) -> tuple[str, date | None]:
    end = start + timedelta(days=term) if term else None
    if start > today or ((today - start).days < 14 and rng.random() < 0.2):
        return rng.choices((S.DRAFT, S.AWAITING_APPROVAL, S.AWAITING_SIGNATURE), (3, 3, 4))[0], end
    if end is not None and end < today:
        return rng.choices((S.EXPIRED, S.TERMINATED), (3, 1))[0], end
    if rng.random() < 0.1:
        return S.TERMINATING, today + timedelta(days=rng.randint(1, notice))
    return S.ACTIVE, end
