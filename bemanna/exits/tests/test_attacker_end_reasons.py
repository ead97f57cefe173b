"""The HR system's end reasons on the exit-survey results page, against an insider (a review of
Region Demo): the reasons' shares were shown as whole per cents beside the exact number of
leavers from k_text leavers on, with no minimum per reason, so HS304's "Dödsfall 4 %" of 25
was one death and HS303's "Uppsägning 8 %" of 24 two dismissals; and a parent's count of a
reason minus its shown children's gave a hidden ward's few.

The tree below has the demo's shape and those counts. The attacker scrapes every unit's
results page as the analyst (the whole region) sees it, turns every share back into a count
(with the number of leavers beside it, a whole per cent of up to 100 leavers is one count),
checks each against the table by hand, and solves for any set of (unit, reason, group) cells
holding 1..k-1 leavers (exact rational row reduction; every empty cell is known to it). It
finds nothing; with the old rule (every reason from k_text) it finds the death and the
dismissals, and with the split decided on each page alone (a reason from k, the rest 0 or
k, but no rule over the tree) it finds HS302's three retirements by subtraction.
"""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.analysis import coarsen
from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.exits import results
from bemanna.exits.models import ExitAnswer, ExitReason, ExitSurveyConfig
from bemanna.exits.results import ExitReport
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.workforce.models import Employment, EndReason

TODAY = datetime.date(2026, 6, 1)
BLOCK = (2024, 2025)
K = 5
TREE = {
    "R": None,
    "RS": "R",
    "RS1": "RS",
    "RS2": "RS",
    "HS": "R",
    "HS3": "HS",
    "HS301": "HS3",
    "HS302": "HS3",
    "HS303": "HS3",
    "HS304": "HS3",
}
GROUP = {"RS1": "Läkare"}  # everyone else: Sjuksköterskor
# The leavers of 2025 per ward and HR end reason, by hand.
LEAVERS = {
    "RS1": {"own_request": 6, "retirement": 5},
    "RS2": {"own_request": 3, "retirement": 2},
    "HS301": {"own_request": 8, "retirement": 6, "fixed_term_ended": 5},
    "HS302": {"own_request": 7, "retirement": 3, "disability_pension": 1},
    "HS303": {"own_request": 12, "retirement": 5, "fixed_term_ended": 5, "dismissal": 2,
              "other": 3},
    "HS304": {"own_request": 9, "retirement": 6, "fixed_term_ended": 5, "death": 1, "other": 4},
}  # fmt: skip
SENSITIVE = ("disability_pension", "death", "dismissal")


def _group(code: str) -> str:
    return GROUP.get(code, "Sjuksköterskor")


def _members(code: str) -> list[str]:
    return subtree(TREE, code)


def _count(code: str, reasons) -> int:
    return sum(n for u in _members(code) for r, n in LEAVERS.get(u, {}).items() if r in reasons)


def region_with_leavers(tree, leavers, answered: str, group=lambda code: "Sjuksköterskor"):
    """The tree's units and their leavers of 2025 per HR end reason (by hand), and one exit
    answer in `answered`, which makes the block (its results hidden: too few)."""
    units = make_tree(tree)
    for code, reasons in leavers.items():
        for reason, n in reasons.items():
            people = add_staff(units[code], n, group=group(code))
            Employment.objects.filter(person__in=people).update(
                end=datetime.date(2025, 6, 30), end_reason=reason
            )
    ExitAnswer.objects.create(
        unit=units[answered],
        group="Sjuksköterskor",
        year=2025,
        main_reason=ExitReason.objects.get(code="lon"),
    )
    return units


@pytest.fixture
def demo_like(db, analyst, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a: TODAY)
    return region_with_leavers(TREE, LEAVERS, "HS301", _group)


def _scrape(client) -> dict[str, tuple[int, dict[str, int] | None]]:
    client.login(username="analyst", password=PASSWORD)
    return exit_splits_seen(client, TREE)


