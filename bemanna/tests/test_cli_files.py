"""Every command given a missing, unreadable or wrong-kind file says so in one line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

ROOT = Path(__file__).resolve().parent.parent.parent
IMPORTS = [
    "import_employments",
    "import_units",
    "import_sick_leave",
    "import_hours",
    "import_costs",
    "import_plans",
]


@pytest.fixture
def files(tmp_path):
    pdf = tmp_path / "rapport.pdf"
    pdf.write_bytes(b"%PDF-1.7 not an extract")
    levers = tmp_path / "levers.json"
    levers.write_text("{not json", encoding="utf-8")
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    good = tmp_path / "hr.csv"
    good.write_text("Anst.nr;Enhet\n1;A\n", encoding="utf-8")
    return {
        "missing": tmp_path / "finns-inte.csv",
        "folder": tmp_path,
        "pdf": pdf,
        "levers": levers,
        "listed": listed,
        "good": good,
        "nowhere": tmp_path / "saknas" / "ut.pdf",
    }


def _one_line(args, expected):
    with pytest.raises(CommandError) as raised:
        call_command(*args)
    message = str(raised.value)
    assert expected in message and "\n" not in message, (args, message)


@pytest.mark.parametrize("command", IMPORTS)
def test_the_import_commands(db, files, command):
    _one_line((command, str(files["missing"])), "Filen finns inte")
    _one_line((command, str(files["folder"])), "Det är en mapp")
    _one_line((command, str(files["pdf"])), "Fel slags fil (.pdf)")


def test_the_forecast_command(db, files):
    out = ["--out", str(files["folder"] / "ut.pdf")]
    _one_line(("forecast", "--extract", str(files["missing"]), *out), "Filen finns inte")
    _one_line(("forecast", "--extract", str(files["folder"]), *out), "Det är en mapp")
    _one_line(("forecast", "--extract", str(files["pdf"]), *out), "Fel slags fil")
    extract = ["--extract", str(files["good"])]
    _one_line(("forecast", *extract, "--levers", str(files["levers"]), *out), "inte giltig JSON")
    _one_line(("forecast", *extract, "--levers", str(files["listed"]), *out), "JSON-objekt")
    _one_line(("forecast", *extract, "--levers", str(files["pdf"]), *out), "Fel slags fil")
    _one_line(("forecast", *extract, "--population", str(files["missing"]), *out), "finns inte")
    _one_line(("forecast", *extract, "--out", str(files["nowhere"])), "Mappen finns inte")
    _one_line(("forecast", *extract, "--out", str(files["folder"])), "--out ska sluta på")


def test_the_report_and_extract_and_backup_commands(db, files):
    _one_line(("report", "--period", "2025", "--out", str(files["nowhere"])), "")
    _one_line(
        ("register_extract", "--case", "1", "--out", str(files["nowhere"])), "Mappen finns inte"
    )
    _one_line(
        ("register_extract", "--case", "1", "--out", str(files["pdf"].with_suffix(".txt"))),
        "Fel slags",
    )
    _one_line(("restore", str(files["missing"])), "Filen finns inte")
    _one_line(("restore", str(files["pdf"])), "Ingen säkerhetskopia från Bemanna")
    _one_line(("demo", "--directory", str(files["pdf"])), "är en fil")


def _as_unprivileged(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    # Root reads anything: run the command as an unprivileged user instead.
    setpriv = shutil.which("setpriv")
    assert setpriv, "setpriv (util-linux) is needed to test an unreadable file as root"
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]


def test_an_unreadable_file_and_a_missing_extract_say_so_without_a_traceback(files, tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    open_folder = Path(tempfile.mkdtemp())
    try:
        open_folder.chmod(0o755)
        unreadable = open_folder / "hemlig.csv"
        unreadable.write_text("Anst.nr;Enhet\n", encoding="utf-8")
        unreadable.chmod(0)
        closed = tmp_path / "stängd"
        closed.mkdir(mode=0o700)
        inside = closed / "hr.csv"
        inside.write_text("x", encoding="utf-8")
        closed.chmod(0o700 if os.geteuid() == 0 else 0)
        for path in (unreadable, inside):
            command = [sys.executable, str(ROOT / "manage.py"), "import_employments", str(path)]
            result = subprocess.run(
                _as_unprivileged(command), capture_output=True, text=True, env=env, cwd="/"
            )
            assert result.returncode == 1, result.stderr
            assert "Traceback" not in result.stderr, result.stderr
            assert "kan inte läsas" in result.stderr, result.stderr
        closed.chmod(0o700)
    finally:
        shutil.rmtree(open_folder)
    missing = subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "forecast",
            "--extract",
            "nej.csv",
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    # "Fel: …" (the msgid "Error: %(message)s" until `make messages` compiles its Swedish),
    # never Django's "CommandError: …".
    (line,) = missing.stderr.strip().splitlines()
    assert line in ("Fel: Filen finns inte: nej.csv", "Error: Filen finns inte: nej.csv")
