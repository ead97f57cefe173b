"""The `bemanna` command line: what it lists, in which language, and its progress bars."""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
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
        name = [sv[word] if word.isupper() else word for word in name.split()]
        assert line.split() == [*name, *sv[text].split()]
    # The placeholders as each command's --help shows them (issue 18: "import KIND FILE").
    assert "  import SLAG FIL " in "\n".join(shown)
    assert "  set_password ANVÄNDARE " in "\n".join(shown)
    with translation.override("en"):
        assert "Create the first HR administrator" in cli.listing([])


def test_bemanna_import_lists_the_kinds():
    sv = swedish()
    with translation.override("sv"):
        shown = cli.listing(["import"])
    for kind, text in cli.IMPORT_KINDS:
        assert f"import {kind} FIL " in shown and sv[text] in shown
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
    assert all(f"  {name.split()[0]} " in alone.stdout for name, _text in cli.COMMANDS)
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


def _listed_parsers(language: str) -> dict:
    """The parser of every command `bemanna` lists, every import, and the Django commands the
    README names (migrate, collectstatic), as `bemanna` makes them in `language`."""
    from django.core.management import load_command_class

    from bemanna.clifiles import every_command_speaks

    every_command_speaks()
    commands = get_commands()
    names = {cli.translate([name.split()[0]])[0] for name, _text in cli.COMMANDS}
    names |= {cli.translate(["import", kind])[0] for kind, _text in cli.IMPORT_KINDS}
    names = (names - {"import", "runserver"}) | {"collectstatic"}
    with translation.override(language):
        return {
            name: load_command_class(commands[name], name).create_parser("bemanna", name)
            for name in sorted(names)
        }


def test_every_placeholder_of_a_listed_command_s_help_is_swedish():
    """Issue 18: `--scenario SCENARIO`, `[app_label]`, `-i PATTERN`, `file` were English in
    the Swedish help. Each value's placeholder is the catalogue's Swedish; a new option
    without one fails here."""
    from bemanna.clifiles import placeholder

    sv = swedish()
    english, swedish_parsers = _listed_parsers("en"), _listed_parsers("sv")
    seen = 0
    for name, parser in english.items():
        shown = swedish_parsers[name]._actions
        for action, swedish_action in zip(parser._actions, shown, strict=True):
            word = placeholder(action)
            if word is None or action.help == argparse.SUPPRESS:
                continue
            seen += 1
            assert word.upper() in sv, f"{name}: no Swedish for the placeholder {word!r}"
            assert placeholder(swedish_action) == sv[word.upper()], name
    assert seen > 30
    # As a reader sees them, written out by hand.
    forecast = bemanna("forecast", "--help").stdout
    assert "--scenario NAMN" in forecast and "--unit ENHETSKOD" in forecast
    assert "SCENARIO" not in forecast and "BASE_DATE" not in forecast
    assert "[APP] [MIGRERING]" in bemanna("migrate", "--help").stdout
    assert "-i MÖNSTER" in bemanna("collectstatic", "--help").stdout
    units = bemanna("import", "units")
    assert units.stderr.splitlines()[-1].endswith("de här argumenten krävs: FIL")
    english = bemanna("forecast", "--help", BEMANNA_LANGUAGE="en").stdout
    assert "--scenario SCENARIO" in english and "NAMN" not in english
    assert "[app_label]" in bemanna("migrate", "--help", BEMANNA_LANGUAGE="en").stdout


def test_set_password_s_and_demo_s_help_is_all_swedish():
    """set_password kept Django's English help of its argument ("by default, it's the
    current username", which Bemanna never does); demo's and forecast's --seed had none."""
    said = " ".join(bemanna("set_password", "--help").stdout.split())
    assert "Kontots användarnamn." in said
    assert "Username" not in said and "database" not in said
    demo = " ".join(bemanna("demo", "--help").stdout.split())
    assert "--employees ANTAL Antal anställda (standard 4 500)." in demo
    assert "--seed FRÖ Slumpfrö: samma frö ger samma resultat (standard 1)." in demo


