"""Every write of identity data: one function per use case, atomic, recorded with its actor.

The e-mails these changes cause (an access decision, an invitation) are
subscribers of their events (accounts/notifications.py), not calls made here.
"""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.events import AccessEvent, CustomerEvent, SecurityEvent
from clientdesk.accounts.models import (
    AccessRequest,
    Consent,
    CustomerAccount,
    Invitation,
    Membership,
    User,
)
from clientdesk.accounts.validators import normalize_phone, validate_cui
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor, ActorKind
from clientdesk.core.errors import CommonError, ServiceError
from clientdesk.core.locking import lock
from clientdesk.core.upsert import Outcome, Upserted

INVITATION_DAYS = 14


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


def _acting_user(actor: Actor) -> User:
    if actor.user is None:
        raise PermissionDenied("this change needs a person as its actor")
    return actor.user


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
    if _acting_user(actor).pk != user.pk:
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


@transaction.atomic
def user_delete(*, actor: Actor, user: User) -> None:
    """Erase the user. The audit log keeps the fact (and the bare id), not the person."""
    if _acting_user(actor).pk != user.pk:
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
    user = _acting_user(actor)
    number = customer_number.strip()
    account = CustomerAccount.objects.filter(number__iexact=number).first()
    access = AccessRequest.objects.create(
        user=user,
        customer_number=account.number if account else number,
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
    if not _acting_user(actor).has_perm("accounts.decide_accessrequest"):
        raise PermissionDenied
    locked = lock(AccessRequest.objects.select_related("user", "account"), access.pk)
    if locked.status != AccessRequest.Status.PENDING:
        raise ServiceError(AccountError.ALREADY_DECIDED)
    return locked


def _decided(access: AccessRequest, actor: Actor, status: str, reason: str) -> None:
    access.status = status
    access.reason = reason.strip()
    access.decided_by = _acting_user(actor)
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


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_admin(actor: Actor, account: CustomerAccount) -> User:
    user = _acting_user(actor)
    if not CustomerAccount.objects.visible_to(user, G.ADMIN).filter(pk=account.pk).exists():
        raise PermissionDenied
    return user


@transaction.atomic
def invitation_create(
    *, actor: Actor, account: CustomerAccount, email: str, grants: Sequence[str]
) -> Invitation:
    """Invite a colleague; the e-mail with the link is sent by the INVITED subscriber.

    The inviter is the account's admin, or the vendor's ERP (a token acting for no
    person), which invites in the vendor's name.
    """
    erp = actor.kind == ActorKind.TOKEN and actor.user is None
    admin = None if erp else _require_admin(actor, account)
    email = email.strip().lower()
    if account.memberships.filter(user__email__iexact=email).exists():
        raise ServiceError(AccountError.ALREADY_MEMBER, field="email")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        account=account,
        email=email,
        grants=[grant for grant in grants if grant in G.ALL],
        token_hash=_token_hash(token),
        invited_by=admin,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    # Only the hash is stored: the link exists once, for the e-mail.
    invitation.link_token = token
    events.record(
        AccessEvent.INVITED,
        actor=actor,
        account=account,
        subject=invitation,
        data={"email": email, "grants": invitation.grants},
    )
    return invitation


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("account", "invited_by")
        .filter(
            token_hash=_token_hash(token),
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


@transaction.atomic
def invitation_accept(*, actor: Actor, invitation: Invitation) -> Membership:
    user = _acting_user(actor)
    # The link went to the invited address; accepting needs that same verified address.
    if user.email.lower() != invitation.email.lower():
        raise ServiceError(AccountError.WRONG_INVITEE)
    invitation = lock(Invitation.objects.select_related("account", "invited_by"), invitation.pk)
    open_now = invitation.expires_at > timezone.now()
    if invitation.accepted_at or invitation.revoked_at or not open_now:
        raise ServiceError(AccountError.INVITATION_CLOSED)
    membership, _created = Membership.objects.get_or_create(user=user, account=invitation.account)
    before = membership.grants
    membership.set_grants(sorted(set(before) | set(invitation.grants)))
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    events.record(
        AccessEvent.MEMBERSHIP_GRANTED,
        actor=actor,
        subject=user,
        account=invitation.account,
        data={
            "grants": invitation.grants,
            "before": before,
            "after": membership.grants,
            "via": "invitation",
            "invited_by": invitation.invited_by_id,
        },
    )
    return membership


@transaction.atomic
def membership_set_grants(*, actor: Actor, membership: Membership, grants: Sequence[str]) -> None:
    admin = _require_admin(actor, membership.account)
    if membership.user_id == admin.pk and G.ADMIN not in grants:
        raise ServiceError(AccountError.OWN_ADMIN, field="grants")
    before = membership.grants
    membership.set_grants(list(grants))
    membership.save()
    events.record(
        AccessEvent.MEMBERSHIP_CHANGED,
        actor=actor,
        subject=membership.user,
        account=membership.account,
        data={"before": before, "after": membership.grants},
    )


@transaction.atomic
def membership_revoke(*, actor: Actor, membership: Membership) -> None:
    admin = _require_admin(actor, membership.account)
    if membership.user_id == admin.pk:
        raise ServiceError(AccountError.SELF_REVOKE)
    events.record(
        AccessEvent.MEMBERSHIP_REVOKED,
        actor=actor,
        subject=membership.user,
        account=membership.account,
        data={"before": membership.grants},
    )
    membership.delete()
