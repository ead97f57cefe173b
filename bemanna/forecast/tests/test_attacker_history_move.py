"""Class 3 for the history page, as an insider would try it: read a closed year's "of which
retirement" and "of which own request" on every unit's Historik page, have HR move a small
unit to another clinic by reimporting the unit tree, read every page again, and solve.

Recomputed on today's tree, clinic B's year after the move minus before it would be the moved
ward M's leavers by reason, two retirements that M's own page hides. A closed year keeps the
tree it was first shown with (shared with the key figures), so the second look shows the same
and nothing new follows; with the kept tree ignored (the mutation) the attacker finds M's two.

The attacker reads which tree each look was computed over from the leavers it shows (a
unit's leavers are shown at any size, the page's own decision), checks every number against
the table by hand, and solves by exact rational row reduction for any set of (unit, reason)
cells holding 1..k-1 leavers that splits a unit's leavers by reason.
"""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import services as keyfigures
from bemanna.org import frozen
from bemanna.org.models import PublishedYear, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.workforce import frames
from bemanna.workforce.models import Employment
from bemanna.workforce.services import import_units

TODAY = datetime.date(2026, 6, 1)
YEAR = 2025  # the page's last full year
K = 5
HEADER = "Enhetskod;Enhetsnamn;Överordnad;Nivå;Chef\n"
BEFORE = {"R": None, "A": "R", "B": "R", "A1": "A", "M": "A", "B1": "B", "B2": "B"}
AFTER = BEFORE | {"M": "B"}  # the small ward M moves from clinic A to clinic B
# Who left the region in 2025, per ward and reason, by hand: M's 2 retirements are the secret.
LEAVERS = {
    "A1": {"own_request": 6, "retirement": 6},
    "M": {"own_request": 5, "retirement": 2},
    "B1": {"own_request": 7, "retirement": 5, "dismissal": 5},
    "B2": {"own_request": 6, "retirement": 5},
}
STAY = 3  # who stays, per ward


def _import(tree: dict) -> None:
    rows = [
        f"{code};Enhet {code};{parent or ''};{'region' if parent is None else 'enhet'};"
        for code, parent in tree.items()
    ]
    report = import_units(io.BytesIO((HEADER + "\n".join(rows)).encode()), filename="enheter.csv")
    assert report.units == len(tree), report


def _count(tree: dict, code: str, reasons=None) -> int:
    return sum(
        n
        for u in subtree(tree, code)
        for r, n in LEAVERS.get(u, {}).items()
        if reasons is None or r in reasons
    )


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    _import(BEFORE)
    units = {u.code: u for u in Unit.objects.all()}
    for code, reasons in LEAVERS.items():
        add_staff(units[code], STAY)
        for reason, n in reasons.items():
            people = add_staff(units[code], n)
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(YEAR, 6, 30), end_reason=reason
            )
    # And a hire into M in 2024, so the hires and the months move too on today's tree.
    [hired] = add_staff(units["M"], 1)
    Employment.objects.filter(person=hired).update(start=datetime.date(2024, 9, 1))


def _number(cell) -> int | None:
    text = cell.get_text(strip=True).replace("\xa0", "").replace(" ", "")
    return None if text == "–" else int(text)


def _pages(client) -> dict[str, BeautifulSoup]:
    client.login(username="analyst", password=PASSWORD)
    return {
        code: BeautifulSoup(
            client.get(reverse("forecast:history"), {"unit": code}).content, "html.parser"
        )
        for code in BEFORE
    }


def _year_row(soup) -> dict[str, int | None]:
    [row] = [
        tr
        for tr in soup.select("table#history tbody tr")
        if tr.find("td").get_text(strip=True) == str(YEAR)
    ]
    cells = row.find_all("td")
    return {
        "leavers": _number(cells[4]),
        "retirement": _number(cells[5]),
        "own_request": _number(cells[6]),
        "before_retirement": _number(cells[9]),
    }


