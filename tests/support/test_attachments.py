"""Uploads are checked by content, kept outside the public media path, served through the gate."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from clientdesk.support.attachments import (
    DOCX,
    JPEG,
    MAX_SIZE,
    PDF,
    PNG,
    TEXT,
    XLSX,
    AttachmentsField,
    check_upload,
    sniff,
)
from tests.support.factories import AttachmentFactory, SupportRequestFactory


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def office(part: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"%PDF-1.7\n...", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", JPEG),
        (office("word/document.xml"), DOCX),
        (office("xl/workbook.xml"), XLSX),
        (b"Serie;Model\n78A1B2C;Power S924\n", TEXT),
        ("Factură cu diacritice: ă â î ș ț\n".encode(), TEXT),
        ("Factură în Windows-1250: ş ţ\r\n".encode("cp1250"), TEXT),
    ],
)
def test_accepted_kinds_are_recognised_by_their_content(content, kind):
    assert sniff(upload("whatever.bin", content)) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00\x00\x00",  # a Windows program
        b"\x7fELF\x02\x01\x01",  # a Linux program
        office("payload.exe").replace(b"[Content_Types].xml", b"[Content_Typez].xml"),
        b"PK\x03\x04not really a zip",
        b"text with a NUL\x00 byte",
        b"\xfe\xed\xfa\xce\x01\x02 not UTF-8 and with control bytes",
        b"",
    ],
)
def test_anything_else_is_refused_whatever_its_name(content):
    assert sniff(upload("invoice.pdf", content)) is None


def test_a_name_that_lies_about_the_type_gets_the_true_extension():
    checked = check_upload(upload("poza.pdf", b"\x89PNG\r\n\x1a\n...."))
    assert checked.kind == PNG
    assert checked.name == "poza.pdf.png"


def test_a_file_over_the_limit_is_refused_with_the_sizes():
    big = upload("mare.txt", b"a" * (MAX_SIZE + 1))
    with translation.override("en"), pytest.raises(ValidationError, match="at most 10"):
        check_upload(big)


def test_more_files_than_allowed_are_refused():
    field = AttachmentsField()
    with translation.override("en"), pytest.raises(ValidationError, match="at most 5 files"):
        field.clean([upload(f"{n}.txt", b"text\n") for n in range(6)])


@given(st.text(alphabet=st.characters(exclude_categories=["Cc", "Cs"]), min_size=1))
def test_any_printable_text_is_accepted_as_text(text):
    assert sniff(upload("note.txt", text.encode())) == TEXT


@given(st.binary(min_size=1, max_size=64), st.binary(max_size=64))
def test_a_nul_byte_in_the_first_bytes_is_never_text(before, after):
    assert sniff(upload("x.txt", before.replace(b"\x00", b"") + b"\x00" + after)) != TEXT


def download_url(attachment) -> str:
    return reverse("support:attachment", args=[attachment.request.number, attachment.public_id])


def test_a_file_is_served_as_a_download_to_the_requesters_colleagues(
    client, alfa_limited, alfa_request
):
    attachment = AttachmentFactory(request=alfa_request, name="raport ș.txt")
    client.force_login(alfa_limited)
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "text/plain"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == b"Raport de test\n"


def test_a_file_has_no_public_url(alfa_request, settings):
    attachment = AttachmentFactory(request=alfa_request)
    with pytest.raises(ValueError, match="no public URL"):
        attachment.file.url  # noqa: B018 - the property is what is tested
    assert str(settings.VAR_DIR / "private") in attachment.file.path


def test_a_file_of_another_request_number_is_not_found(client, alfa_admin, alfa_request, alfa):
    attachment = AttachmentFactory(request=alfa_request)
    other = SupportRequestFactory(account=alfa, requester=alfa_admin)
    client.force_login(alfa_admin)
    url = reverse("support:attachment", args=[other.number, attachment.public_id])
    assert client.get(url).status_code == 404
