"""Every write of identity data: one function per use case, atomic, recorded with its actor.

The e-mails these changes cause (an access decision, an invitation) are
subscribers of their events (accounts/notifications.py), not calls made here.
"""

import hashlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from clientdesk.accounts import limits
from clientdesk.accounts.company import (  # noqa: F401  re-exported: callers name services.X
    INVITATION_DAYS,
    acting_user,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_resend,
    invitation_revoke,
    membership_revoke,
    membership_set_grants,
)
from clientdesk.accounts.consents import MANDATORY, TEXTS
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.events import AccessEvent, CustomerEvent, SecurityEvent
from clientdesk.accounts.models import (
    AccessRequest,
    Consent,
    CustomerAccount,
    Membership,
    User,
)
from clientdesk.accounts.signin import (  # noqa: F401  re-exported: callers name services.X
    browser_signed_in,
    login_failed,
    login_limited,
    login_of,
    login_stepped_up,
    needs_step_up,
)
from clientdesk.accounts.validators import normalize_phone, validate_cui
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.locking import lock
from clientdesk.core.upsert import Outcome, Upserted, claim


@dataclass(frozen=True)
class Profile:
    first_name: str
    last_name: str
    phone: str
    company: str
    job_title: str
    country: str
    language: str


PROFILE_FIELDS = tuple(Profile.__dataclass_fields__)


@transaction.atomic
def user_complete_signup(*, actor: Actor, user: User, profile: Profile) -> None:
    """The profile and the two consents that allauth's sign-up form collected."""
    for field, value in asdict(profile).items():
        setattr(user, field, value)
    user.save()
    now = timezone.now()
    for kind, text in TEXTS.items():
        Consent.objects.create(
            user=user, kind=kind, version=settings.CONSENT_VERSION, text=str(text), given_at=now
        )
    events.record(SecurityEvent.REGISTERED, actor=actor.with_user(user), subject=user)


@transaction.atomic
def user_update_profile(*, actor: Actor, user: User, profile: Profile) -> None:
    if acting_user(actor).pk != user.pk:
        raise PermissionDenied
    changed = [field for field, value in asdict(profile).items() if getattr(user, field) != value]
    for field, value in asdict(profile).items():
        setattr(user, field, value)
    user.save(update_fields=list(PROFILE_FIELDS))
    if changed:
        # Which fields, not their values: the log keeps the fact, not the personal data.
        events.record(
            SecurityEvent.PROFILE_CHANGED, actor=actor, subject=user, data={"fields": changed}
        )


