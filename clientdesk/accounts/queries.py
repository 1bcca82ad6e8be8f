"""Reads of identity data for the views, already scoped to the user."""

from django.db.models import QuerySet
from django.utils import timezone

from clientdesk.accounts.models import AccessRequest, CustomerAccount, Invitation, Membership
from clientdesk.core import grants as G


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


def account_by_external_id(external_id: str, *, field: str = "account") -> CustomerAccount:
    """The account the ERP names, for the ERP's writes (the vendor sees every customer).

    An unknown one is a refusal on ``field``, so the API answers 422 naming it.
    """
    from clientdesk.accounts.errors import AccountError
    from clientdesk.core.errors import ServiceError

    account = CustomerAccount.objects.filter(external_id=external_id).first()
    if account is None:
        raise ServiceError(
            AccountError.UNKNOWN_ACCOUNT, field=field, params={"external_id": external_id}
        )
    return account
