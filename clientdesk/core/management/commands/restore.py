from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clientdesk.core import backup


class Command(BaseCommand):
    help = "Replace the database and the stored files with the backup in SRC (docs/operations.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("src", type=Path, help="a directory written by manage.py backup")
        parser.add_argument(
            "--yes", action="store_true", help="replace the current data without asking"
        )

    def handle(self, *args, src: Path, yes: bool, **options) -> None:
        if not yes and input(f"Replace all data with the backup in {src}? [y/N] ").lower() != "y":
            raise CommandError("Nothing restored.")
        try:
            manifest = backup.restore(src)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        count = sum(len(hashes) for hashes in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Restored the database and {count} files from {src}.")
        )
