"""A signer's drawn signature: a PNG from the signing page's canvas, checked before it is kept.

Checked from its bytes, before anything reads it as an image: the PNG
signature, the header chunk, the end chunk, the size and the dimensions.
"""

import base64
import binascii
import struct

from clientdesk.contracts.errors import SignatureError
from clientdesk.core.errors import ServiceError

MAX_BYTES = 200_000
MAX_WIDTH, MAX_HEIGHT = 1600, 800
MIN_WIDTH, MIN_HEIGHT = 40, 20
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATA_URL = "data:image/png;base64,"


def from_data_url(value: str) -> bytes:
    """The PNG the page posts as a data URL; empty when nothing was drawn."""
    value = (value or "").strip()
    if not value:
        return b""
    if not value.startswith(DATA_URL) or len(value) > MAX_BYTES * 4 // 3 + len(DATA_URL) + 4:
        raise ServiceError(SignatureError.DRAWING_INVALID, field="drawing")
    try:
        return base64.b64decode(value[len(DATA_URL) :], validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(SignatureError.DRAWING_INVALID, field="drawing") from None


def dimensions(content: bytes) -> tuple[int, int]:
    """Width and height from the PNG's header chunk; ServiceError when it is no PNG."""
    header_ok = (
        len(content) > 45
        and content.startswith(PNG_SIGNATURE)
        and content[8:16] == b"\x00\x00\x00\x0dIHDR"
        and content[-8:-4] == b"IEND"
    )
    if not header_ok:
        raise ServiceError(SignatureError.DRAWING_INVALID, field="drawing")
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def checked(content: bytes) -> bytes:
    """The drawing when it is a PNG within the limits; ServiceError otherwise."""
    if len(content) > MAX_BYTES:
        raise ServiceError(SignatureError.DRAWING_TOO_LARGE, field="drawing")
    width, height = dimensions(content)
    if not (MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT):
        raise ServiceError(SignatureError.DRAWING_INVALID, field="drawing")
    return content