def user_export_data(*, user: User) -> dict:
    """Everything the portal keeps about the user, for GDPR access and portability."""
    return {
        "profile": {
            "email": user.email,
            **{field: str(getattr(user, field)) for field in PROFILE_FIELDS},
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "consents": [
            {
                "kind": consent.kind,
                "version": consent.version,
                "text": consent.text,
                "given_at": consent.given_at.isoformat(),
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in user.consents.all()
        ],
        "memberships": [
            {"account": m.account.name, "customer_number": m.account.number, "grants": m.grants}
            for m in user.memberships.select_related("account")
        ],
        "requests": _requests_of(user),
        "access_requests": [
            {
                "customer_number": r.customer_number,
                "areas": r.areas,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in user.access_requests.all()
        ],
    }


def _requests_of(user: User) -> list[dict]:
    """The requests the user filed, with their public conversation (never staff notes)."""
    # Imported here: support is built on accounts, not the other way round.
    from clientdesk.support.models import Message

    # The prefetch holds only the public messages, so .all() below reads those.
    public = Prefetch("messages", queryset=Message.objects.public())
    filed = user.support_requests.select_related("type").prefetch_related(public)

    def author(message: Message) -> str:
        if message.author_id == user.pk:
            return "you"
        return "staff" if message.from_staff else "colleague"

    return [
        {
            "number": r.number,
            "type": r.type.name,
            "subject": r.subject,
            "description": r.description,
            "details": r.details,
            "status": r.status,
            "created_at": r.created_at.isoformat(),
            "messages": [
                {
                    "from": author(m),
                    "body": m.body,
                    "created_at": m.created_at.isoformat(),
                }
                for m in r.messages.all()
            ],
        }
        for r in filed
    ]


@transaction.atomic
def consent_withdraw(*, actor: Actor, user: User, kind: str) -> Consent:
    """The vendor stops using the data for this purpose from now on; the record keeps the
    version agreed to and the time of withdrawal. The mandatory consent is withdrawn only by
    deleting the account."""
    if acting_user(actor).pk != user.pk:
        raise PermissionDenied
    if kind == MANDATORY:
        raise ServiceError(AccountError.CONSENT_MANDATORY, field="kind")
    consent = user.consents.select_for_update().filter(kind=kind, withdrawn_at__isnull=True).first()
    if consent is None:
        raise ServiceError(AccountError.CONSENT_NOT_GIVEN, field="kind")
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    events.record(
        SecurityEvent.CONSENT_WITHDRAWN,
        actor=actor,
        subject=user,
        data={"kind": kind, "version": consent.version},
    )
    return consent


@transaction.atomic
def user_delete(*, actor: Actor, user: User) -> None:
    """Erase the user. The audit log keeps the fact (and the bare id), not the person."""
    if acting_user(actor).pk != user.pk:
        raise PermissionDenied
    events.record(
        SecurityEvent.DELETED,
        actor=actor,
        subject=user,
        data={"email_sha256": hashlib.sha256(user.email.encode()).hexdigest()},
    )
    user.delete()


@transaction.atomic
def access_request_create(
    *,
    actor: Actor,
    customer_number: str,
    proof_kind: str,
    proof_number: str,
    areas: Sequence[str],
    message: str = "",
) -> AccessRequest:
    user = acting_user(actor)
    number = customer_number.strip()
    account = CustomerAccount.objects.filter(number__iexact=number).first()
    if not limits.spend("access-request", user.pk, limits.ACCESS_REQUESTS_PER_HOUR):
        raise ServiceError(AccountError.TOO_MANY_ACCESS_REQUESTS)
    # Said plainly, but only whether the number exists: which company it is stays hidden
    # until staff grant access (the hourly allowance keeps the answer from being an oracle).
    if account is None:
        raise ServiceError(AccountError.UNKNOWN_NUMBER, field="customer_number")
    access = AccessRequest.objects.create(
        user=user,
        customer_number=account.number,
        proof_kind=proof_kind,
        proof_number=proof_number.strip(),
        areas=[area for area in areas if area in G.AREAS],
        message=message.strip(),
        account=account,
    )
    events.record(
        AccessEvent.REQUESTED,
        actor=actor,
        subject=user,
        account=account,
        data={"access_request": str(access.public_id), "areas": access.areas},
    )
    return access


def _lock_pending(access: AccessRequest, actor: Actor) -> AccessRequest:
    if not acting_user(actor).has_perm("accounts.decide_accessrequest"):
        raise PermissionDenied
    locked = lock(AccessRequest.objects.select_related("user", "account"), access.pk)
    if locked.status != AccessRequest.Status.PENDING:
        raise ServiceError(AccountError.ALREADY_DECIDED)
    return locked


def _decided(access: AccessRequest, actor: Actor, status: str, reason: str) -> None:
    access.status = status
    access.reason = reason.strip()
    access.decided_by = acting_user(actor)
    access.decided_at = timezone.now()
    access.save()


@transaction.atomic
def access_request_grant(
    *, actor: Actor, access: AccessRequest, grants: Sequence[str], reason: str = ""
) -> Membership:
    access = _lock_pending(access, actor)
    if access.account is None:
        raise ServiceError(AccountError.NO_SUCH_ACCOUNT)
    membership, _created = Membership.objects.get_or_create(
        user=access.user, account=access.account
    )
    before = membership.grants
    membership.set_grants(sorted(set(before) | set(grants)))
    membership.save()
    access.granted = [grant for grant in grants if grant in G.ALL]
    _decided(access, actor, AccessRequest.Status.GRANTED, reason)
    events.record(
        AccessEvent.GRANTED,
        actor=actor,
        subject=access.user,
        account=access.account,
        data={
            "access_request": str(access.public_id),
            "grants": access.granted,
            "before": before,
            "after": membership.grants,
        },
    )
    return membership


@transaction.atomic
def access_request_refuse(*, actor: Actor, access: AccessRequest, reason: str) -> None:
    access = _lock_pending(access, actor)
    _decided(access, actor, AccessRequest.Status.REFUSED, reason)
    events.record(
        AccessEvent.REFUSED,
        actor=actor,
        subject=access.user,
        account=access.account,
        data={"access_request": str(access.public_id), "reason": access.reason},
    )


@dataclass(frozen=True, kw_only=True)
class AccountData:
    """A customer company as the ERP describes it."""

    number: str
    name: str
    tax_id: str = ""
    trade_register: str = ""
    address: str = ""
    city: str = ""
    county: str = ""
    postal_code: str = ""
    country: str = "RO"
    phone: str = ""
    email: str = ""


def _invalid(field: str | None, error: ValidationError) -> ServiceError:
    return ServiceError(CommonError.INVALID, field=field, message=error.messages[0])


def _clean_account(account: CustomerAccount) -> None:
    """The model's checks; a tax id is checked as a CUI only for a Romanian company."""
    try:
        account.full_clean(exclude=["tax_id"], validate_unique=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise _invalid(None if field == "__all__" else field, ValidationError(messages)) from None
    if account.tax_id and account.country == "RO":
        try:
            validate_cui(account.tax_id)
        except ValidationError as error:
            raise _invalid("tax_id", error) from None
    if account.phone:
        try:
            account.phone = normalize_phone(account.phone, str(account.country))
        except ValidationError as error:
            raise _invalid("phone", error) from None


@transaction.atomic
def account_upsert(
    *, actor: Actor, external_id: str, data: AccountData
) -> Upserted[CustomerAccount]:
    """Create or update the customer account the ERP knows as ``external_id``."""
    claim(CustomerAccount, external_id)
    account = CustomerAccount.objects.select_for_update().filter(external_id=external_id).first()
    if account is None:
        account = CustomerAccount(external_id=external_id)
    names = list(AccountData.__dataclass_fields__)
    before = [str(getattr(account, name)) for name in names] if account.pk else None
    for name, value in asdict(data).items():
        setattr(account, name, value.strip())
    _clean_account(account)
    if before == [str(getattr(account, name)) for name in names]:
        return Upserted(account, Outcome.UNCHANGED)  # the same push again
    taken = CustomerAccount.objects.filter(number=account.number).exclude(pk=account.pk)
    if taken.exists():
        raise ServiceError(
            AccountError.NUMBER_TAKEN, field="number", params={"number": account.number}
        )
    outcome = Outcome.UPDATED if account.pk else Outcome.CREATED
    account.save()
    events.record(
        CustomerEvent.UPSERTED,
        actor=actor,
        account=account,
        subject=account,
        data={"external_id": external_id, "number": account.number, "outcome": outcome.value},
    )
    return Upserted(account, outcome)
