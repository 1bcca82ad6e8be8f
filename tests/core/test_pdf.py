"""Documents render in the vendor's layout, with every Romanian letter, and fetch nothing."""

import io

import pytest
from pypdf import PdfReader

from clientdesk.core import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(tmp_path, settings):
    body = (
        '{% extends "pdf/base.html" %}{% block content %}'
        "<h1>Notificare de încetare</h1><p>Științe, țări, înșelăciune: ăâîșț ĂÂÎȘȚ.</p>"
        '<img src="https://attacker.example/pixel.png" alt="">'
        "{% endblock %}"
    )
    (tmp_path / "doc.html").write_text(body, encoding="utf-8")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    return "doc.html"


def test_a_document_keeps_every_romanian_letter_and_is_archival(template):
    content = pdf.render_pdf(template, {}, language="ro")
    reader = PdfReader(io.BytesIO(content))
    text = reader.pages[0].extract_text()
    assert "ăâîșț ĂÂÎȘȚ" in text
    assert "Notificare de încetare" in text
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid" in metadata  # PDF/A identification


def test_a_document_fetches_nothing_from_the_network(template, caplog):
    pdf.render_pdf(template, {}, language="ro")
    assert any("disallowed protocol" in record.getMessage() for record in caplog.records)
