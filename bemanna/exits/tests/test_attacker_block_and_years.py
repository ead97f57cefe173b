"""The HR end reasons per two-year block (exit-survey results) beside the same leavers per
year (Historik), against an insider who reads both: each page decides its split over the tree
on its own, but ward A1's retirements of 2024–2025 on the exit-survey page minus its
retirements of 2025 on Historik were its 2024 retirements, two, which Historik hides.

So a year's leavers by reason are shown in one way only, decided the first time the year is
shown and kept (`org.PublishedYear.reasons_by_block`): per block on the exit-survey page when
the exit survey invited leavers of the year's block by then, else per year on Historik (and
the exit survey shows no split for a block holding such a year). The attacker scrapes both
pages for every unit, turns every share back into a count, checks everything by hand and
solves for any (unit, year, reason) set of 1..k-1 leavers that splits a unit's leavers of a
year by reason. It finds nothing; with each page deciding alone (the mutation) it finds A1's
two retirements of 2024.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.exits.models import ExitAnswer, ExitInvitation, ExitReason
from bemanna.exits.tests.test_attacker_end_reasons import exit_splits_seen
from bemanna.forecast import years as history_years
from bemanna.org.models import PublishedYear, Unit
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce.models import Employment, EndReason

TODAY = datetime.date(2026, 6, 1)
BLOCK = (2024, 2025)
K = 5
TREE = {"R": None, "A": "R", "B": "R", "A1": "A", "M": "A", "B1": "B", "B2": "B"}
# Who left the region, per year, ward and HR end reason, by hand: A1's 2 retirements of 2024
# are the secret (Historik hides A1's split of 2024; its 2025 and the block pass k).
LEAVERS = {
    2024: {
        "A1": {"own_request": 6, "retirement": 2},
        "M": {"own_request": 5, "retirement": 5},
        "B1": {"own_request": 7, "retirement": 5},
        "B2": {"own_request": 6, "retirement": 5},
    },
    2025: {
        "A1": {"own_request": 6, "retirement": 6},
        "M": {"own_request": 5, "retirement": 5},
        "B1": {"own_request": 7, "retirement": 5},
        "B2": {"own_request": 6, "retirement": 5},
    },
}
ATOMS = {
    (unit, year, reason): n
    for year, units in LEAVERS.items()
    for unit, reasons in units.items()
    for reason, n in reasons.items()
}


def _count(code: str, years, reasons=None) -> int:
    inside = subtree(TREE, code)
    return sum(
        n
        for (u, y, r), n in ATOMS.items()
        if u in inside and y in years and (reasons is None or r in reasons)
    )


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    units = make_tree(TREE)
    for year, wards in LEAVERS.items():
        for code, reasons in wards.items():
            for reason, n in reasons.items():
                people = add_staff(units[code], n)
                Employment.objects.filter(person__in=people).update(
                    end=datetime.date(year, 6, 30), end_reason=reason
                )
    for code in ("A1", "M", "B1", "B2"):
        add_staff(units[code], 3)  # stay
    return units


def _invited(years) -> None:
    """The exit survey invited a leaver of each year (so it runs over the year's block), and
    one answered (too few to show the answers; the block's HR reasons show)."""
    for year in years:
        employment = Employment.objects.filter(end__year=year).first()
        ExitInvitation.objects.create(
            employment=employment,
            year=year,
            unit=employment.unit,
            opens=datetime.date(year, 7, 1),
            closes=datetime.date(year, 9, 1),
        )
    ExitAnswer.objects.create(
        unit=Unit.objects.get(code="B1"),
        group="Sjuksköterskor",
        year=max(years),
        main_reason=ExitReason.objects.first(),
    )


def _number(cell) -> int | None:
    text = cell.get_text(strip=True).replace("\xa0", "").replace(" ", "")
    return None if text == "–" else int(text)


def _history(client) -> dict:
    """(code, year) → the leavers, both reasons and those before retirement, per Historik."""
    seen = {}
    for code in TREE:
        page = client.get(reverse("forecast:history"), {"unit": code})
        for row in BeautifulSoup(page.content, "html.parser").select("table#history tbody tr"):
            cells = row.find_all("td")
            year = int(cells[0].get_text(strip=True))
            if year in LEAVERS:
                seen[(code, year)] = {
                    "leavers": _number(cells[4]),
                    "retirement": _number(cells[5]),
                    "own_request": _number(cells[6]),
                    "before_retirement": _number(cells[9]),
                }
    return seen


def _exits(client) -> dict:
    """code → (leavers of the block, the split as counts or None), per the exit survey."""
    return exit_splits_seen(client, TREE)


def _look(client) -> tuple[dict, dict]:
    client.login(username="analyst", password=PASSWORD)
    return _history(client), _exits(client)


def _attack(history: dict, exits: dict) -> list:
    sums = []
    for (code, year), shown in history.items():
        inside = [a for a in ATOMS if a[0] in subtree(TREE, code) and a[1] == year]
        assert shown["leavers"] == _count(code, {year}), (code, year)  # read right
        sums.append(inside)
        for reason in ("retirement", "own_request"):
            if shown[reason] is not None:
                assert shown[reason] == _count(code, {year}, {reason}), (code, year, reason)
                sums.append([a for a in inside if a[2] == reason])
        if shown["before_retirement"] is not None:
            sums.append([a for a in inside if a[2] != "retirement"])
    for code, (n, split) in exits.items():
        inside = [a for a in ATOMS if a[0] in subtree(TREE, code)]
        assert n == _count(code, set(LEAVERS)), code
        sums.append(inside)
        rows = {r for r in split or {} if r != "rest"}
        for reason, count in (split or {}).items():
            which = set(EndReason.values) - rows if reason == "rest" else {reason}
            assert count == _count(code, set(LEAVERS), which), (code, reason)
            sums.append([a for a in inside if a[2] in which])

    def splits_a_unit_year(cells) -> bool:
        return any(
            0 < sum(1 for a in cells if a[:2] == cell) < len(LEAVERS[cell[1]][cell[0]])
            for cell in {a[:2] for a in cells}
        )

    found = derivable_small_sets(ATOMS, sums, K)
    return [hit for hit in found if splits_a_unit_year(hit[0])]


def test_the_survey_years_split_per_block_only(client, region):
    _invited(BLOCK)
    history, exits = _look(client)
    # Historik shows the leavers of 2024 and 2025, but their split on the exit-survey page.
    assert all(history[("R", year)]["leavers"] == _count("R", {year}) for year in BLOCK)
    assert all(history[(code, year)]["retirement"] is None for code, year in history)
    assert exits["A1"][1]["retirement"] == 8  # by hand: 2 + 6
    assert _attack(history, exits) == []
    assert set(PublishedYear.objects.filter(reasons_by_block=True).values_list("year", flat=True))
    assert {year for year in BLOCK if PublishedYear.objects.get(year=year).reasons_by_block} == set(
        BLOCK
    )


def test_a_year_historik_showed_first_keeps_its_split_and_the_block_shows_none(client, region):
    """No invitation yet when Historik first showed 2024 and 2025: they keep their split per
    year, and the exit survey's block shows the number who left but no split."""
    history_before, _exits_before = _look(client)
    _invited(BLOCK)
    history, exits = _look(client)
    assert history == history_before
    assert history[("R", 2025)]["retirement"] == _count("R", {2025}, {"retirement"})
    assert history[("A1", 2024)]["retirement"] is None  # its two: hidden on Historik
    assert exits["R"][0] == _count("R", set(LEAVERS)) and exits["R"][1] is None
    assert _attack(history, exits) == []


def test_the_mutation_each_page_deciding_alone_gives_the_two_retirements_away(
    client, region, monkeypatch
):
    monkeypatch.setattr(history_years, "shown_per_block", lambda years: set())
    monkeypatch.setattr("bemanna.exits.results._split_elsewhere", lambda block: False)
    _invited(BLOCK)
    history, exits = _look(client)
    assert history[("A1", 2025)]["retirement"] == 6 and history[("A1", 2024)]["retirement"] is None
    assert exits["A1"][1]["retirement"] == 8
    found = _attack(history, exits)
    assert ([("A1", 2024, "retirement")], 2) in found
