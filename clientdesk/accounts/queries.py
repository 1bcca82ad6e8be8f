"""Reads of identity data for the views, already scoped to the user."""

from django.db.models import QuerySet

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


def pending_invitations(account: CustomerAccount) -> QuerySet[Invitation]:
    """Not accepted and not withdrawn: what the admin may still resend or withdraw."""
    return account.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)


# The invitation a visitor opened, kept through sign-up until the address is confirmed.
INVITATION_SESSION_KEY = "accounts.invitation"


def invitation_of_session(request, *, pop: bool = False) -> Invitation | None:
    """The open invitation this browser came with, if any."""
    from clientdesk.accounts.company import invitation_by_token

    session = getattr(request, "session", None)
    if session is None:
        return None
    token = (
        session.pop(INVITATION_SESSION_KEY, None) if pop else session.get(INVITATION_SESSION_KEY)
    )
    return invitation_by_token(token) if token else None


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
