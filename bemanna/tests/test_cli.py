"""The `bemanna` command line: what it lists, in which language, and its progress bars."""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command, get_commands
from django.utils import translation
from rich.console import Console

from bemanna import cli
from bemanna.workforce.console import steps

ROOT = Path(__file__).resolve().parent.parent.parent


def swedish() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("sv", ROOT / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SV


def bemanna(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bemanna.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        cwd=ROOT,
    )


def test_every_listed_command_exists():
    real = set(get_commands())
    for name, _text in cli.COMMANDS:
        word = name.split()[0]
        assert word == "import" or cli.translate([word])[0] in real, word
    kinds = [kind for kind, _text in cli.IMPORT_KINDS]
    assert sorted(kinds) == sorted(kind for _import, kind in cli.ALIASES)
    for kind in kinds:
        assert cli.translate(["import", kind])[0] in real


def test_bemanna_alone_lists_its_commands_one_line_each_in_swedish():
    sv = swedish()
    with translation.override("sv"):
        shown = cli.listing([]).splitlines()
    assert shown[0] == sv["Bemanna's commands (bemanna COMMAND --help for more):"]
    for (name, text), line in zip(cli.COMMANDS, shown[1:], strict=False):
        assert line.split() == [*name.split(), *sv[text].split()]
    with translation.override("en"):
        assert "Create the first HR administrator" in cli.listing([])


def test_bemanna_import_lists_the_kinds():
    sv = swedish()
    with translation.override("sv"):
        shown = cli.listing(["import"])
    for kind, text in cli.IMPORT_KINDS:
        assert f"import {kind} FILE" in shown and sv[text] in shown
    assert cli.listing(["import", "employments", "x.csv"]) is None
    with translation.override("en"):
        wrong = cli.listing(["import", "enheter", "x.csv"]).splitlines()
        kinds = cli.listing(["import"]).splitlines()
    assert wrong == ["Unknown kind of file: enheter", *kinds]
    assert sv["Unknown kind of file: %(kind)s"] == "Okänd sorts fil: %(kind)s"
    assert cli.listing(["forecast"]) is None


def test_the_command_itself_lists_and_refuses_an_unknown_kind():
    alone = bemanna()
    assert alone.returncode == 0, alone.stderr
    assert all(name in alone.stdout for name, _text in cli.COMMANDS)
    assert "Skapa den första HR-administratören" in alone.stdout  # Swedish by default
    english = bemanna("import", "nonsense", BEMANNA_LANGUAGE="en")
    assert english.returncode == 2
    assert "import employments FILE" in english.stdout and "HR extract" in english.stdout
    assert "Traceback" not in english.stderr


def test_run_schedule_speaks_swedish_by_default(db):
    out = io.StringIO()
    call_command("run_schedule", "--today=2026-06-30", stdout=out)
    said = out.getvalue()
    assert "avgångsenkät: 0 som slutar inbjudna" in said
    assert "omgångar öppnade" in said and "wave(s)" not in said
    # The reminders by their Swedish names, not "0 results_ready, 0 dialogue_due".
    assert "Resultaten är klara: 0" in said
    assert "results_ready" not in said and "dialogue_due" not in said


def test_the_progress_bar_names_its_steps_in_the_user_s_language():
    from bemanna.forecast.management.commands.forecast import STEPS

    for language, first in (("sv", "Läser personal och antaganden"), ("en", STEPS[0])):
        screen = io.StringIO()
        console = Console(file=screen, force_terminal=True, width=100)
        with translation.override(language), steps(console, STEPS) as step:
            for name in STEPS:
                step(name)
                console.file.flush()
        shown = screen.getvalue()
        assert first in shown and f"{len(STEPS)}/{len(STEPS)}" in shown, language
    assert first == "Reading staff and assumptions"


def _helps(parser) -> list[str]:
    return [parser.description or "", *(action.help or "" for action in parser._actions)]


def test_every_bemanna_command_s_help_speaks_the_user_s_language():
    """Each help text Bemanna writes (the command's and each argument's) is shown in Swedish
    by default and in English under BEMANNA_LANGUAGE=en; Django's own options stay as
    Django wrote them."""
    from django.contrib.auth.management.commands import changepassword
    from django.core.management import load_command_class
    from django.core.management.base import BaseCommand

    sv = swedish()
    with translation.override("en"):
        django_own = set(_helps(BaseCommand().create_parser("bemanna", "x")))
        django_own |= set(_helps(changepassword.Command().create_parser("bemanna", "x")))
    ours = {
        name: app
        for name, app in get_commands().items()
        if app.startswith("bemanna.") and not name.startswith("_")
    }
    assert {"create_admin", "forecast", "report", "run_schedule", "set_password"} <= set(ours)
    for name, app in sorted(ours.items()):
        command = load_command_class(app, name)
        with translation.override("en"):
            english = _helps(command.create_parser("bemanna", name))
        with translation.override("sv"):
            shown = _helps(command.create_parser("bemanna", name))
        for text, swedish_text in zip(english, shown, strict=True):
            if text and text not in django_own and text != argparse.SUPPRESS:
                assert text in sv, f"{name}: no Swedish for {text!r}"
                assert swedish_text == sv[text], name


def test_the_help_of_a_command_run_from_the_shell_is_swedish_or_english():
    sv = swedish()
    text = "Create the first HR administrator (or, with --role behorighet, the user "
    text += "administrator): asks for user name, name, e-mail and password."
    swedish_help = " ".join(bemanna("create_admin", "--help").stdout.split())
    english_help = " ".join(bemanna("create_admin", "--help", BEMANNA_LANGUAGE="en").stdout.split())
    assert " ".join(sv[text].split()) in swedish_help
    assert text in english_help and sv[text] not in english_help


def test_changepassword_is_bemanna_s_set_password():
    assert cli.translate(["changepassword", "anna"]) == ["set_password", "anna"]


def test_migrate_says_in_one_line_what_it_did_and_keeps_django_s_output_at_v2(tmp_path):
    """`bemanna migrate` speaks the user's language, not Django's "Operations to perform: …
    Applying … OK"; `-v 2` is Django's own; `python manage.py migrate` is untouched."""
    from django.db.migrations.loader import MigrationLoader

    database = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    django_words = ("Operations to perform", "Applying", "Running migrations", " OK")
    # On an empty database every migration of every installed app is applied.
    every = len(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)
    first = bemanna("migrate", "--no-input", "--language", "en", **database)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [f"The database's tables are ready: {every} changes."]
    again = bemanna("migrate", **database)  # Swedish by default
    assert again.returncode == 0, again.stderr
    assert len(again.stdout.splitlines()) == 1
    assert not any(word in again.stdout for word in django_words), again.stdout
    english = bemanna("migrate", **database, BEMANNA_LANGUAGE="en")
    assert english.stdout == "The database's tables are up to date: nothing to change.\n"
    assert "Operations to perform:" in bemanna("migrate", "-v", "2", **database).stdout
    own = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **database},
        cwd=ROOT,
    )
    assert "No migrations to apply." in own.stdout
    sv = swedish()
    assert sv[english.stdout.strip()] == "Databasens tabeller är aktuella: inget att ändra."
    assert sv["Creating and updating the database's tables"].startswith("Skapar")


