"""A move inside a förvaltning leaves its forecast as it was (an insider's twenty-fifth
round, on Region Demo: HS's 2025 gap went from 26.0 to 20.8 after three wards moved between
its clinics, its people the same).

Over today's tree the forecast's pages (the units that show the profession groups) were
decided afresh: the greedy choice took other pages than Historik's of that day, and
`nothing_new` keeps only pages both chose, so the förvaltning lost its groups and, with
them, the inputs set per group. The forecast's pages now start from Historik's that hold
the same people. The case below was found by searching small trees with the engine: ward
w2 moves from clinic B to clinic A inside X; X's people are the same on both trees.
"""

import datetime

import pytest

from bemanna.forecast import shown_past, years
from bemanna.forecast.tests.test_attacker_forecast_move import _import
from bemanna.org.models import Unit
from bemanna.pulse.tests.helpers import add_staff, hired_on
from bemanna.workforce import frames

TODAY = datetime.date(2026, 6, 1)
DAY = datetime.date(2025, 12, 31)
BEFORE = {
    "R": None,
    "X": "R",
    "A": "X",
    "B": "X",
    "Y": "R",
    "w0": "Y",
    "w1": "B",
    "w2": "B",
    "w3": "Y",
}
AFTER = BEFORE | {"w2": "A"}
GROUPS = {"doc": "Läkare", "nurse": "Sjuksköterskor", "usk": "Undersköterskor"}
STAFF = {
    ("A", "doc"): 5,
    ("B", "doc"): 8,
    ("B", "nurse"): 8,
    ("B", "usk"): 5,
    ("Y", "doc"): 3,
    ("Y", "nurse"): 6,
    ("Y", "usk"): 5,
    ("w0", "doc"): 8,
    ("w0", "usk"): 6,
    ("w1", "doc"): 6,
    ("w1", "nurse"): 2,
    ("w2", "doc"): 3,
    ("w2", "nurse"): 2,
    ("w2", "usk"): 8,
    ("w3", "doc"): 6,
    ("w3", "nurse"): 3,
    ("w3", "usk"): 1,
}


@pytest.fixture
def region(db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    shown_past.clear()
    _import(BEFORE)
    units = {u.code: u for u in Unit.objects.all()}
    for (code, group), n in STAFF.items():
        hired_on(add_staff(units[code], n, group=GROUPS[group]), datetime.date(2024, 3, 1))
    frames.forget()


def _sequence() -> shown_past.Sequence:
    frames.forget()
    shown_past.clear()
    root = Unit.objects.get(code="R")
    kept = years.Years(frames.employments(), root, TODAY.year - 1, shown_past.main_jobs)
    return shown_past.sequence(kept)


def _pages(shown) -> set[str]:
    return set(Unit.objects.filter(pk__in=shown.pages).values_list("code", flat=True))


def test_a_move_inside_a_forvaltning_keeps_its_groups_in_the_forecast(region):
    before = _sequence()
    history = before.history[DAY]
    assert "X" in _pages(history) and history.groups  # Historik shows X's groups
    assert _pages(before.forecasts[DAY]) == _pages(history)  # one tree: the same
    _import(AFTER)
    assert Unit.objects.get(code="w2").parent.code == "A"
    after = _sequence()
    forecast = after.forecasts[DAY]
    assert after.history[DAY] == history  # Historik over the kept tree, as first shown
    # X (and R and Y) hold the same people: their pages and groups are Historik's.
    assert {"R", "X", "Y"} <= _pages(forecast) and forecast.groups == history.groups
    # A and B do not (w2 moved between them): no page, whatever Historik showed.
    assert not {"A", "B"} & _pages(forecast)


def test_the_mutation_decided_afresh_drops_the_forvaltning(region, monkeypatch):
    from bemanna.analysis.forecast import shown as forecast_shown

    afresh = forecast_shown.decide
    monkeypatch.setattr(
        forecast_shown,
        "decide",
        lambda parents, cells, k, pages=None: afresh(parents, cells, k),
    )
    _sequence()
    _import(AFTER)
    assert "X" not in _pages(_sequence().forecasts[DAY])
