"""Demo identities: the fictional vendor, two customers, six people (three of them staff)."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.models import AccessRequest, Consent, CustomerAccount, Membership, User
from clientdesk.backoffice import roles
from clientdesk.core import grants as G
from clientdesk.core.models import VendorConfig

PASSWORD = "clientdesk-demo"  # noqa: S105 - the documented demo password  # nosec B105

VENDOR = {
    "name": "Carpatia Tech",
    "legal_name": "Carpatia Tech Services SRL",
    "tax_id": "RO18674021",
    "support_phone": "+40 31 555 0142",
    "support_email": "suport@carpatia-tech.example",
    "fax": "+40 31 555 0143",
    "address": "Strada Fabricii de Chibrituri 24, etaj 3\n050183 București, Sector 5\nRomânia",
    "postal_address": "Carpatia Tech Services SRL, Departamentul Contracte\n"
    "Strada Fabricii de Chibrituri 24, etaj 3\n050183 București, Sector 5\nRomânia",
    "website": "https://carpatia-tech.example",
}

CUSTOMERS = {
    "alfa": {
        "number": "C-100245",
        "name": "Alfa Industries SRL",
        "tax_id": "RO14458939",
        "trade_register": "J12/2087/2003",
        "address": "Strada Fabricii 46",
        "city": "Cluj-Napoca",
        "county": "Cluj",
        "postal_code": "400632",
        "phone": "+40 264 555 210",
        "email": "office@alfa.example",
    },
    "beta": {
        "number": "C-100318",
        "name": "Beta Logistics SA",
        "tax_id": "RO32871541",
        "trade_register": "J40/11452/2014",
        "address": "Șoseaua de Centură 112",
        "city": "Chiajna",
        "county": "Ilfov",
        "postal_code": "077040",
        "phone": "+40 21 555 7730",
        "email": "contact@beta.example",
    },
}

PEOPLE = [
    # email, first, last, job title, phone, customer, grants or staff role
    ("ana.popescu@alfa.example", "Ana", "Popescu", "Director IT", "+40 722 555 101", "alfa", G.ALL),
    (
        "mihai.ionescu@alfa.example",
        "Mihai",
        "Ionescu",
        "Inginer de sistem",
        "+40 723 555 102",
        "alfa",
        (G.REQUESTS, G.ORDERS),
    ),
    (
        "elena.dumitru@beta.example",
        "Elena",
        "Dumitru",
        "Director financiar",
        "+40 724 555 103",
        "beta",
        G.ALL,
    ),
    (
        "agent@vendor.example",
        "Andrei",
        "Marin",
        "Agent de suport",
        "+40 31 555 0150",
        None,
        roles.SUPPORT_AGENT,
    ),
    (
        "contracts@vendor.example",
        "Irina",
        "Vasilescu",
        "Reprezentant contracte",
        "+40 31 555 0151",
        None,
        roles.CONTRACTS_REPRESENTATIVE,
    ),
    (
        "admin@vendor.example",
        "Victor",
        "Stan",
        "Administrator portal",
        "+40 31 555 0152",
        None,
        roles.VENDOR_ADMIN,
    ),
]


def load() -> None:
    vendor = VendorConfig.get()
    for field, value in VENDOR.items():
        setattr(vendor, field, value)
    vendor.save()

    accounts = {
        key: CustomerAccount.objects.update_or_create(number=data["number"], defaults=data)[0]
        for key, data in CUSTOMERS.items()
    }
    for email, first, last, job, phone, customer, grants_or_role in PEOPLE:
        user = _person(
            email,
            first,
            last,
            job,
            phone,
            accounts[customer].name if customer else VENDOR["legal_name"],
        )
        if customer:
            membership, _created = Membership.objects.get_or_create(
                user=user, account=accounts[customer]
            )
            membership.set_grants(list(grants_or_role))
            membership.save()
        else:
            user.is_staff = True
            user.is_superuser = grants_or_role == roles.VENDOR_ADMIN
            user.save(update_fields=["is_staff", "is_superuser"])
            user.groups.set([Group.objects.get(name=grants_or_role)])

    # Mihai asked for the invoices of Alfa too: the contracts team's queue has work in it.
    mihai = User.objects.get(email="mihai.ionescu@alfa.example")
    AccessRequest.objects.get_or_create(
        user=mihai,
        customer_number=accounts["alfa"].number,
        defaults={
            "account": accounts["alfa"],
            "proof_kind": AccessRequest.ProofKind.INVOICE,
            "proof_number": "CTS-2026-004518",
            "areas": ["invoices"],
            "message": (
                "Am nevoie de facturi pentru reconcilierea lunară a costurilor de mentenanță."
            ),
        },
    )


def _person(email, first, last, job, phone, company) -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={
            "first_name": first,
            "last_name": last,
            "job_title": job,
            "phone": phone,
            "company": company,
            "country": "RO",
            "language": "ro",
        },
    )
    if created:
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        now = timezone.now()
        for kind, text in TEXTS.items():
            Consent.objects.create(
                user=user, kind=kind, version=settings.CONSENT_VERSION, text=str(text), given_at=now
            )
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user
