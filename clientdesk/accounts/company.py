"""Company users: a customer admin's invitations and the memberships they manage.

Split from services.py by use case; services.py re-exports these, so callers keep
naming ``services.invitation_create`` and the rest.
"""

import hashlib
import secrets
from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from clientdesk.accounts import limits
from clientdesk.accounts.errors import AccountError
from clientdesk.accounts.events import AccessEvent
from clientdesk.accounts.models import CustomerAccount, Invitation, Membership, User
from clientdesk.core import events
from clientdesk.core import grants as G
from clientdesk.core.actors import Actor, ActorKind
from clientdesk.core.errors import ServiceError
from clientdesk.core.locking import lock

INVITATION_DAYS = 14


def acting_user(actor: Actor) -> User:
    if actor.user is None:
        raise PermissionDenied("this change needs a person as its actor")
    return actor.user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Vendor staff who may change any customer's memberships (the staff workspace).
STAFF_PERMISSION = "accounts.change_membership"


def _require_admin(actor: Actor, account: CustomerAccount) -> User:
    """The account's admin, or vendor staff who hold STAFF_PERMISSION."""
    user = acting_user(actor)
    if user.is_staff and user.has_perm(STAFF_PERMISSION):
        return user
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
    if admin is not None and not limits.spend("invitation", admin.pk, limits.INVITATIONS_PER_HOUR):
        raise ServiceError(AccountError.TOO_MANY_INVITATIONS, field="email")
    email = email.strip().lower()
    if account.memberships.filter(user__email__iexact=email).exists():
        raise ServiceError(AccountError.ALREADY_MEMBER, field="email")
    invitation = Invitation(
        account=account,
        email=email,
        grants=[grant for grant in grants if grant in G.ALL],
        invited_by=admin,
    )
    _new_link(invitation)
    invitation.save()
    events.record(
        AccessEvent.INVITED,
        actor=actor,
        account=account,
        subject=invitation,
        data={"email": email, "grants": invitation.grants},
    )
    return invitation


def _new_link(invitation: Invitation) -> None:
    """A fresh secret and validity; only the hash is stored, the link exists once, for the
    e-mail."""
    token = secrets.token_urlsafe(32)
    invitation.token_hash = _token_hash(token)
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    invitation.link_token = token


def _lock_open(invitation: Invitation) -> Invitation:
    invitation = lock(Invitation.objects.select_related("account", "invited_by"), invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ServiceError(AccountError.INVITATION_CLOSED)
    return invitation


@transaction.atomic
def invitation_resend(*, actor: Actor, invitation: Invitation) -> Invitation:
    """A new link (the old one stops working) valid for another INVITATION_DAYS, e-mailed by
    the RESENT subscriber. An expired invitation may be resent too: that is what it is for."""
    admin = _require_admin(actor, invitation.account)
    invitation = _lock_open(invitation)
    if not limits.spend("invitation", admin.pk, limits.INVITATIONS_PER_HOUR):
        raise ServiceError(AccountError.TOO_MANY_INVITATIONS)
    _new_link(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    events.record(
        AccessEvent.INVITATION_RESENT,
        actor=actor,
        account=invitation.account,
        subject=invitation,
        data={"email": invitation.email, "expires_at": invitation.expires_at.isoformat()},
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: Actor, invitation: Invitation) -> None:
    """The link stops working at once; the invitation stays, closed, for the record."""
    _require_admin(actor, invitation.account)
    invitation = _lock_open(invitation)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    events.record(
        AccessEvent.INVITATION_REVOKED,
        actor=actor,
        account=invitation.account,
        subject=invitation,
        data={"email": invitation.email},
    )


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
    user = acting_user(actor)
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
