"""One POST to a receiver: to the checked address, 10 seconds at most per step, no redirects.

``http.client`` follows no redirect by itself, so a 3xx is an answer like any
other that is not 2xx: a failure to retry, never a hop to another address.
"""

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from clientdesk.core.errors import ServiceError
from clientdesk.webhooks import addresses

TIMEOUT = 10.0  # seconds, for the connection and for each read
ANSWER_KEPT = 1024  # bytes of the answer recorded with the attempt


@dataclass(frozen=True)
class Answer:
    status: int | None
    body: str
    error: str
    duration_ms: int

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the checked address, whatever the host name resolves to now."""

    def __init__(self, target: addresses.Target):
        super().__init__(target.host, target.port, timeout=TIMEOUT)
        self._address = target.address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), TIMEOUT)


class _PinnedHTTPS(_PinnedHTTP):
    def connect(self) -> None:
        super().connect()
        context = ssl.create_default_context()
        # The certificate is checked against the host name, not the address.
        self.sock = context.wrap_socket(self.sock, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    started = time.monotonic()

    def took() -> int:
        return round((time.monotonic() - started) * 1000)

    try:
        target = addresses.resolve(url)
    except ServiceError as refused:
        # The code, not the message: the log reads the same whatever language the worker ran in.
        error = f"address refused: {refused.error.value}"
        return Answer(status=None, body="", error=error, duration_ms=took())
    connection = (_PinnedHTTPS if target.scheme == "https" else _PinnedHTTP)(target)
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        head = response.read(ANSWER_KEPT)
        return Answer(
            status=response.status,
            body=head.decode("utf-8", "replace"),
            error="",
            duration_ms=took(),
        )
    except (OSError, http.client.HTTPException) as error:
        return Answer(status=None, body="", error=_describe(error), duration_ms=took())
    finally:
        connection.close()


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {error}"[:300]
