from io import BytesIO

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps import DummyTimeStamper

from clientdesk.contracts import democa, signing


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture(scope="session")
def demo_ca(tmp_path_factory):
    """One demo CA for the whole run (EC keys: milliseconds), written as a deployment would."""
    ca = democa.create("Vendor SRL")
    directory = tmp_path_factory.mktemp("signing")
    democa.write(ca, directory)
    return ca, directory


@pytest.fixture
def signing_keys(demo_ca, settings):
    """The vendor's key and certificate, named by the environment's settings."""
    _ca, directory = demo_ca
    settings.SIGNING_KEY_FILE = str(directory / democa.KEY)
    settings.SIGNING_CERT_FILE = str(directory / democa.CERT)
    settings.SIGNING_CHAIN_FILE = str(directory / democa.CA_CERT)
    return signing.load_keys()


@pytest.fixture(scope="session")
def dummy_timestamper(demo_ca):
    """pyHanko's offline timestamp authority, certified by the demo CA."""
    ca, _directory = demo_ca
    cert, key = democa.timestamp_authority(ca)
    der = serialization.Encoding.DER
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(
            key.private_bytes(der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        ),
    )


def simple_pdf(pages: int = 1) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
