import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clientdesk.core.actors import Actor
from clientdesk.kb.importing import ImportFileError
from clientdesk.kb.services import articles_import


class Command(BaseCommand):
    help = (
        "Import knowledge-base articles from a JSON list of "
        '{"slug", "category", "lang", "title", "body", "tags"} objects; '
        "inserts or updates by (slug, lang), all or nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="the JSON file to import")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{file} is not UTF-8 text.") from None
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{file} is not valid JSON: {error.msg} at line {error.lineno}, "
                f"column {error.colno}."
            ) from None
        try:
            result = articles_import(actor=Actor.system("kb_import"), data=data)
        except ImportFileError as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.total} articles: {result.created} created, "
                f"{result.updated} updated, {result.unchanged} unchanged."
            )
        )
