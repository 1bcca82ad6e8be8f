"""Reads of identity data for the views, already scoped to the user."""

from django.db.models import QuerySet
from django.utils import timezone

from clientdesk.accounts import grants as G
from clientdesk.accounts.models import AccessRequest, CustomerAccount, Invitation, Membership


def grants_held(user) -> set[str]:
    """Every grant the user holds on any account (one query, cached on the user)."""
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_grants_held", None)
    if cached is None:
        cached = set()
        for membership in Membership.objects.filter(user=user):
            cached.update(membership.grants)
        user._grants_held = cached
    return cached


def memberships_of(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("account")


def administered_account(user, public_id) -> CustomerAccount:
    """An account where the user holds ``admin``, or 404."""
    from clientdesk.core.tenancy import get_visible_or_404

    return get_visible_or_404(CustomerAccount.objects.all(), user, G.ADMIN, public_id=public_id)


def account_members(account: CustomerAccount) -> QuerySet[Membership]:
    return account.memberships.select_related("user").order_by(
        "user__last_name", "user__first_name"
    )


def access_requests_of(user) -> QuerySet[AccessRequest]:
    return AccessRequest.objects.filter(user=user).select_related("account")


def open_invitations(account: CustomerAccount) -> QuerySet[Invitation]:
    return account.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
