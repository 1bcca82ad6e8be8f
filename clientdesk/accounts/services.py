"""Every write of identity data: one function per use case, atomic, audited."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from clientdesk.accounts import grants as G
from clientdesk.accounts.consents import TEXTS
from clientdesk.accounts.models import (
    AccessRequest,
    Consent,
    CustomerAccount,
    Invitation,
    Membership,
    User,
)
from clientdesk.core.audit import audit
from clientdesk.core.mail import queue_email

PROFILE_FIELDS = ("first_name", "last_name", "phone", "company", "job_title", "country", "language")
INVITATION_DAYS = 14


@transaction.atomic
def user_complete_signup(*, user: User, data: dict, request=None) -> None:
    for field in PROFILE_FIELDS:
        setattr(user, field, data[field])
    user.save()
    now = timezone.now()
    for kind, text in TEXTS.items():
        Consent.objects.create(
            user=user, kind=kind, version=settings.CONSENT_VERSION, text=str(text), given_at=now
        )
    audit("user.registered", actor=user, subject=user, request=request)


@transaction.atomic
def user_update_profile(*, user: User, data: dict) -> None:
    for field in PROFILE_FIELDS:
        setattr(user, field, data[field])
    user.save(update_fields=list(PROFILE_FIELDS))


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
def user_delete(*, user: User, request=None) -> None:
    """Erase the user. The audit log keeps the fact, not the person."""
    audit(
        "user.deleted",
        request=request,
        email_sha256=hashlib.sha256(user.email.encode()).hexdigest(),
    )
    user.delete()


@transaction.atomic
def access_request_create(*, user: User, data: dict, request=None) -> AccessRequest:
    number = data["customer_number"].strip()
    account = CustomerAccount.objects.filter(number__iexact=number).first()
    access = AccessRequest.objects.create(
        user=user,
        customer_number=account.number if account else number,
        proof_kind=data["proof_kind"],
        proof_number=data["proof_number"].strip(),
        areas=list(data["areas"]),
        message=data.get("message", ""),
        account=account,
    )
    audit(
        "access.requested",
        actor=user,
        subject=user,
        account=access.account,
        request=request,
        areas=access.areas,
    )
    return access


def _lock_pending(access: AccessRequest) -> AccessRequest:
    locked = AccessRequest.objects.select_for_update().get(pk=access.pk)
    if locked.status != AccessRequest.Status.PENDING:
        raise ValidationError(_("This request was already decided."))
    return locked


@transaction.atomic
def access_request_grant(
    *, access: AccessRequest, staff: User, grants: list[str], reason: str = "", request=None
) -> Membership:
    access = _lock_pending(access)
    if access.account is None:
        raise ValidationError(_("No customer account has this number; refuse the request."))
    membership, _created = Membership.objects.get_or_create(
        user=access.user, account=access.account
    )
    before = membership.grants
    membership.set_grants(sorted(set(before) | set(grants)))
    membership.save()
    access.status = AccessRequest.Status.GRANTED
    access.granted = list(grants)
    access.reason = reason
    access.decided_by = staff
    access.decided_at = timezone.now()
    access.save()
    audit(
        "access.granted",
        actor=staff,
        subject=access.user,
        account=access.account,
        request=request,
        grants=list(grants),
        before=before,
        after=membership.grants,
    )
    _notify_access_decision(access)
    return membership


@transaction.atomic
def access_request_refuse(*, access: AccessRequest, staff: User, reason: str, request=None) -> None:
    access = _lock_pending(access)
    access.status = AccessRequest.Status.REFUSED
    access.reason = reason
    access.decided_by = staff
    access.decided_at = timezone.now()
    access.save()
    audit(
        "access.refused",
        actor=staff,
        subject=access.user,
        account=access.account,
        request=request,
        reason=reason,
    )
    _notify_access_decision(access)


def _notify_access_decision(access: AccessRequest) -> None:
    queue_email(
        to=access.user.email,
        template="accounts/email/access_decision",
        context={"access": access, "user": access.user, "grant_labels": G.LABELS},
        language=access.user.language,
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *, account: CustomerAccount, admin: User, email: str, grants: list[str], request
) -> Invitation:
    email = email.strip().lower()
    if account.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError({"email": _("This person is already a member of the account.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        account=account,
        email=email,
        grants=list(grants),
        token_hash=_token_hash(token),
        invited_by=admin,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    audit(
        "invitation.created",
        actor=admin,
        account=account,
        request=request,
        email=email,
        grants=list(grants),
    )
    queue_email(
        to=email,
        template="accounts/email/invitation",
        context={
            "invitation": invitation,
            "admin": admin,
            "url": request.build_absolute_uri(reverse("invitation_accept", args=[token])),
            "grant_labels": [G.LABELS[g] for g in grants],
            "days": INVITATION_DAYS,
        },
        language=admin.language,
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
def invitation_accept(*, invitation: Invitation, user: User, request=None) -> Membership:
    # The link went to the invited address; accepting needs that same verified address.
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied
    membership, _created = Membership.objects.get_or_create(user=user, account=invitation.account)
    before = membership.grants
    membership.set_grants(sorted(set(before) | set(invitation.grants)))
    membership.save()
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit(
        "membership.granted",
        actor=user,
        subject=user,
        account=invitation.account,
        request=request,
        grants=invitation.grants,
        before=before,
        after=membership.grants,
        via="invitation",
        invited_by=invitation.invited_by_id,
    )
    return membership


@transaction.atomic
def membership_set_grants(
    *, membership: Membership, actor: User, grants: list[str], request
) -> None:
    if membership.user_id == actor.pk and G.ADMIN not in grants:
        raise ValidationError({"grants": _("You cannot remove your own admin grant.")})
    before = membership.grants
    membership.set_grants(grants)
    membership.save()
    audit(
        "membership.changed",
        actor=actor,
        subject=membership.user,
        account=membership.account,
        request=request,
        before=before,
        after=membership.grants,
    )


@transaction.atomic
def membership_revoke(*, membership: Membership, actor: User, request) -> None:
    if membership.user_id == actor.pk:
        raise ValidationError(_("You cannot remove yourself from the account."))
    audit(
        "membership.revoked",
        actor=actor,
        subject=membership.user,
        account=membership.account,
        request=request,
        before=membership.grants,
    )
    membership.delete()
