"""Every write of identity data, called as the API and the back office call it.

Each service records its security or access event with its actor, in the audit
chain; each refusal writes nothing; the decision and invitation e-mails are
queued by the events' subscribers.
"""

import hashlib
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.test import RequestFactory
from django.utils import timezone

from clientdesk.accounts import services
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.events import AccessEvent, SecurityEvent
from clientdesk.accounts.models import (
    AccessRequest,
    Consent,
    CustomerAccount,
    Invitation,
    Membership,
    User,
)
from clientdesk.accounts.services import Profile
from clientdesk.core import chain
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor, ActorKind, anonymous_origin
from clientdesk.core.errors import ErrorCode, ServiceError
from clientdesk.core.models import AuditChain, Event, OutboundEmail
from tests.factories import AccessRequestFactory, UserFactory

pytestmark = pytest.mark.django_db

WORKER = Actor.system("worker")
USER_TYPE = "accounts.user"


# --- helpers -------------------------------------------------------------------------------


def as_user(user: User) -> Actor:
    return Actor.of_user(user)


def event_mark() -> int:
    return Event.objects.aggregate(last=Max("pk"))["last"] or 0


def events_since(mark: int) -> list[Event]:
    return list(Event.objects.filter(pk__gt=mark).order_by("pk"))


def mail_mark() -> int:
    return OutboundEmail.objects.aggregate(last=Max("pk"))["last"] or 0


def mails_since(mark: int) -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(pk__gt=mark).order_by("pk"))


def _state(rows: tuple) -> tuple:
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Event,
            OutboundEmail,
            User,
            Consent,
            Membership,
            Invitation,
            AccessRequest,
            CustomerAccount,
        )
    }
    head = list(AuditChain.objects.values())
    values = [type(row).objects.filter(pk=row.pk).values().first() for row in rows]
    return counts, head, values


@contextmanager
def refused(
    code: ErrorCode | None = None,
    field: str | None = None,
    *,
    rows: tuple = (),
    error: type[Exception] = ServiceError,
) -> Iterator[Any]:
    """The block is refused (with ``code`` on ``field``, for a ServiceError); nothing is written."""
    before = _state(rows)
    with pytest.raises(error) as caught:
        yield caught
    if issubclass(error, ServiceError):
        assert caught.value.error == code
        assert caught.value.field == field
    assert _state(rows) == before


def not_allowed(*, rows: tuple = ()):
    return refused(rows=rows, error=PermissionDenied)


def assert_event(event: Event, kind, *, actor: User, subject, account=None, data: dict) -> None:
    assert event.kind == kind
    assert (event.actor_kind, event.actor_user_id) == (ActorKind.USER, actor.pk)
    assert event.account_id == (account.pk if account is not None else None)
    assert (event.subject_type, event.subject_id) == (subject._meta.label_lower, str(subject.pk))
    assert event.data == data
    # Everything that happens to people and their access is in the audit chain.
    assert event.audit_seq is not None
    assert len(event.audit_hash) == 64


def a_profile(**changes) -> Profile:
    fields = {
        "first_name": "Radu",
        "last_name": "Ionescu",
        "phone": "+40 721 234 567",
        "company": "Alfa Industries SRL",
        "job_title": "IT manager",
        "country": "RO",
        "language": "ro",
    }
    return Profile(**(fields | changes))


def invite(admin: User, account: CustomerAccount, email: str = "colleague@alfa.example"):
    return services.invitation_create(
        actor=as_user(admin), account=account, email=email, grants=[G.REQUESTS, G.INVOICES]
    )


def membership_of(user: User) -> Membership:
    return user.memberships.get()


# --- user_complete_signup ------------------------------------------------------------------