def test_a_command_before_migrate_says_to_run_migrate(tmp_path):
    """A new installation's first command, before `bemanna migrate`: one line, no traceback."""
    fresh = {"BEMANNA_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    for command in (["run_schedule"], ["report", "--period", "2025", "--out", "r.pdf"]):
        said = bemanna(*command, **fresh, BEMANNA_LANGUAGE="en")
        assert said.returncode == 1, command
        assert said.stderr.strip().splitlines() == [
            "The database has no tables yet, or older ones: run `bemanna migrate` first."
        ]
    assert "kör `bemanna migrate` först" in bemanna("demo_code", **fresh).stderr


def test_demo_code_runs_in_a_new_shell_after_make_run(tmp_path):
    """`make run` sets BEMANNA_DEBUG=1 for itself alone; the code it tells the user to ask
    `bemanna demo_code` for must come without the production keys (no bemanna.E003)."""
    bare = {
        key: value
        for key, value in os.environ.items()
        if key
        not in ("BEMANNA_SECRET_KEY", "BEMANNA_PSEUDONYM_KEY", "BEMANNA_DEBUG", "DATABASE_URL")
    }
    said = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "demo_code"],
        capture_output=True,
        text=True,
        env={**bare, "PYTHONPATH": str(ROOT), "BEMANNA_DATA_DIR": str(tmp_path)},
        cwd=ROOT,
    )
    assert "E003" not in said.stderr
    assert "kör `bemanna migrate` först" in said.stderr
    # Any other command there says how to run it on the demo.
    said = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "run_schedule"],
        capture_output=True,
        text=True,
        env={**bare, "PYTHONPATH": str(ROOT), "BEMANNA_DATA_DIR": str(tmp_path)},
        cwd=ROOT,
    )
    assert said.returncode == 1
    assert "bemanna.E003" in said.stderr
    assert "BEMANNA_DEBUG=1 .venv/bin/bemanna COMMAND" in said.stderr


