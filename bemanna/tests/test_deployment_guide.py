"""docs/deployment.md, tried as far as one machine can without installing it: the environment
file reads the same to systemd and to the shell, the units pass `systemd-analyze verify`,
every folder a unit writes to is made by the guide, and every `bemanna` command in it runs
with the production environment as the user `bemanna` (through the guide's own script)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUIDE = (ROOT / "docs" / "deployment.md").read_text()
APP = "/srv/bemanna/app"


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", GUIDE, re.S)


def environment_file() -> str:
    """The guide's /etc/bemanna/bemanna.env, its `<…>` placeholders filled in as a reader
    would (with values without spaces, as the guide's keys are)."""
    after = GUIDE[GUIDE.index("`/etc/bemanna/bemanna.env`, owned by root") :]
    text = re.search(r"```sh\n(.*?)```", after, re.S).group(1)
    return re.sub(r"=<[^>\n]*>$", "=filled-in-by-the-reader-0123456789", text, flags=re.M)


def systemd_reads(text: str) -> dict[str, str]:
    """An EnvironmentFile= as systemd reads it (systemd.exec(5)): comment lines start with
    # or ;, a value may be in double or single quotes, and an unquoted value runs to the end
    of the line, a # in it included, trailing blanks dropped."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        name, _equals, value = line.partition("=")
        value = value.strip()
        if len(value) > 1 and value[0] in "\"'" and value.endswith(value[0]):
            value = value[1:-1]
        values[name.strip()] = value
    return values


def shell_reads(path: Path) -> dict[str, str]:
    shown = subprocess.run(
        [
            "sh",
            "-c",
            f'set -a; . "{path}"; set +a; "{sys.executable}" -c '
            '"import json, os; print(json.dumps(dict(os.environ)))"',
        ],
        capture_output=True,
        text=True,
        env={"PATH": os.environ["PATH"]},
    )
    assert shown.returncode == 0, shown.stderr
    return json.loads(shown.stdout)


def test_the_environment_file_reads_the_same_to_systemd_and_to_the_shell(tmp_path):
    text = environment_file()
    path = tmp_path / "bemanna.env"
    path.write_text(text)
    by_systemd = systemd_reads(text)
    by_shell = shell_reads(path)
    assert by_systemd, "no variable found in the guide's environment file"
    for name, value in by_systemd.items():
        assert by_shell.get(name) == value, name
    # Values the two would read apart if written carelessly, read as meant.
    assert by_systemd["BEMANNA_FROM_EMAIL"] == "Bemanna <bemanna@region.se>"
    assert "#" not in by_systemd["BEMANNA_LOGIN_HELP"]
    known = set(re.findall(r"^([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert set(by_systemd) <= known, set(by_systemd) - known


def test_env_example_reads_the_same_to_systemd_and_to_the_shell():
    text = (ROOT / ".env.example").read_text()
    by_shell = shell_reads(ROOT / ".env.example")
    for name, value in systemd_reads(text).items():
        assert by_shell.get(name) == value, name


def wrapper(tmp_path: Path) -> Path:
    """The guide's /usr/local/sbin/bemanna, pointed at a copy of its environment file and at
    this checkout, with `runuser -u bemanna --` left out (there is no such user here)."""
    script = re.search(r"cat > /usr/local/sbin/bemanna <<'EOF'\n(.*?)\nEOF\n", GUIDE, re.S).group(1)
    env_file = tmp_path / "bemanna.env"
    env_file.write_text(environment_file())
    runs = f"runuser -u bemanna -- {APP}/.venv/bin/bemanna"
    assert runs in script
    script = script.replace("/etc/bemanna/bemanna.env", str(env_file)).replace(
        runs, f'"{sys.executable}" -m bemanna.cli'
    )
    path = tmp_path / "bemanna"
    path.write_text(script)
    path.chmod(0o755)
    return path


SHOW = (
    "from django.conf import settings; d = settings.DATABASES['default']; "
    "print(d['ENGINE'], d['NAME'], settings.DEBUG, settings.PSEUDONYM_KEY_IS_OWN)"
)


def test_the_guide_s_command_runs_bemanna_with_the_production_environment(tmp_path):
    command = wrapper(tmp_path)
    plain = {"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT)}
    ran = subprocess.run(
        [str(command), "shell", "-c", SHOW], capture_output=True, text=True, env=plain
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1].split() == [
        "django.db.backends.postgresql",
        "bemanna",
        "False",
        "True",
    ]
    # A restore names its new database on the command line: that one, not the file's.
    given = {**plain, "DATABASE_URL": "postgresql://bemanna@/bemanna_drill?host=/run/pg"}
    ran = subprocess.run(
        [str(command), "shell", "-c", SHOW], capture_output=True, text=True, env=given
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1].split()[:2] == [
        "django.db.backends.postgresql",
        "bemanna_drill",
    ]


def test_every_bemanna_command_in_the_guide_goes_through_its_script():
    """Run bare, `.venv/bin/bemanna` has no keys and no DATABASE_URL: it would back up or
    migrate an SQLite file under the checkout instead of the production database."""
    script = re.search(r"cat > /usr/local/sbin/bemanna <<'EOF'\n.*?\nEOF\n", GUIDE, re.S)
    for block in blocks("sh"):
        block = block.replace(script.group(0), "") if script.group(0) in block else block
        for line in block.splitlines():
            assert ".venv/bin/bemanna" not in line, line
            # sudo is not in Debian's base system; runuser (util-linux) is.
            assert not re.search(r"(^|\s)sudo\s", line), line


def units() -> dict[str, str]:
    """Each unit's file name, as the guide names it, with the ini block that follows."""
    ini = iter(blocks("ini"))
    found: dict[str, str] = {}
    for service, timer in re.findall(
        r"`/etc/systemd/system/([^`]+)\.service`( and `\.timer`)?", GUIDE
    ):
        found[f"{service}.service"] = next(ini)
        if timer:
            found[f"{service}.timer"] = next(ini)
    assert next(ini, None) is None, "an ini block the guide does not name"
    return found


def test_the_systemd_units_pass_systemd_analyze_verify(tmp_path):
    found = units()
    assert sorted(found) == [
        "bemanna-backup.service",
        "bemanna-backup.timer",
        "bemanna-schedule.service",
        "bemanna-schedule.timer",
        "bemanna.service",
    ]
    for name, text in found.items():
        # The checkout here stands for /srv/bemanna/app (its .venv/bin/bemanna exists).
        (tmp_path / name).write_text(text.replace(APP, str(ROOT)))
    analyze = shutil.which("systemd-analyze")
    assert analyze, "systemd-analyze is missing (Debian package systemd)"
    verified = subprocess.run(
        [analyze, "verify", "--man=no", *sorted(str(tmp_path / name) for name in found)],
        capture_output=True,
        text=True,
    )
    assert verified.returncode == 0 and not verified.stderr.strip(), verified.stderr


def test_every_folder_a_unit_writes_to_is_made_before_the_units_start():
    """systemd refuses to start a unit whose ReadWritePaths= does not exist (status
    226/NAMESPACE), and the backup unit writes into its folder."""
    shell = "\n".join(blocks("sh"))
    made = set(re.findall(r"install -d [^\n]*?(/srv/bemanna/\S+)", shell))
    written = {
        path
        for paths in re.findall(r"^ReadWritePaths=(.+)$", "\n".join(blocks("ini")), re.M)
        for path in paths.split()
    }
    written |= set(re.findall(r"bemanna backup (/srv/bemanna/[^/\s]+)/", "\n".join(blocks("ini"))))
    # And each unit that writes under /srv/bemanna is hardened the same way.
    for name, text in units().items():
        if "[Service]" in text:
            for setting in ("NoNewPrivileges=yes", "ProtectSystem=strict", "ProtectHome=yes"):
                assert setting in text, (name, setting)
            assert re.search(r"^ReadWritePaths=/srv/bemanna/", text, re.M), name
    assert written == {"/srv/bemanna/var", "/srv/bemanna/backup"}
    assert written <= made
    data_dir = systemd_reads(environment_file())["BEMANNA_DATA_DIR"]
    assert data_dir in made
    assert shell.index("install -d") < shell.index("systemctl enable")


def test_env_example_copied_as_it_is_leaves_every_empty_setting_at_its_default(tmp_path):
    """.env.example has `DATABASE_URL=` and `BEMANNA_CODE_KEY=` empty: copied as an
    EnvironmentFile, they were no database (ImproperlyConfigured) and an empty HMAC key for
    the survey codes."""
    example = systemd_reads((ROOT / ".env.example").read_text())
    assert example["DATABASE_URL"] == "" and example["BEMANNA_CODE_KEY"] == ""
    env = {
        **example,
        "PATH": os.environ["PATH"],
        "PYTHONPATH": str(ROOT),
        "BEMANNA_SECRET_KEY": "the-secret-key-of-this-test-0123456789-0123456789-0123456789",
        "BEMANNA_PSEUDONYM_KEY": "the-pseudonym-key-of-this-test-0123456789",
        "BEMANNA_DATA_DIR": str(tmp_path),
    }
    show = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "print(d['ENGINE'], d['NAME'], s.CODE_KEY == s.SECRET_KEY, repr(s.OIDC_RP_SCOPES))"
    )
    ran = subprocess.run(
        [sys.executable, "-m", "bemanna.cli", "shell", "-c", show],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[-1].split(maxsplit=3) == [
        "django.db.backends.sqlite3",
        str(tmp_path / "bemanna.sqlite3"),
        "True",
        "'openid email profile'",
    ]
