"""The key figures' own-request turnover against the tree and Historik (issue 12, classes 2
and 4: an insider review of Region Demo).

"Avgångar på egen begäran / tillsvidareanställda" is the permanent own-request leavers O over
the average permanent headcount P of 1 January and 31 December, shown to 0.1 %. Historik
shows each unit's headcount on every 31 December, and P is at most the average of the two:
so the rate pins O. Team T2 below has 29 people at the end of 2025 and one permanent nurse
who left at her own request (Historik hides its reasons): 1 / 32 = 3.1 %, and no other
whole number of leavers fits under the headcounts. Guarded only by P >= k, the rate told
that she left of her own accord.

The attacker scrapes, as the analyst, every unit's key-figure page (the rate and the
year-end headcount) and Historik (the headcounts of both years, the leavers and what it
splits by reason). From each shown rate it enumerates every whole O and P (both days'
permanent staff whole numbers, at least k and at most the day's headcount) that round to
it: if every O left is 1..k-1, a few left at their own request; where one O remains it is
known, and a sum to set against the others. It then solves (exact rational row reduction) for any
set of leavers of one kind, within a unit, of 1..k-1 people. It finds nothing; with the old
rule (the permanent headcount alone) it finds T2's one.
"""

import datetime
from fractions import Fraction

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.forecast import years
from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 6, 1)
YEAR = 2025
K = 5
TREE = {"R": None, "M": "R", "T1": "M", "T2": "M", "T3": "M"}
STAY = {"T1": 30, "T2": 29, "T3": 30}  # permanent all year
# Who left on 30 June 2025, per team: permanent at their own request, fixed-term at their
# own request, permanent to retire. By hand.
LEAVERS = {
    "T1": {"own_permanent": 6, "own_fixed": 5, "retirement": 5},
    "T2": {"own_permanent": 1, "retirement": 5},
    "T3": {"own_permanent": 5, "retirement": 5},
}
FORMS = {"own_permanent": "permanent", "own_fixed": "fixed_term", "retirement": "permanent"}
REASONS = {"own_permanent": "own_request", "own_fixed": "own_request", "retirement": "retirement"}


def _members(code: str) -> list[str]:
    return subtree(TREE, code)


def _count(code: str, kinds=None) -> int:
    return sum(
        n
        for u in _members(code)
        for kind, n in LEAVERS.get(u, {}).items()
        if kinds is None or kind in kinds
    )


@pytest.fixture
def region(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    frames.forget()
    units = make_tree(TREE)
    hours = []
    for code, stay in STAY.items():
        for person in add_staff(units[code], stay):
            hours += [(person, 12)]
        for kind, n in LEAVERS[code].items():
            people = add_staff(units[code], n, form=FORMS[kind])
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(YEAR, 6, 30), end_reason=REASONS[kind]
            )
            hours += [(person, 6) for person in people]
    ScheduledHours.objects.bulk_create(
        ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=160)
        for person, months in hours
        for m in range(1, months + 1)
    )
    services._computed.clear()
    frames.forget()
    return units


def _text(cell) -> str:
    return cell.get_text(strip=True).replace("\xa0", "").replace(" ", "")


def _number(cell) -> int | None:
    text = _text(cell)
    return None if text == "–" else int(text)


def _rate(cell) -> Fraction | None:
    """'3,1 %' → 31/1000."""
    text = _text(cell).rstrip("%").replace(",", ".").replace("−", "-")
    return None if text == "–" else Fraction(text) / 100


def _scrape(client) -> dict[str, dict]:
    client.login(username="analyst", password=PASSWORD)
    seen = {}
    for code in TREE:
        page = client.get(reverse("keyfigures:page"), {"unit": code, "year": YEAR})
        soup = BeautifulSoup(page.content, "html.parser")
        table = soup.find(id="turnover")
        rate = _rate(table.find_all("tr")[2].find("td", class_="num")) if table else None
        soup = BeautifulSoup(
            client.get(reverse("forecast:history"), {"unit": code}).content, "html.parser"
        )
        rows = {
            int(tr.find("td").get_text(strip=True)): tr.find_all("td")
            for tr in soup.select("table#history tbody tr")
        }
        seen[code] = {
            "rate": rate,
            "headcounts": (_number(rows[YEAR - 1][1]), _number(rows[YEAR][1])),
            "leavers": _number(rows[YEAR][4]),
            "retirement": _number(rows[YEAR][5]),
            "own_request": _number(rows[YEAR][6]),
        }
    return seen


