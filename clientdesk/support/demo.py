"""Demo requests for Alfa and Beta: every status, conversations, notes, files, deflections.

Each request is filed and worked through the services, as the people would
(so the demo also fills the outbox with the e-mails they would get); then
what each step wrote is dated back to its moment. Times are relative to the
moment the demo is loaded, so that the targets of open requests look current.
A request whose subject exists already for its account is left alone, which
makes load() idempotent. Runs after the identity demo data (it needs the
customer accounts and people).
"""

import uuid
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Max
from django.utils import timezone

from clientdesk.accounts.models import CustomerAccount, User
from clientdesk.core.actors import Actor
from clientdesk.core.models import Event
from clientdesk.support import services, sla
from clientdesk.support.attachments import CheckedFile, check_upload
from clientdesk.support.events import RequestEvent
from clientdesk.support.models import (
    Attachment,
    DeflectionEvent,
    Message,
    RequestType,
    Status,
    SupportRequest,
)
from clientdesk.support.tasks import close_resolved_request

S = Status
AGENT = "agent@vendor.example"
# The statuses a request went through to reach its current one.
PATHS = {
    S.NEW: [],
    S.IN_PROGRESS: [S.IN_PROGRESS],
    S.WAITING: [S.IN_PROGRESS, S.WAITING],
    S.RESOLVED: [S.IN_PROGRESS, S.RESOLVED],
    S.CLOSED: [S.IN_PROGRESS, S.RESOLVED, S.CLOSED],
    S.CANCELLED: [S.CANCELLED],
}

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)
FILES: dict[str, str | bytes] = {
    "inventar-servere.csv": (
        "Tip;Model;Serie\n9009-42A;Power S924;78A1B2C\n9009-22A;Power S922;78A9D4E\n"
    ),
    "factura-CTS-2026-004518.pdf": PDF,
    "eticheta-colet.png": PNG,
    "confirmare-primire.pdf": PDF,
}

# customer, requester, type, status, days since filed, subject, description, details,
# conversation [(from staff?, internal?, text, file)], rating
SCENARIOS = [
    ("alfa", "mihai.ionescu@alfa.example", "maintenance-quote", S.NEW, 0.1,
     "Ofertă pentru extinderea mentenanței serverelor din Cluj",
     "Vă rugăm o ofertă de mentenanță hardware 24x7 pentru cele două servere din lista atașată, "
     "pentru 36 de luni, începând cu 1 februarie.",
     {"need": "hw-maintenance", "machine": "9009-42A", "serial_number": "78A1B2C"},
     [(False, False, "", "inventar-servere.csv")], None),
    ("alfa", "ana.popescu@alfa.example", "support-services", S.IN_PROGRESS, 3,
     "Instalarea a trei imprimante noi la sediul din Cluj",
     "Avem trei imprimante multifuncționale noi care trebuie instalate și configurate în rețea, "
     "cu scanare în folderele partajate.",
     {"service": "installation"},
     [(True, False, "Bună ziua, am programat un tehnician pentru joi, între 10:00 și 13:00. "
       "Vă rugăm să ne confirmați că intervalul vă convine.", ""),
      (True, True, "Ion confirmă joi; de verificat licența de scanare la sosire.", ""),
      (False, False, "Joi este perfect, vă mulțumim.", "")], None),
    ("alfa", "ana.popescu@alfa.example", "invoice-question", S.WAITING, 2,
     "Diferență de sumă pe factura CTS-2026-004518",
     "Pe factura atașată apare de două ori linia de transport. Vă rugăm să verificați.",
     {"invoice_number": "CTS-2026-004518", "topic": "amount"},
     [(False, False, "", "factura-CTS-2026-004518.pdf"),
      (True, True, "Transportul apare dublat din cauza livrării parțiale; de emis notă de credit "
       "după confirmarea clientului.", ""),
      (True, False, "Bună ziua, transportul a fost facturat pentru fiecare livrare parțială. "
       "Ne puteți confirma numărul comenzii de achiziție, ca să emitem nota de credit?", "")],
     None),
    ("alfa", "mihai.ionescu@alfa.example", "order-delivery", S.RESOLVED, 6,
     "Comanda PO-2026-118 nu a sosit completă",
     "Am primit doar două dintre cele trei colete ale comenzii.",
     {"order_number": "PO-2026-118", "topic": "damaged"},
     [(False, False, "Atașez eticheta coletului primit.", "eticheta-colet.png"),
      (True, False, "Al treilea colet a fost livrat azi dimineață; confirmarea de primire "
       "este atașată. Dacă lipsește ceva, ne puteți scrie aici.", "confirmare-primire.pdf")],
     None),
    ("alfa", "ana.popescu@alfa.example", "general-question", S.CLOSED, 24,
     "Acces VPN pentru consultantul extern",
     "Consultantul nostru are nevoie de acces VPN pentru două săptămâni.",
     {}, [(True, False, "Accesul a fost creat; datele au fost trimise consultantului.", "")], 5),
    ("alfa", "mihai.ionescu@alfa.example", "general-question", S.CANCELLED, 9,
     "Mutarea unui echipament în sala nouă",
     "Vrem să mutăm un rack în sala nouă de la etajul 2.", {},
     [(False, False, "Am rezolvat intern, anulez cererea.", "")], None),
    ("beta", "elena.dumitru@beta.example", "invoice-question", S.NEW, 0.2,
     "Copie a facturii din septembrie", "Vă rog o copie a facturii din septembrie pentru audit.",
     {"invoice_number": "CTS-2026-003902", "topic": "copy"}, [], None),
    ("beta", "elena.dumitru@beta.example", "order-delivery", S.IN_PROGRESS, 1,
     "Data de livrare pentru switch-urile comandate",
     "Ne puteți spune când ajung switch-urile din comanda PO-BL-7781?",
     {"order_number": "PO-BL-7781", "topic": "date"},
     [(True, False, "Am cerut producătorului o dată fermă și revenim mâine.", "")], None),
    ("beta", "elena.dumitru@beta.example", "support-services", S.WAITING, 4,
     "Instruire pentru aplicația de inventar",
     "Dorim o sesiune de instruire de o zi pentru cinci colegi.", {"service": "training"},
     [(True, False, "Vă rugăm să ne trimiteți două date posibile și numărul de participanți.", "")],
     None),
    ("beta", "elena.dumitru@beta.example", "maintenance-quote", S.RESOLVED, 8,
     "Reînnoirea mentenanței software pentru licențele de backup",
     "Licențele de backup expiră luna viitoare.", {"need": "sw-maintenance"},
     [(True, False, "Oferta de reînnoire v-a fost trimisă pe e-mail.", "")], None),
    ("beta", "elena.dumitru@beta.example", "general-question", S.CLOSED, 30,
     "Schimbarea persoanei de contact pentru facturi", "Persoana de contact se schimbă.", {},
     [(True, False, "Am actualizat persoana de contact.", "")], 4),
    ("beta", "elena.dumitru@beta.example", "general-question", S.CANCELLED, 12,
     "Întrebare despre programul de sărbători", "Lucrați între Crăciun și Anul Nou?", {},
     [], None),
]  # fmt: skip


