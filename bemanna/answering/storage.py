"""Rows rewritten so that the database keeps no arrival order.

A row's place in a table tells when it came: SQLite hands out rowids in order, and
PostgreSQL appends to the heap (readable as `ctid`), stamps each row with its transaction
(`xmin`) and keeps equal index keys in heap order. Answers carry a random key (UUID4); when a
survey window closes, the window's rows are deleted and inserted again in one transaction,
sorted by that key. Afterwards every row of the window has the same transaction, and both
the storage order and the key order are random, on either database.

On SQLite the answer tables are moreover WITHOUT ROWID tables (`without_rowid`, run by the
surveys' migrations): a table stored in the order of its random key has no arrival order to
read back even while a window is open.
"""

from __future__ import annotations

import secrets

from django.db import connection, transaction

TEMPORARY = "bemanna_rewrite"


def rewrite_in_key_order(queryset) -> int:
    """Delete the rows of `queryset` and insert them again sorted by their primary key.

    Runs in SQL (a temporary copy, then INSERT … SELECT … ORDER BY), so a wave of many
    thousand answers is never held in Python. Foreign keys pointing at the rows stay valid:
    the constraints are deferred to the end of the transaction, and the keys do not change.
    Returns the number of rows rewritten.
    """
    model = queryset.model
    quote = connection.ops.quote_name
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    fields = [f.attname for f in model._meta.concrete_fields]
    columns = ", ".join(quote(f.column) for f in model._meta.concrete_fields)
    # The queryset's own rows, selected column by column: a plain join, not "id IN (…)",
    # which PostgreSQL can plan as a nested loop over the whole table right after the
    # previous rewrite (fresh rows, no statistics).
    query = queryset.order_by().values_list(*fields).query
    chosen, params = query.sql_with_params()
    # Only ever the session's own temporary table, never a table of that name in the schema.
    schema = "pg_temp" if connection.vendor == "postgresql" else "temp"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Rows written moments ago (a wave just answered, the previous rewrite) have no
            # statistics yet, and PostgreSQL then plans even the plain join as a nested loop
            # with the join as a filter: minutes for a large wave. ANALYZE counts the
            # transaction's own rows and takes milliseconds.
            tables = {model._meta.db_table} | {a.table_name for a in query.alias_map.values()}
            for name in sorted(tables):
                cursor.execute(f"ANALYZE {quote(name)}")
        cursor.execute(f"DROP TABLE IF EXISTS {schema}.{TEMPORARY}")
        cursor.execute(f"CREATE TEMPORARY TABLE {TEMPORARY} AS {chosen}", params)
        cursor.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT {key} FROM {TEMPORARY})")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {TEMPORARY} "  # noqa: S608
            f"ORDER BY {key}"
        )
        count = cursor.rowcount
        cursor.execute(f"DROP TABLE {schema}.{TEMPORARY}")
    return count


def shuffled(rows: list) -> list:
    """The rows in a random order (the operating system's randomness, not a seed)."""
    rows = list(rows)
    secrets.SystemRandom().shuffle(rows)
    return rows


def without_rowid(table: str):
    """A migration's RunPython step: on SQLite, rebuild `table` (whose primary key is a
    random UUID) as a WITHOUT ROWID table, stored in key order, so that no rowid counts the
    answers in as they arrive. Nothing on other databases, nor when already done.

    Django rebuilds a SQLite table the same way when a later migration alters it, but
    without this clause: `answering/tests/test_order.py` fails if that happens."""

    def forward(apps, schema_editor) -> None:
        connection = schema_editor.connection
        if connection.vendor != "sqlite":
            return
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = %s", [table]
            )
            (create,) = cursor.fetchone()
            if "WITHOUT ROWID" in create.upper():
                return
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
            indexes = [row[0] for row in cursor.fetchall()]
            new = f"{table}__new"
            prefix = f"CREATE TABLE {quote(table)}"
            assert create.startswith(prefix), create
            cursor.execute(f"CREATE TABLE {quote(new)}{create[len(prefix) :]} WITHOUT ROWID")
            cursor.execute(f"INSERT INTO {quote(new)} SELECT * FROM {quote(table)}")  # noqa: S608
            cursor.execute(f"DROP TABLE {quote(table)}")
            cursor.execute(f"ALTER TABLE {quote(new)} RENAME TO {quote(table)}")
            for index in indexes:
                cursor.execute(index)

    return forward
