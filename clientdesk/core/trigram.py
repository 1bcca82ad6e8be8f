"""Text found anywhere in a column, served by a pg_trgm index on PostgreSQL.

Django writes ``icontains`` as ``UPPER(col::text) LIKE UPPER('%text%')`` on PostgreSQL. No
btree serves a pattern that starts with a wildcard; a GIN index of the trigrams of
``UPPER(col)`` does, for a fragment of at least three characters. A shorter fragment has no
trigram to look up (the index would be read whole), so it matches a whole value only, which
the same index serves by equality (PostgreSQL 14 and later). SQLite runs the same lookups
as a scan of the rows already narrowed to an account: see docs/search-indexes.md.
"""

from functools import reduce
from operator import or_

from django.db.migrations.operations.base import Operation
from django.db.models import Q

MIN_LENGTH = 3


def is_indexed(text: str) -> bool:
    """Whether the index can find ``text`` anywhere in a value (not only as the whole of it)."""
    return len(text) >= MIN_LENGTH


def contains(text: str, *fields: str) -> Q:
    """Rows where ``text`` is part of one of ``fields``, in any case; a fragment too short
    for the index must be the whole value of one."""
    lookup = "icontains" if is_indexed(text) else "iexact"
    return reduce(or_, (Q(**{f"{field}__{lookup}": text}) for field in fields))


class AddTrigramIndex(Operation):
    """A GIN trigram index on ``UPPER(field)``, the expression ``icontains`` filters on.

    PostgreSQL only, and left out of the models' state: SQLite has no such index, and its
    LIKE needs none at the size it serves. Needs the pg_trgm extension (TrigramExtension).
    """

    reversible = True

    def __init__(self, model_name: str, field: str, name: str) -> None:
        self.model_name, self.field, self.name = model_name, field, name

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "field": self.field, "name": self.name}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state) -> None:
        pass

    def _applies(self, schema_editor, model) -> bool:
        return schema_editor.connection.vendor == "postgresql" and self.allow_migrate_model(
            schema_editor.connection.alias, model
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        model = to_state.apps.get_model(app_label, self.model_name)
        if not self._applies(schema_editor, model):
            return
        quote = schema_editor.quote_name
        column = model._meta.get_field(self.field).column
        table = quote(model._meta.db_table)
        schema_editor.execute(
            f"CREATE INDEX {quote(self.name)} ON {table} "
            f"USING gin (UPPER({quote(column)}) gin_trgm_ops)"
        )
        # Statistics of an expression exist only once ANALYZE has read it: until then the
        # planner guesses how many rows a pattern matches, and guesses wrong.
        schema_editor.execute(f"ANALYZE {table}")

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        model = from_state.apps.get_model(app_label, self.model_name)
        if self._applies(schema_editor, model):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(self.name)}")

    def describe(self) -> str:
        return (
            f"Trigram index {self.name} on UPPER({self.model_name}.{self.field}), PostgreSQL only"
        )

    @property
    def migration_name_fragment(self) -> str:
        return self.name
