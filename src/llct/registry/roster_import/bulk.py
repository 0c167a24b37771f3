"""Bulk writes of registry rows together with their audit rows (simple-history's tables), for the roster
import: 100,000 cadres with their posts, planning and ratings are half a million rows, too many to go
through model instances (bench/README.md, "Import").

Rows are dicts of column attnames. Every inserted, changed or deleted row gets its historical row with
the same author and time, exactly what `bulk_create_with_history` would write (history type "+", "~" or
"-", every tracked column). On PostgreSQL rows go in with COPY, their ids drawn from the table's sequence
beforehand; changes go through a temporary table and one UPDATE … FROM. On SQLite (the other database the
project runs on) ids continue the table's AUTOINCREMENT sequence and rows go in with executemany. Callers
run inside one transaction: all rows or none.
"""

import datetime as dt
import json
from collections.abc import Callable, Iterable, Sequence

import polars as pl
from django.db import connection, models
from django.db.models import F, Lookup, QuerySet
from django.utils import timezone

CHUNK = 5_000


class _AnyOf(Lookup):
    """`field = ANY(%s)` with one array parameter (PostgreSQL): an IN list of 5,000 placeholders costs
    more to build and parse than to run."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s)", [*params, list(self.rhs)]


def among(queryset: QuerySet, field: str, values: list) -> Iterable[QuerySet]:
    """`queryset` narrowed to rows whose `field` is one of `values`: one query on PostgreSQL, queries of
    CHUNK values elsewhere (SQLite's limit on parameters)."""
    if connection.vendor == "postgresql":
        yield queryset.filter(_AnyOf(F(field), values))
        return
    for start in range(0, len(values), CHUNK):
        yield queryset.filter(**{f"{field}__in": values[start : start + CHUNK]})


class AuditedBulk:
    """Writes rows of registry models with their audit rows, authored by `user` at one moment."""

    def __init__(self, *, user) -> None:
        self.user_id = getattr(user, "pk", None)
        self.when = timezone.now()
        self.postgres = connection.vendor == "postgresql"

    def create(self, model: type[models.Model], rows: list[dict]) -> list[int]:
        """Insert `rows` (missing columns take their defaults) and their "+" audit rows; their new ids."""
        if not rows:
            return []
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        defaults = {f.attname: f.get_default() for f in fields}
        ids = self._new_ids(model, len(rows))
        for row, pk in zip(rows, ids, strict=True):
            for name, default in defaults.items():
                row.setdefault(name, default)
            row["id"] = pk
        self._insert(model, ["id", *(f.attname for f in fields)], rows)
        self._audit(model, rows, "+")
        return ids

    def update(self, model: type[models.Model], rows: list[dict], names: Sequence[str]) -> None:
        """Set the columns `names` of `rows` (complete rows with their id) and write their "~" audit rows."""
        if not rows:
            return
        table, quote = model._meta.db_table, connection.ops.quote_name
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE llct_bulk AS SELECT id, {', '.join(map(quote, names))} "
                    f"FROM {quote(table)} WITH NO DATA"
                )
                columns = {name: [row[name] for row in rows] for name in ("id", *names)}
                self._copy(cursor, "llct_bulk", _prepared(model, columns))
                sets = ", ".join(f"{quote(n)} = u.{quote(n)}" for n in names)
                cursor.execute(f"UPDATE {quote(table)} AS t SET {sets} FROM llct_bulk AS u WHERE t.id = u.id")
                cursor.execute("DROP TABLE llct_bulk")
            else:
                sets = ", ".join(f"{quote(n)} = %s" for n in names)
                columns = _prepared(model, {name: [row[name] for row in rows] for name in (*names, "id")})
                sql = f"UPDATE {quote(table)} SET {sets} WHERE id = %s"
                params = list(zip(*columns.values(), strict=True))
                for start in range(0, len(params), CHUNK):
                    write_chunk(cursor, sql, params[start : start + CHUNK], copy=False)
        self._audit(model, rows, "~")

    def delete(self, model: type[models.Model], rows: list[dict]) -> None:
        """Delete `rows` (complete rows) after writing their "-" audit rows."""
        if not rows:
            return
        self._audit(model, rows, "-")
        table = connection.ops.quote_name(model._meta.db_table)
        with connection.cursor() as cursor:
            for chunk in _chunks(rows):
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({marks})", [row["id"] for row in chunk])

    def _audit(self, model: type[models.Model], rows: list[dict], kind: str) -> None:
        history = model.history.model
        columns = {f.attname: [row[f.attname] for row in rows] for f in history.tracked_fields}
        count = len(rows)
        for name, value in (
            ("history_date", self.when),
            ("history_change_reason", None),
            ("history_type", kind),
            ("history_user_id", self.user_id),
        ):
            columns[name] = [value] * count
        self._insert_columns(history, columns)

    def _insert(self, model: type[models.Model], names: list[str], rows: list[dict]) -> None:
        self._insert_columns(model, {name: [row[name] for row in rows] for name in names})

    def _insert_columns(self, model: type[models.Model], columns: dict[str, list]) -> None:
        table, quote = model._meta.db_table, connection.ops.quote_name
        names = list(columns)
        columns = _prepared(model, columns)
        with connection.cursor() as cursor:
            if self.postgres:
                self._copy(cursor, table, columns)
                return
            marks = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {quote(table)} ({', '.join(map(quote, names))}) VALUES ({marks})"
            rows = list(zip(*columns.values(), strict=True))
            for start in range(0, len(rows), CHUNK):
                write_chunk(cursor, sql, rows[start : start + CHUNK], copy=False)

    def _copy(self, cursor, table: str, columns: dict[str, list]) -> None:
        """COPY in CSV written by Polars (its writer is Rust: a column list each, not a Python call per
        cell). CSV keeps NULL (an empty field) apart from the empty string ("")."""
        quote = connection.ops.quote_name
        frame = pl.DataFrame(columns, strict=False)
        sql = f"COPY {quote(table)} ({', '.join(map(quote, columns))}) FROM STDIN WITH (FORMAT csv)"
        for chunk in frame.iter_slices(CHUNK):
            write_chunk(cursor, sql, chunk.write_csv(include_header=False).encode(), copy=True)

    def _new_ids(self, model: type[models.Model], count: int) -> list[int]:
        table = model._meta.db_table
        with connection.cursor() as cursor:
            if self.postgres:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [table, count],
                )
                return [pk for (pk,) in cursor.fetchall()]
            # AUTOINCREMENT never reuses an id, so neither does this: ids of deleted rows name old audit rows.
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            seq = cursor.fetchone()
            cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")
            start = max(seq[0] if seq else 0, cursor.fetchone()[0] or 0) + 1
            return list(range(start, start + count))


