"""Writing generated rows fast: PostgreSQL ``COPY ... FROM STDIN`` (psycopg 3 ``cursor.copy()``)
or, on SQLite, ``executemany`` of plain INSERTs (the bulk path the tiny test uses).

Rows are streamed: a generator yields tuples and :meth:`Sink.copy` writes them in batches, so
ten million dossiers never exist in memory at once. Ids are chosen by the generator (rows
reference each other before they are written); :meth:`Sink.sequences_reset` moves each table's
id sequence past them at the end.

Columns a table has that the generator does not fill (a column another helper added later) are
filled with the model field's default, so a new column with a default never breaks a run; a new
required column without a default stops the run with a clear message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

BATCH = 5000


class GeneratorOutdated(RuntimeError):
    """A table gained a required column the generator does not know how to fill."""


@dataclass
class TableSpec:
    """How rows of ``model`` are written: the generator's columns, then constant defaults."""

    model: type[models.Model]
    columns: tuple[str, ...]
    extra_columns: tuple[str, ...] = ()
    extra_values: tuple[Any, ...] = ()
    fields: tuple[models.Field, ...] = field(default_factory=tuple)

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    @property
    def all_columns(self) -> tuple[str, ...]:
        return (*self.columns, *self.extra_columns)


def table_spec(model: type[models.Model], columns: Sequence[str]) -> TableSpec:
    """The spec for ``model`` given the generator's ``columns`` (attnames, e.g. ``unit_id``)."""
    by_column = {f.column: f for f in model._meta.concrete_fields}
    unknown = [c for c in columns if c not in by_column]
    if unknown:
        raise GeneratorOutdated(f"{model._meta.label} has no column(s) {unknown}.")
    extra_columns, extra_values = [], []
    for name, model_field in by_column.items():
        if name in columns:
            continue
        if model_field.has_default() or model_field.null or model_field.blank:
            extra_columns.append(name)
            extra_values.append(_default(model_field))
        elif getattr(model_field, "auto_now", False) or getattr(model_field, "auto_now_add", False):
            raise GeneratorOutdated(f"{model._meta.label}.{name} (a timestamp) must be given.")
        else:
            raise GeneratorOutdated(
                f"{model._meta.label}.{name} is required and has no default: "
                "teach bench/generate to fill it."
            )
    fields = tuple(by_column[c] for c in (*columns, *extra_columns))
    return TableSpec(model, tuple(columns), tuple(extra_columns), tuple(extra_values), fields)


def _default(model_field: models.Field) -> Any:
    if model_field.has_default():
        return model_field.get_default()
    if model_field.null:
        return None
    return ""  # blank=True text column without a default


