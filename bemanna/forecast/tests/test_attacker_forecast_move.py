"""Class 3 for a forecast over today's tree beside Historik over the year's kept tree, as an
insider found it on Region Demo: HR moves ward M from clinic A to clinic B after 2025 was
shown; a forecast on 31 December 2025 counts clinic A without M, Historik with it.

Historik hides M's 2025 FTE (two of its ten left during the year, beside 2024) and, so that
A's block passes, ward A1 too. Over today's tree, a forecast's clinic A (or its A1) beside
Historik's clinic A would be M's 2025 FTE, and that minus M's 2024 the two leavers' rates:
three releases, where the days are decided two by two. The forecast over another tree shows
only what Historik shows of the same people that day (`shown_past.nothing_new`).

The attacker knows who is where on which tree (a colleague does) and solves by exact row
reduction for any set of 1..k-1 people whose figures follow from the shown units' sums.
"""

import datetime
import io

import pytest

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.forecast import shown_past, years
from bemanna.org.models import Unit
from bemanna.pulse.tests.helpers import add_staff, hired_on
from bemanna.workforce import frames
from bemanna.workforce.models import Employment
from bemanna.workforce.services import import_units

TODAY = datetime.date(2026, 6, 1)
K = 5
HEADER = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
BEFORE = {"R": None, "A": "R", "B": "R", "A1": "A", "M": "A", "B1": "B"}
AFTER = BEFORE | {"M": "B"}
# People per (ward, what happened in 2025), by hand: M's two leavers are the secret.
ATOMS = {
    ("A1", "stay"): 10,
    ("A1", "hired"): 5,
    ("M", "stay"): 8,
    ("M", "left"): 2,
    ("B1", "stay"): 10,
    ("B1", "hired"): 5,
}
ON = {2024: ("stay", "left"), 2025: ("stay", "hired")}


def _import(tree: dict) -> None:
    rows = [
        f"{code};Enhet {code};{parent or ''};{'region' if parent is None else 'enhet'};"
        for code, parent in tree.items()
    ]
    import_units(io.BytesIO((HEADER + "\n".join(rows)).encode()), filename="enheter.csv")


@pytest.fixture
def region(db, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    shown_past.clear()
    _import(BEFORE)
    units = {u.code: u for u in Unit.objects.all()}
    for (code, what), n in ATOMS.items():
        people = add_staff(units[code], n, rate=60 if what == "left" else 100)
        # Everyone came in 2024 (nothing before it to compare), the hires in 2025.
        hired_on(people, datetime.date(2025 if what == "hired" else 2024, 3, 1))
        if what == "left":
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(2025, 6, 30), end_reason="own_request"
            )
    frames.forget()


def _kept() -> years.Years:
    root = Unit.objects.get(code="R")
    return years.Years(frames.employments(), root, TODAY.year - 1, shown_past.main_jobs)


def _codes(pks) -> set[str]:
    return set(Unit.objects.filter(pk__in=pks).values_list("code", flat=True))


def _attack(releases: list[tuple[int, dict, set[str]]]) -> list:
    """The sets of 1..k-1 people whose sum follows from the units shown: per release its
    year, tree and shown units (each a sum of the atoms in its subtree present that year)."""
    sums = []
    for year, tree, units in releases:
        for code in units:
            inside = subtree(tree, code)
            sums.append([a for a in ATOMS if a[0] in inside and a[1] in ON[year]])
    return [found for found in derivable_small_sets(ATOMS, sums, K) if len(found[0]) == 1]


def _look() -> list[tuple[int, dict, set[str]]]:
    """Historik's 2024 and 2025 as first shown, HR's move, then both again (over the kept
    tree) and the forecast on 31 December 2025 over today's tree: everything an insider who
    kept the first pages has."""
    first = shown_past.sequence(_kept())
    h2024, h2025 = (first.history[datetime.date(y, 12, 31)].units for y in (2024, 2025))
    assert "M" not in _codes(h2025) and "A" in _codes(h2025)  # the case the insider used
    _import(AFTER)
    frames.forget()
    shown_past.clear()
    second = shown_past.sequence(_kept())
    again = [second.history[datetime.date(y, 12, 31)].units for y in (2024, 2025)]
    forecast = second.forecasts[datetime.date(2025, 12, 31)].units
    return [
        (2024, BEFORE, _codes(h2024)),
        (2025, BEFORE, _codes(h2025)),
        (2024, BEFORE, _codes(again[0])),
        (2025, BEFORE, _codes(again[1])),
        (2025, AFTER, _codes(forecast)),
    ]


def test_a_forecast_over_todays_tree_gives_no_hidden_ward_away(region):
    releases = _look()
    assert _attack(releases) == []
    # Each forecast unit is one Historik shows that day, with the same people.
    assert releases[4][2] <= releases[3][2] - {"A", "B"}


def test_the_mutation_without_the_rule_gives_the_two_leavers_away(region, monkeypatch):
    monkeypatch.setattr(shown_past, "nothing_new", lambda forecast, history, same: forecast)
    # And without `over_time` counting a unit worked out within a day as shown, which on
    # its own now keeps the forecast's day from giving the leavers.
    from bemanna.analysis.forecast import over_time

    monkeypatch.setattr(over_time._People, "given", lambda self, day, shown: set(shown))
    # Nor solving the forecast's day with the two releases before it together (`RUN`),
    # which on its own closes it too.
    monkeypatch.setattr(over_time, "RUN", 2)
    releases = _look()
    assert _attack(releases[:4]) == []  # Historik alone holds
    assert ([("M", "left")], 2) in _attack(releases)
