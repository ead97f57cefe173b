"""The restore drill: back up with the database's own tools, restore into a new, empty
database with `bemanna restore`, and find the same data, table by table, row by row.

It runs on whichever database the suite runs on (`make test` runs it on both): SQLite's
online backup API, or pg_dump / pg_restore against a real PostgreSQL server.
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from bemanna.audit.models import log_action
from bemanna.keyfigures.models import SickLeaveSpell
from bemanna.pulse.models import Pulse, Response, Wave
from bemanna.workforce.models import Person

ROOT = Path(__file__).resolve().parent.parent.parent


def _rows(cursor, tables: list[str], quote_name) -> dict[str, list[tuple]]:
    """Every row of every table, as text, sorted: what 'the same data' means here."""
    found = {}
    for table in tables:
        cursor.execute(f"SELECT * FROM {quote_name(table)}")  # noqa: S608 (a table name)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        if table == "audit_auditentry":  # the drill's own backup/restore entries aside
            rows = [row for row in rows if row["action"] != "backup"]
        found[table] = sorted(tuple(str(v) for v in row.values()) for row in rows)
    return found


def _quote(name: str) -> str:
    return f'"{name}"'


def _raw_source():
    if connection.vendor == "sqlite":
        return sqlite3.connect(connection.settings_dict["NAME"])
    import psycopg

    return psycopg.connect(_pg_url(connection.settings_dict["NAME"]))


def _manage(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def _pg_url(name: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "postgres") + (f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else "")
    return f"postgresql://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def fresh_database(tmp_path):
    """A new, empty database of the suite's kind (created, not migrated), and its URL."""
    if connection.vendor == "sqlite":
        path = tmp_path / "fresh.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg

    name = f"drill_{uuid.uuid4().hex[:12]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = _pg_url(name)
    opened = []

    def connect():
        opened.append(psycopg.connect(url))
        return opened[-1]

    yield url, connect
    for each in opened:
        each.close()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database_with_the_same_data(
    staffed, tmp_path, fresh_database
):
    # Data of every kind the drill should find again: people, health data, answers, a log.
    person = Person.objects.order_by("pk").first()
    SickLeaveSpell.objects.create(
        person=person, start=datetime.date(2026, 1, 5), end=datetime.date(2026, 1, 20), extent=50
    )
    pulse = Pulse.objects.create(name="Drill")
    wave = Wave.objects.create(
        pulse=pulse, opens=datetime.date(2026, 1, 1), closes=datetime.date(2026, 1, 14)
    )
    Response.objects.create(wave=wave, unit=staffed["A"], enps=9, comment="Åäö – bra")
    log_action(None, "import", scope="drill")
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    # Read through the bare driver on both sides (Django's cursor converts some types).
    source = _raw_source()
    before = _rows(source.cursor(), tables, _quote)
    source.close()
    assert sum(len(rows) for rows in before.values()) > 50

    backup_file = tmp_path / ("bemanna.backup" if connection.vendor != "sqlite" else "b.sqlite3")
    call_command("backup", str(backup_file), stdout=open(os.devnull, "w"))  # noqa: SIM115
    assert backup_file.stat().st_size > 0
    # Health data: the file is its owner's alone, even under the usual umask 022.
    assert stat.S_IMODE(backup_file.stat().st_mode) == 0o600

    url, connect = fresh_database
    restored = _manage("restore", str(backup_file), database_url=url)
    assert restored.returncode == 0, restored.stderr
    assert "Återställt" in restored.stdout

    target = connect()
    cursor = target.cursor()
    after = _rows(cursor, tables, _quote)
    assert after == before
    # And Bemanna itself works on it: nothing left to migrate, the same people counted.
    plan = _manage("migrate", "--check", database_url=url)
    assert plan.returncode == 0, plan.stdout + plan.stderr

    # A second restore into the now full database is refused in one line, unless --force.
    again = _manage("restore", str(backup_file), database_url=url)
    assert again.returncode == 1 and "Databasen är inte tom" in again.stderr
    assert "Traceback" not in again.stderr and len(again.stderr.strip().splitlines()) == 1
    target.close()
    forced = _manage("restore", "--force", str(backup_file), database_url=url)
    assert forced.returncode == 0, forced.stderr


def test_backup_and_restore_say_what_is_wrong_with_a_file_in_one_line(db, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hej")
    cases = [
        (("restore", str(tmp_path / "missing.backup")), "Filen finns inte"),
        (("restore", str(tmp_path)), "en mapp, inte en fil"),
        (("restore", str(text)), "Ingen säkerhetskopia från Bemanna"),
        (("backup", str(text)), "Filen finns redan"),
        (("backup", str(tmp_path / "no" / "b.backup")), "Mappen finns inte"),
    ]
    for args, message in cases:
        with pytest.raises(CommandError, match=message):
            call_command(*args)
    other = tmp_path / ("other.sqlite3" if connection.vendor != "sqlite" else "other.backup")
    other.write_bytes(b"PGDMP" if connection.vendor == "sqlite" else b"SQLite format 3\x00")
    with pytest.raises(CommandError, match="kan inte återställas i den här"):
        call_command("restore", str(other))
