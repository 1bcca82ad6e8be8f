"""Checked uploads: a file's type is decided by its content, never by its name.

Only a short allow-list is accepted, each kind recognised positively: PDF,
PNG, JPEG and GIF by their signatures; Word and Excel documents as zip
containers that hold the parts those formats must have; plain text (and CSV),
in UTF-8 or an 8-bit encoding, with no control characters. A renamed
executable is none of these.
"""

import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.text import get_valid_filename
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

MAX_SIZE = 10 * 1024 * 1024
MAX_FILES = 5
_SNIFF_BYTES = 8192
_CONTROL_BYTES = frozenset([*range(0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str


PDF = FileKind("application/pdf", ".pdf")
PNG = FileKind("image/png", ".png")
JPEG = FileKind("image/jpeg", ".jpg")
GIF = FileKind("image/gif", ".gif")
DOCX = FileKind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")
XLSX = FileKind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")
TEXT = FileKind("text/plain", ".txt")

_SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
]
_OFFICE_PARTS = [("word/document.xml", DOCX), ("xl/workbook.xml", XLSX)]
# Extensions a kind is known by; a name with another one gets the kind's own.
_EXTENSIONS = {
    PDF: {".pdf"},
    PNG: {".png"},
    JPEG: {".jpg", ".jpeg"},
    GIF: {".gif"},
    DOCX: {".docx"},
    XLSX: {".xlsx"},
    TEXT: {".txt", ".csv", ".log", ".text"},
}
ACCEPT = ",".join(sorted({ext for exts in _EXTENSIONS.values() for ext in exts}))


def _office_kind(upload) -> FileKind | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS if part in names), None)


def _is_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if len(head) == _SNIFF_BYTES and error.start >= len(head) - 3:
            # The sample was cut inside a character: judge what comes before it.
            text = head[: error.start].decode("utf-8")
        else:
            # A legacy 8-bit encoding (Windows-1250, ISO 8859-2): text if no control bytes.
            return not any(byte in _CONTROL_BYTES for byte in head)
    # Control characters mark binary data; every other character (spaces of any
    # kind, marks, symbols) is something a person may have typed.
    return all(unicodedata.category(ch) != "Cc" or ch in "\t\r\n\f" for ch in text)


def sniff(upload) -> FileKind | None:
    """The kind of an uploaded file, read from its first bytes (and its zip index)."""
    upload.seek(0)
    head = upload.read(_SNIFF_BYTES)
    upload.seek(0)
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    if head.startswith(b"PK\x03\x04"):
        office = _office_kind(upload)
        upload.seek(0)
        return office
    return TEXT if _is_text(head) else None


def clean_name(name: str, kind: FileKind) -> str:
    """The user's file name, made safe, with an extension that tells the truth."""
    base = get_valid_filename(os.path.basename(name)) or "file"
    extension = os.path.splitext(base)[1]
    if extension.lower() not in _EXTENSIONS[kind]:
        base = f"{base}{kind.extension}"
    return base[-150:]


@dataclass(frozen=True)
class CheckedFile:
    upload: object
    name: str
    kind: FileKind
    size: int


def check_upload(upload) -> CheckedFile:
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("“%(name)s” is %(size)s; a file may be at most %(limit)s."),
            code="too_big",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_SIZE),
            },
        )
    kind = sniff(upload)
    if kind is None:
        raise ValidationError(
            _(
                "“%(name)s” is not a file type we accept. Send PDF, PNG, JPEG or GIF images, "
                "Word or Excel documents, or plain text."
            ),
            code="bad_type",
            params={"name": upload.name},
        )
    return CheckedFile(upload, clean_name(upload.name, kind), kind, upload.size)


def _limits() -> str:
    return gettext(
        "Up to %(count)s files of at most %(limit)s each: PDF, images, Word, Excel, plain text."
    ) % {"count": MAX_FILES, "limit": filesizeformat(MAX_SIZE)}


# Fields are built at import; the text must be translated when shown, not then.
_limits_help = lazy(_limits, str)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files, each checked by content; cleans to a list of CheckedFile."""

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Attachments"))
        kwargs.setdefault("help_text", _limits_help())
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = ACCEPT

    def clean(self, data, initial=None) -> list[CheckedFile]:
        uploads = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Send at most %(count)s files at a time."),
                code="too_many",
                params={"count": MAX_FILES},
            )
        checked, errors = [], []
        for upload in uploads:
            super().clean(upload, initial)
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.append(error)
        if errors:
            raise ValidationError(errors)
        return checked
