"""The `bemanna` command line: what it lists, in which language, and its progress bars."""

from __future__ import annotations

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


def test_the_progress_bar_names_its_steps():
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=100)
    names = ["Läser", "Räknar", "Skriver"]
    with steps(console, names) as step:
        for name in names:
            step(name)
            console.file.flush()
    shown = screen.getvalue()
    assert "Läser" in shown and "3/3" in shown
