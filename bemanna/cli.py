"""The `bemanna` command: friendly names for the management commands.

`bemanna` alone lists Bemanna's own commands, one line each, in the user's language (Swedish
unless BEMANNA_LANGUAGE=en); `bemanna import` alone lists what can be imported.

bemanna create_admin [--role hr|behorighet]
bemanna set_password USER   (also as changepassword)
bemanna createsuperuser     (create_admin --role superuser: the break-glass account)
bemanna demo [--employees N] [--seed S]
bemanna import employments FILE [--dry-run]
bemanna import units FILE [--dry-run]
bemanna import sick_leave|hours|costs|plans FILE [--dry-run]
bemanna import kolada FILE [--dry-run]   (other regions' key figures, Kolada's download)
bemanna report --period YEAR [--unit CODE] --out FILE.pdf|.xlsx|.html
bemanna serve [ADDRESS:PORT]
bemanna run_schedule [--today YYYY-MM-DD]
bemanna backup FILE | bemanna restore FILE [--force]
bemanna reopen_years YEAR [--yes]   (an extract imported by mistake, after closed years were shown)
bemanna register_extract --case DNR --out FILE.pdf|.json [--part hr|health|all]
                 [--erase --reason TEXT]   (number on stdin)
bemanna migrate [--language sv|en]   (one line and a bar; -v 2 for Django's own output)
bemanna <any manage.py command>
"""

from __future__ import annotations

import os
import sys


def gettext_noop(message: str) -> str:
    """Marks a text for the catalogue (makemessages finds this name) without needing the
    settings, which are not loaded when this module is."""
    return message


ALIASES = {
    ("import", "employments"): "import_employments",
    ("import", "units"): "import_units",
    ("import", "sick_leave"): "import_sick_leave",
    ("import", "hours"): "import_hours",
    ("import", "costs"): "import_costs",
    ("import", "plans"): "import_plans",
    ("import", "kolada"): "import_kolada",
}


# Bemanna's own commands as `bemanna` lists them: how to call each, and one line on it.
COMMANDS = (
    ("create_admin", gettext_noop("Create the first HR administrator (or --role behorighet).")),
    ("import KIND FILE", gettext_noop("Import a file: `bemanna import` lists the kinds.")),
    ("forecast", gettext_noop("Forecast a scenario (--scenario Nuläge) as .xlsx, .pdf, .html.")),
    ("report", gettext_noop("Write the board report for a year (--period) as .pdf, .xlsx, .html.")),
    ("run_schedule", gettext_noop("Do today's work: pulses, exit survey, reminders, retention.")),
    ("register_extract", gettext_noop("Register extract (GDPR art. 15), number on stdin.")),
    ("link_sso_account", gettext_noop("Link an account made before single sign-on identities.")),
    ("set_password USER", gettext_noop("Set a user's password (lets them enrol a second factor).")),
    ("backup FILE", gettext_noop("Back the database up into a file.")),
    ("restore FILE", gettext_noop("Restore a backup into a new, empty database.")),
    (
        "reopen_years YEAR",
        gettext_noop("Take back the rows kept for closed years (an extract imported by mistake)."),
    ),
    ("demo", gettext_noop("Build the fictional Region Demo in an empty database.")),
    ("demo_code", gettext_noop("Print the demo accounts' current second-factor codes.")),
    ("serve", gettext_noop("Run the web server (127.0.0.1:8000 by default).")),
    ("migrate", gettext_noop("Create or update the database's tables.")),
)
# What `bemanna import KIND FILE` takes, in the order of the Import page.
IMPORT_KINDS = (
    ("units", gettext_noop("The unit tree: Enhetskod; Enhetsnamn; Överordnad; Nivå; Chef.")),
    ("employments", gettext_noop("The HR extract, one row per employment.")),
    ("sick_leave", gettext_noop("Sick-leave spells.")),
    ("hours", gettext_noop("Scheduled hours per person and month.")),
    ("costs", gettext_noop("Personnel costs per unit and month.")),
    ("plans", gettext_noop("Individual competence plans.")),
    ("kolada", gettext_noop("Other regions' key figures, from Kolada's download.")),
)