def test_django_s_own_commands_before_migrate_say_so_in_swedish(tmp_path, monkeypatch):
    """Issue 18: `bemanna createsuperuser` (the README's break-glass account) printed Django's
    "You have 96 unapplied migration(s)… Run 'python manage.py migrate'" in English, then
    failed. It is create_admin's now, which says Bemanna's one line; a Django command of its
    own that needs the tables stops with that line too, and runserver only warns with it."""
    from django.core.management.base import BaseCommand

    from bemanna import clifiles

    fresh = {"BEMANNA_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/new.db"}
    line = "Databasen saknar ännu sina tabeller, eller har äldre: kör `bemanna migrate` först."
    said = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "createsuperuser", "--username=x", "--name=X"]
        + ["--email=x@region.se", "--password-stdin"],
        input="lugn-havsorn-fyrtio-sju\n",
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **fresh},
        cwd=ROOT,
    )
    assert said.returncode == 1
    assert said.stdout == ""
    assert said.stderr.splitlines() == [line]

    class NeedsTables(BaseCommand):
        requires_migrations_checks = True

    class Warns(BaseCommand):
        pass

    clifiles.every_command_speaks()
    monkeypatch.setattr(clifiles, "unmigrated", lambda: True)
    with pytest.raises(clifiles.Unmigrated):
        NeedsTables().check_migrations()
    err = io.StringIO()
    with translation.override("en"):
        Warns(stderr=err).check_migrations()
    assert err.getvalue() == (
        "The database has no tables yet, or older ones: run `bemanna migrate` first.\n"
    )


def test_a_step_with_nothing_to_do_is_done_not_at_naught_percent():
    """Issue 18: importing the same extract again (0 new rows) left the dry run's
    "Jämför med databasen" bar at 0 % when the import had finished."""
    from bemanna.workforce.console import progress_bar

    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    with translation.override("sv"), progress_bar(console, dry_run=True) as update:
        update("read", 296, 296)
        update("write", 0, 0)
        console.file.flush()
    last = {}
    for frame in screen.getvalue().replace("\r", "\n").splitlines():
        for label in ("Läser och kontrollerar", "Jämför med databasen"):
            if label in frame:
                last[label] = frame
    assert "100%" in last["Läser och kontrollerar"]
    assert "100%" in last["Jämför med databasen"] and " 0%" not in last["Jämför med databasen"]


def test_collectstatic_says_what_it_copied_in_swedish(tmp_path):
    """docs/deployment.md's `bemanna collectstatic --noinput` ended in Django's English "137
    static files copied to '…'"; the same counts, in the user's language."""
    data = {"BEMANNA_DATA_DIR": str(tmp_path)}
    first = bemanna("collectstatic", "--noinput", **data)
    assert first.returncode == 0, first.stderr
    folder = tmp_path / "static"
    files = sum(1 for path in folder.rglob("*") if path.is_file())
    assert files > 50
    assert first.stdout.splitlines() == [f"{files} statiska filer kopierade till {folder}."]
    again = bemanna("collectstatic", "--noinput", **data)
    assert again.stdout.splitlines() == [
        f"0 statiska filer kopierade till {folder}, {files} oförändrade."
    ]
    english = bemanna("collectstatic", "--noinput", **data, BEMANNA_LANGUAGE="en")
    assert english.stdout.splitlines() == [f"0 static files copied to {folder}, {files} unchanged."]


def test_check_says_all_is_well_in_swedish():
    """docs/deployment.md's `bemanna check --deploy` ended in Django's English "System check
    identified no issues (0 silenced)." when all was well."""
    said = bemanna("check", "--fail-level", "WARNING")  # --deploy: pytest allows async unsafe
    assert said.returncode == 0, said.stderr
    assert said.stdout.splitlines() == ["Systemkontrollen hittade inga problem."]
    english = bemanna("check", BEMANNA_LANGUAGE="en")
    assert english.stdout.splitlines() == ["The system check found no problems."]
