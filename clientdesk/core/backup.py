"""Back up and restore everything the portal keeps: the database and the stored files.

A backup is a directory: ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or
``database.sqlite3`` (SQLite's online backup API), ``files/private`` (request
attachments, contract documents and signatures, invoice PDFs, downloads: VAR_DIR/private)
and ``files/media`` (MEDIA_ROOT: the vendor's logo), and ``manifest.json`` with each
file's SHA-256, which the restore checks before it replaces anything.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404  # pg_dump and pg_restore, with a fixed argument list
from pathlib import Path

from django.conf import settings
from django.db import connection, connections

MANIFEST = "manifest.json"


class BackupError(Exception):
    pass


def _file_roots() -> dict[str, Path]:
    return {"private": Path(settings.VAR_DIR) / "private", "media": Path(settings.MEDIA_ROOT)}


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db = connection.settings_dict
    args = ["-h", db["HOST"] or "localhost", "-p", str(db["PORT"] or 5432)]
    if db["USER"]:
        args += ["-U", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else dict(os.environ)
    return [*args, "-d", db["NAME"]], env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()}")


def backup(dest: Path) -> dict:
    """Write a backup into ``dest``, a new or empty directory; returns its manifest."""
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise BackupError(f"{dest} is not empty")
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(dest / "database.dump"), *args], env)
    else:
        with sqlite3.connect(dest / "database.sqlite3") as copy:
            connection.connection.backup(copy)
        copy.close()
    files = {}
    for name, root in _file_roots().items():
        if root.exists():
            shutil.copytree(root, dest / "files" / name)
        files[name] = _hashes(dest / "files" / name) if root.exists() else {}
    manifest = {"database": connection.vendor, "files": files}
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2))
    return manifest


def restore(src: Path) -> dict:
    """Replace the database and the stored files with the backup in ``src``."""
    manifest = json.loads((src / MANIFEST).read_text())
    if manifest["database"] != connection.vendor:
        raise BackupError(f"a {manifest['database']} backup cannot restore a {connection.vendor}")
    for name, hashes in manifest["files"].items():  # checked before anything is replaced
        if hashes and _hashes(src / "files" / name) != hashes:
            raise BackupError(f"the backup's {name} files differ from its manifest")
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        connections.close_all()  # pg_restore --clean drops the tables
        args, env = _pg_args()
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                *args,
                str(src / "database.dump"),
            ],
            env,
        )
    else:
        with sqlite3.connect(src / "database.sqlite3") as copy:
            copy.backup(connection.connection)
        copy.close()
    for name, root in _file_roots().items():
        shutil.rmtree(root, ignore_errors=True)
        if (src / "files" / name).exists():
            shutil.copytree(src / "files" / name, root)
    return manifest
