"""Fast inserts of many rows: COPY on PostgreSQL, executemany elsewhere.

The ORM's bulk_create builds one model instance per row; for an HR extract of 300,000
employments that costs more than reading and validating the whole file. Rows here are plain
tuples already validated by the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import connection

CHUNK = 20_000


def insert_rows(
    model,
    columns: Sequence[str],
    rows: Iterable[tuple],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Insert `rows` (tuples in the order of `columns`, which are model field attnames)."""
    meta = model._meta
    names = [meta.get_field(column).column for column in columns]
    quoted = ", ".join(connection.ops.quote_name(name) for name in names)
    table = connection.ops.quote_name(meta.db_table)
    done = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # psycopg 3 cursor, for COPY
            with raw.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    done += 1
                    if progress and done % CHUNK == 0:
                        progress(done)
        else:
            placeholders = ", ".join(["%s"] * len(names))
            sql = f"INSERT INTO {table} ({quoted}) VALUES ({placeholders})"
            batch: list[tuple] = []
            for row in rows:
                batch.append(row)
                if len(batch) == CHUNK:
                    cursor.executemany(sql, batch)
                    done += len(batch)
                    batch = []
                    if progress:
                        progress(done)
            if batch:
                cursor.executemany(sql, batch)
                done += len(batch)
    if progress:
        progress(done)
    return done
