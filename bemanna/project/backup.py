"""Backup and restore with the database's own tools: `bemanna backup` / `bemanna restore`.

PostgreSQL: `pg_dump --format=custom` (consistent while the site runs: one snapshot) and
`pg_restore` into an empty database. SQLite: the online backup API (`sqlite3.Connection
.backup`), which copies a consistent image while readers and writers carry on; copying the
file with `cp` would not (the write-ahead log holds the latest commits).

A backup holds everything in the database, pseudonyms and health data included: store it as
the database itself is stored (encrypted, with the same access), and keep
BEMANNA_PSEUDONYM_KEY and BEMANNA_CODE_KEY apart from it (without the keys a restored
database still works, but new imports would not find its people again).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections
from django.utils.translation import gettext as _

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A one-line reason in the user's language, said as it stands."""


def _database() -> dict:
    return connections["default"].settings_dict


def vendor() -> str:
    return connections["default"].vendor


def _pg_tool(name: str) -> str:
    """The PostgreSQL client tool on PATH, or the newest in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: p.parts)
    if versions:
        return str(versions[-1])
    raise BackupError(
        _("%(name)s was not found: install the PostgreSQL client (postgresql-client).")
        % {"name": name}
    )


def _pg_env_and_args() -> tuple[dict[str, str], list[str]]:
    db = _database()
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]  # never on the command line (ps would show it)
    args = []
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return env, args


def kind_of(path: Path) -> str:
    """'sqlite' or 'postgresql' by the file's first bytes; BackupError otherwise."""
    if not path.exists():
        raise BackupError(_("The file does not exist: %(path)s") % {"path": path})
    if not path.is_file():
        raise BackupError(_("It is a folder, not a file: %(path)s") % {"path": path})
    try:
        with path.open("rb") as file:
            head = file.read(16)
    except OSError as error:
        raise BackupError(
            _("The file cannot be read (%(reason)s): %(path)s")
            % {"reason": error.strerror, "path": path}
        ) from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BackupError(
        _("Not a Bemanna backup (neither an SQLite database nor a pg_dump): %(path)s")
        % {"path": path}
    )


def backup(target: Path) -> str:
    """Write a backup of the configured database to `target`; return its kind."""
    if target.exists():
        raise BackupError(
            _("The file exists already; choose a new file name: %(path)s") % {"path": target}
        )
    if not target.parent.is_dir():
        raise BackupError(_("The folder does not exist: %(path)s") % {"path": target.parent})
    # Readable by its owner alone, whatever the umask: it holds the health data. Made before
    # a byte is written (pg_dump and SQLite write into it), and never over another file.
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise BackupError(
            _("The file exists already; choose a new file name: %(path)s") % {"path": target}
        ) from None
    if vendor() == "sqlite":
        source = sqlite3.connect(_database()["NAME"])
        try:
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        except BaseException:
            target.unlink(missing_ok=True)  # no half backup left to be taken for a whole one
            raise
        finally:
            source.close()
        return "sqlite"
    env, args = _pg_env_and_args()
    command = [_pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges"]
    command += ["--file", str(target), _database()["NAME"]]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(
            _("%(tool)s failed: %(message)s")
            % {"tool": "pg_dump", "message": _first_line(result.stderr)}
        )
    return "postgresql"


def _first_line(text: str) -> str:
    return next((line for line in text.splitlines() if line.strip()), _("no message"))


def has_tables() -> bool:
    """Whether the configured database has any table (a restore needs a new, empty one)."""
    connection = connections["default"]
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def restore(source: Path, *, force: bool = False) -> str:
    """Restore `source` into the configured database, which must be empty unless `force`."""
    kind = kind_of(source)
    if kind != vendor():
        raise BackupError(
            _("A %(kind)s backup cannot be restored into this %(vendor)s database: %(path)s")
            % {"kind": kind, "vendor": vendor(), "path": source}
        )
    if not force and has_tables():
        raise BackupError(
            _(
                "The database is not empty: restore into a new, empty database (created, not "
                "migrated), or pass --force to replace everything in this one."
            )
        )
    connections["default"].close()
    if kind == "sqlite":
        name = _database()["NAME"]
        backup_file = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            destination = sqlite3.connect(name)
            try:
                backup_file.backup(destination)
            finally:
                destination.close()
        except sqlite3.DatabaseError as error:
            raise BackupError(
                _("The file cannot be restored (%(reason)s): %(path)s")
                % {"reason": error, "path": source}
            ) from None
        finally:
            backup_file.close()
        return kind
    env, args = _pg_env_and_args()
    command = [_pg_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error"]
    if force:
        command += ["--clean", "--if-exists"]
    else:
        command += ["--single-transaction"]
    command += ["--dbname", _database()["NAME"], str(source)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(message)s")
            % {"tool": "pg_restore", "message": _first_line(result.stderr)}
        )
    return kind
