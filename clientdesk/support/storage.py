"""Private files: kept under VAR_DIR/private, outside MEDIA_ROOT, with no URL.

A file stored here is only reachable through a view that asks the tenancy
gate first. The location is read from the settings at each use (not at
import), so a test that points VAR_DIR elsewhere writes there.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self) -> Path:
        return Path(settings.VAR_DIR) / "private"

    @property
    def location(self) -> str:
        return str(self.base_location.resolve())

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no public URL; serve them through a gated view.")


_storage = PrivateStorage()


def private_storage() -> PrivateStorage:
    return _storage