def write_chunk(cursor, sql: str, rows: list[list] | bytes, *, copy: bool) -> None:
    """Up to CHUNK rows into the database: CSV for COPY (PostgreSQL), or parameters for executemany; one
    function, so that a test can make the database fail in the middle of an import."""
    if not copy:
        cursor.executemany(sql, rows)
        return
    with cursor.cursor.copy(sql) as stream:
        stream.write(rows)


def _chunks(rows: list) -> Iterable[list]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def _prepared(model: type[models.Model], columns: dict[str, list]) -> dict[str, list]:
    """Each column's Python values as the driver takes them: JSON as text everywhere, dates and times as
    SQLite stores them (what Django's own adapters give), times as ISO text for COPY. A column of one
    repeated value (the audit rows' author and time) is converted once."""
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    sqlite = connection.vendor == "sqlite"
    out = {}
    for name, values in columns.items():
        field = by_name[name]
        convert: Callable | None = None
        if isinstance(field, models.JSONField):
            convert = _json
        elif isinstance(field, models.DateTimeField):
            convert = connection.ops.adapt_datetimefield_value if sqlite else dt.datetime.isoformat
        elif sqlite and isinstance(field, models.DateField):
            convert = _iso_date
        if convert is None or not values:
            out[name] = values
        elif values[0] is values[-1] and all(v is values[0] for v in values):
            out[name] = [None if values[0] is None else convert(values[0])] * len(values)
        else:
            out[name] = [None if v is None else convert(v) for v in values]
    return out


def _iso_date(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else value


def _json(value) -> str:
    return "{}" if value == {} else json.dumps(value, ensure_ascii=False)
