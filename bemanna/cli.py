"""The `bemanna` command: friendly names for the management commands.

bemanna demo [--employees N] [--seed S]
bemanna import employments FILE [--dry-run]
bemanna import units FILE [--dry-run]
bemanna import sick_leave|hours|costs|plans FILE [--dry-run]
bemanna import kolada FILE [--dry-run]   (other regions' key figures, Kolada's download)
bemanna report --period YEAR [--unit CODE] --out FILE.pdf|.xlsx|.html
bemanna serve [ADDRESS:PORT]
bemanna run_schedule [--today YYYY-MM-DD]
bemanna backup FILE | bemanna restore FILE [--force]
bemanna register_extract --case DNR --out FILE.pdf|.json [--part hr|health|all]
                 [--erase --reason TEXT]   (number on stdin)
bemanna <any manage.py command>
"""

from __future__ import annotations

import os
import sys

ALIASES = {
    ("import", "employments"): "import_employments",
    ("import", "units"): "import_units",
    ("import", "sick_leave"): "import_sick_leave",
    ("import", "hours"): "import_hours",
    ("import", "costs"): "import_costs",
    ("import", "plans"): "import_plans",
    ("import", "kolada"): "import_kolada",
}


def translate(argv: list[str]) -> list[str]:
    """Map `bemanna` arguments onto a manage.py command line.

    Examples:
        >>> translate(["import", "employments", "x.csv", "--dry-run"])
        ['import_employments', 'x.csv', '--dry-run']
        >>> translate(["serve"])[:2]
        ['runserver', '127.0.0.1:8000']
        >>> translate(["migrate"])
        ['migrate']
    """
    if len(argv) >= 2 and (argv[0], argv[1]) in ALIASES:
        return [ALIASES[(argv[0], argv[1])], *argv[2:]]
    if argv and argv[0] == "import":
        return ["help", "import_employments"]
    if argv and argv[0] == "serve":
        rest = argv[1:] or ["127.0.0.1:8000"]
        return ["runserver", *rest]
    return argv or ["help"]


def _production_server(argv: list[str]) -> list[str] | None:
    """The gunicorn command line for `bemanna serve` when not in debug mode."""
    from bemanna.settings import envbool, envint

    if not argv or argv[0] != "serve" or envbool("BEMANNA_DEBUG", "0"):
        return None
    address = argv[1] if len(argv) > 1 else "127.0.0.1:8000"
    workers = str(envint("BEMANNA_WORKERS", "2"))
    # PostgreSQL gains from threads (a worker serves the next request while one waits for a
    # commit); SQLite has one writer, and threads would only queue for its lock.
    sqlite = not os.environ.get("DATABASE_URL", "").startswith("postgres")
    threads = str(envint("BEMANNA_THREADS", "1" if sqlite else "4"))
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "bemanna.wsgi",
        "--bind",
        address,
        "--workers",
        workers,
        "--worker-class",
        "gthread",
        "--threads",
        threads,
        "--access-logfile",
        "-",
        *(["--access-logformat", ACCESS_JSON] if envchoice_json() else []),
    ]


# gunicorn's access log as JSON: the path without its query string (Bemanna puts no personal
# data in a URL, and an invitation's code is after "#", which browsers never send).
ACCESS_JSON = (
    '{"time": "%(t)s", "remote": "%(h)s", "method": "%(m)s", "path": "%(U)s", '
    '"status": %(s)s, "bytes": "%(B)s", "duration_us": %(D)s}'
)


def envchoice_json() -> bool:
    return os.environ.get("BEMANNA_LOG_FORMAT", "text").strip().lower() == "json"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    server = _production_server(sys.argv[1:])
    if server:
        os.execv(server[0], server)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["bemanna", *translate(sys.argv[1:])])


if __name__ == "__main__":
    main()
