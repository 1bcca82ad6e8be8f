"""What a PDF's signatures say: integrity, coverage, signer, time, level, sealing certificate.

Used by the public verification page: nothing is fetched (no revocation
lookups on behalf of a visitor); the vendor's own chain and CRL are trusted,
and the document's embedded validation data (the DSS) is what makes it
long-term verifiable by anyone.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from clientdesk.contracts.signing import SigningKeys

B_B, B_B_LT_DATA, B_T, B_LT, B_LTA = "B-B", "B-B + LT", "B-T", "B-LT", "B-LTA"
# Changes after a signature that leave what it signed as it was.
_HARMLESS = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer_name: str
    reason: str
    intact: bool
    valid: bool
    trusted: bool
    covers_document: bool
    signed_at: datetime | None
    timestamped: bool
    level: str
    certificate_subject: str
    certificate_issuer: str
    certificate_sha256: str
    by_vendor: bool
    # What it signed is its whole revision (later revisions are judged on their own).
    covers_revision: bool = False

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.covers_document


@dataclass(frozen=True)
class VerificationReport:
    readable: bool
    sha256: str
    signatures: list[SignatureReport] = field(default_factory=list)
    has_validation_data: bool = False
    document_timestamps: int = 0

    @property
    def all_ok(self) -> bool:
        return self.readable and bool(self.signatures) and all(s.ok for s in self.signatures)


def _context(keys: SigningKeys | None) -> ValidationContext:
    if keys is None:
        return ValidationContext(allow_fetching=False)
    return ValidationContext(
        trust_roots=list(keys.trust_roots),
        other_certs=list(keys.other_certs),
        crls=list(keys.crls),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def _text(value) -> str:
    return str(value) if value is not None else ""


def verify_pdf(content: bytes, *, keys: SigningKeys | None) -> VerificationReport:
    digest = hashlib.sha256(content).hexdigest()
    try:
        reader = PdfFileReader(BytesIO(content), strict=False)
        signatures = list(reader.embedded_regular_signatures)
        stamps = list(reader.embedded_timestamp_signatures)
        has_dss = "/DSS" in reader.root
    except Exception:
        return VerificationReport(readable=False, sha256=digest)
    vendor_fp = keys.certificate.sha256 if keys is not None else None
    last_revision_stamped = {s.signed_revision for s in stamps}
    reports = []
    for embedded in signatures:
        try:
            status = validate_pdf_signature(embedded, _context(keys))
        except Exception:
            reports.append(_broken(embedded))
            continue
        cert = status.signing_cert
        timestamped = status.timestamp_validity is not None
        archived = any(rev > embedded.signed_revision for rev in last_revision_stamped)
        reports.append(
            SignatureReport(
                field_name=embedded.field_name,
                signer_name=_text(embedded.sig_object.get("/Name")),
                reason=_text(embedded.sig_object.get("/Reason")),
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                covers_document=status.coverage == SignatureCoverageLevel.ENTIRE_FILE
                or (
                    status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
                    and status.modification_level in _HARMLESS
                ),
                signed_at=status.timestamp_validity.timestamp
                if status.timestamp_validity is not None
                else status.signer_reported_dt,
                timestamped=timestamped,
                level=_level(timestamped=timestamped, lt_data=has_dss, archived=archived),
                certificate_subject=cert.subject.human_friendly,
                certificate_issuer=cert.issuer.human_friendly,
                certificate_sha256=cert.sha256.hex(),
                by_vendor=vendor_fp is not None and cert.sha256 == vendor_fp,
                covers_revision=status.coverage == SignatureCoverageLevel.ENTIRE_REVISION,
            )
        )
    return VerificationReport(
        readable=True,
        sha256=digest,
        signatures=_extended_by_later_signatures(reports),
        has_validation_data=has_dss,
        document_timestamps=len(stamps),
    )


def _extended_by_later_signatures(reports: list[SignatureReport]) -> list[SignatureReport]:
    """Each signer's signature page is added after the signature before it, so an earlier
    signature sees a new page after it. It still holds the document when the revisions after
    it are each signed intact by the vendor, the last one covering the document to its end."""
    from dataclasses import replace

    result = list(reports)
    chain_ok = bool(result) and result[-1].ok and result[-1].by_vendor
    for index in range(len(result) - 2, -1, -1):
        report = result[index]
        if chain_ok and report.intact and report.valid and report.covers_revision:
            result[index] = replace(report, covers_document=True)
        chain_ok = chain_ok and result[index].ok and result[index].by_vendor
    return result


def _level(*, timestamped: bool, lt_data: bool, archived: bool) -> str:
    if not timestamped:
        return B_B_LT_DATA if lt_data else B_B
    if not lt_data:
        return B_T
    return B_LTA if archived else B_LT


def _broken(embedded) -> SignatureReport:
    return SignatureReport(
        field_name=embedded.field_name,
        signer_name=_text(embedded.sig_object.get("/Name")),
        reason="",
        intact=False,
        valid=False,
        trusted=False,
        covers_document=False,
        signed_at=None,
        timestamped=False,
        level="",
        certificate_subject="",
        certificate_issuer="",
        certificate_sha256="",
        by_vendor=False,
    )