def test_a_sign_up_stores_the_profile_and_both_consents_and_is_recorded_with_its_origin():
    user = UserFactory(first_name="", last_name="", company="", job_title="")
    http = RequestFactory().post("/accounts/signup/", REMOTE_ADDR="198.51.100.4")
    http.META["HTTP_USER_AGENT"] = "Firefox/140"
    mark = event_mark()
    services.user_complete_signup(actor=anonymous_origin(http), user=user, profile=a_profile())
    user.refresh_from_db()
    assert (user.get_full_name(), user.job_title, user.language) == (
        "Radu Ionescu",
        "IT manager",
        "ro",
    )
    consents = user.consents.all()
    assert {c.kind for c in consents} == {Consent.Kind.CONTACT, Consent.Kind.TRANSFER}
    assert {c.version for c in consents} == {settings.CONSENT_VERSION}
    (event,) = events_since(mark)
    assert_event(event, SecurityEvent.REGISTERED, actor=user, subject=user, data={})
    assert (event.ip, event.user_agent) == ("198.51.100.4", "Firefox/140")


# --- user_update_profile -------------------------------------------------------------------


def test_a_user_updates_their_own_profile(alfa_admin):
    services.user_update_profile(
        actor=as_user(alfa_admin), user=alfa_admin, profile=a_profile(job_title="CTO")
    )
    alfa_admin.refresh_from_db()
    assert (alfa_admin.first_name, alfa_admin.job_title) == ("Radu", "CTO")


def test_a_profile_update_is_recorded_with_its_actor(alfa_admin):
    mark = event_mark()
    services.user_update_profile(actor=as_user(alfa_admin), user=alfa_admin, profile=a_profile())
    recorded = events_since(mark)
    assert len(recorded) == 1, "the change of a person's data leaves no event"
    (event,) = recorded
    assert (event.actor_kind, event.actor_user_id) == (ActorKind.USER, alfa_admin.pk)
    assert (event.subject_type, event.subject_id) == (USER_TYPE, str(alfa_admin.pk))


def test_nobody_updates_another_users_profile(alfa_admin, alfa_limited):
    with not_allowed(rows=(alfa_limited,)):
        services.user_update_profile(
            actor=as_user(alfa_admin), user=alfa_limited, profile=a_profile()
        )


def test_the_system_does_not_update_a_profile(alfa_admin):
    with not_allowed(rows=(alfa_admin,)):
        services.user_update_profile(actor=WORKER, user=alfa_admin, profile=a_profile())


# --- user_delete ---------------------------------------------------------------------------


def test_a_user_deletes_their_account_and_the_log_keeps_only_a_hash_of_the_address(
    alfa_limited,
):
    pk, email = alfa_limited.pk, alfa_limited.email
    mark = event_mark()
    services.user_delete(actor=as_user(alfa_limited), user=alfa_limited)
    assert not User.objects.filter(pk=pk).exists()
    assert not Membership.objects.filter(user_id=pk).exists()
    (event,) = events_since(mark)
    assert event.kind == SecurityEvent.DELETED
    assert (event.actor_kind, event.actor_user_id, event.account_id) == (ActorKind.USER, pk, None)
    assert (event.subject_type, event.subject_id) == (USER_TYPE, str(pk))
    assert event.data == {"email_sha256": hashlib.sha256(email.encode()).hexdigest()}
    assert email not in str(event.data)
    assert event.audit_seq is not None


def test_nobody_deletes_another_users_account(alfa_admin, alfa_limited):
    with not_allowed(rows=(alfa_limited, membership_of(alfa_limited))):
        services.user_delete(actor=as_user(alfa_admin), user=alfa_limited)


def test_the_system_does_not_delete_a_user(alfa_limited):
    with not_allowed(rows=(alfa_limited,)):
        services.user_delete(actor=WORKER, user=alfa_limited)


# --- access_request_create -----------------------------------------------------------------


