"""Secrets and signatures as Standard Webhooks specifies them (https://www.standardwebhooks.com/)."""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"
SECRET_BYTES = 32


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def signature(secret: str, *, webhook_id: str, timestamp: int, body: bytes) -> str:
    """``v1,`` and the base64 HMAC-SHA256 of "{id}.{timestamp}.{body}" under the secret's bytes."""
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{webhook_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def signature_header(secrets_: list[str], *, webhook_id: str, timestamp: int, body: bytes) -> str:
    """Every valid secret's signature, space-separated (two during a rotation's overlap)."""
    return " ".join(
        signature(secret, webhook_id=webhook_id, timestamp=timestamp, body=body)
        for secret in secrets_
    )