def _possible_counts(rate: Fraction, headcounts: tuple[int, int]) -> set[int]:
    """Every whole O with O / P rounding to `rate` (to 0.1 %), P the average of two whole
    permanent headcounts of at least k and at most the day's headcount."""
    averages = {
        Fraction(start + end, 2)
        for start in range(K, headcounts[0] + 1)
        for end in range(K, headcounts[1] + 1)
    }
    half = Fraction(1, 2000)
    found = set()
    for p in averages:
        low, high = (rate - half) * p, (rate + half) * p
        found |= {o for o in range(max(0, int(low) - 1), int(high) + 2) if low <= o <= high}
    return found


def _attack(seen) -> tuple[dict, list]:
    atoms = {(u, kind): n for u, kinds in LEAVERS.items() for kind, n in kinds.items()}
    sums, known = [], {}
    for code, shown in seen.items():
        inside = [a for a in atoms if a[0] in _members(code)]
        assert shown["leavers"] == _count(code), code  # the attacker reads them right
        sums.append(inside)
        if shown["retirement"] is not None:
            assert shown["retirement"] == _count(code, {"retirement"})
            sums.append([a for a in inside if a[1] == "retirement"])
        if shown["own_request"] is not None:
            assert shown["own_request"] == _count(code, {"own_permanent", "own_fixed"})
            sums.append([a for a in inside if a[1] != "retirement"])
        if shown["rate"] is not None:
            possible = _possible_counts(shown["rate"], shown["headcounts"])
            assert _count(code, {"own_permanent"}) in possible, code
            if possible <= set(range(1, K)):  # a few left at their own request, however many
                known[code] = possible
            if len(possible) == 1:
                sums.append([a for a in inside if a[1] == "own_permanent"])

    def splits_a_unit(cells) -> bool:
        return any(
            0 < sum(1 for a in cells if a[0] == u) < len(LEAVERS[u]) for u in {a[0] for a in cells}
        )

    found = [f for f in derivable_small_sets(atoms, sums, K) if splits_a_unit(f[0])]
    return known, found


def test_no_own_request_rate_pins_fewer_than_k_leavers(client, region):
    seen = _scrape(client)
    # Historik's headcounts, by hand: everyone on 31 December 2024, the stayers after.
    assert seen["T2"]["headcounts"] == (35, 29)
    known, found = _attack(seen)
    assert found == []
    assert known == {}
    # T2's one, and M's and T3's (M minus T1 and T3 would give it) are hidden; the region's
    # and team 1's are shown: 12 / ((116 + 89) / 2) and 6 / ((41 + 30) / 2).
    assert {code: shown["rate"] for code, shown in seen.items()} == {
        "R": Fraction(117, 1000),
        "M": None,
        "T1": Fraction(169, 1000),
        "T2": None,
        "T3": None,
    }


def test_the_mutation_the_permanent_headcount_alone_gives_the_one_away(client, region, monkeypatch):
    monkeypatch.setattr(
        services.KeyFigures, "own_request_units", lambda self, year: self.staff_units(year)
    )
    seen = _scrape(client)
    assert seen["T2"]["rate"] == Fraction(31, 1000)  # 1 / ((35 + 29) / 2)
    known, found = _attack(seen)
    assert known["T2"] == {1}
    assert ([("T2", "own_permanent")], 1) in found


def test_a_year_the_exit_survey_splits_per_block_shows_the_regions_rate_only(
    client, region, monkeypatch
):
    """The exit survey's own requests of 2024-2025 minus 2025's permanent ones would be the
    rest of the block, 2024's among them: no unit shows the rate that year, as Historik
    shows no split. The region does: its 12 permanent and 5 fixed-term own requests are
    each at least k, and its year beside the units' blocks pins no unit's year."""
    monkeypatch.setattr(years, "_surveyed", lambda open_: set(open_))
    seen = _scrape(client)
    assert {code: shown["rate"] for code, shown in seen.items()} == dict.fromkeys(TREE) | {
        "R": Fraction(117, 1000)
    }
    assert seen["R"]["leavers"] == 32  # the page itself is there
    known, found = _attack(seen)
    assert found == []


def test_a_block_year_with_a_few_fixed_term_own_requests_shows_no_rate(client, region, monkeypatch):
    """Four fixed-term own requests in the region instead of five: the block minus the
    region's two years of permanent ones would be about them, so not even the region."""
    monkeypatch.setattr(years, "_surveyed", lambda open_: set(open_))
    Employment.objects.filter(form="fixed_term", end_reason="own_request").order_by("pk")[
        :1
    ].get().delete()
    frames.forget()
    services._computed.clear()
    frames.forget()
    seen = _scrape(client)
    assert {code: shown["rate"] for code, shown in seen.items()} == dict.fromkeys(TREE)