def test_a_user_asks_for_access_to_an_account_named_by_its_number(alfa):
    newcomer = UserFactory()
    mark = event_mark()
    access = services.access_request_create(
        actor=as_user(newcomer),
        customer_number=f"  {alfa.number.lower()} ",
        proof_kind=AccessRequest.ProofKind.INVOICE,
        proof_number=" CTS-2026-004518 ",
        areas=["invoices", "everything", "orders"],
        message=" Sunt noul contabil. ",
    )
    assert (access.account, access.customer_number) == (alfa, alfa.number)
    assert (access.proof_number, access.message) == ("CTS-2026-004518", "Sunt noul contabil.")
    assert (access.areas, access.status) == (["invoices", "orders"], AccessRequest.Status.PENDING)
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.REQUESTED,
        actor=newcomer,
        subject=newcomer,
        account=alfa,
        data={"access_request": str(access.public_id), "areas": ["invoices", "orders"]},
    )


def test_an_access_request_for_an_unknown_number_is_refused_on_the_number():
    newcomer = UserFactory()
    mark = event_mark()
    with refused(AccountError.UNKNOWN_NUMBER, "customer_number"):
        services.access_request_create(
            actor=as_user(newcomer),
            customer_number="C-999999",
            proof_kind=AccessRequest.ProofKind.CONTRACT,
            proof_number="CTR-1",
            areas=["contracts"],
        )
    assert not AccessRequest.objects.filter(user=newcomer).exists()
    assert events_since(mark) == []


def test_the_system_cannot_ask_for_access(alfa):
    with not_allowed():
        services.access_request_create(
            actor=WORKER,
            customer_number=alfa.number,
            proof_kind=AccessRequest.ProofKind.INVOICE,
            proof_number="CTS-1",
            areas=["invoices"],
        )


# --- access_request_grant / access_request_refuse ------------------------------------------


def test_staff_grant_access_merging_the_grants_and_the_user_is_emailed(staff_user, alfa):
    newcomer = UserFactory()
    access = AccessRequestFactory(user=newcomer, account=alfa)
    mark, mails = event_mark(), mail_mark()
    membership = services.access_request_grant(
        actor=as_user(staff_user),
        access=access,
        grants=[G.INVOICES, G.ORDERS, "root"],
        reason=" Factura verificată. ",
    )
    assert (membership.user, membership.account) == (newcomer, alfa)
    assert membership.grants == [G.ORDERS, G.INVOICES]
    access.refresh_from_db()
    assert (access.status, access.decided_by, access.reason) == (
        AccessRequest.Status.GRANTED,
        staff_user,
        "Factura verificată.",
    )
    assert access.granted == [G.INVOICES, G.ORDERS]
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.GRANTED,
        actor=staff_user,
        subject=newcomer,
        account=alfa,
        data={
            "access_request": str(access.public_id),
            "grants": [G.INVOICES, G.ORDERS],
            "before": [],
            "after": [G.ORDERS, G.INVOICES],
        },
    )
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == (newcomer.email, "accounts/email/access_decision")


def test_granting_a_member_more_keeps_what_they_had(staff_user, alfa, alfa_limited):
    access = AccessRequestFactory(user=alfa_limited, account=alfa, areas=["invoices"])
    mark = event_mark()
    services.access_request_grant(actor=as_user(staff_user), access=access, grants=[G.INVOICES])
    assert membership_of(alfa_limited).grants == [G.REQUESTS, G.ORDERS, G.INVOICES]
    (event,) = events_since(mark)
    assert (event.data["before"], event.data["after"]) == (
        [G.REQUESTS, G.ORDERS],
        [G.REQUESTS, G.ORDERS, G.INVOICES],
    )


@pytest.mark.parametrize("decide", ["grant", "refuse"])
def test_only_staff_who_decide_access_may_decide_it(alfa_admin, alfa, decide):
    access = AccessRequestFactory(account=alfa)
    other_staff = UserFactory(is_staff=True, email="andrei@vendor.test")
    for actor in (as_user(alfa_admin), as_user(other_staff), WORKER):
        with not_allowed(rows=(access,)):
            if decide == "grant":
                services.access_request_grant(actor=actor, access=access, grants=[G.ORDERS])
            else:
                services.access_request_refuse(actor=actor, access=access, reason="Nu.")