def exit_splits_seen(client, codes) -> dict[str, tuple[int, dict[str, int] | None]]:
    """Per unit page of the 2024-2025 block: the number of leavers and the split as counts
    (reason → count, with "rest" for the other reasons), None where not shown."""
    with translation.override("sv"):
        labels = {str(EndReason(r).label): r for r in EndReason.values}
        labels[translation.gettext("Other reasons")] = "rest"
        pattern = re.escape(translation.gettext("%(n)s leavers in these years.")).replace(
            re.escape("%(n)s"), r"(\d+)"
        )
    seen = {}
    for code in codes:
        page = client.get(reverse("exits:results"), {"unit": code, "block": "2024-2025"})
        soup = BeautifulSoup(page.content, "html.parser")
        number = re.search(pattern, soup.get_text())
        if number is None:
            continue
        n = int(number.group(1))
        table = soup.find(id="hr-reasons")
        split = None
        if table is not None:
            split = {}
            for row in table.find_all("tr"):
                label, share = (td.get_text(strip=True) for td in row.find_all("td"))
                percent = int(share.replace("%", "").strip())
                # Whole per cents of at most 100 leavers: one count gives the share.
                [count] = [c for c in range(n + 1) if round(100 * c / n) == percent]
                split[labels[label]] = count
        seen[code] = (n, split)
    return seen


def _attack(seen) -> list:
    atoms = {
        (u, r, _group(u)): n for u, reasons in LEAVERS.items() for r, n in reasons.items() if n
    }
    sums = []
    for code, (n, split) in seen.items():
        assert n == _count(code, EndReason.values), code  # the attacker reads them right
        inside = [a for a in atoms if a[0] in _members(code)]
        sums.append(inside)
        if split is None:
            continue
        rows = {r for r in split if r != "rest"}
        for reason, count in split.items():
            which = set(EndReason.values) - rows if reason == "rest" else {reason}
            assert count == _count(code, which), (code, reason)
            sums.append([a for a in inside if a[1] in which])
    return derivable_small_sets(atoms, sums, K)


def test_no_reason_of_fewer_than_k_leavers_can_be_worked_out(client, demo_like):
    seen = _scrape(client)
    splits = {code: split for code, (_n, split) in seen.items() if split}
    assert splits, "the region's split at least is shown"
    for split in splits.values():
        assert not set(split) & set(SENSITIVE)  # never a row of their own
        assert all(count == 0 or count >= K for count in split.values())
    assert _attack(seen) == []


def test_the_report_withholds_a_split_whose_rest_would_be_small(demo_like):
    """HS304 alone: its own request, retirement and fixed term pass k, but the rest (one
    death and four others) is 5, so the split may show; HS302's three retirements do not,
    and its rest (one disability pension) would be 1: no split of its own there."""
    report = ExitReport(BLOCK, ExitSurveyConfig.current())
    assert "death" not in report.hr_split_reasons
    assert report.hr_reasons(demo_like["HS302"])["shares"] is None


def _old_rule(self, unit):
    """The rule before the review: every reason, from k_text leavers."""
    if unit.pk not in self.hr_shown:
        return None
    counts = self.hr_subtree[unit.pk]
    total = sum(counts.values())
    if unit.pk not in self.hr_exact:
        return {"n": total, "shares": None, "k_text": self.k_text}
    shares = {EndReason(r).label: coarsen.exact_share(c, total)[1] for r, c in counts.most_common()}
    return {"n": total, "shares": shares, "k_text": self.k_text}


def test_the_mutation_every_reason_from_k_text_gives_the_death_away(client, demo_like, monkeypatch):
    monkeypatch.setattr(ExitReport, "hr_reasons", _old_rule)
    seen = _scrape(client)
    assert seen["HS304"][1]["death"] == 1 and seen["HS303"][1]["dismissal"] == 2
    found = _attack(seen)
    assert ([("HS304", "death", "Sjuksköterskor")], 1) in found
    assert ([("HS303", "dismissal", "Sjuksköterskor")], 2) in found


def test_the_mutation_each_page_on_its_own_gives_a_retirement_away(client, demo_like, monkeypatch):
    def page_by_page(self):
        self.hr_pages, self.hr_split_reasons = set(self.hr_exact), set(results.OWN_ROW_REASONS)

    monkeypatch.setattr(ExitReport, "_hr_split", page_by_page)
    seen = _scrape(client)
    assert seen["HS302"][1] is None  # its three retirements: withheld on its own page
    found = _attack(seen)
    assert ([("HS302", "retirement", "Sjuksköterskor")], 3) in found