def language() -> str:
    """The command line's language: BEMANNA_LANGUAGE (sv or en), else the installation's."""
    from django.conf import settings

    chosen = os.environ.get("BEMANNA_LANGUAGE", "").strip().lower()[:2]
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


# Options of the import commands that take a value: what follows them is not the kind.
_VALUED = {"--language", "-v", "--verbosity", "--settings", "--pythonpath"}
HELP = ("--help", "-h")


def _import_kind(argv: list[str]) -> str | None:
    """The kind in `bemanna import [OPTIONS] KIND FILE`: its first word that is not an option
    (`bemanna import --dry-run employments F` as well as `… employments F --dry-run`)."""
    words = iter(argv[1:])
    for word in words:
        if word in _VALUED:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def listing(argv: list[str]) -> str | None:
    """What `bemanna` (or `bemanna --help`, `bemanna help`) or `bemanna import` alone (or with
    --help, or an unknown kind) prints in the active language, else None."""
    from django.utils.translation import gettext

    if not argv or argv[0] in HELP or argv == ["help"]:
        rows, title = COMMANDS, gettext("Bemanna's commands (bemanna COMMAND --help for more):")
        footer = gettext("Every Django command: bemanna help --commands")
    elif argv[0] == "import" and ("import", _import_kind(argv)) not in ALIASES:
        rows = tuple((f"import {kind} FILE", text) for kind, text in IMPORT_KINDS)
        title = gettext("What can be imported (--dry-run checks without writing):")
        footer = gettext("Import the unit tree first, then the HR extract.")
        footer += "\n" + gettext(
            "Options: --dry-run checks the file and writes nothing; --language sv|en; "
            "bemanna import KIND --help tells more."
        )
    else:
        return None
    # "import KIND FILE" as "import SLAG FIL": the placeholders as each command's --help.
    rows = tuple((_placeholders(name), text) for name, text in rows)
    width = max(len(name) for name, _text in rows) + 2
    lines = [title, *(f"  {name:<{width}}{gettext(text)}" for name, text in rows), "", footer]
    kind = _import_kind(argv) if argv[0:1] == ["import"] else None
    if kind is not None:  # `bemanna import enheter FILE`
        lines.insert(0, gettext("Unknown kind of file: %(kind)s") % {"kind": kind})
    return "\n".join(lines) + "\n"


def _placeholders(name: str) -> str:
    """A listed command's name with its placeholders (the words in capitals) in the active
    language, as `clifiles.speak` shows them in the command's --help."""
    from bemanna.clifiles import translated_placeholder

    return " ".join(translated_placeholder(w) if w.isupper() else w for w in name.split())


def unknown_command(argv: list[str]) -> str | None:
    """`bemanna nonsense`: one line saying so and how to list the commands, else None."""
    from django.core.management import get_commands
    from django.utils.translation import gettext

    if not argv or argv[0].startswith("-") or argv[0] in ("help", "import"):
        return None
    if translate(argv)[0] in get_commands():
        return None
    return (
        gettext("Unknown command: %(command)s. `bemanna` alone lists the commands.")
        % {"command": argv[0]}
        + "\n"
    )


def translate(argv: list[str]) -> list[str]:
    """Map `bemanna` arguments onto a manage.py command line.

    Examples:
        >>> translate(["import", "employments", "x.csv", "--dry-run"])
        ['import_employments', 'x.csv', '--dry-run']
        >>> translate(["import", "--dry-run", "employments", "x.csv"])
        ['import_employments', '--dry-run', 'x.csv']
        >>> translate(["serve"])[:2]
        ['runserver', '127.0.0.1:8000']
        >>> translate(["migrate"])
        ['migrate']
        >>> translate(["createsuperuser", "--username", "nod"])
        ['create_admin', '--role', 'superuser', '--username', 'nod']
    """
    if argv and argv[0] == "import" and ("import", _import_kind(argv)) in ALIASES:
        kind = _import_kind(argv)
        rest = argv[1:]
        rest.remove(kind)
        return [ALIASES[("import", kind)], *rest]
    if argv and argv[0] == "changepassword":  # Django's, on the operator's word
        return ["set_password", *argv[1:]]
    if argv and argv[0] == "createsuperuser":  # Django's, in the user's language
        return ["create_admin", "--role", "superuser", *argv[1:]]
    if argv and argv[0] == "serve":
        rest = argv[1:] or ["127.0.0.1:8000"]
        return ["runserver", *rest]
    return argv


