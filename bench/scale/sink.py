"""Where the generator's rows go: ``COPY ... FROM STDIN`` on PostgreSQL, batched INSERTs elsewhere.

Rows are tuples in the order of the columns a table is opened with; every other
column takes the field's default, computed once. Ids are assigned here, after the
largest id already in the table, so that a child row can name its parent before
either is written; the sequences are moved past them at the end (``close``).

Rows wait in small per-table buffers; when together they reach ``flush_rows`` all
buffers are written in one transaction, in the order the tables were opened.
Foreign keys are checked at commit (Django declares them deferrable, initially
deferred), so a flush may split a parent from its children as long as the parent
was added first. Memory stays bounded whatever the scale.

On PostgreSQL a table's foreign keys and plain indexes (not those of its primary
key and unique constraints, which other tables' keys rely on) are dropped when
the table is opened and created again by ``close``, even after an error: one
index build and one validating join per constraint after the load cost a
fraction of maintaining them row by row (see docs/performance.md for the figures).
"""

import json
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, cast

from django.db import connection, models, transaction

FLUSH_ROWS = 50_000


class Table:
    def __init__(self, sink: "Sink", model: type[models.Model], columns: Sequence[str]) -> None:
        meta = model._meta
        given = [cast(models.Field, meta.get_field(name)) for name in columns]
        rest = [
            f
            for f in meta.concrete_fields
            if f not in given and not f.primary_key and f.attname not in columns
        ]
        self.sink = sink
        self.model = model
        self.label = meta.label
        assert meta.pk is not None
        quote = connection.ops.quote_name
        self.name = quote(meta.db_table)
        self.pk = quote(meta.pk.column)
        self.fields = [meta.pk, *given, *rest]
        self.columns = [quote(f.column) for f in self.fields]
        self.tail = tuple(_default(f, sink.now) for f in rest)
        self.rows: list[tuple] = []
        self.count = 0
        self.seconds = 0.0
        if sink.copy:
            sink.deferred.extend(_release(meta.db_table))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX({self.pk}) FROM {self.name}")  # noqa: S608 - our names
            self.next_id = (cursor.fetchone()[0] or 0) + 1
        if sink.copy:
            jsons = [i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)]
            self.prepare = _json_dumper(jsons)
        else:
            self.prepare = _field_adapter(self.fields)

    def add(self, *values: Any) -> int:
        """Queue one row (the given columns, in order); returns its id."""
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values, *self.tail))
        self.sink.added()
        return pk

    def write(self) -> None:
        if not self.rows:
            return
        started = time.perf_counter()
        rows = [self.prepare(row) for row in self.rows] if self.prepare else self.rows
        if self.sink.copy:
            columns = ", ".join(self.columns)
            statement = f"COPY {self.name} ({columns}) FROM STDIN"
            # psycopg's own cursor: Django's wrapper has no copy().
            with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(self.columns))
            with connection.cursor() as cursor:
                cursor.executemany(
                    f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        self.count += len(self.rows)
        self.rows = []
        self.seconds += time.perf_counter() - started

    def reset_sequence(self) -> None:
        if self.sink.copy and self.count:
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), "  # noqa: S608
                    f"(SELECT MAX({self.pk}) FROM {self.name}))",
                    [self.model._meta.db_table, self.model._meta.pk.column],
                )


class Sink:
    def __init__(self, *, now: datetime, flush_rows: int = FLUSH_ROWS) -> None:
        self.now = now
        self.flush_rows = flush_rows
        self.copy = connection.vendor == "postgresql"
        self.tables: list[Table] = []
        self.pending = 0
        # What _release dropped, to be created again: "CREATE INDEX ..." or "ALTER TABLE ...".
        self.deferred: list[str] = []
        self.rebuild_seconds = 0.0
        if self.copy:
            with connection.cursor() as cursor:
                # Only the last commits' durability is at stake, never consistency.
                cursor.execute("SET synchronous_commit TO OFF")

    def table(self, model: type[models.Model], columns: Sequence[str]) -> Table:
        table = Table(self, model, columns)
        self.tables.append(table)
        return table

    def added(self) -> None:
        self.pending += 1
        if self.pending >= self.flush_rows:
            self.flush()

    def flush(self) -> None:
        connection.ensure_connection()
        with transaction.atomic():
            for table in self.tables:
                table.write()
        self.pending = 0

    def close(self) -> None:
        try:
            self.flush()
            for table in self.tables:
                table.reset_sequence()
        finally:
            self.restore()

    def restore(self) -> None:
        """Create again the indexes and constraints dropped while loading."""
        started = time.perf_counter()
        with connection.cursor() as cursor:
            while self.deferred:
                cursor.execute(self.deferred.pop(0))
        self.rebuild_seconds += time.perf_counter() - started

    def totals(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for table in self.tables:
            totals[table.label] = totals.get(table.label, 0) + table.count
        return totals


def _release(table: str) -> list[str]:
    """Drop the table's foreign keys and plain (not partial) indexes; the statements that
    restore them."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [table],
        )
        keys = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            # Partial indexes stay: they cover few rows, and PostgreSQL prints the predicate of
            # one made again from its own definition differently (the same index, other text).
            "WHERE i.indrelid = %s::regclass AND i.indpred IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
            "WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
            [table],
        )
        indexes = cursor.fetchall()
        quoted = connection.ops.quote_name(table)
        for name, _definition in keys:
            cursor.execute(
                f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(name)}"
            )
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    return [definition for _name, definition in indexes] + [
        f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
        for name, definition in keys
    ]


def _default(field: models.Field, now: datetime) -> Any:
    if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
        return now
    return field.get_default()


def _json_dumper(indexes: list[int]) -> Callable[[tuple], tuple] | None:
    if not indexes:
        return None

    def dump(row: tuple) -> tuple:
        values = list(row)
        for i in indexes:
            values[i] = json.dumps(values[i])
        return tuple(values)

    return dump


def _field_adapter(fields: list[models.Field]) -> Callable[[tuple], tuple]:
    """The values as Django would send them (UUIDs as hex, times as UTC text on SQLite)."""

    def adapt(row: tuple) -> tuple:
        return tuple(f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True))

    return adapt