@pytest.mark.parametrize("status", [AccessRequest.Status.GRANTED, AccessRequest.Status.REFUSED])
@pytest.mark.parametrize("decide", ["grant", "refuse"])
def test_an_access_request_is_decided_only_once(staff_user, alfa, status, decide):
    access = AccessRequestFactory(account=alfa, status=status)
    with refused(AccountError.ALREADY_DECIDED, None, rows=(access,)):
        if decide == "grant":
            services.access_request_grant(
                actor=as_user(staff_user), access=access, grants=[G.ORDERS]
            )
        else:
            services.access_request_refuse(actor=as_user(staff_user), access=access, reason="x")


def test_access_to_an_account_that_does_not_exist_cannot_be_granted(staff_user):
    access = AccessRequestFactory(account=None, customer_number="C-999999")
    with refused(AccountError.NO_SUCH_ACCOUNT, None, rows=(access,)):
        services.access_request_grant(actor=as_user(staff_user), access=access, grants=[G.ORDERS])


def test_staff_refuse_access_with_a_reason_and_the_user_is_emailed(staff_user, alfa):
    newcomer = UserFactory()
    access = AccessRequestFactory(user=newcomer, account=alfa)
    mark, mails = event_mark(), mail_mark()
    services.access_request_refuse(
        actor=as_user(staff_user), access=access, reason=" Dovada nu se potrivește. "
    )
    access.refresh_from_db()
    assert (access.status, access.decided_by) == (AccessRequest.Status.REFUSED, staff_user)
    assert not Membership.objects.filter(user=newcomer).exists()
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.REFUSED,
        actor=staff_user,
        subject=newcomer,
        account=alfa,
        data={"access_request": str(access.public_id), "reason": "Dovada nu se potrivește."},
    )
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == (newcomer.email, "accounts/email/access_decision")


# --- invitation_create ---------------------------------------------------------------------


def test_an_admin_invites_a_colleague_and_the_emailed_link_opens_the_invitation(alfa_admin, alfa):
    mark, mails = event_mark(), mail_mark()
    invitation = services.invitation_create(
        actor=as_user(alfa_admin),
        account=alfa,
        email=" New.Colleague@Alfa.Example ",
        grants=[G.REQUESTS, "root"],
    )
    assert (invitation.email, invitation.grants) == ("new.colleague@alfa.example", [G.REQUESTS])
    assert invitation.invited_by == alfa_admin
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.INVITED,
        actor=alfa_admin,
        subject=invitation,
        account=alfa,
        data={"email": "new.colleague@alfa.example", "grants": [G.REQUESTS]},
    )
    (mail,) = mails_since(mails)
    assert (mail.to, mail.template) == ("new.colleague@alfa.example", "accounts/email/invitation")
    link = re.search(re.escape(settings.PORTAL_URL) + r"/invitation/([^/\s]+)/", mail.body_text)
    assert link is not None, mail.body_text
    assert link.group(1) == invitation.link_token
    assert services.invitation_by_token(link.group(1)) == invitation


def test_someone_already_a_member_is_not_invited(alfa_admin, alfa, alfa_limited):
    with refused(AccountError.ALREADY_MEMBER, "email"):
        invite(alfa_admin, alfa, email=alfa_limited.email.upper())


@pytest.mark.parametrize("who", ["alfa_limited", "beta_user"])
def test_only_an_admin_of_the_account_may_invite(request, alfa, who):
    user = request.getfixturevalue(who)
    with not_allowed():
        invite(user, alfa)


def test_the_system_does_not_invite(alfa):
    with not_allowed():
        services.invitation_create(
            actor=WORKER, account=alfa, email="x@alfa.example", grants=[G.REQUESTS]
        )


