"""Signing benchmark: a 20-page PDF signed at each PAdES level, verified, and its growth.

    .venv/bin/python bench/signing.py [--pages 20] [--runs 5]

Keys are a fresh demo CA (EC P-256, as the demo and the tests use); the
timestamps come from pyHanko's offline DummyTimeStamper certified by that CA,
so nothing leaves the machine. Levels:

- B-B: the signature alone;
- B-T: with the signature's timestamp;
- B-LT: the timestamp, and the chain with its revocation data in the DSS;
- portal (no TSA): what signing.sign_pdf writes without an authority (B-B + LT data);
- portal B-LTA: what it writes with one (B-LT and a document timestamp on top).

For each: the median signing time, one signature's bytes added to the file,
the median time of verification.verify_pdf, and a second signature's time and
bytes on the signed file (the signer after the first).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")
os.environ.setdefault("DEBUG", "1")  # development settings, as these benchmarks always ran

import django  # noqa: E402

django.setup()

from asn1crypto import keys as asn1_keys  # noqa: E402
from asn1crypto import x509 as asn1_x509  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from django.conf import settings  # noqa: E402
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: E402
from pyhanko.sign import fields, signers  # noqa: E402
from pyhanko.sign.timestamps import DummyTimeStamper  # noqa: E402
from weasyprint import HTML  # noqa: E402

from clientdesk.contracts import democa, signing, verification  # noqa: E402


def document(pages: int) -> bytes:
    """A contract-like PDF: a page of text per page, as WeasyPrint writes them."""
    paragraph = "<p>" + "Prestatorul asigură mentenanța echipamentelor din anexă. " * 12 + "</p>"
    body = "".join(
        f'<section style="page-break-after: always"><h1>Articolul {n}</h1>{paragraph * 6}</section>'
        for n in range(1, pages + 1)
    )
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def keys_and_stamper(directory: Path):
    ca = democa.create("Bench SRL")
    democa.write(ca, directory)
    settings.SIGNING_KEY_FILE = str(directory / democa.KEY)
    settings.SIGNING_CERT_FILE = str(directory / democa.CERT)
    settings.SIGNING_CHAIN_FILE = str(directory / democa.CA_CERT)
    cert, key = democa.timestamp_authority(ca)
    der = serialization.Encoding.DER
    stamper = DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
    )
    return signing.load_keys(), stamper


def sign_at(content: bytes, keys, *, stamper, embed: bool, field: str) -> bytes:
    """B-B, B-T or B-LT, straight through pyHanko (the portal writes B-LTA or B-B + LT)."""
    meta = signers.PdfSignatureMetadata(
        field_name=field,
        name="Ana Popescu",
        reason="Signed by Ana Popescu (bench)",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=embed,
        validation_context=keys.validation_context() if embed else None,
    )
    out = BytesIO()
    signers.PdfSigner(meta, signer=keys.signer, timestamper=stamper).sign_pdf(
        IncrementalPdfFileWriter(BytesIO(content), strict=False), output=out
    )
    return out.getvalue()


def timed(function, runs: int) -> tuple[float, bytes]:
    times, result = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    content = document(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        keys, stamper = keys_and_stamper(Path(tmp))
        levels = {
            "B-B": lambda c, f: sign_at(c, keys, stamper=None, embed=False, field=f),
            "B-T": lambda c, f: sign_at(c, keys, stamper=stamper, embed=False, field=f),
            "B-LT": lambda c, f: sign_at(c, keys, stamper=stamper, embed=True, field=f),
            "portal (no TSA)": lambda c, f: signing.sign_pdf(
                c, keys=keys, signer_name="Ana Popescu", reason="bench", field_name=f
            ),
            "portal B-LTA": lambda c, f: signing.sign_pdf(
                c,
                keys=keys,
                signer_name="Ana Popescu",
                reason="bench",
                field_name=f,
                timestamper=stamper,
            ),
        }
        print(f"{args.pages}-page PDF, {len(content):,} bytes; medians of {args.runs} runs\n")
        header = f"{'level':<16} {'sign ms':>8} {'+bytes':>8} {'verify ms':>10} "
        print(header + f"{'2nd sign ms':>12} {'2nd +bytes':>11}")
        for name, sign in levels.items():
            sign_ms, once = timed(lambda sign=sign: sign(content, "Signature1"), args.runs)
            verify_ms, _report = timed(
                lambda once=once: verification.verify_pdf(once, keys=keys), args.runs
            )
            again_ms, twice = timed(
                lambda sign=sign, once=once: sign(once, "Signature2"), args.runs
            )
            print(
                f"{name:<16} {sign_ms:>8.1f} {len(once) - len(content):>8,} {verify_ms:>10.1f} "
                f"{again_ms:>12.1f} {len(twice) - len(once):>11,}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
