"""PDF documents in the vendor's layout: a Django template rendered by WeasyPrint.

Issued documents (invoices, signed notices) are rendered once and stored; this
module only turns a template into bytes. Nothing is fetched while rendering:
the stylesheet is read from the static files, images come as data: URIs, and
every other URL in a document is refused (a document never calls out).

WeasyPrint is imported when a document is rendered, not with this module: it costs a
web worker about 45 MB, and most workers never render a PDF (docs/performance.md).
"""

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

from clientdesk.core.models import VendorConfig

if TYPE_CHECKING:
    from weasyprint import CSS

BASE_STYLESHEET = "clientdesk/pdf.css"


def _stylesheet(path: str) -> "CSS":
    from weasyprint import CSS

    found = finders.find(path)
    if not isinstance(found, str):
        raise FileNotFoundError(f"static file {path} not found")
    return CSS(filename=found)


def logo_data_uri(vendor: VendorConfig) -> str:
    """The vendor's logo inline, for a document that must not fetch anything."""
    if not vendor.logo:
        return ""
    with vendor.logo.open("rb") as logo:
        content = logo.read()
    kind = "image/svg+xml" if vendor.logo.name.endswith(".svg") else "image/png"
    if vendor.logo.name.lower().endswith((".jpg", ".jpeg")):
        kind = "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(content).decode()}"


def render_pdf(
    template: str,
    context: dict[str, Any],
    *,
    language: str,
    stylesheets: Sequence[str] = (),
    archival: bool = True,
) -> bytes:
    """The document as PDF bytes, in ``language``; PDF/A-3b when ``archival`` (kept for years)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    vendor = VendorConfig.get()
    with translation.override(language):
        html = render_to_string(
            template, {"vendor": vendor, "logo": logo_data_uri(vendor), **context}
        )
    document = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols=["data"]))
    options: dict[str, Any] = {"pdf_variant": "pdf/a-3b"} if archival else {}
    return document.write_pdf(
        stylesheets=[_stylesheet(BASE_STYLESHEET), *map(_stylesheet, stylesheets)], **options
    )
