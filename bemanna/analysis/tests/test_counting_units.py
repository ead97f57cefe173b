"""Answers stored under their counting unit (`counting_units`) show no figure but a true one:
every unit shown from them shows the total the answers where they were given have; and no
unit answers are stored under holds fewer than k invited unless the whole tree does. The
expected side is the rule run on the answers where they were given; the other side moves
each unit's answers by the mapping, written out here from the definition (the nearest unit
at or above with at least k invited in its subtree; then, from the root down, a unit whose
own pool is 1..k-1 takes in the subtree of its smallest unit below with k invited)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.disclosure import (
    counting_units,
    subtree_totals,
    visible_units,
)


@st.composite
def waves(draw):
    """A tree, the invited per unit, the answers per unit and group (at most the invited)."""
    size = draw(st.integers(min_value=1, max_value=10))
    parents = {0: None}
    for unit in range(1, size):
        parents[unit] = draw(st.integers(min_value=0, max_value=unit - 1))
    invited = {unit: draw(st.integers(min_value=0, max_value=9)) for unit in parents}
    cells = {}
    for unit, n in invited.items():
        answered = draw(st.integers(min_value=0, max_value=n))
        doctors = draw(st.integers(min_value=0, max_value=answered))
        cells[(unit, "doctor")] = doctors
        cells[(unit, "nurse")] = answered - doctors
    return parents, invited, cells, draw(st.sampled_from([3, 5]))


def by_hand(parents, invited, k):
    """The nearest unit at or above each with k invited below it (itself included)."""

    def below(unit):
        return {u for u in parents if unit in _chain(parents, u)}

    def total(unit):
        return sum(invited[u] for u in below(unit))

    mapping = {}
    for unit in invited:
        at = unit
        while total(at) < k and parents[at] is not None:
            at = parents[at]
        mapping[unit] = at
    for unit in sorted(parents, key=lambda u: len(_chain(parents, u))):
        pool = sum(invited[u] for u in invited if mapping[u] == unit)
        if 0 < pool < k and total(unit) >= k:
            big = [c for c in parents if parents[c] == unit and total(c) >= k]
            taken = sorted(big, key=lambda c: (total(c), str(c)))[0]
            for u in below(taken):
                mapping[u] = unit
    return mapping


def _chain(parents, unit):
    chain = []
    while unit is not None:
        chain.append(unit)
        unit = parents[unit]
    return chain


@settings(max_examples=400, deadline=None)
@given(waves())
def test_answers_under_their_counting_unit_show_no_other_figure(wave):
    parents, invited, cells, k = wave
    mapping = counting_units(parents, invited, k)
    assert mapping == by_hand(parents, invited, k)
    moved = {}
    for (unit, group), n in cells.items():
        key = (mapping[unit], group)
        moved[key] = moved.get(key, 0) + n
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    own_moved = {u: sum(n for (v, _g), n in moved.items() if v == u) for u in parents}
    totals, totals_moved = subtree_totals(parents, own), subtree_totals(parents, own_moved)
    shown_moved = visible_units(parents, own_moved, k)
    # Every unit shown from the stored answers shows its true total; a unit whose whole
    # subtree was taken in above shows nothing at all.
    assert {u: totals_moved[u] for u in shown_moved} == {u: totals[u] for u in shown_moved}
    # Every unit answers are stored under holds k invited, or is the root of a tree of fewer.
    pools = {}
    for unit, at in mapping.items():
        pools[at] = pools.get(at, 0) + invited[unit]
    invited_totals = subtree_totals(parents, invited)
    for at, pool in pools.items():
        assert pool == 0 or pool >= k or (parents[at] is None and invited_totals[at] < k)


def test_a_manager_above_wards_of_their_own_is_stored_with_the_smallest_ward():
    # The clinic's own two (a manager and a secretary) over wards of 6 and 7, k = 5: alone
    # they would be a stored unit of two; with the ward of 6 they are eight.
    tree = {"clinic": None, "a": "clinic", "a1": "a", "b": "clinic"}
    mapping = counting_units(tree, {"clinic": 2, "a": 4, "a1": 2, "b": 7}, 5)
    assert mapping == {"clinic": "clinic", "a": "clinic", "a1": "clinic", "b": "b"}
    # Answers where they were given: the clinic 2, ward a 3 (with a1), ward b 5.
    own = {"clinic": 2, "a": 2, "a1": 1, "b": 5}
    stored = {"clinic": 2 + 2 + 1, "a": 0, "a1": 0, "b": 5}
    assert visible_units(tree, own, 5) == {"clinic", "b"}  # a under 5 anyway
    assert visible_units(tree, stored, 5) == {"clinic", "b"}
