"""The count of the long-term sick against the tree (an insider review of Region Demo): a
parent's count minus its shown children's.

The count of people on a sick-leave spell of 60 days or more on the year's last day is a
count of a subtree's people, like the headcount. Hidden only when it was itself under k, a
parent beside all but one or two of its children gave the rest away: in the demo Regionservice
showed 8 and its ward RS1 7 (so RS2 had one), a clinic of 26 beside four of its six wards
(5 + 6 + 5 + 6: the other two had 4), the region's 72 beside three of its four
administrations. The tree below is the demo's shape with those counts.

The attacker scrapes every unit's key-figure page and the board report's Excel workbook (its
"Nyckeltal" sheet) as the analyst sees them, checks each shown count against the definition
(by hand, below), and solves for any set of units holding 1..k-1 of the long-term sick
(exact rational row reduction over every shown count). It finds nothing; with the old rule
(each count on its own) it finds RS2's one, the two wards' four, HS1's three and RU's two.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from bemanna.analysis.tests.solver import derivable_small_sets, subtree
from bemanna.conftest import PASSWORD
from bemanna.keyfigures import services
from bemanna.keyfigures.models import ScheduledHours, SickLeaveSpell
from bemanna.pulse.tests.helpers import add_staff, make_tree
from bemanna.tests.xlsx import Workbook
from bemanna.workforce import frames

YEAR = 2025
K = 5
TREE = {
    "R": None,
    "RS": "R",
    "RS1": "RS",
    "RS2": "RS",
    "FT": "R",
    "RU": "R",
    "HS": "R",
    "HS1": "HS",
    "HS101": "HS1",
    "HS102": "HS1",
    "HS103": "HS1",
    "HS2": "HS",
    **{f"HS20{i}": "HS2" for i in range(1, 7)},
}
# The long-term sick of each ward on 31 December 2025, by hand (the wards alone have staff).
LONG_TERM = {
    "RS1": 7,
    "RS2": 1,
    "FT": 6,
    "RU": 2,
    "HS101": 9,
    "HS102": 2,
    "HS103": 1,
    "HS201": 5,
    "HS202": 6,
    "HS203": 5,
    "HS204": 3,
    "HS205": 1,
    "HS206": 6,
}
OTHERS = 5  # everyone else of a ward: so every unit's sick leave itself is shown
# The rule worked by hand (k = 5): RS 8 beside RS1 7 leaves 1, so RS1 is hidden; HS1 12
# beside HS101 9 leaves 3, so HS101 is hidden; HS2 26 beside its shown 5 + 6 + 5 + 6 leaves
# 4, so the smallest shown (HS201, 5, before HS203 by name) is hidden and 9 are left; the
# region's 54 beside RS 8, FT 6 and HS 38 leaves RU's 2, so FT (the smallest) is hidden.
SHOWN = {"R", "RS", "HS", "HS1", "HS2", "HS202", "HS203", "HS206"}


def _members(code: str) -> list[str]:
    return subtree(TREE, code)


def _count(code: str) -> int:
    return sum(LONG_TERM.get(u, 0) for u in _members(code))


@pytest.fixture
def demo_like(db, analyst):
    units = make_tree(TREE)
    hours, spells = [], []
    for code, sick in LONG_TERM.items():
        people = add_staff(units[code], sick + OTHERS)
        for index, person in enumerate(people):
            hours += [
                ScheduledHours(person=person, month=datetime.date(YEAR, m, 1), hours=160)
                for m in range(1, 13)
            ]
            if index < sick:  # 1 September to beyond the year's end: 122 days on 31 Dec
                spells.append(
                    SickLeaveSpell(person=person, start=datetime.date(YEAR, 9, 1), extent=100)
                )
            elif index == sick:  # a short spell running at the year's end: 31 days
                spells.append(
                    SickLeaveSpell(person=person, start=datetime.date(YEAR, 12, 1), extent=100)
                )
            elif index == sick + 1:  # a long spell that ended in June: not on 31 December
                spells.append(
                    SickLeaveSpell(
                        person=person,
                        start=datetime.date(YEAR, 2, 1),
                        end=datetime.date(YEAR, 6, 30),
                        extent=50,
                    )
                )
    ScheduledHours.objects.bulk_create(hours)
    SickLeaveSpell.objects.bulk_create(spells)
    services._computed.clear()
    frames.forget()
    return units


def _label() -> str:
    with translation.override("sv"):
        return translation.gettext(
            "Long-term sick (spells of 60 days or more) at the end of the year"
        )


def _scrape(client) -> dict[str, dict[str, int]]:
    """What the analyst reads: the count on every unit's page and in every unit's Excel
    board report (the "Nyckeltal" sheet), as shown (None: hidden)."""
    client.login(username="analyst", password=PASSWORD)
    label = _label()
    seen: dict[str, dict[str, int]] = {"page": {}, "xlsx": {}}
    for code in TREE:
        page = client.get(reverse("keyfigures:page"), {"unit": code, "year": YEAR})
        text = BeautifulSoup(page.content, "html.parser").find(id="long-term").get_text()
        if text.strip() != "–":
            seen["page"][code] = int(text.replace("\xa0", "").replace(" ", ""))
        book = client.get(
            reverse("keyfigures:report"), {"unit": code, "year": YEAR, "format": "xlsx"}
        )
        value = Workbook(book.content).pairs("Nyckeltal")[label]
        if value is not None:
            seen["xlsx"][code] = int(float(value))
    return seen


def _attack(seen: dict[str, dict[str, int]]) -> list:
    for shown in seen.values():
        for code, count in shown.items():  # the attacker reads them right
            assert count == _count(code), code
    sums = [_members(code) for shown in seen.values() for code in shown]
    return derivable_small_sets(LONG_TERM, sums, K)


def test_no_parent_minus_its_children_gives_the_long_term_sick_away(client, demo_like):
    seen = _scrape(client)
    assert set(seen["page"]) == SHOWN
    assert seen["xlsx"] == seen["page"]
    assert {code: _count(code) for code in SHOWN} == {
        "R": 54,
        "RS": 8,
        "HS": 38,
        "HS1": 12,
        "HS2": 26,
        "HS202": 6,
        "HS203": 5,
        "HS206": 6,
    }
    assert _attack(seen) == []


def test_the_mutation_each_count_on_its_own_gives_the_few_away(client, demo_like, monkeypatch):
    def on_its_own(self, year):
        k = self.threshold(year)
        return {
            pk
            for pk in self.shown_units(year)
            if self.sick_leave(services._Page(pk), year)["long_term_sick"] >= k
        }

    monkeypatch.setattr(services.KeyFigures, "long_term_units", on_its_own)
    seen = _scrape(client)
    assert seen["page"]["RS"] - seen["page"]["RS1"] == 1
    found = _attack(seen)
    for small in ((["RS2"], 1), (["HS102", "HS103"], 3), (["HS204", "HS205"], 4), (["RU"], 2)):
        assert small in found