def load() -> None:
    calendar = sla.vendor_calendar()
    now = timezone.now()
    agent = User.objects.get(email=AGENT)
    accounts = {
        "alfa": CustomerAccount.objects.get(number="C-100245"),
        "beta": CustomerAccount.objects.get(number="C-100318"),
    }
    for scenario in SCENARIOS:
        customer, subject = scenario[0], scenario[5]
        if not SupportRequest.objects.filter(account=accounts[customer], subject=subject).exists():
            _create(scenario, accounts[customer], agent, calendar, now)
    _deflections(now)


def _upload(name: str) -> CheckedFile:
    content = FILES[name]
    return check_upload(
        SimpleUploadedFile(name, content.encode() if isinstance(content, str) else content)
    )


class _Timeline:
    """Runs each step through the services, then dates what the step wrote to its moment."""

    def __init__(self, support_request: SupportRequest):
        self.support_request = support_request

    def at(self, moment, step, *args, **kwargs) -> None:
        rows = [
            Event.objects.about(self.support_request),
            Message.objects.filter(request=self.support_request),
            Attachment.objects.filter(request=self.support_request),
        ]
        marks = [queryset.aggregate(last=Max("pk"))["last"] or 0 for queryset in rows]
        step(*args, **kwargs)
        for queryset, mark in zip(rows, marks, strict=True):
            queryset.filter(pk__gt=mark).update(created_at=moment)


def _create(scenario, account, agent, calendar, now) -> None:
    _customer, email, code, status, days, subject, description, details, talk, rating = scenario
    requester = User.objects.get(email=email)
    customer, staff = Actor.of_user(requester), Actor.of_user(agent)
    request_type = RequestType.objects.select_related("queue").get(code=code)
    filed = now - timedelta(days=days)
    files = [_upload(name) for from_staff, _internal, text, name in talk if name and not text]
    talk = [line for line in talk if line[2]]
    support_request = services.request_create(
        actor=customer,
        new=services.NewRequest(
            account=account,
            request_type=request_type,
            subject=subject,
            description=description,
            contact_name=requester.get_full_name(),
            contact_email=requester.email,
            contact_phone=requester.phone,
            details=details,
            attachments=files,
        ),
    )
    timeline = _Timeline(support_request)
    timeline.at(filed, lambda: None)  # the filing itself
    path = PATHS[status]
    # An agent takes it and starts work first; later changes come after the conversation.
    started, later = (path[:1], path[1:]) if path[:1] == [S.IN_PROGRESS] else ([], path)
    moments = iter(_moments(calendar, filed, now, 1 + len(started) + len(talk) + len(later)))
    if status != S.NEW:
        timeline.at(next(moments), _staff_update, support_request, staff, assignee=agent)
    for target in started:
        timeline.at(next(moments), _staff_update, support_request, staff, status=target)
    for from_staff, internal, text, file_name in talk:
        files = [_upload(file_name)] if file_name else []
        author = staff if from_staff else customer
        timeline.at(next(moments), _say, support_request, author, internal, text, files)
    for target in later:
        timeline.at(next(moments), _finish, support_request, customer, staff, target, rating)
    _dates(support_request, filed, calendar)


