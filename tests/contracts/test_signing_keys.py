import pytest
from django.core.management import call_command

from clientdesk.contracts import checks, democa, signing


@pytest.mark.django_db
def test_the_demo_ca_command_writes_the_ca_the_certificate_and_the_crl(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("signing_demo_ca")
    directory = tmp_path / "signing"
    names = {path.name for path in directory.iterdir()}
    assert names == {democa.KEY, democa.CERT, democa.CA_CERT, democa.CRL}
    assert (directory / democa.KEY).stat().st_mode & 0o077 == 0


@pytest.mark.django_db
def test_the_demo_ca_command_keeps_an_existing_ca_unless_forced(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("signing_demo_ca")
    cert = (tmp_path / "signing" / democa.CERT).read_bytes()
    call_command("signing_demo_ca")
    assert (tmp_path / "signing" / democa.CERT).read_bytes() == cert
    call_command("signing_demo_ca", "--force")
    assert (tmp_path / "signing" / democa.CERT).read_bytes() != cert


def test_keys_named_by_the_environment_are_loaded(signing_keys):
    assert signing_keys.is_demo
    assert "Vendor SRL" in signing_keys.certificate.subject.human_friendly
    assert len(signing_keys.trust_roots) == 1 and len(signing_keys.crls) == 1


def test_production_without_a_key_cannot_sign(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.DEBUG = False
    settings.SIGNING_KEY_FILE = settings.SIGNING_CERT_FILE = ""
    with pytest.raises(signing.SigningUnavailable):
        signing.load_keys()


def test_the_deploy_check_warns_when_production_signs_with_the_demo_ca(signing_keys):
    messages = checks.signing_key_check(None)
    assert [m.id for m in messages] == ["contracts.W001"]


def test_the_deploy_check_only_informs_when_no_key_is_set(settings):
    settings.SIGNING_KEY_FILE = settings.SIGNING_CERT_FILE = ""
    assert [m.id for m in checks.signing_key_check(None)] == ["contracts.I001"]
