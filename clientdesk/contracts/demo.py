"""Demo contracts and equipment for Alfa and Beta: every kind and status, a signature that
waits for Ana, and one contract signed and sealed that verifies on /verify/.

Idempotent: contracts and machines are upserted by their ERP ids; a contract that has a
document or a signature request already is left as it is. Runs after the identity demo
data (it needs the customer accounts and their people).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount, User
from clientdesk.contracts import democa, services, signatures, signing
from clientdesk.contracts.models import Contract, SignatureStep
from clientdesk.contracts.services import ContractData, EquipmentData
from clientdesk.core.actors import Actor
from clientdesk.core.models import VendorConfig
from clientdesk.core.pdf import render_pdf

ERP = Actor.system("demo_data")
K, S = Contract.Kind, Contract.Status
CLAUSES = [
    "Furnizorul asigură intervenția la sediul clientului în cel mult o zi lucrătoare.",
    "Piesele defecte se înlocuiesc cu piese noi sau echivalente, fără cost suplimentar.",
    "Contractul se reînnoiește automat pentru încă un an, dacă niciuna dintre părți nu îl "
    "denunță în scris cu cel puțin perioada de preaviz înainte de data reînnoirii.",
]

# number, kind, status, title, start (days from today), length in days, notice, value
ALFA = [
    (
        "CTR-ALFA-001",
        K.HARDWARE_MAINTENANCE,
        S.ACTIVE,
        "Mentenanță servere Power",
        -300,
        365,
        30,
        "48000",
    ),
    (
        "CTR-ALFA-002",
        K.SOFTWARE_MAINTENANCE,
        S.AWAITING_SIGNATURE,
        "Suport software IBM i",
        10,
        365,
        60,
        "21500",
    ),
    ("CTR-ALFA-003", K.MONTHLY_LICENCE, S.ACTIVE, "Licență lunară Veeam", -120, None, 30, "1025"),
    (
        "CTR-ALFA-004",
        K.PREPAID_LICENCE,
        S.ACTIVE,
        "Licență Windows Server 3 ani",
        -400,
        1095,
        30,
        "27950",
    ),
    ("CTR-ALFA-005", K.SERVICEPAC, S.ACTIVE, "ServicePac 3 ani 24x7", -200, 1095, 30, "9800"),
    ("CTR-ALFA-006", K.SERVICES, S.DRAFT, "Migrare stocare", 20, 90, 15, "15000"),
    (
        "CTR-ALFA-007",
        K.HARDWARE_MAINTENANCE,
        S.AWAITING_APPROVAL,
        "Mentenanță stocare",
        30,
        365,
        30,
        "18000",
    ),
    (
        "CTR-ALFA-008",
        K.SOFTWARE_MAINTENANCE,
        S.TERMINATING,
        "Suport bază de date",
        -500,
        560,
        30,
        "12000",
    ),
    ("CTR-ALFA-009", K.SERVICES, S.TERMINATED, "Instruire administratori", -700, 60, 15, "4500"),
    (
        "CTR-ALFA-010",
        K.HARDWARE_MAINTENANCE,
        S.EXPIRED,
        "Mentenanță imprimante",
        -800,
        365,
        30,
        "3600",
    ),
    (
        "CTR-ALFA-011",
        K.HARDWARE_MAINTENANCE,
        S.ACTIVE,
        "Mentenanță rețea (semnat online)",
        -5,
        365,
        30,
        "8400",
    ),
]
BETA = [
    (
        "CTR-BETA-001",
        K.HARDWARE_MAINTENANCE,
        S.ACTIVE,
        "Mentenanță depozit",
        -100,
        365,
        30,
        "22000",
    ),
    ("CTR-BETA-002", K.SOFTWARE_MAINTENANCE, S.EXPIRED, "Suport WMS", -900, 365, 30, "9000"),
    ("CTR-BETA-003", K.MONTHLY_LICENCE, S.ACTIVE, "Licență lunară WMS", -60, None, 30, "850"),
    ("CTR-BETA-004", K.PREPAID_LICENCE, S.TERMINATED, "Licență antivirus", -800, 365, 30, "3100"),
    (
        "CTR-BETA-005",
        K.SERVICEPAC,
        S.AWAITING_SIGNATURE,
        "ServicePac cititoare",
        5,
        730,
        30,
        "5400",
    ),
    ("CTR-BETA-006", K.SERVICES, S.DRAFT, "Audit rețea", 15, 30, 10, "7000"),
]
# customer, serial, machine type, model, location, warranty days from today, contract number
MACHINES = [
    ("alfa", "78D2A41", "9009", "42G", "București, camera serverelor", 200, "CTR-ALFA-001"),
    ("alfa", "78D2A42", "9009", "42G", "București, camera serverelor", -100, "CTR-ALFA-001"),
    ("alfa", "10XK931", "8286", "41A", "Cluj, centrul de date", -400, "CTR-ALFA-005"),
    ("alfa", "JPX1187", "2076", "724", "București, camera serverelor", -50, ""),
    ("beta", "SN55012", "5148", "24G", "Ploiești, depozit", 90, "CTR-BETA-001"),
    ("beta", "SN55013", "5148", "24G", "Ploiești, depozit", -30, ""),
]


def _data(row, today: date) -> ContractData:
    number, kind, status, title, start, length, notice, value = row
    start_date = today + timedelta(days=start)
    end = start_date + timedelta(days=length) if length else None
    renews = end if status in (S.ACTIVE, S.AWAITING_SIGNATURE, S.AWAITING_APPROVAL) else None
    if kind == K.MONTHLY_LICENCE:
        renews = today.replace(day=1) + timedelta(days=32)
        renews = renews.replace(day=1)
    return ContractData(
        number=number,
        kind=kind,
        status=status,
        title=title,
        start_date=start_date,
        end_date=None if kind == K.MONTHLY_LICENCE else end,
        renewal_date=renews,
        notice_days=notice,
        value=Decimal(value),
        currency="RON",
    )


def _document(contract: Contract) -> None:
    if contract.documents.exists():
        return
    pdf = render_pdf(
        "contracts/pdf/contract.html",
        {"contract": contract, "clauses": CLAUSES},
        language="ro",
    )
    services.document_add(actor=ERP, contract=contract, name=f"{contract.number}.pdf", content=pdf)


def _ensure_signing_keys() -> bool:
    try:
        signing.load_keys()
        return True
    except signing.SigningUnavailable:
        if not settings.DEBUG:
            return False  # production settings without keys: no signed demo contract
    directory = signing.demo_directory()
    if not (directory / democa.CERT).exists():
        democa.write(democa.create(VendorConfig.get().name), directory)
    signing.load_keys()
    return True


def _signature(contract: Contract, signer: User, *, complete: bool) -> None:
    if contract.signature_requests.exists():
        return
    document = contract.documents.order_by("-number").first()
    if document is None:
        return
    status = contract.status
    request = signatures.request_send(
        actor=ERP,
        contract=contract,
        document=document,
        participants=[signatures.Participant(role=SignatureStep.Role.SIGN, user=signer)],
        message="Vă rugăm să semnați contractul până la data de expirare.",
        expires_on=timezone.localdate() + timedelta(days=21),
    )
    if complete:
        signatures.step_sign(
            actor=Actor.of_user(signer, ip="192.0.2.10", user_agent="demo_data"),
            request=request,
            typed_name=signer.get_full_name(),
            authentication="password",
        )
    else:
        Contract.objects.filter(pk=contract.pk).update(status=status)


def load() -> None:
    today = timezone.localdate()
    alfa = CustomerAccount.objects.get(number="C-100245")
    beta = CustomerAccount.objects.get(number="C-100318")
    contracts = {}
    for account, rows in ((alfa, ALFA), (beta, BETA)):
        for row in rows:
            contract = services.contract_upsert(
                actor=ERP, account=account, external_id=f"demo-{row[0]}", data=_data(row, today)
            ).obj
            _document(contract)
            contracts[contract.number] = contract
    for customer, serial, machine_type, model, location, warranty, number in MACHINES:
        services.equipment_upsert(
            actor=ERP,
            account=alfa if customer == "alfa" else beta,
            external_id=f"demo-{serial}",
            data=EquipmentData(
                machine_type=machine_type,
                serial_number=serial,
                model=model,
                location=location,
                warranty_end=today + timedelta(days=warranty),
                contract_number=number,
            ),
        )
    if not _ensure_signing_keys():
        return
    ana = User.objects.get(email="ana.popescu@alfa.example")
    _signature(Contract.objects.get(number="CTR-ALFA-002"), ana, complete=False)
    _signature(Contract.objects.get(number="CTR-ALFA-011"), ana, complete=True)