def _current(support_request: SupportRequest) -> SupportRequest:
    return SupportRequest.objects.select_related("queue", "assignee").get(pk=support_request.pk)


def _staff_update(support_request, staff: Actor, *, status=None, assignee=None) -> None:
    current = _current(support_request)
    services.request_update(
        actor=staff,
        support_request=current,
        version=current.version,
        status=status or current.status,
        assignee=assignee or current.assignee,
        queue=current.queue,
    )


def _say(support_request, actor: Actor, internal: bool, text: str, files) -> None:
    current = _current(support_request)
    if internal:
        services.request_add_note(
            actor=actor, support_request=current, body=text, attachments=files
        )
    elif actor.user is not None and actor.user.is_staff:
        services.request_staff_reply(
            actor=actor,
            support_request=current,
            version=current.version,
            body=text,
            attachments=files,
        )
    else:
        services.request_reply(actor=actor, support_request=current, body=text, attachments=files)


def _finish(support_request, customer: Actor, staff: Actor, target: str, rating) -> None:
    current = _current(support_request)
    if target == S.CANCELLED:
        services.request_cancel(actor=customer, support_request=current)
    elif target == S.CLOSED:
        services.request_rate(
            actor=customer,
            support_request=current,
            rating=rating,
            comment="Rapid și clar, mulțumim.",
        )
    else:
        _staff_update(current, staff, status=target)


def _dates(support_request: SupportRequest, filed, calendar) -> None:
    """The request's own times, from the dated history: filed, answered, resolved, closed."""
    history = list(Event.objects.about(support_request).order_by("created_at", "pk"))
    stamps = {
        "created_at": filed,
        "first_response_due": sla.first_response_due(support_request.type, filed, calendar),
        "resolution_due": sla.resolution_due(support_request.type, filed, calendar),
    }
    for event in history:
        if event.kind == RequestEvent.STAFF_REPLIED:
            stamps.setdefault("first_response_at", event.created_at)
        elif event.kind == RequestEvent.STATUS and event.data["to"] == S.RESOLVED:
            stamps["resolved_at"] = event.created_at
        elif event.kind == RequestEvent.STATUS and event.data["to"] == S.CLOSED:
            stamps["closed_at"] = event.created_at
    SupportRequest.objects.filter(pk=support_request.pk).update(**stamps)
    current = SupportRequest.objects.select_related("type").get(pk=support_request.pk)
    if current.status == S.RESOLVED and current.resolved_at is not None:
        # The service queued the close for "now"; the request was resolved at its dated moment.
        until = current.resolved_at + timedelta(days=current.type.reopen_days)
        close_resolved_request.using(run_after=until).enqueue(
            current.pk, current.resolved_at.isoformat()
        )


def _moments(calendar, filed, now, count: int) -> list:
    """``count`` moments after filing, spread over the business hours until now."""
    hours = calendar.between(filed, now)
    if hours == 0:
        return [filed + (now - filed) * (i / (count + 1)) for i in range(1, count + 1)]
    return [calendar.add(filed, hours * i / (count + 1)) for i in range(1, count + 1)]


def _deflections(now) -> None:
    """Three form visits that followed a suggestion: two ended there, one filed anyway."""
    ana = User.objects.get(email="ana.popescu@alfa.example")
    elena = User.objects.get(email="elena.dumitru@beta.example")
    filed = SupportRequest.objects.filter(subject__startswith="Copie a facturii").first()
    visits = [
        (ana, "copie contract", ["contract-copy"], 2, None),
        (elena, "factura electronica", ["e-invoice", "download-invoice"], 5, None),
        (elena, "copie factura", ["download-invoice"], 0.2, filed),
    ]
    for user, query, articles, days, request in visits:
        opened = now - timedelta(days=days)
        DeflectionEvent.objects.get_or_create(
            visit=uuid.uuid5(uuid.NAMESPACE_URL, f"clientdesk-demo:{user.email}:{query}"),
            defaults={
                "user": user,
                "query": query,
                "lang": "ro",
                "articles": articles,
                "first_opened_at": opened,
                "last_opened_at": opened + timedelta(minutes=2),
                "filed_request": request,
            },
        )
