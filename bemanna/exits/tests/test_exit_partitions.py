"""The attacker against the exit survey's two partitions of the same answers: the units (every
page, as analyst and manager) and the profession groups (the region's page), solved together
for any set of answers under the threshold (unit × group cells as unknowns, every empty cell
known to the attacker: stronger than what the history page's headcounts reveal)."""

from django.db import transaction
from django.test import override_settings
from hypothesis import given

from bemanna.analysis.tests.solver import derivable_small_sets, tree_and_groups_sums
from bemanna.conftest import PASSWORD
from bemanna.exits import results
from bemanna.exits.models import ExitSurveyConfig
from bemanna.exits.tests.test_exits import _answers, _seen, organisations
from bemanna.tests.strategies import (
    attackers,
    build_units,
    by_code,
    each_partition_alone,
    end_to_end,
)

GROUPS = ("G1", "G2", "G3")


def _attack(client, parents, answers, managed):
    """What the analyst and a manager can work out: the sets of answers under k found."""
    units = build_units(parents)
    for (u, group, year), count in answers.items():
        _answers(units[u], year, count, group=group)
    k = ExitSurveyConfig.current().min_answers
    seen = set()
    for user in attackers(units[managed]):
        client.login(username=user.username, password=PASSWORD)
        seen |= _seen(client, [f"U{u}" for u in parents])
    tree = by_code(parents)
    atoms = {
        (f"U{u}", f"group:{g}"): sum(answers.get((u, g, y), 0) for y in (2024, 2025))
        for u in parents
        for g in GROUPS
    }
    atoms = {a: n for a, n in atoms.items() if n}
    shown_units = sorted({unit for _b, unit, _n in seen if not unit.startswith("group:")})
    shown_groups = sorted({unit for _b, unit, _n in seen if unit.startswith("group:")})
    sums = tree_and_groups_sums(tree, atoms, shown_units, shown_groups)
    return derivable_small_sets(atoms, sums, k), shown_units, shown_groups


@end_to_end(max_examples=15)
@given(organisations())
def test_no_mix_of_unit_and_group_pages_gives_a_small_group_away(client, db, organisation):
    parents, answers, managed = organisation
    with transaction.atomic():
        leaks, _units, _groups = _attack(client, parents, answers, managed)
        assert leaks == []
        transaction.set_rollback(True)


# Ward 1: six answers from G1 and two from G2; ward 2: seven from G2. Each unit and each
# group holds at least five, but G1 sits in ward 1 only: ward 1 minus G1 is 2 answers.
WARDS = {0: None, 1: 0, 2: 0}
ANSWERS = {(1, "G1", 2024): 6, (1, "G2", 2025): 2, (2, "G2", 2024): 7}
# These two are about the partitions: k_text is set to k, or the units under the exact region
# would be withheld as coarse (test_exits.py tests that) before the partitions are reached.
ONE_THRESHOLD = override_settings(MIN_GROUP_TEXT=5)


@ONE_THRESHOLD
def test_the_region_page_shows_the_units_but_not_the_groups_that_would_leak(client, db):
    leaks, units, groups = _attack(client, WARDS, ANSWERS, 1)
    assert leaks == []
    assert units == ["U0", "U1", "U2"] and groups == []


@ONE_THRESHOLD
def test_suppressing_each_partition_on_its_own_lets_the_attacker_through(client, db, monkeypatch):
    """The mutation check: the rule before this one (units and groups each on its own)."""
    monkeypatch.setattr(results, "tree_and_partition", each_partition_alone)
    leaks, _units, groups = _attack(client, WARDS, ANSWERS, 1)
    assert groups == ["group:G1", "group:G2"]
    assert leaks == [([("U1", "group:G2")], 2)]