def _production_server(argv: list[str], workers: int | None = None) -> list[str] | None:
    """The gunicorn command line for `bemanna serve` when not in debug mode: its start and
    stop at log level warning (its INFO lines are English; `serve` says where it answers)."""
    from bemanna.settings import envbool, envint

    if not argv or argv[0] != "serve" or envbool("BEMANNA_DEBUG", "0"):
        return None
    address = argv[1] if len(argv) > 1 else "127.0.0.1:8000"
    workers = workers or envint("BEMANNA_WORKERS", "2")
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
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        threads,
        "--log-level",
        "warning",
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


def _serve(rest: list[str]) -> None:
    """`bemanna serve REST`: its help, or one line for an address that cannot be served;
    then gunicorn in this process's place, or (BEMANNA_DEBUG=1) Django's development server."""
    from django.conf import settings
    from django.utils.translation import gettext

    from bemanna import serving

    parser = serving.parser()
    options, extra = parser.parse_known_args(rest)
    if extra and not settings.DEBUG:  # runserver's own options are for development
        parser.error(gettext("unrecognized arguments: %s") % " ".join(extra))
    try:
        host, port = serving.address(options.address)
        if not settings.DEBUG and (
            settings.SECRET_KEY_IS_DEFAULT or not settings.PSEUDONYM_KEY_IS_OWN
        ):  # wsgi.py refuses too, with a traceback per worker
            raise serving.Refused(
                gettext(
                    "Refusing to serve: set BEMANNA_SECRET_KEY and BEMANNA_PSEUDONYM_KEY "
                    "(see .env.example)."
                )
            )
        serving.check_free(host, port)
    except serving.Refused as refused:
        sys.stderr.write(f"{refused}\n")
        sys.exit(refused.status)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    if settings.DEBUG:
        serving.development_server(bind, extra)
        return
    server = _production_server(["serve", bind], workers=options.workers)
    assert server is not None
    sys.stdout.write(gettext(serving.ANSWERS) % {"url": serving.url(host, port)} + "\n")
    sys.stdout.flush()
    os.execv(server[0], server)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bemanna.settings")
    import django
    from django.core.management import execute_from_command_line
    from django.utils import translation

    django.setup()
    from bemanna import clifiles, migrating

    # Management commands run in the installation's language (Swedish) unless the user set
    # BEMANNA_LANGUAGE; run_schedule from a timer too.
    translation.activate(language())
    # Django's own commands too: their help and a wrong value in the same language.
    clifiles.every_command_speaks()
    argv = sys.argv[1:]
    if argv[:1] == ["serve"]:
        _serve(argv[1:])
        return
    if argv[:1] == ["help"] and len(argv) > 1 and not argv[1].startswith("-"):
        argv = [*argv[1:], "--help"]  # `bemanna help import units`, as Bemanna's commands
    shown = listing(argv)
    if shown is not None:
        sys.stdout.write(shown)
        # `bemanna import` alone (or --help) asks for the list; `import nonsense` is a mistake.
        sys.exit(2 if argv[:1] == ["import"] and _import_kind(argv) else 0)
    wrong = unknown_command(argv)
    if wrong is not None:
        sys.stderr.write(wrong)
        sys.exit(2)
    from django.db import OperationalError, ProgrammingError
    from django.utils.translation import gettext

    chosen, argv = migrating.language_option(translate(argv))
    if migrating.wanted(argv):
        # Django's migrate speaks English line by line; Bemanna's says it in one.
        with translation.override(chosen or language()):
            migrating.run(argv)
        return
    try:
        execute_from_command_line(["bemanna", *argv])
    except clifiles.Unmigrated:  # Django's createsuperuser, say (clifiles.every_command_speaks)
        sys.stderr.write(gettext(clifiles.UNMIGRATED) + "\n")
        sys.exit(1)
    except (OperationalError, ProgrammingError):
        # "no such table" (SQLite) or "relation does not exist" (PostgreSQL) before migrate:
        # one line saying what to do, not a traceback.
        if not clifiles.unmigrated():
            raise
        sys.stderr.write(gettext(clifiles.UNMIGRATED) + "\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
