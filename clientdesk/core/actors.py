"""Who makes a change: a person, an API token, or the system itself.

Every service takes ``actor=``; every event records it. Where the change came
from (the client's address and browser) travels with the actor as plain values,
so that services never see an ``HttpRequest``.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from clientdesk.accounts.models import User

USER_AGENT_LENGTH = 300


class ActorKind(models.TextChoices):
    USER = "user", _("User")
    TOKEN = "token", _("API token")
    SYSTEM = "system", _("System")


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    # The person: the user themselves, or the user a customer's token acts for.
    user: User | None = None
    token_id: int | None = None
    # A system actor's process ("worker", "demo_data"), or a token's label.
    name: str = ""
    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def of_user(cls, user: User, *, ip: str | None = None, user_agent: str = "") -> Actor:
        return cls(ActorKind.USER, user=user, ip=ip, user_agent=user_agent[:USER_AGENT_LENGTH])

    @classmethod
    def of_token(
        cls, token_id: int, *, name: str, user: User | None = None, ip: str | None = None
    ) -> Actor:
        return cls(ActorKind.TOKEN, user=user, token_id=token_id, name=name, ip=ip)

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(ActorKind.SYSTEM, name=name)

    @property
    def is_user(self) -> bool:
        return self.kind == ActorKind.USER

    def with_user(self, user: User) -> Actor:
        """The same origin, acting as ``user`` (a sign-in: the user is known only now)."""
        return replace(self, user=user)

    def __str__(self) -> str:
        if self.kind == ActorKind.USER and self.user is not None:
            return str(self.user)
        return f"{self.get_kind_label()}: {self.name}" if self.name else self.get_kind_label()

    def get_kind_label(self) -> str:
        return str(ActorKind(self.kind).label)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind a load balancer what the trusted proxies say.

    ``TRUSTED_CLIENT_IP_HEADER`` names a header the proxy sets to the client's address;
    otherwise with ``TRUSTED_PROXY_COUNT`` = n the n-th X-Forwarded-For entry from the right
    (each trusted proxy appends the address it saw). Anything left of it, or the header
    with no trusted proxy, the client itself wrote, and is ignored.
    """
    header = settings.TRUSTED_CLIENT_IP_HEADER
    proxies = settings.TRUSTED_PROXY_COUNT
    if header:
        claimed = request.headers.get(header, "")
    elif proxies > 0:
        hops = request.headers.get("X-Forwarded-For", "").split(",")
        # Fewer hops than proxies: the request did not come through them all.
        claimed = hops[-proxies] if len(hops) >= proxies else ""
    else:
        claimed = ""
    return _address(claimed) or _address(request.META.get("REMOTE_ADDR", ""))


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def actor_of(request: HttpRequest) -> Actor:
    """The signed-in user of a page, with where they came from."""
    user = request.user
    if not user.is_authenticated:
        raise ValueError("actor_of needs a signed-in user")
    return Actor.of_user(
        user,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )


def visitor(request: HttpRequest) -> Actor:
    """Whoever is on a public page: the signed-in user, or an anonymous visitor."""
    return actor_of(request) if request.user.is_authenticated else anonymous_origin(request)


def anonymous_origin(request: HttpRequest) -> Actor:
    """Someone not (yet) signed in: a failed sign-in, a sign-up. ``with_user`` names them."""
    return Actor(
        ActorKind.USER,
        ip=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_LENGTH],
    )
