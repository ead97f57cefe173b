"""Every setting read from the environment is documented; every Swedish text exists."""

import os
import re
import subprocess
import tokenize
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_environment_variable_is_in_env_example():
    source = (ROOT / "bemanna" / "settings.py").read_text()
    source += (ROOT / "bemanna" / "cli.py").read_text()
    used = set(re.findall(r'env(?:bool|int|list|str)?\(\s*"([A-Z_]+)"', source))
    used |= set(re.findall(r'os\.environ\.get\(\s*"([A-Z_]+)"', source))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert used, "no variables found: the pattern above is out of date"
    assert sorted(used - documented) == []


def test_the_swedish_catalogue_is_complete():
    catalogue = polib.pofile(str(ROOT / "bemanna" / "locale" / "sv" / "LC_MESSAGES" / "django.po"))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_is_up_to_date():
    po = ROOT / "bemanna" / "locale" / "sv" / "LC_MESSAGES" / "django.po"
    compiled = polib.mofile(str(po.with_suffix(".mo")))
    source = polib.pofile(str(po))
    assert {e.msgid: e.msgstr for e in compiled} == {
        e.msgid: e.msgstr for e in source.translated_entries() if not e.msgid_plural
    } | {e.msgid: e.msgstr for e in compiled if e.msgid_plural}


def test_packaging_uses_no_deprecated_metadata():
    """setuptools warns at every `pip install` about a license written as a table (PEP 639
    wants an SPDX string, from setuptools 77) and about license classifiers."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert isinstance(project["project"]["license"], str)
    assert not any(c.startswith("License ::") for c in project["project"].get("classifiers", []))
    requires = project["build-system"]["requires"]
    assert any(re.fullmatch(r"setuptools>=(7[7-9]|[89]\d|\d{3,})(\.\d+)*", r) for r in requires)


def test_make_run_says_what_it_installs():
    makefile = (ROOT / "Makefile").read_text()
    install = makefile[makefile.index("$(STAMP): pyproject.toml") : makefile.index("setup:")]
    assert "pip install -q" not in install and "echo" in install


# A gettext call on a literal inside an f-string, or an f-string given to gettext: xgettext
# (makemessages) misses the first and cannot look the second up, so the text stays English.
_CALL = r"\b(?:_|gettext|gettext_lazy|gettext_noop|ngettext|pgettext)\(\s*"
_IN_FSTRING = re.compile(r"\{[^{}]*" + _CALL + r"[rbu]?['\"]")
_OF_FSTRING = re.compile(_CALL + r"[rR]?[fF][rR]?['\"]")


def test_no_translated_text_hides_in_an_f_string():
    found = []
    for path in sorted((ROOT / "bemanna").rglob("*.py")) + sorted((ROOT / "scripts").glob("*.py")):
        source = path.read_text()
        found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in _OF_FSTRING.finditer(source)]
        with path.open("rb") as handle:
            for token in tokenize.tokenize(handle.readline):
                prefix = token.string[:3].lower().split("'")[0].split('"')[0]
                fstring = token.type == tokenize.STRING and "f" in prefix
                if fstring and _IN_FSTRING.search(token.string):
                    found.append(f"{path.relative_to(ROOT)}:{token.start[0]}: {token.string}")
    assert found == []


def test_make_oidc_demo_accepts_the_callback_of_the_port_make_run_serves_on():
    """`make run PORT=8117` is documented; `make oidc-demo` with the same PORT must register
    that address's callback, or the provider refuses the login (redirect_uri mismatch)."""
    shown = subprocess.run(
        ["make", "-n", "-o", "setup", "oidc-demo", "PORT=8117", "OIDC_PORT=8118"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert shown.returncode == 0, shown.stderr
    command = " ".join(shown.stdout.replace("\\\n", " ").split())
    assert "--port 8118" in command
    assert "--client-url http://127.0.0.1:8117" in command
    assert "--client-url http://localhost:8117" in command


def test_make_run_on_another_port_links_to_that_port(tmp_path):
    """`make run PORT=8117` (documented): the answer links the demo prints and its mail must
    point at 8117, not at the default 8000. Run with a stand-in for .venv/bin/bemanna that
    says what it was given."""
    (tmp_path / "bemanna").write_text('#!/bin/sh\necho "$1 $BEMANNA_BASE_URL"\n')
    (tmp_path / "bemanna").chmod(0o755)
    ran = subprocess.run(
        ["make", "-s", "-o", "setup", "run", "PORT=8117", f"BIN={tmp_path}"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "BEMANNA_BASE_URL"},
    )
    assert ran.returncode == 0, ran.stderr
    said = [
        line.split()
        for line in ran.stdout.splitlines()
        if line.startswith(("migrate", "demo", "serve"))
    ]
    assert said == [
        ["migrate", "http://127.0.0.1:8117"],
        ["demo", "http://127.0.0.1:8117"],
        ["serve", "http://127.0.0.1:8117"],
    ]