# --- invitation_accept ---------------------------------------------------------------------


def test_the_invitee_accepts_and_becomes_a_member_with_the_grants_offered(alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    invitee = UserFactory(email="colleague@alfa.example")
    mark = event_mark()
    membership = services.invitation_accept(actor=as_user(invitee), invitation=invitation)
    assert (membership.user, membership.account) == (invitee, alfa)
    assert membership.grants == [G.REQUESTS, G.INVOICES]
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert services.invitation_by_token(invitation.link_token) is None
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.MEMBERSHIP_GRANTED,
        actor=invitee,
        subject=invitee,
        account=alfa,
        data={
            "grants": [G.REQUESTS, G.INVOICES],
            "before": [],
            "after": [G.REQUESTS, G.INVOICES],
            "via": "invitation",
            "invited_by": alfa_admin.pk,
        },
    )


def test_an_invitation_is_accepted_only_by_the_address_it_was_sent_to(alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    someone_else = UserFactory(email="intruder@example.com")
    with refused(AccountError.WRONG_INVITEE, None, rows=(invitation,)):
        services.invitation_accept(actor=as_user(someone_else), invitation=invitation)


def test_the_system_does_not_accept_an_invitation(alfa_admin, alfa):
    invitation = invite(alfa_admin, alfa)
    with not_allowed(rows=(invitation,)):
        services.invitation_accept(actor=WORKER, invitation=invitation)


@pytest.mark.parametrize("state", ["accepted", "revoked", "expired"])
def test_an_invitation_no_longer_open_cannot_be_accepted(alfa_admin, alfa, state):
    invitation = invite(alfa_admin, alfa)
    invitee = UserFactory(email="colleague@alfa.example")
    past = timezone.now() - timedelta(days=1)
    field = {"accepted": "accepted_at", "revoked": "revoked_at", "expired": "expires_at"}[state]
    Invitation.objects.filter(pk=invitation.pk).update(**{field: past})
    invitation.refresh_from_db()
    before = _state((invitation,))
    # The service is the rule for every caller, not only for the page that looks the token up.
    with pytest.raises(ServiceError) as caught:
        services.invitation_accept(actor=as_user(invitee), invitation=invitation)
    assert caught.value.error in AccountError
    assert _state((invitation,)) == before


# --- membership_set_grants -----------------------------------------------------------------


def test_an_admin_changes_a_colleagues_grants(alfa_admin, alfa, alfa_limited):
    membership = membership_of(alfa_limited)
    mark = event_mark()
    services.membership_set_grants(
        actor=as_user(alfa_admin), membership=membership, grants=[G.INVOICES, G.CONTRACTS_VIEW]
    )
    assert membership_of(alfa_limited).grants == [G.INVOICES, G.CONTRACTS_VIEW]
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.MEMBERSHIP_CHANGED,
        actor=alfa_admin,
        subject=alfa_limited,
        account=alfa,
        data={"before": [G.REQUESTS, G.ORDERS], "after": [G.INVOICES, G.CONTRACTS_VIEW]},
    )


def test_an_admin_cannot_remove_their_own_admin_grant(alfa_admin):
    membership = membership_of(alfa_admin)
    with refused(AccountError.OWN_ADMIN, "grants", rows=(membership,)):
        services.membership_set_grants(
            actor=as_user(alfa_admin), membership=membership, grants=[G.REQUESTS]
        )


@pytest.mark.parametrize("who", ["alfa_limited", "beta_user"])
def test_only_an_admin_of_the_account_may_change_grants(request, alfa_admin, who):
    user, membership = request.getfixturevalue(who), membership_of(alfa_admin)
    with not_allowed(rows=(membership,)):
        services.membership_set_grants(actor=as_user(user), membership=membership, grants=[])