def _everything(soup) -> dict[str, str]:
    """What the page shows about the past: the year table, the growth and month tables, and
    the charts (their drawings, whose numbers are the tables')."""
    return {
        part: " ".join(" ".join(el.get_text(" ", strip=True).split()) for el in soup.select(part))
        for part in ("table#history", "table#growth", "table#months")
    } | {"charts": "".join(str(figure) for figure in soup.select("figure.chart"))}


def _tree_of(seen: dict) -> dict:
    """The tree a look was computed over, as the attacker reads it off the leavers shown."""
    fits = [
        tree
        for tree in (BEFORE, AFTER)
        if all(shown["leavers"] == _count(tree, code) for code, shown in seen.items())
    ]
    assert len(fits) == 1, fits
    return fits[0]


def _attack(looks: list[dict]) -> list:
    atoms = {(u, r): n for u, reasons in LEAVERS.items() for r, n in reasons.items()}
    sums = []
    for seen in looks:
        tree = _tree_of(seen)
        for code, shown in seen.items():
            inside = [a for a in atoms if a[0] in subtree(tree, code)]
            sums.append(inside)
            for reason in ("retirement", "own_request"):
                if shown[reason] is not None:
                    assert shown[reason] == _count(tree, code, {reason}), (code, reason)
                    sums.append([a for a in inside if a[1] == reason])
            if shown["before_retirement"] is not None:
                expected = _count(tree, code) - _count(tree, code, {"retirement"})
                assert shown["before_retirement"] == expected, code
                sums.append([a for a in inside if a[1] != "retirement"])

    def splits_a_unit(cells) -> bool:
        return any(
            0 < sum(1 for a in cells if a[0] == u) < len(LEAVERS[u]) for u in {a[0] for a in cells}
        )

    return [found for found in derivable_small_sets(atoms, sums, K) if splits_a_unit(found[0])]


def _insider(client) -> tuple[dict, dict, dict, dict]:
    before = _pages(client)
    _import(AFTER)
    assert Unit.objects.get(code="M").parent.code == "B"
    after = _pages(client)
    return (
        before,
        after,
        *({code: _year_row(soup) for code, soup in pages.items()} for pages in (before, after)),
    )


def test_a_move_gives_no_reason_of_fewer_than_k_leavers_away(client, region):
    _pages_before, _pages_after, before, after = _insider(client)
    assert before["M"]["retirement"] is None  # M's two retirements are hidden on its page
    assert any(seen["retirement"] is not None for seen in before.values())  # a split is shown
    assert _tree_of(after) is BEFORE  # the closed year is still on the tree it was shown with
    assert _attack([before]) == []
    assert _attack([before, after]) == []


def test_a_closed_year_shows_the_same_after_the_move(client, region):
    pages_before, pages_after, _before, _after = _insider(client)
    for code in BEFORE:
        assert _everything(pages_after[code]) == _everything(pages_before[code]), code
    # The page names the years whose units below differ from today's: all ten, for A and B.
    note = {
        when: pages["A"].select_one("#history-tree").get_text()
        for when, pages in (("before", pages_before), ("after", pages_after))
    }
    assert "2025" not in note["before"] and "2016, 2017" in note["after"]
    assert "2025" in pages_after["B"].select_one("#history-tree").get_text()
    assert "2025" not in pages_after["A1"].select_one("#history-tree").get_text()
    # By hand, clinic A's 2025 as it was: A1 and M, 6 + 2 retirements.
    assert _year_row(pages_after["A"])["leavers"] == 12 + 7
    # The year was kept once, for every page: the history and the key figures share it.
    m, a = (Unit.objects.get(code=c).pk for c in ("M", "A"))
    kept = PublishedYear.objects.get(year=YEAR)
    assert {row[0]: row[1] for row in kept.tree}[m] == a and kept.min_group == K
    assert keyfigures.key_figures(YEAR, TODAY).tree(YEAR)[m] == a


