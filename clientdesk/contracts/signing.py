"""Sealing PDFs as PAdES with the vendor's certificate (pyHanko).

Each signer's signature is one incremental revision, signed with
``SigSeedSubFilter.PADES`` (pyHanko's default subfilter is the older Adobe
one), naming the signer in the signature's name and reason. The certificate
chain and its revocation data are embedded in the document's DSS
(``embed_validation_info``), so the file verifies years later without us. With
a timestamp authority (``SIGNING_TSA_URL``) the signature gets its timestamp
and a document timestamp on top: PAdES B-LTA. When the authority does not
answer, ``TimestampUnavailable`` is raised: the caller waits and retries, it
never signs at a weaker level.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.timestamps import TimeStamper, TimestampRequestError
from pyhanko_certvalidator import ValidationContext

from clientdesk.contracts import democa


class SigningUnavailable(RuntimeError):
    """No signing key is configured (production without SIGNING_KEY_FILE)."""


class TimestampUnavailable(RuntimeError):
    """The configured timestamp authority did not answer: sign later, never weaker."""


@dataclass(frozen=True)
class SigningKeys:
    signer: signers.SimpleSigner
    trust_roots: tuple[asn1_x509.Certificate, ...]
    other_certs: tuple[asn1_x509.Certificate, ...]
    crls: tuple[bytes, ...]
    is_demo: bool

    def validation_context(self, *, fetch: bool | None = None) -> ValidationContext:
        """Trust in the vendor's roots; the demo CA's CRL is local, a real CA's is fetched."""
        return ValidationContext(
            trust_roots=list(self.trust_roots),
            other_certs=list(self.other_certs),
            crls=list(self.crls),
            allow_fetching=(not self.is_demo) if fetch is None else fetch,
            revocation_mode="hard-fail",
        )

    @property
    def certificate(self) -> asn1_x509.Certificate:
        cert: asn1_x509.Certificate = self.signer.signing_cert
        return cert


def demo_directory() -> Path:
    return Path(settings.VAR_DIR) / "signing"


def _certs(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def _asn1(cert: x509.Certificate) -> asn1_x509.Certificate:
    from cryptography.hazmat.primitives.serialization import Encoding

    return asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))


def configured_files() -> tuple[Path, Path, Path | None, Path | None]:
    """(key, certificate, chain, crl): the environment's files, or the demo CA's in DEBUG."""
    if settings.SIGNING_KEY_FILE and settings.SIGNING_CERT_FILE:
        cert = Path(settings.SIGNING_CERT_FILE)
        chain = Path(settings.SIGNING_CHAIN_FILE) if settings.SIGNING_CHAIN_FILE else None
        # A CA's CRL beside the certificate (the demo CA's layout) is used as it is; a
        # real CA's revocation data is fetched when signing.
        crl = cert.parent / democa.CRL
        return Path(settings.SIGNING_KEY_FILE), cert, chain, crl if crl.exists() else None
    directory = demo_directory()
    if settings.DEBUG and (directory / democa.CERT).exists():
        return (
            directory / democa.KEY,
            directory / democa.CERT,
            directory / democa.CA_CERT,
            directory / democa.CRL,
        )
    raise SigningUnavailable(
        "Set SIGNING_KEY_FILE and SIGNING_CERT_FILE (or run manage.py signing_demo_ca)."
    )


def load_keys() -> SigningKeys:
    key_file, cert_file, chain_file, crl_file = configured_files()
    return _load(str(key_file), str(cert_file), str(chain_file or ""), str(crl_file or ""))


@cache
def _load(key_file: str, cert_file: str, chain_file: str, crl_file: str) -> SigningKeys:
    chain = _certs(Path(chain_file)) if chain_file else []
    signer = signers.SimpleSigner.load(
        key_file, cert_file, ca_chain_files=(chain_file,) if chain_file else None
    )
    if signer is None:
        raise SigningUnavailable(f"The signing key {key_file} or certificate could not be read.")
    own = _certs(Path(cert_file))[0]
    roots = [c for c in chain if c.issuer == c.subject]
    others = [c for c in chain if c.issuer != c.subject]
    return SigningKeys(
        signer=signer,
        trust_roots=tuple(_asn1(c) for c in roots),
        other_certs=tuple(_asn1(c) for c in others),
        crls=(Path(crl_file).read_bytes(),) if crl_file else (),
        is_demo=democa.is_demo(own),
    )


def clear_cache() -> None:
    _load.cache_clear()


def configured_timestamper() -> TimeStamper | None:
    if not settings.SIGNING_TSA_URL:
        return None
    return timestamps.HTTPTimeStamper(settings.SIGNING_TSA_URL, timeout=10)


def sign_pdf(
    content: bytes,
    *,
    keys: SigningKeys,
    signer_name: str,
    reason: str,
    field_name: str,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """The document with one more incremental PAdES signature naming ``signer_name``.

    Without a timestamper: the signature with its chain and revocation data in the DSS.
    With one: the signature's timestamp and a document timestamp (B-LTA).
    """
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        name=signer_name,
        reason=reason,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        embed_validation_info=True,
        use_pades_lta=timestamper is not None,
        validation_context=keys.validation_context(),
    )
    writer = IncrementalPdfFileWriter(BytesIO(content), strict=False)
    output = BytesIO()
    pdf_signer = signers.PdfSigner(meta, signer=keys.signer, timestamper=timestamper)
    try:
        pdf_signer.sign_pdf(writer, output=output)
    except (TimestampRequestError, OSError) as error:
        if timestamper is not None:
            raise TimestampUnavailable(str(error)) from error
        raise
    return output.getvalue()