def test_the_system_does_not_change_grants(alfa_limited):
    membership = membership_of(alfa_limited)
    with not_allowed(rows=(membership,)):
        services.membership_set_grants(actor=WORKER, membership=membership, grants=[G.ADMIN])


# --- membership_revoke ---------------------------------------------------------------------


def test_an_admin_removes_a_colleague_from_the_account(alfa_admin, alfa, alfa_limited):
    membership = membership_of(alfa_limited)
    mark = event_mark()
    services.membership_revoke(actor=as_user(alfa_admin), membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=alfa_limited.pk).exists()
    (event,) = events_since(mark)
    assert_event(
        event,
        AccessEvent.MEMBERSHIP_REVOKED,
        actor=alfa_admin,
        subject=alfa_limited,
        account=alfa,
        data={"before": [G.REQUESTS, G.ORDERS]},
    )


def test_an_admin_cannot_remove_themselves(alfa_admin):
    membership = membership_of(alfa_admin)
    with refused(AccountError.SELF_REVOKE, None, rows=(membership,)):
        services.membership_revoke(actor=as_user(alfa_admin), membership=membership)


@pytest.mark.parametrize("who", ["alfa_limited", "beta_user"])
def test_only_an_admin_of_the_account_may_remove_a_member(request, alfa_admin, who):
    user, membership = request.getfixturevalue(who), membership_of(alfa_admin)
    with not_allowed(rows=(membership,)):
        services.membership_revoke(actor=as_user(user), membership=membership)


def test_the_system_does_not_remove_a_member(alfa_limited):
    membership = membership_of(alfa_limited)
    with not_allowed(rows=(membership,)):
        services.membership_revoke(actor=WORKER, membership=membership)


# --- every service records its event with the actor who made the change --------------------


@dataclass
class World:
    admin: User
    colleague: User
    staff: User
    account: CustomerAccount
    newcomer: User
    ready: Any = None


# name -> (who acts: a World attribute, the call; ``w.ready`` is what ``READY`` made first)
SERVICE_CALLS: dict[str, tuple[str, Callable[[World, Actor], Any]]] = {
    "user_complete_signup": (
        "newcomer",
        lambda w, actor: services.user_complete_signup(
            actor=actor, user=w.newcomer, profile=a_profile()
        ),
    ),
    "user_update_profile": (
        "colleague",
        lambda w, actor: services.user_update_profile(
            actor=actor, user=w.colleague, profile=a_profile()
        ),
    ),
    "user_delete": (
        "colleague",
        lambda w, actor: services.user_delete(actor=actor, user=w.colleague),
    ),
    "access_request_create": (
        "newcomer",
        lambda w, actor: services.access_request_create(
            actor=actor,
            customer_number=w.account.number,
            proof_kind=AccessRequest.ProofKind.INVOICE,
            proof_number="CTS-1",
            areas=["orders"],
        ),
    ),
    "access_request_grant": (
        "staff",
        lambda w, actor: services.access_request_grant(
            actor=actor,
            access=AccessRequestFactory(user=w.newcomer, account=w.account),
            grants=[G.ORDERS],
        ),
    ),
    "access_request_refuse": (
        "staff",
        lambda w, actor: services.access_request_refuse(
            actor=actor,
            access=AccessRequestFactory(user=w.newcomer, account=w.account),
            reason="Nu.",
        ),
    ),
    "invitation_create": (
        "admin",
        lambda w, actor: services.invitation_create(
            actor=actor, account=w.account, email=w.newcomer.email, grants=[G.ORDERS]
        ),
    ),
    "invitation_accept": (
        "newcomer",
        lambda w, actor: services.invitation_accept(actor=actor, invitation=w.ready),
    ),
    "membership_set_grants": (
        "admin",
        lambda w, actor: services.membership_set_grants(
            actor=actor, membership=membership_of(w.colleague), grants=[G.INVOICES]
        ),
    ),
    "membership_revoke": (
        "admin",
        lambda w, actor: services.membership_revoke(
            actor=actor, membership=membership_of(w.colleague)
        ),
    ),
}
# What a call needs made beforehand, with events of its own that are not the call's.
READY: dict[str, Callable[[World], Any]] = {
    "invitation_accept": lambda w: invite(w.admin, w.account, email=w.newcomer.email),
}
# Every other service needs a person; a sign-up by the system still names the person.
ACTOR_CASES = [(name, "user") for name in SERVICE_CALLS] + [("user_complete_signup", "system")]