def test_help_lists_bemanna_s_commands_and_an_unknown_one_says_so():
    for asked in (["--help"], ["help"], ["-h"]):
        with translation.override("en"):
            assert cli.listing(asked) == cli.listing([]), asked
    with translation.override("en"):
        assert cli.unknown_command(["nonsense"]) == (
            "Unknown command: nonsense. `bemanna` alone lists the commands.\n"
        )
    assert cli.unknown_command(["forecast", "--help"]) is None
    assert cli.unknown_command(["changepassword", "anna"]) is None
    shown = bemanna("--help")
    assert shown.returncode == 0 and "Skapa den första HR-administratören" in shown.stdout
    assert "Available subcommands" not in shown.stdout and "axes_reset" not in shown.stdout
    wrong = bemanna("nonsense")
    assert wrong.returncode == 2 and "Unknown command" not in wrong.stderr
    assert wrong.stderr.startswith("Okänt kommando: nonsense.")


def test_import_help_and_options_before_the_kind():
    with translation.override("en"):
        kinds = cli.listing(["import"])
        assert cli.listing(["import", "--help"]) == kinds
        assert "--dry-run checks the file and writes nothing" in kinds
        assert cli.listing(["import", "--dry-run", "nonsense", "F"]).startswith(
            "Unknown kind of file: nonsense\n"
        )
    assert cli.listing(["import", "--dry-run", "employments", "F"]) is None
    assert cli.translate(["import", "--dry-run", "employments", "F"]) == [
        "import_employments",
        "--dry-run",
        "F",
    ]
    assert cli.translate(["import", "--language", "en", "units", "F"]) == [
        "import_units",
        "--language",
        "en",
        "F",
    ]
    shown = bemanna("import", "--help", BEMANNA_LANGUAGE="en")
    assert shown.returncode == 0 and "import units FILE" in shown.stdout
    assert "Unknown kind" not in shown.stdout


def test_each_import_s_help_documents_the_file_and_the_dry_run():
    from django.core.management import load_command_class

    for _import, kind in cli.ALIASES:
        name = cli.translate(["import", kind])[0]
        with translation.override("en"):
            parser = load_command_class(get_commands()[name], name).create_parser("bemanna", name)
        helps = {action.dest: action.help for action in parser._actions}
        assert helps["file"] == "The file to import (CSV or XLSX).", name
        assert helps["dry_run"] == "Check only; write nothing.", name
        assert helps["settings"] == helps["pythonpath"] == "==SUPPRESS==", name


def _words(text: str) -> str:
    return " ".join(text.split())


def test_serve_help_is_bemanna_s_own_in_swedish():
    """Issue 18: `bemanna serve --help` was gunicorn's English, broken ("-b expected one
    argument"); it is serve's own options and the environment that matters, in Swedish."""
    from bemanna import serving

    sv = swedish()
    shown = bemanna("serve", "--help")
    assert shown.returncode == 0, shown.stderr
    said = _words(shown.stdout)
    assert said.startswith("användning: bemanna serve")
    assert _words(sv[serving.DESCRIPTION]) in said and "--workers N" in said
    for name, text in serving.VARIABLES:
        assert f"{name} {sv[text]}" in said, name
    assert "BEMANNA_SSL_REDIRECT=0 för en provkörning" in said
    assert "gunicorn [OPTIONS]" not in said and "expected one argument" not in shown.stderr


def _serve(*args: str) -> subprocess.CompletedProcess:
    """`bemanna serve ARGS` as production (the keys set): it must refuse, not start."""
    return subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "serve", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BEMANNA_DEBUG": "0"},
        cwd=ROOT,
        timeout=60,  # a server that started anyway fails the test instead of hanging it
    )