def test_the_history_uses_the_tree_the_key_figures_kept(client, region):
    """The key figures show 2025 first; the unit moves; the history shows 2025 for the first
    time after the move, over the key figures' tree: one tree a year for every page."""
    keyfigures.key_figures(YEAR, TODAY)
    _import(AFTER)
    seen = {code: _year_row(soup) for code, soup in _pages(client).items()}
    assert _tree_of(seen) is BEFORE


def test_a_unit_made_later_keeps_its_first_place(client, region):
    """A ward made after 2025 was kept, with people placed in it for 2025 by a later extract,
    counts under its parent of the first look; HR moving it again changes nothing shown."""
    _pages(client)
    _import(BEFORE | {"N": "A"})
    Employment.objects.filter(unit__code="A1", end__isnull=False).update(
        unit=Unit.objects.get(code="N")
    )
    looked = _pages(client)
    first = {code: _everything(soup) for code, soup in looked.items()}
    _import(BEFORE | {"N": "B"})
    second = {code: _everything(soup) for code, soup in _pages(client).items()}
    assert second == first
    # A1's 12 leavers, now in N, count in clinic A (N's place at the first look) both times.
    assert _year_row(looked["A"])["leavers"] == 12 + 7
    assert _year_row(looked["B"])["leavers"] == 17 + 11
    n, a = (Unit.objects.get(code=c).pk for c in ("N", "A"))
    assert {row[0]: row[1] for row in PublishedYear.objects.get(year=YEAR).tree}[n] == a


def test_the_mutation_recomputed_on_todays_tree_gives_the_moved_ward_away(
    client, region, monkeypatch
):
    kept = frozen.units_of
    monkeypatch.setattr(frozen, "units_of", lambda _stored: kept(None))  # today's tree
    pages_before, pages_after, before, after = _insider(client)
    assert _tree_of(after) is AFTER
    assert _everything(pages_after["B"]) != _everything(pages_before["B"])
    assert _attack([before]) == []  # each look alone holds
    found = _attack([before, after])
    assert ([("M", "retirement")], 2) in found


@pytest.fixture
def three_retirements(db, analyst, monkeypatch):
    """Ward A1: three retirements of 2025, under k = 5 but not under 3."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    _import({"R": None, "A": "R", "A1": "A", "A2": "A"})
    units = {u.code: u for u in Unit.objects.all()}
    for code, reasons in {
        "A1": {"own_request": 6, "retirement": 3},
        "A2": {"own_request": 6, "retirement": 6},
    }.items():
        add_staff(units[code], STAY)
        for reason, n in reasons.items():
            people = add_staff(units[code], n)
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(YEAR, 6, 30), end_reason=reason
            )


def _a1_retirements(client) -> int | None:
    client.login(username="analyst", password=PASSWORD)
    page = client.get(reverse("forecast:history"), {"unit": "A1"})
    return _year_row(BeautifulSoup(page.content, "html.parser"))["retirement"]


def test_a_lower_k_later_shows_nothing_hidden_before(client, three_retirements, settings):
    """A year keeps the k it was first shown with (raised by the setting, never lowered)."""
    assert _a1_retirements(client) is None
    settings.MIN_GROUP = 3
    assert _a1_retirements(client) is None
    assert PublishedYear.objects.get(year=YEAR).min_group == K


def test_the_mutation_reading_k_live_shows_the_three(
    client, three_retirements, settings, monkeypatch
):
    from bemanna.forecast import years

    monkeypatch.setattr(years.frozen, "year_trees", _live_k(years.frozen.year_trees))
    assert _a1_retirements(client) is None
    settings.MIN_GROUP = 3
    assert _a1_retirements(client) == 3


def _live_k(year_trees):
    def trees(years, kept, k, groups=None):
        found, _ks = year_trees(years, kept, k, groups)
        return found, {}

    return trees
