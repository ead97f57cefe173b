"""A page whose leavers all left for one reason (an insider review of Region Demo): Historik
showed Barnkliniken's 2017 split, 5 leavers, "of which retirement 0", "of which own request
5", beside its wards' leavers (every unit's count is shown, however small), so each ward's
one or two leavers left at their own request.

The attacker here does not know which cells are empty: it takes every (unit, reason) cell
as unknown and non-negative, bounds each by linear programming against everything the
analyst's history pages show, and reports a cell pinned to 1..k-1 leavers. With the rule
(`disclosure.mixed_pages`: no page's block all of one reason) it finds nothing; without it,
the ward's one own request.
"""

import datetime

import numpy as np
import pytest
from scipy.optimize import linprog

from bemanna.analysis import disclosure
from bemanna.analysis.forecast import history
from bemanna.analysis.tests.solver import subtree
from bemanna.forecast.tests.test_attacker_history import history_rows_seen, region_with_leavers

TODAY = datetime.date(2026, 6, 1)
YEAR = 2025
K = 5
TREE = {"R": None, "C": "R", "Ca": "C", "Cb": "C", "D": "R", "Da": "D", "Db": "D"}
# Who left the region in 2025, per ward and reason, by hand: C's five all at their own
# request (Ca's one among them), D mixed, and five retired from the region's own staff.
LEAVERS = {
    "R": {"retirement": 5},
    "Ca": {"own_request": 1},
    "Cb": {"own_request": 4},
    "Da": {"own_request": 6, "retirement": 5},
    "Db": {"retirement": 6, "dismissal": 5},
}
REASONS = ("retirement", "own_request", "other")


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return region_with_leavers(TREE, LEAVERS, YEAR)


def _scrape(client) -> dict[str, dict[str, int | None]]:
    return {
        code: {name: row[name] for name in ("leavers", "retirement", "own_request")}
        for code, row in history_rows_seen(client, TREE, YEAR).items()
    }


def _pinned(seen) -> dict[tuple[str, str], int]:
    """Each (ward or unit, reason) cell whose least and greatest value consistent with
    everything shown agree, with its value, for cells of 1..k-1 leavers."""
    atoms = [(u, r) for u in TREE for r in REASONS]
    equalities, values = [], []
    for code, shown in seen.items():
        inside = subtree(TREE, code)
        for reason in (None, "retirement", "own_request"):
            figure = shown["leavers" if reason is None else reason]
            if figure is None:
                continue
            equalities.append(
                [1.0 if u in inside and reason in (None, r) else 0.0 for u, r in atoms]
            )
            values.append(figure)
    a, b = np.array(equalities), np.array(values, dtype=float)
    pinned = {}
    for i, atom in enumerate(atoms):
        bounds = []
        for sign in (1, -1):
            c = np.zeros(len(atoms))
            c[i] = sign
            found = linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            assert found.status == 0
            bounds.append(sign * found.fun)
        low, high = bounds
        if round(low) == round(high) and 0 < round(low) < K:
            pinned[atom] = round(low)
    return pinned


def test_no_ward_reason_follows_from_a_page_all_of_one_reason(client, region):
    seen = _scrape(client)
    # By hand: every unit's leavers are shown; C's block is all own request, so C shows
    # no split; the region's block (its own five and C's) and D's hold two reasons each.
    assert {code: s["leavers"] for code, s in seen.items()} == {
        "R": 32, "C": 5, "Ca": 1, "Cb": 4, "D": 22, "Da": 11, "Db": 11,
    }  # fmt: skip
    assert seen["C"]["own_request"] is None and seen["C"]["retirement"] is None
    assert seen["R"]["own_request"] == 11 and seen["R"]["retirement"] == 16
    assert _pinned(seen) == {}


def test_the_mutation_a_uniform_page_gives_each_ward_its_reason(client, region, monkeypatch):
    monkeypatch.setattr(history, "mixed_pages", lambda parents, cells, pages, parts: pages)
    seen = _scrape(client)
    assert seen["C"]["own_request"] == 5 and seen["C"]["retirement"] == 0
    pinned = _pinned(seen)
    assert pinned[("Ca", "own_request")] == 1 and pinned[("Cb", "own_request")] == 4


def test_mixed_pages_keeps_no_block_of_one_part():
    tree = {"R": None, "C": "R", "Ca": "C", "Cb": "C", "D": "R"}
    cells = {("Ca", "own"): 1, ("Cb", "own"): 4, ("D", "own"): 6, ("D", "pension"): 5}
    pages = disclosure.mixed_pages(tree, cells, {"R", "C", "D"}, {"own", "pension"})
    # C's block is all own request: given up, its people join R's block, which is then
    # all own request too (R minus D would be C's five): only D keeps its split.
    assert pages == {"D"}
