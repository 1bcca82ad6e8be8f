"""One signer's seal on the document: a signature page appended, then a PAdES signature.

The page (WeasyPrint, the vendor's layout) names the signer, how they proved
who they are, the time in UTC and in the vendor's named time zone, the
document's SHA-256 before this signer, and a verification link with its QR
code. It is added as an incremental update, and the vendor's certificate then
signs everything, naming the signer (signing.py).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import segno
from django.conf import settings
from django.urls import reverse
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from clientdesk.contracts import signing
from clientdesk.core.models import VendorConfig
from clientdesk.core.pdf import render_pdf


@dataclass(frozen=True)
class SealInput:
    contract_number: str
    signer_name: str
    signer_email: str
    authentication: str
    signed_at: datetime
    position: int
    language: str
    for_vendor: bool = False  # the vendor's countersignatory
    drawing: bytes = b""  # the signer's drawn signature, a checked PNG


def verification_url() -> str:
    return f"{settings.PORTAL_URL}{reverse('verify:page')}"


def qr_data_uri(url: str) -> str:
    svg = segno.make(url, error="m").svg_inline(scale=3)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def signature_page(content: bytes, seal: SealInput) -> bytes:
    vendor = VendorConfig.get()
    zone = ZoneInfo(vendor.time_zone)
    url = verification_url()
    return render_pdf(
        "contracts/pdf/signature_page.html",
        {
            "seal": seal,
            "utc": seal.signed_at.astimezone(ZoneInfo("UTC")),
            "local": seal.signed_at.astimezone(zone),
            "zone_name": vendor.time_zone,
            "sha256_before": hashlib.sha256(content).hexdigest(),
            "verify_url": url,
            "qr": qr_data_uri(url),
            "drawing": (
                "data:image/png;base64," + base64.b64encode(seal.drawing).decode()
                if seal.drawing
                else ""
            ),
        },
        language=seal.language,
        stylesheets=["contracts/signature_page.css"],
        archival=False,
    )


def append_page(content: bytes, page_pdf: bytes) -> bytes:
    """The document with the first page of ``page_pdf`` added at its end, incrementally."""
    writer = IncrementalPdfFileWriter(BytesIO(content), strict=False)
    source = PdfFileReader(BytesIO(page_pdf), strict=False)
    source_page = source.root["/Pages"]["/Kids"][0].get_object()
    media_box = source_page["/MediaBox"]
    xobject = writer.import_page_as_xobject(source)
    stream = generic.StreamObject(stream_data=b"q /SignaturePage Do Q")
    page = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Page"),
            generic.pdf_name("/MediaBox"): generic.ArrayObject(list(media_box)),
            generic.pdf_name("/Resources"): generic.DictionaryObject(
                {
                    generic.pdf_name("/XObject"): generic.DictionaryObject(
                        {generic.pdf_name("/SignaturePage"): xobject}
                    )
                }
            ),
            generic.pdf_name("/Contents"): writer.add_object(stream),
        }
    )
    writer.insert_page(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def seal(
    content: bytes,
    seal_input: SealInput,
    *,
    keys: signing.SigningKeys,
    timestamper: signing.TimeStamper | None,
) -> bytes:
    """Signature page, then the signature; TimestampUnavailable leaves nothing changed."""
    with_page = append_page(content, signature_page(content, seal_input))
    capacity = " for the vendor" if seal_input.for_vendor else ""
    return signing.sign_pdf(
        with_page,
        keys=keys,
        signer_name=seal_input.signer_name,
        reason=f"Signed by {seal_input.signer_name} <{seal_input.signer_email}>{capacity} "
        f"({seal_input.authentication})",
        field_name=f"Signature{seal_input.position}",
        timestamper=timestamper,
    )
