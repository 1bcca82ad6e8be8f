"""The signing engine, checked with pyHanko's own validation and the verification report."""

import pytest
from pyhanko.sign.timestamps import HTTPTimeStamper

from clientdesk.contracts import signing, verification
from tests.contracts.conftest import simple_pdf


def signed(keys, content=None, *, names=("Ana Popescu",), timestamper=None) -> bytes:
    content = content or simple_pdf()
    for index, name in enumerate(names, start=1):
        content = signing.sign_pdf(
            content,
            keys=keys,
            signer_name=name,
            reason=f"Signed by {name}",
            field_name=f"Signature{index}",
            timestamper=timestamper,
        )
    return content


def test_a_signature_is_intact_covers_the_document_and_is_the_vendors(signing_keys):
    report = verification.verify_pdf(signed(signing_keys), keys=signing_keys)
    [signature] = report.signatures
    assert signature.intact and signature.valid and signature.trusted
    assert signature.covers_document and signature.by_vendor
    assert signature.signer_name == "Ana Popescu" and "Ana Popescu" in signature.reason
    assert report.has_validation_data  # the chain and its CRL, in the DSS


def test_without_a_timestamp_authority_the_level_is_basic_with_long_term_data(signing_keys):
    [signature] = verification.verify_pdf(signed(signing_keys), keys=signing_keys).signatures
    assert signature.level == verification.B_B_LT_DATA and not signature.timestamped


def test_with_a_timestamp_authority_the_level_is_b_lta(signing_keys, dummy_timestamper):
    report = verification.verify_pdf(
        signed(signing_keys, timestamper=dummy_timestamper), keys=signing_keys
    )
    [signature] = report.signatures
    assert signature.level == verification.B_LTA and signature.timestamped
    assert report.document_timestamps == 1 and signature.covers_document


def test_each_signer_adds_one_signature_naming_them_in_order(signing_keys):
    report = verification.verify_pdf(
        signed(signing_keys, names=("Ana Popescu", "Ion Ionescu")), keys=signing_keys
    )
    assert [s.signer_name for s in report.signatures] == ["Ana Popescu", "Ion Ionescu"]
    assert all(s.ok for s in report.signatures) and report.all_ok


def test_one_byte_changed_after_signing_is_not_intact(signing_keys):
    content = bytearray(signed(signing_keys))
    position = content.index(b"/MediaBox")  # inside the signed bytes
    content[position + 1] = ord("m")
    report = verification.verify_pdf(bytes(content), keys=signing_keys)
    assert not report.all_ok
    assert not report.readable or not any(s.intact for s in report.signatures)


def test_a_file_that_is_not_a_pdf_is_reported_unreadable(signing_keys):
    report = verification.verify_pdf(b"not a pdf", keys=signing_keys)
    assert not report.readable and not report.all_ok


def test_an_unsigned_pdf_has_no_signature(signing_keys):
    report = verification.verify_pdf(simple_pdf(), keys=signing_keys)
    assert report.readable and report.signatures == [] and not report.all_ok


def test_a_timestamp_authority_that_is_down_delays_the_signature(signing_keys):
    down = HTTPTimeStamper("http://127.0.0.1:9/tsa", timeout=1)
    with pytest.raises(signing.TimestampUnavailable):
        signing.sign_pdf(
            simple_pdf(),
            keys=signing_keys,
            signer_name="Ana Popescu",
            reason="Signed",
            field_name="Signature1",
            timestamper=down,
        )


@pytest.mark.django_db
def test_the_signature_page_names_the_time_in_utc_and_in_the_vendors_zone(signing_keys):
    from datetime import UTC, datetime
    from io import BytesIO

    from pypdf import PdfReader

    from clientdesk.contracts import sealing

    seal = sealing.SealInput(
        contract_number="CTR-1",
        signer_name="Ana Popescu",
        signer_email="ana@alfa.example",
        authentication="password",
        signed_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
        position=1,
        language="en",
    )
    content = simple_pdf(3)
    sealed = sealing.seal(content, seal, keys=signing_keys, timestamper=None)
    pages = PdfReader(BytesIO(sealed)).pages
    assert len(pages) == 4
    text = pages[-1].extract_text()
    assert "2026-07-01 09:30:00 UTC" in text
    assert "2026-07-01 12:30:00 Europe/Bucharest" in text  # summer time, UTC+3
    assert sealing.hashlib.sha256(content).hexdigest() in text.replace("\n", "")
    assert verification.verify_pdf(sealed, keys=signing_keys).all_ok
