"""The drawn signature: optional, checked (PNG, size, dimensions), kept, shown on the page."""

import base64
import struct
import zlib
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from clientdesk.contracts import drawing, sealing
from clientdesk.contracts.errors import SignatureError
from clientdesk.contracts.models import SignatureRequest, SignatureStep
from clientdesk.core.errors import ServiceError
from tests.contracts.conftest import simple_pdf
from tests.contracts.factories import ContractFactory, signature_request_for
from tests.contracts.test_signing_pages import reauthenticate
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def png(width: int = 600, height: int = 200) -> bytes:
    """A real PNG: white, with a dark stroke across, as the canvas would send."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00"
        + b"".join(
            b"\x10\x2a\x5c" if abs(y - height // 2) < 2 else b"\xff\xff\xff" for _x in range(width)
        )
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        drawing.PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def data_url(content: bytes) -> str:
    return drawing.DATA_URL + base64.b64encode(content).decode()


@pytest.fixture
def signer(alfa):
    return MembershipFactory(account=alfa, grant_contracts_sign=True).user


def test_a_canvas_png_within_the_limits_is_accepted():
    content = png()
    assert drawing.checked(drawing.from_data_url(data_url(content))) == content
    assert drawing.dimensions(content) == (600, 200)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a" + b"\x00" * 100, SignatureError.DRAWING_INVALID),
        (png(2000, 200), SignatureError.DRAWING_INVALID),
        (png(10, 10), SignatureError.DRAWING_INVALID),
        (png()[:-12] + b"\x00" * 12, SignatureError.DRAWING_INVALID),
        (png() + b"\x00" * drawing.MAX_BYTES, SignatureError.DRAWING_TOO_LARGE),
    ],
    ids=["not-png", "too-wide", "too-small", "truncated", "too-large"],
)
def test_anything_else_is_refused(content, code):
    with pytest.raises(ServiceError) as refused:
        drawing.checked(content)
    assert refused.value.error == code


def test_a_data_url_that_is_not_a_png_is_refused():
    for value in ("data:image/svg+xml;base64,PHN2Zz4=", "data:image/png;base64,@@@"):
        with pytest.raises(ServiceError) as refused:
            drawing.from_data_url(value)
        assert refused.value.error == SignatureError.DRAWING_INVALID
    assert drawing.from_data_url("") == b""


def test_the_signature_page_shows_the_drawing_beside_the_typed_name(signing_keys):
    seal = sealing.SealInput(
        contract_number="CTR-1",
        signer_name="Ana Popescu",
        signer_email="ana@alfa.example",
        authentication="password",
        signed_at=timezone.now(),
        position=1,
        language="ro",
        drawing=png(),
    )
    page = PdfReader(BytesIO(sealing.signature_page(simple_pdf(), seal))).pages[0]
    assert len(page.images) == 1  # the QR code is vector (SVG): the one image is the drawing
    assert "Ana Popescu" in page.extract_text()


def test_the_signing_page_has_the_pad_and_keeps_the_drawing_with_the_step(
    client, alfa, signer, signing_keys
):
    request = signature_request_for(
        ContractFactory(account=alfa), [(SignatureStep.Role.SIGN, signer)]
    )
    reauthenticate(client, signer)
    url = reverse("contracts:signature_sign", args=[request.public_id])
    page = client.get(url).content.decode()
    assert "data-drawing-pad" in page and "contracts/drawing.js" in page
    assert "<script>" not in page  # no inline script: the pad is a static file
    content = png()
    response = client.post(
        url, {"typed_name": signer.get_full_name(), "drawing": data_url(content)}
    )
    assert response.status_code == 302
    step = SignatureStep.objects.get(request=request)
    assert step.drawing.read() == content
    signed = SignatureRequest.objects.get(pk=request.pk).signed_document.file.read()
    last = PdfReader(BytesIO(signed)).pages[-1]
    assert len(last.images) == 1, "the drawing is on the sealed signature page"


def test_a_bad_drawing_is_refused_on_the_page_and_nothing_is_signed(
    client, alfa, signer, signing_keys
):
    request = signature_request_for(
        ContractFactory(account=alfa), [(SignatureStep.Role.SIGN, signer)]
    )
    reauthenticate(client, signer)
    url = reverse("contracts:signature_sign", args=[request.public_id])
    response = client.post(
        url, {"typed_name": signer.get_full_name(), "drawing": data_url(b"not a png")}
    )
    assert response.status_code == 200
    assert SignatureStep.objects.get(request=request).status == SignatureStep.Status.WAITING
