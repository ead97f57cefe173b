"""The commands' parser speaks the command's language too (issue 18): argparse's own words
go through Django's catalogue, `bemanna import units` is called so, and a refusal is not
prefixed "CommandError:"."""

import argparse
import io

import pytest
from django.utils import translation

from bemanna import clifiles
from bemanna.workforce.management.commands import import_units


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    command = import_units.Command(stdout=out, stderr=err)
    with pytest.raises(SystemExit) as exit_:
        command.run_from_argv(argv)
    return exit_.value.code, err.getvalue()


def test_argparse_words_are_looked_up_in_the_catalogue(monkeypatch, capsys):
    monkeypatch.setattr(argparse, "_", argparse._)  # restored after the test
    monkeypatch.setattr(clifiles, "gettext", lambda text: f"«{text}»")
    with translation.override("en"):
        code, _err = _run(["bemanna", "import_units"])
    said = capsys.readouterr().err
    assert code == 2
    assert "«usage: »bemanna import units" in said
    assert "«the following arguments are required: %s»" not in said  # formatted, not raw
    # The placeholder too: the positional "file" is looked up as FILE (issue 18).
    assert "«the following arguments are required: «FILE»»" in said


def test_a_refusal_is_not_prefixed_commanderror(tmp_path):
    with translation.override("en"):
        code, said = _run(
            ["bemanna", "import_units", str(tmp_path / "nowhere.csv"), "--skip-checks"]
        )
    assert code == 1
    assert said.startswith("Error: ") and "CommandError" not in said


def test_the_admin_names_a_profiles_role_in_swedish():
    from bemanna.accounts.models import Profile

    with translation.override("sv"):
        assert str(Profile._meta.get_field("role").verbose_name) == "roll"
