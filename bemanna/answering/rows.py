"""Hand-written SQL for the few statements every answer runs, read and written as model rows.

The answer page asks the same two things on every request: the invitation behind a code
(with its wave, survey and questions), and the compare-and-set that stores an answer once.
Building those queries through the ORM cost several times what running them did, and was
most of what separated a post from a bare view doing the same database work (issue 19).
Here the SQL is written once per process from the models' own metadata (so a field added
to a model is read and written without a change here), and the values are converted exactly
as the ORM converts them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache

from django.db import connection as default_connection
from django.db import models


class Columns:
    """A model's columns under a table alias in a SELECT, and a reader that turns them back
    into an instance. Columns named in `skip` are left out and load when first touched (a
    wave's unit tree, which no answer needs)."""

    def __init__(self, model: type[models.Model], alias: str, skip: Sequence[str] = ()) -> None:
        self.model = model
        self.alias = alias
        self.fields = [f for f in model._meta.concrete_fields if f.attname not in skip]
        self.names = [f.attname for f in self.fields]

    def __len__(self) -> int:
        return len(self.fields)

    def sql(self, connection=default_connection) -> str:
        quote = connection.ops.quote_name
        return ", ".join(f"{self.alias}.{quote(f.column)}" for f in self.fields)

    def reader(self, connection=default_connection) -> Callable[[Sequence], models.Model]:
        """values (in `sql`'s order) → an instance, as if the ORM had loaded it."""
        converters = _converters(self, connection.vendor, connection.alias)
        model, names, alias = self.model, self.names, connection.alias

        def read(values: Sequence) -> models.Model:
            row = list(values)
            for index, found, column in converters:
                value = row[index]
                for convert in found:
                    value = convert(value, column, connection)
                row[index] = value
            return model.from_db(alias, names, row)

        return read


@cache
def _converters(columns: Columns, vendor: str, alias: str) -> list:
    """(index, converters, column) for each column the database or the field converts: what
    the ORM's compiler applies to each value it reads (dates on SQLite, JSON everywhere)."""
    from django.db import connections

    connection = connections[alias]
    found = []
    for index, field in enumerate(columns.fields):
        column = field.get_col(columns.alias)
        chain = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if chain:
            found.append((index, chain, column))
    return found


def insert_values(instance: models.Model, connection=default_connection) -> list:
    """Each concrete column's value of an unsaved instance, prepared as `save` prepares it."""
    return [
        field.get_db_prep_save(field.pre_save(instance, True), connection)
        for field in instance._meta.concrete_fields
    ]


def insert_sql(model: type[models.Model], connection=default_connection) -> str:
    """An INSERT of one row of `model`, every concrete column, for `insert_values`: written
    once per process and database (every answer runs it)."""
    return _insert_sql(model, connection.alias)


@cache
def _insert_sql(model: type[models.Model], alias: str) -> str:
    from django.db import connections

    connection = connections[alias]
    table = connection.ops.quote_name(model._meta.db_table)
    holes = ", ".join(["%s"] * len(model._meta.concrete_fields))
    return f"INSERT INTO {table} ({column_list(model, connection)}) VALUES ({holes})"  # noqa: S608


def column_list(model: type[models.Model], connection=default_connection) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(f.column) for f in model._meta.concrete_fields)


@contextmanager
def bound_cursor() -> Iterator:
    """A cursor for the statements that store an answer. On PostgreSQL it binds on the server
    (psycopg's `Cursor`, not the `ClientCursor` Django uses): the values go apart from the
    statement, so `pg_stat_activity` (readable by any monitoring role), and a slow
    statement's text in the server log, show `$1` where the invitation or the answer was.
    In Django's transaction, on its connection; on SQLite, Django's cursor."""
    if default_connection.vendor != "postgresql":
        with default_connection.cursor() as cursor:
            yield cursor
        return
    import psycopg

    default_connection.ensure_connection()
    with psycopg.Cursor(default_connection.connection) as cursor:
        yield cursor
