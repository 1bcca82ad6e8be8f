"""What the staff's customer pages read: the vendor sees every customer, so no tenancy
gate here; the pages are staff-only by permission."""

from allauth.usersessions.models import UserSession
from django.db.models import Q, QuerySet

from clientdesk.accounts.models import AccessRequest, CustomerAccount, Membership, User

LISTED = 20  # the latest access requests and sign-ins a page shows


def customer_accounts(text: str) -> QuerySet[CustomerAccount]:
    accounts = CustomerAccount.objects.all()
    if text:
        accounts = accounts.filter(
            Q(number__icontains=text) | Q(name__icontains=text) | Q(tax_id__icontains=text)
        )
    return accounts


def account_access_requests(account: CustomerAccount) -> list[AccessRequest]:
    rows = AccessRequest.objects.filter(account=account).select_related("user", "decided_by")
    return list(rows.order_by("-created_at")[:LISTED])


def member_of(account: CustomerAccount, pk: int) -> QuerySet[Membership]:
    return Membership.objects.select_related("user", "account").filter(account=account, pk=pk)


def user_memberships(user: User) -> list[Membership]:
    return list(user.memberships.select_related("account").order_by("account__name"))


def user_sign_ins(user: User) -> list[UserSession]:
    """The user's sessions as allauth keeps them (open ones: a signed-out session is gone)."""
    return list(UserSession.objects.filter(user=user).order_by("-created_at")[:LISTED])