@pytest.mark.parametrize(("service", "acting"), ACTOR_CASES)
def test_every_service_records_its_event_with_the_actor_who_made_the_change(
    alfa_admin, alfa, alfa_limited, staff_user, service, acting
):
    world = World(alfa_admin, alfa_limited, staff_user, alfa, UserFactory())
    who, call = SERVICE_CALLS[service]
    person = getattr(world, who)
    person_pk = person.pk
    if acting == "user":
        actor = Actor.of_user(person, ip="203.0.113.7", user_agent="clientdesk-tests/1")
        expected = (ActorKind.USER, person_pk, "", "203.0.113.7", "clientdesk-tests/1")
    else:
        actor = WORKER
        expected = (ActorKind.SYSTEM, person_pk, "worker", None, "")
    if service in READY:
        world.ready = READY[service](world)
    mark = event_mark()
    call(world, actor)
    recorded = events_since(mark)
    assert recorded, f"{service} recorded no event"
    assert [
        (e.actor_kind, e.actor_user_id, e.actor_name, e.ip, e.user_agent) for e in recorded
    ] == [expected] * len(recorded)


# --- the audit chain -----------------------------------------------------------------------


def test_access_and_security_events_join_the_audit_chain_one_after_another(
    alfa_admin, alfa, alfa_limited, staff_user
):
    newcomer = UserFactory(email="colleague@alfa.example")
    mark = event_mark()
    services.user_complete_signup(actor=WORKER, user=newcomer, profile=a_profile())
    access = services.access_request_create(
        actor=as_user(newcomer),
        customer_number=alfa.number,
        proof_kind=AccessRequest.ProofKind.INVOICE,
        proof_number="CTS-1",
        areas=["orders"],
    )
    services.access_request_grant(actor=as_user(staff_user), access=access, grants=[G.ORDERS])
    services.invitation_create(
        actor=as_user(alfa_admin), account=alfa, email="other@alfa.example", grants=[G.ORDERS]
    )
    services.membership_set_grants(
        actor=as_user(alfa_admin), membership=membership_of(alfa_limited), grants=[G.INVOICES]
    )
    services.membership_revoke(actor=as_user(alfa_admin), membership=membership_of(alfa_limited))
    services.user_delete(actor=as_user(alfa_limited), user=alfa_limited)

    recorded = events_since(mark)
    assert [e.kind for e in recorded] == [
        SecurityEvent.REGISTERED,
        AccessEvent.REQUESTED,
        AccessEvent.GRANTED,
        AccessEvent.INVITED,
        AccessEvent.MEMBERSHIP_CHANGED,
        AccessEvent.MEMBERSHIP_REVOKED,
        SecurityEvent.DELETED,
    ]
    first = recorded[0].audit_seq
    assert [e.audit_seq for e in recorded] == list(range(first, first + len(recorded)))
    assert all(re.fullmatch(r"[0-9a-f]{64}", e.audit_hash) for e in recorded)
    assert len({e.audit_hash for e in recorded}) == len(recorded)
    head = AuditChain.objects.get()
    assert (head.last_seq, head.last_hash) == (recorded[-1].audit_seq, recorded[-1].audit_hash)
    verdict = chain.verify(
        Event.objects.audited(), last_seq=head.last_seq, last_hash=head.last_hash
    )
    assert verdict.ok, verdict
