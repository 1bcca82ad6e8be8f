"""A backup brings everything back: destroy the database's rows and the stored files,
restore, and every document downloads again byte for byte.

On SQLite in `make test`, on PostgreSQL (pg_dump / pg_restore) in .ci/run.
"""

import hashlib
import shutil

import pytest
from django.core.management import CommandError, call_command

from clientdesk.accounts.models import User
from tests import tenancy_routes as routes
from tests.factories import MembershipFactory

# A request attachment, a contract document, an invoice PDF: each with the page serving it.
DOCUMENTS = ("support:attachment", "contracts:document", "billing:pdf")


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return settings.VAR_DIR


def downloads(client, user, urls) -> dict[str, str]:
    client.force_login(user)
    hashes = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = b"".join(response.streaming_content) if response.streaming else response.content
        hashes[url] = hashlib.sha256(content).hexdigest()
    return hashes


@pytest.mark.django_db(transaction=True)
def test_back_up_destroy_restore_and_every_document_downloads_the_same(client, var_dir, tmp_path):
    alfa_admin = MembershipFactory(all_grants=True).user
    alfa = alfa_admin.memberships.get().account
    urls = [routes.CUSTOMER_OBJECTS[name].build(alfa, alfa_admin).url for name in DOCUMENTS]
    before = downloads(client, alfa_admin, urls)

    call_command("backup", str(tmp_path / "backup"))
    call_command("flush", "--noinput")  # destroy: every row of the portal, every file
    shutil.rmtree(var_dir / "private")
    assert not User.objects.exists()
    call_command("restore", str(tmp_path / "backup"), "--yes")

    assert downloads(client, User.objects.get(pk=alfa_admin.pk), urls) == before


@pytest.mark.django_db(transaction=True)
def test_a_backup_is_never_written_over_another(var_dir, tmp_path):
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text("{}")
    with pytest.raises(CommandError, match="is not empty"):
        call_command("backup", str(tmp_path / "backup"))