def test_serve_refuses_a_busy_port_or_a_malformed_address_in_one_swedish_line():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        busy = _serve(f"127.0.0.1:{port}")
    assert busy.returncode == 1
    assert busy.stderr.splitlines() == [
        f"Port {port} på 127.0.0.1 används redan: stoppa det som kör där, eller välj en annan "
        f"port (bemanna serve 127.0.0.1:{port + 1})."
    ]
    assert busy.stdout == ""  # not "Bemanna svarar på …"
    for malformed in ("127.0.0.1:abc", "127.0.0.1:70000", "localhost:"):
        wrong = _serve(malformed)
        assert wrong.returncode == 2, malformed
        assert wrong.stderr.splitlines() == [
            f"Inte en adress och port: {malformed}. Skriv den som 127.0.0.1:8000 (eller bara 8000)."
        ]


def test_django_s_migrate_and_collectstatic_help_in_swedish():
    """The README names `bemanna migrate` and `bemanna collectstatic`: their help was Django's
    English, it is Swedish as Bemanna's own commands' (the catalogue holds Django's texts)."""
    from bemanna.clifiles import DJANGO_COMMAND_TEXTS

    sv = swedish()
    shown = ""
    for command in ("migrate", "collectstatic"):
        said = bemanna(command, "--help")
        assert said.returncode == 0, said.stderr
        assert said.stdout.startswith(f"användning: bemanna {command}")
        shown += _words(said.stdout) + " "
    for text in DJANGO_COMMAND_TEXTS:
        assert _words(sv[text]) in shown and _words(text) not in shown, text
    for english in ("positional arguments", "options:", "show this help", "Verbosity level"):
        assert english not in shown


def test_a_wrong_value_names_the_option_and_what_it_takes():
    """Issue 18: "ogiltigt värde (int): 'abc'" named Python's type. One hook for every command,
    Bemanna's (forecast, run_schedule) and Django's (collectstatic) alike."""
    draws = bemanna("forecast", "--draws", "abc", "--out", "r.pdf")
    assert draws.returncode == 2
    assert draws.stderr.splitlines()[-1] == (
        "bemanna forecast: fel: --draws måste vara ett heltal, fick 'abc'"
    )
    day = bemanna("run_schedule", "--today", "2026-13-01")
    assert day.stderr.splitlines()[-1].endswith(
        "--today måste vara ett datum (ÅÅÅÅ-MM-DD), fick '2026-13-01'"
    )
    django_s = bemanna("collectstatic", "-v", "x", BEMANNA_LANGUAGE="en")
    assert django_s.stderr.splitlines()[-1] == (
        "bemanna collectstatic: error: --verbosity must be an integer, got 'x'"
    )
    for said in (draws, day, django_s):
        assert "(int)" not in said.stderr and "fromisoformat" not in said.stderr


def test_set_password_before_migrate_says_so_once_in_swedish(tmp_path):
    """Django's check printed "You have 60 unapplied migration(s)…" before Bemanna's line."""
    fresh = {"BEMANNA_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    said = bemanna("set_password", "anna", **fresh)
    assert said.returncode == 1
    assert said.stdout == ""
    assert said.stderr.splitlines() == [
        "Databasen saknar ännu sina tabeller, eller har äldre: kör `bemanna migrate` först."
    ]


def test_the_development_server_says_where_in_swedish(tmp_path):
    """`make run` serves with BEMANNA_DEBUG=1: Django's runserver, whose lines were English
    ("Performing system checks…", "Starting development server at…", "You have 60 unapplied
    migration(s)"). Bemanna's line says where, in Swedish; a missing migrate says so too."""
    import socket
    import threading
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fresh = {"BEMANNA_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    server = subprocess.Popen(
        [sys.executable, "-m", "bemanna.cli", "serve", f"127.0.0.1:{port}", "--noreload"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "BEMANNA_DEBUG": "1", **fresh},
        cwd=ROOT,
    )
    lines: list[str] = []
    # A thread reads the lines as they come (a selector misses a second line already read
    # into the pipe's buffer with the first).
    reader = threading.Thread(
        target=lambda: lines.extend(line.rstrip("\n") for line in server.stdout), daemon=True
    )
    reader.start()
    try:
        deadline = time.monotonic() + 60
        while len(lines) < 2 and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    reader.join(timeout=10)
    errors = server.stderr.read()
    server.stdout.close()
    server.stderr.close()
    assert lines[:2] == [
        f"Bemanna svarar på http://127.0.0.1:{port}/ (Ctrl+C stoppar).",
        "Utvecklingsserver (BEMANNA_DEBUG=1): bara för att prova Bemanna.",
    ], errors
    assert "kör `bemanna migrate` först" in errors
    assert "unapplied migration" not in errors and "Watching for file changes" not in errors
