"""Answers stored under their counting unit (`counting_units`) show the same as under their
own: every shown unit, its totals and its residual, and every group shown beside them. The
expected side is the rule run on the answers where they were given; the other side moves
each unit's answers by the mapping, written out here from the definition (the nearest unit
at or above with at least k invited in its subtree)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.disclosure import (
    counting_units,
    subtree_totals,
    tree_and_partition,
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

    mapping = {}
    for unit in invited:
        at = unit
        while sum(invited[u] for u in below(at)) < k and parents[at] is not None:
            at = parents[at]
        mapping[unit] = at
    return mapping


def _chain(parents, unit):
    chain = []
    while unit is not None:
        chain.append(unit)
        unit = parents[unit]
    return chain


@settings(max_examples=300, deadline=None)
@given(waves())
def test_answers_under_their_counting_unit_show_the_same(wave):
    parents, invited, cells, k = wave
    mapping = counting_units(parents, invited, k)
    assert mapping == by_hand(parents, invited, k)
    moved = {}
    for (unit, group), n in cells.items():
        key = (mapping[unit], group)
        moved[key] = moved.get(key, 0) + n
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    own_moved = {u: sum(n for (v, _g), n in moved.items() if v == u) for u in parents}
    shown = visible_units(parents, own, k)
    assert visible_units(parents, own_moved, k) == shown
    totals, totals_moved = subtree_totals(parents, own), subtree_totals(parents, own_moved)
    assert {u: totals[u] for u in shown} == {u: totals_moved[u] for u in shown}
    assert tree_and_partition(parents, moved, k) == tree_and_partition(parents, cells, k)
    # And every unit answers are stored under holds k invited in its subtree, or is a root.
    invited_totals = subtree_totals(parents, invited)
    for at in set(mapping.values()):
        assert invited_totals[at] >= k or parents[at] is None
