from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clientdesk.core import backup


class Command(BaseCommand):
    help = "Back up the database and the stored files into DEST (see docs/operations.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("dest", type=Path, help="a new or empty directory")

    def handle(self, *args, dest: Path, **options) -> None:
        try:
            manifest = backup.backup(dest)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        count = sum(len(hashes) for hashes in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up the database and {count} files to {dest}.")
        )