@dataclass
class Tally:
    """Rows written per table and the time spent writing them."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, table: str, rows: int, seconds: float) -> None:
        self.rows[table] = self.rows.get(table, 0) + rows
        self.seconds[table] = self.seconds.get(table, 0.0) + seconds

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


class Sink:
    """Writes rows to the default database connection (inside the caller's transaction)."""

    def __init__(self) -> None:
        self.tally = Tally()
        self.is_postgres = connection.vendor == "postgresql"

    def copy(self, spec: TableSpec, rows: Iterable[Sequence[Any]]) -> int:
        """Write every row of ``rows`` (tuples in ``spec.columns`` order); returns the count."""
        started = time.perf_counter()
        count = self._copy_pg(spec, rows) if self.is_postgres else self._insert(spec, rows)
        self.tally.add(spec.table, count, time.perf_counter() - started)
        return count

    def _copy_pg(self, spec: TableSpec, rows: Iterable[Sequence[Any]]) -> int:
        quoted = ", ".join(connection.ops.quote_name(c) for c in spec.all_columns)
        sql = f"COPY {connection.ops.quote_name(spec.table)} ({quoted}) FROM STDIN"
        extra = tuple(_pg_value(v) for v in spec.extra_values)
        convert = _converters(spec.fields[: len(spec.columns)])
        count = 0
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for row in rows:
                if convert:
                    row = list(row)
                    for i, fn in convert:
                        if row[i] is not None:
                            row[i] = fn(row[i])
                copy.write_row((*row, *extra) if extra else row)
                count += 1
        return count

    def copy_raw(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """COPY into a table without a model (PostgreSQL; the audit staging table)."""
        started = time.perf_counter()
        names = ", ".join(columns)
        count = 0
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        self.tally.add(table, count, time.perf_counter() - started)
        return count

    def _insert(self, spec: TableSpec, rows: Iterable[Sequence[Any]]) -> int:
        quoted = ", ".join(connection.ops.quote_name(c) for c in spec.all_columns)
        marks = ", ".join(["%s"] * len(spec.all_columns))
        sql = f"INSERT INTO {connection.ops.quote_name(spec.table)} ({quoted}) VALUES ({marks})"  # noqa: S608
        count, batch = 0, []
        with connection.cursor() as cursor:
            for row in rows:
                values = (*row, *spec.extra_values)
                batch.append(
                    [
                        f.get_db_prep_save(v, connection)
                        for f, v in zip(spec.fields, values, strict=True)
                    ]
                )
                if len(batch) >= BATCH:
                    cursor.executemany(sql, batch)
                    count += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                count += len(batch)
        return count

    def next_id(self, model: type[models.Model]) -> int:
        """The first free id of ``model``'s table (rows written by services come first)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            (last,) = cursor.fetchone()
        return (last or 0) + 1

    def sequences_reset(self, models_: Iterable[type[models.Model]]) -> None:
        """Move the id sequences past the ids the generator chose (PostgreSQL)."""
        statements = connection.ops.sequence_reset_sql(_NoStyle(), list(models_))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


_TEXT_CACHE: dict[Any, str] = {}


def _as_text(value: Any) -> str:
    """Moments, days and decimals as COPY text, cached: psycopg spends about 3 µs adapting an
    aware datetime, a dictionary look-up far less, and the same moments recur constantly."""
    text = _TEXT_CACHE.get(value)
    if text is None:
        if len(_TEXT_CACHE) > 2_000_000:
            _TEXT_CACHE.clear()
        text = _TEXT_CACHE[value] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return text


def _converters(fields: Sequence[models.Field]) -> list[tuple[int, Any]]:
    out = []
    for i, field_ in enumerate(fields):
        if isinstance(field_, models.JSONField):
            out.append((i, lambda v: json.dumps(v, ensure_ascii=False)))
        elif isinstance(field_, models.DateTimeField | models.DateField | models.DecimalField):
            out.append((i, _as_text))
    return out


def _pg_value(value: Any) -> Any:
    """Constants for COPY: JSON-able containers become JSON text."""
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


class _NoStyle:
    """``sequence_reset_sql`` wants a style object; plain SQL needs none."""

    def __getattr__(self, name: str) -> Any:
        return lambda text: text


def pg_bulk_ddl(tables: Iterable[str]) -> tuple[list[str], list[str]]:
    """For PostgreSQL tables: the statements that drop their secondary indexes, unique and
    foreign-key constraints before a bulk load, and those that recreate them after (indexes
    and unique constraints first, then foreign keys, which re-validate every row)."""
    drops, creates, fk_drops, fk_creates = [], [], [], []
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(
                """
                SELECT c.conname, c.contype, pg_get_constraintdef(c.oid)
                FROM pg_constraint c
                WHERE c.conrelid = %s::regclass AND c.contype IN ('u', 'f')
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint r
                                  WHERE r.contype = 'f' AND r.conindid = c.conindid
                                    AND c.contype = 'u')
                ORDER BY c.conname
                """,
                [table],
            )
            for name, kind, definition in cursor.fetchall():
                drop = f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"'
                create = f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}'
                (fk_drops if kind == "f" else drops).append(drop)
                (fk_creates if kind == "f" else creates).append(create)
            cursor.execute(
                """
                SELECT ix.relname, pg_get_indexdef(i.indexrelid)
                FROM pg_index i JOIN pg_class ix ON ix.oid = i.indexrelid
                WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                ORDER BY ix.relname
                """,
                [table],
            )
            for name, definition in cursor.fetchall():
                drops.append(f'DROP INDEX "{name}"')
                creates.append(definition)
    return [*fk_drops, *drops], [*creates, *fk_creates]


def execute_all(statements: Iterable[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
