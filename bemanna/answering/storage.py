"""Rows rewritten so that the database keeps no arrival order.

A row's place in a table tells when it came: SQLite hands out rowids in order, and
PostgreSQL appends to the heap (readable as `ctid`), stamps each row with its transaction
(`xmin`) and keeps equal index keys in heap order. Answers carry a random key (UUID4); when a
survey window closes, the window's rows are deleted and inserted again in one transaction,
sorted by that key. Afterwards every row of the window has the same transaction, and both
the storage order and the key order are random, on either database.
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
