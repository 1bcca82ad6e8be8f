"""Every migration reverses: migrate to the latest, every app back to zero, and up again.

Run by .ci/run on a fresh PostgreSQL database (DATABASE_URL). ``migrate <app> zero``
also unapplies the other apps' migrations that depend on that app's, so going through
the apps in any order leaves nothing applied; the script checks that it does.

A library's app whose migrations do not reverse stays up, named with the reason.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clientdesk.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402

# Not ours to fix: the library's data migration has no reverse_code.
IRREVERSIBLE_UPSTREAM = {
    "django_tasks_database": "0013_separate_exception_fields: RunPython without reverse_code",
}


def applied() -> set[tuple[str, str]]:
    return set(MigrationLoader(connection).applied_migrations)


def main() -> None:
    call_command("migrate", interactive=False, verbosity=0)
    latest = applied()
    for app in sorted(MigrationLoader(connection).migrated_apps - set(IRREVERSIBLE_UPSTREAM)):
        print(f"migrate {app} zero")
        call_command("migrate", app, "zero", interactive=False, verbosity=0)
    left = {(app, name) for app, name in applied() if app not in IRREVERSIBLE_UPSTREAM}
    assert not left, f"still applied after every app went to zero: {sorted(left)}"
    call_command("migrate", interactive=False, verbosity=0)
    assert applied() == latest, "migrating up again did not reach the same migrations"
    print(f"{len(latest)} migrations applied, all but {sorted(IRREVERSIBLE_UPSTREAM)}'s reversed")


if __name__ == "__main__":
    main()
