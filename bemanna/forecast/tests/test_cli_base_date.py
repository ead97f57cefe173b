"""`bemanna forecast --base-date` (issue 18): with --scenario it was silently ignored, and a
base date after today was accepted. Both are refused, with a line in the user's language."""

import datetime
import importlib.util
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from bemanna.forecast import services

ROOT = Path(__file__).resolve().parents[3]


def _sv() -> dict[str, str]:
    spec = importlib.util.spec_from_file_location("sv", ROOT / "scripts" / "translations_sv.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.SV


def test_base_date_with_a_scenario_is_refused_not_ignored(staffed, tmp_path):
    scenario = services.ensure_baseline()
    report = tmp_path / "r.html"
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command(
            "forecast",
            scenario="Nuläge",
            base_date="2024-12-31",
            out=str(report),
            language="en",
        )
    said = str(error.value)
    assert said.startswith("--base-date is for --extract")
    assert f"“Nuläge” has its own base date, {scenario.base_date.isoformat()}" in said
    assert not report.exists()


@pytest.mark.parametrize("source", ["scenario", "extract"])
def test_a_base_date_after_today_is_refused(staffed, tmp_path, source):
    services.ensure_baseline()
    extract = tmp_path / "extract.csv"
    extract.write_text(
        "Anst.nr;Födelseår;Kön;Enhet;Befattning;Anställningsform;Syss.grad;Startdatum\n"
    )
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    given = {"scenario": "Nuläge"} if source == "scenario" else {"extract": str(extract)}
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command(
            "forecast",
            base_date=tomorrow.isoformat(),
            out=str(tmp_path / "r.html"),
            language="en",
            **given,
        )
    assert str(error.value).startswith(f"The base date {tomorrow.isoformat()} is after today")


def test_the_refusals_are_swedish():
    sv = _sv()
    for msgid, words in (
        (
            "--base-date is for --extract: the scenario “%(scenario)s” has its own base date, "
            "%(date)s; change it on the scenario's page, or save a new scenario.",
            "eget basdatum",
        ),
        (
            "The base date %(date)s is after today: a forecast starts from the staff on a day "
            "that has been; give today or an earlier date.",
            "efter i dag",
        ),
    ):
        assert words in sv[msgid]
