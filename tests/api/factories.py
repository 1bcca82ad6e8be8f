"""API tokens for tests: made through the service, so each carries its plain text once."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.utils import timezone

from clientdesk.accounts.models import User
from clientdesk.api import services
from clientdesk.api.models import ApiToken
from clientdesk.api.scopes import CUSTOMER_SCOPES, VENDOR_SCOPES
from clientdesk.backoffice import roles
from clientdesk.core.actors import Actor
from tests.factories import UserFactory


def vendor_admin() -> User:
    user = UserFactory(is_staff=True)
    user.groups.set([Group.objects.get(name=roles.VENDOR_ADMIN)])
    return user


def _token(user: User, kind: str, scopes, name: str, days: int) -> tuple[ApiToken, str]:
    made = services.token_create(
        actor=Actor.of_user(user),
        kind=kind,
        name=name,
        scopes=[str(scope) for scope in scopes],
        expires_at=timezone.now() + timedelta(days=days),
    )
    return made.token, made.plain


def vendor_token(scopes=VENDOR_SCOPES, *, user: User | None = None, name="ERP", days=90):
    """(the token, its bearer text) of a vendor admin's ERP token."""
    return _token(user or vendor_admin(), ApiToken.Kind.VENDOR, scopes, name, days)


def customer_token(user: User, scopes=CUSTOMER_SCOPES, *, name="My script", days=30):
    return _token(user, ApiToken.Kind.CUSTOMER, scopes, name, days)


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}
