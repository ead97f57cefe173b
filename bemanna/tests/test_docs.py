"""Every setting read from the environment is documented; every Swedish text exists."""

import re
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent.parent


def test_every_environment_variable_is_in_env_example():
    source = (ROOT / "bemanna" / "settings.py").read_text()
    source += (ROOT / "bemanna" / "cli.py").read_text()
    used = set(re.findall(r'env(?:bool|int|list)?\(\s*"([A-Z_]+)"', source))
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
