from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clientdesk.api.csv_import import KINDS, import_file
from clientdesk.core.actors import Actor


class Command(BaseCommand):
    help = (
        "Load the ERP's customers, contracts, equipment, orders, shipments, invoices or "
        "payments from a CSV file (columns: docs/import.md), through the API's checks and "
        "services; all or nothing per file."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=sorted(KINDS), help="what the file holds")
        parser.add_argument("file", type=Path, help="the CSV file (UTF-8, a header row)")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check every row and tell what it would do, changing nothing",
        )

    def handle(self, *args, kind: str, file: Path, dry_run: bool, **options) -> None:
        try:
            results = import_file(
                str(file), kind, actor=Actor.system("import_csv"), dry_run=dry_run
            )
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        counts = dict.fromkeys(("created", "updated", "unchanged"), 0)
        failed = 0
        for result in results:
            rows = ", ".join(str(row) for row in result.rows)
            if result.errors:
                failed += 1
                for refusal in result.errors:
                    column = f", column {refusal.column}" if refusal.column else ""
                    self.stdout.write(
                        f"row {refusal.row}{column}: {refusal.code}: {refusal.message}"
                        f" ({result.external_id or 'no external_id'})"
                    )
            else:
                counts[result.outcome] += 1
                self.stdout.write(f"row {rows}: {result.outcome} {result.external_id}")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        if failed:
            raise CommandError(
                f"{failed} of {len(results)} objects refused ({summary} otherwise); "
                "nothing was imported."
            )
        if dry_run:
            self.stdout.write(f"Dry run: {summary}; nothing was changed.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {len(results)} objects: {summary}."))
