"""Where webhooks may go: public addresses only, checked when registered and again when sent.

A webhook is a request our server makes to an address an admin typed: without
this check it could reach the vendor's own network (a metadata service, a
database's HTTP port). The host is resolved again for every attempt, since DNS
may change, and the connection goes to the address that was checked.
"""

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

from clientdesk.core.errors import ServiceError
from clientdesk.webhooks.errors import WebhookError


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # with the query string
    address: str  # the checked IP address to connect to


def _refused(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def resolve(url: str) -> Target:
    """The URL's parts and an address it may be sent to; ServiceError on the ``url`` field."""
    parts = urlsplit(url.strip())
    allowed = ("https", "http") if settings.DEBUG else ("https",)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ServiceError(WebhookError.URL_INVALID, field="url")
    if parts.scheme not in allowed:
        raise ServiceError(WebhookError.URL_SCHEME, field="url")
    if parts.username or parts.password:
        raise ServiceError(WebhookError.URL_INVALID, field="url")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError) as error:
        raise ServiceError(WebhookError.URL_UNRESOLVED, field="url") from error
    addresses = [str(info[4][0]) for info in found]
    # Every address the name has must be public: a resolver may answer with any of them.
    if not settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES and any(map(_refused, addresses)):
        raise ServiceError(WebhookError.URL_PRIVATE, field="url")
    path = parts.path or "/"
    return Target(
        scheme=parts.scheme,
        host=parts.hostname,
        port=port,
        path=f"{path}?{parts.query}" if parts.query else path,
        address=addresses[0],
    )
