"""The history page's "of which retirement" and "of which own request" against the tree (an
insider review of Region Demo): shown for every unit and year with no threshold, a parent's
count minus its children's (or a unit's own count) was one or two people's reason for
leaving.

The attacker scrapes the year's row of every unit's history page as the analyst sees it
(the leavers, both reasons, and those who left before retirement, which is the leavers minus
the retirements), checks every number against the table by hand, and solves for any set of
(unit, reason) cells holding 1..k-1 leavers (exact rational row reduction; every empty cell
is known to it). The leavers of each unit are shown at any size, so a unit's whole row is
known already: what must not follow is a set that splits a unit's leavers by reason. It
finds none; with every count shown (the old page) it finds RS2's one own request.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.forecast import history
from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
YEAR = 2025  # the page's last full year
K = 5
TREE = {
    "R": None,
    "RS": "R",
    "RS1": "RS",
    "RS2": "RS",
    "HS": "R",
    "HS1": "HS",
    "HS101": "HS1",
    "HS102": "HS1",
    "HS2": "HS",
}
# Who left the region in 2025, per ward and reason, by hand.
LEAVERS = {
    "RS1": {"own_request": 7, "retirement": 5},
    "RS2": {"own_request": 1, "retirement": 5, "death": 2},
    "HS101": {"own_request": 6, "retirement": 6},
    "HS102": {"own_request": 2, "retirement": 4},
    "HS2": {"own_request": 9, "retirement": 5, "dismissal": 5},
}
COLUMNS = ("year", "headcount", "fte", "hires", "leavers", "retirement", "own_request")


def _members(code: str) -> list[str]:
    return subtree(TREE, code)


def _count(code: str, reasons=None) -> int:
    return sum(
        n
        for u in _members(code)
        for r, n in LEAVERS.get(u, {}).items()
        if reasons is None or r in reasons
    )


def region_with_leavers(tree, leavers, year: int = YEAR) -> dict:
    """The tree's units, three who stay in each unit with leavers and its leavers of `year`
    per reason (by hand)."""
    frames.forget()
    units = make_tree(tree)
    for code, reasons in leavers.items():
        add_staff(units[code], 3)  # stay
        for reason, n in reasons.items():
            people = add_staff(units[code], n)
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(year, 6, 30), end_reason=reason
            )
    return units


@pytest.fixture
def demo_like(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return region_with_leavers(TREE, LEAVERS)


def _number(cell) -> int | None:
    text = cell.get_text(strip=True).replace("\xa0", "").replace(" ", "")
    return None if text == "–" else int(text)


def _scrape(client, **extra) -> dict[str, dict[str, int | None]]:
    return history_rows_seen(client, TREE, YEAR, **extra)


def history_rows_seen(client, tree, year: int, **extra) -> dict[str, dict[str, int | None]]:
    """Per unit, the year's row of its history page as the analyst sees it."""
    client.login(username="analyst", password=PASSWORD)
    seen = {}
    for code in tree:
        page = client.get(reverse("forecast:history"), {"unit": code, **extra})
        soup = BeautifulSoup(page.content, "html.parser")
        [row] = [
            tr
            for tr in soup.select("table#history tbody tr")
            if tr.find("td").get_text(strip=True) == str(year)
        ]
        cells = row.find_all("td")
        seen[code] = {
            "leavers": _number(cells[4]),
            "retirement": _number(cells[5]),
            "own_request": _number(cells[6]),
            "before_retirement": _number(cells[9]),
        }
    return seen


def _attack(seen) -> list:
    atoms = {(u, r): n for u, reasons in LEAVERS.items() for r, n in reasons.items()}
    sums = []
    for code, shown in seen.items():
        inside = [a for a in atoms if a[0] in _members(code)]
        assert shown["leavers"] == _count(code), code  # the attacker reads them right
        sums.append(inside)
        for reason in ("retirement", "own_request"):
            if shown[reason] is not None:
                assert shown[reason] == _count(code, {reason}), (code, reason)
                sums.append([a for a in inside if a[1] == reason])
        if shown["before_retirement"] is not None:
            assert shown["before_retirement"] == _count(code) - _count(code, {"retirement"})
            sums.append([a for a in inside if a[1] != "retirement"])

    def splits_a_unit(cells) -> bool:
        return any(
            0 < sum(1 for a in cells if a[0] == u) < len(LEAVERS[u]) for u in {a[0] for a in cells}
        )

    return [found for found in derivable_small_sets(atoms, sums, K) if splits_a_unit(found[0])]


def test_no_reason_of_fewer_than_k_leavers_can_be_worked_out(client, demo_like):
    seen = _scrape(client)
    assert seen["R"]["retirement"] == 25 and seen["R"]["own_request"] == 25  # by hand
    assert seen["RS2"]["own_request"] is None and seen["RS2"]["before_retirement"] is None
    assert _attack(seen) == []


def test_per_profession_group_no_reason_is_shown(client, demo_like):
    seen = _scrape(client, group="Sjuksköterskor")
    assert all(
        shown["retirement"] is None and shown["own_request"] is None for shown in seen.values()
    )


def test_the_mutation_every_count_shown_gives_the_one_own_request_away(
    client, demo_like, monkeypatch
):
    monkeypatch.setattr(
        history, "split_shown", lambda parents, cells, k: (set(parents), set(history.SPLIT))
    )
    seen = _scrape(client)
    assert seen["RS2"]["own_request"] == 1
    found = _attack(seen)
    assert ([("RS2", "own_request")], 1) in found
    assert ([("HS102", "own_request")], 2) in found
