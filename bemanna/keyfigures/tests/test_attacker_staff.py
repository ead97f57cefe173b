"""The year-end staff figures against the tree (an insider review, item M1): headcount, FTE,
competence-plan coverage and turnover of a parent minus those of its shown children.

Clinic C has ward a (eight people all year) and ward b (six people until June, two of them
all year). Over the year ward b has six people, so its sick leave is shown; on the year's
last day it has two. Shown on the sick leave's units alone, the clinic's headcount minus ward
a's is ward b's two (and their FTE and plans). The attacker scrapes every unit's page as the
analyst sees it and solves, in exact rational arithmetic, for any set of units whose
year-end staff (or staff during the year) is 1..k-1 people. It finds nothing; with the
staff figures on the sick leave's units (the mutation) it finds ward b's two."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import disclosure
from bemanna.analysis.tests.solver import derivable_small_sets, integer_small_sets, subtree
from bemanna.keyfigures import services
from bemanna.keyfigures.models import CompetencePlan, ScheduledHours
from bemanna.keyfigures.summary import summary
from bemanna.org.models import Level, Unit
from bemanna.pulse.tests.helpers import add_staff
from bemanna.tests.strategies import trees
from bemanna.workforce import frames
from bemanna.workforce.models import Employment

TODAY = datetime.date(2026, 2, 1)
K = 5
TREE = {"R": None, "C": "R", "a": "C", "b": "C", "D": "R"}
LAST_DAY = {"a": 8, "b": 2, "D": 8}  # the staff on 31 December, by hand
DURING = {"a": 8, "b": 6, "D": 8}  # everyone employed in the year


def _organisation():
    units: dict[str, Unit] = {}
    for code, parent in TREE.items():
        units[code] = Unit.objects.create(
            code=code,
            name=code,
            level=Level.REGION if parent is None else Level.UNIT,
            parent=units[parent] if parent else None,
        )
    for code, count in DURING.items():
        for index, person in enumerate(add_staff(units[code], count, rate=80)):
            leaves = code == "b" and index >= LAST_DAY["b"]
            if leaves:
                Employment.objects.filter(person=person).update(end=datetime.date(2025, 6, 30))
            CompetencePlan.objects.create(person=person, has_plan=index % 2 == 0)
            for month in range(1, 7 if leaves else 13):
                ScheduledHours.objects.create(
                    person=person, month=datetime.date(2025, month, 1), hours=160
                )
    services._computed.clear()
    frames.forget()
    return services.key_figures(2025, TODAY)


def _members(code: str) -> list[str]:
    return subtree(TREE, code)


def _attack(data) -> tuple[dict, list]:
    """Every unit's staff figures as its page shows them, and what follows from them."""
    seen = {}
    for unit in Unit.objects.all():
        page = summary(data, unit, manager=False)
        if page["staff"]["headcount"] is not None:
            seen[unit.code] = (page["staff"]["headcount"], page["staff"]["fte"])
        if page["turnover"] is not None:
            seen.setdefault("turnover", set()).add(unit.code)
    turnover = seen.pop("turnover", set())
    for code, (headcount, fte) in seen.items():  # the attacker reads them right
        assert headcount == sum(LAST_DAY.get(u, 0) for u in _members(code))
        assert fte is None or round(fte, 6) == round(0.8 * headcount, 6)
    sums = [_members(code) for code in seen | dict.fromkeys(turnover)]
    found = []
    for population in (LAST_DAY, DURING):
        found += derivable_small_sets(population, sums, K)
        found += integer_small_sets(population, sums, K)
    return seen | {"turnover": turnover}, found


def test_no_parent_minus_its_children_gives_a_small_wards_staff_away(db):
    data = _organisation()
    b = Unit.objects.get(code="b")
    # Six people over the year, but two from July: its sick leave is hidden (each month's
    # figure is decided too, `services._every_month`), and its staff with it.
    assert b.pk not in data.shown_units(2025)
    seen, found = _attack(data)
    # Ward b's two hide it, and then ward a (the clinic minus a would be b's two); turnover
    # is shown on the same units.
    assert seen.pop("turnover") == {"R", "C", "D"}
    assert set(seen) == {"R", "C", "D"}
    assert found == []
    # The FTE is Historik's, by its decision: ward b's four who left in June make R's and
    # C's FTE beside 2024 their rates, so only D's (8 people at 80 %, no one came or went).
    assert {code: fte for code, (_n, fte) in seen.items()} == {"R": None, "C": None, "D": 6.4}


def test_the_mutation_staff_on_the_sick_leaves_units_gives_the_two_away(db, monkeypatch):
    # The sick leave's units as decided over the year alone (b's six shown), and the staff
    # on them.
    monkeypatch.setattr(services, "_every_month", lambda parents, people, k, shown: shown)
    monkeypatch.setattr(
        services.KeyFigures,
        "staff_units",
        lambda self, year=None: self.shown_units(self.year if year is None else year),
    )
    seen, found = _attack(_organisation())
    assert seen["C"][0] - seen["a"][0] == 2
    assert (["b"], 2) in found
    assert "b" in seen["turnover"]  # the old rule: the turnover of b's six, four of whom left


def test_each_population_is_decided_over_the_tree():
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    during = {"a": {1, 2, 3, 4, 5}, "b": {6, 7, 8, 9, 10}}
    last = {"a": {1, 2, 3, 4, 5}, "b": {6, 7}}
    assert disclosure.visible_units_of_populations(tree, [during], k=5) == {"clinic", "a", "b"}
    assert disclosure.visible_units_of_populations(tree, [last, during], k=5) == {"clinic"}
    # Limited to units decided before: the rule still holds inside them.
    assert disclosure.visible_units_of_populations(tree, [during], k=5, within={"a", "b"}) == {
        "a",
        "b",
    }


@st.composite
def _populations(draw):
    """A tree, the people of each unit over the year, and those of them still there on
    its last day (each person in one unit: movers are tested in test_reorganisation)."""
    parents = draw(trees(6))
    during, serial = {}, 0
    for u in parents:
        n = draw(st.integers(0, 8))
        during[u] = set(range(serial, serial + n))
        serial += n
    last = {u: {p for p in people if draw(st.booleans())} for u, people in during.items()}
    return parents, during, last


@settings(max_examples=200, deadline=None)
@given(_populations())
def test_no_population_leaves_a_small_set_to_solve_for(case):
    """Every shown unit's figures, in each population, solved together (exact rational row
    reduction): no set of units holding 1..k-1 of that population's people follows."""
    parents, during, last = case
    shown = disclosure.visible_units_of_populations(parents, [last, during], k=K)
    for population in (last, during):
        atoms = {u: len(people) for u, people in population.items()}
        inside = {u: [v for v in parents if u in disclosure.ancestors(parents, v)] for u in shown}
        assert all(sum(atoms[v] for v in inside[u]) >= K for u in shown)
        assert derivable_small_sets(atoms, list(inside.values()), K) == []
