"""The attacker: from everything shown, solve for any group of answers smaller than k."""

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.disclosure import subtree_totals, visible_units


@st.composite
def trees(draw):
    size = draw(st.integers(min_value=1, max_value=9))
    parents = {0: None}
    for unit in range(1, size):
        parents[unit] = draw(st.integers(min_value=0, max_value=unit - 1))
    own = {unit: draw(st.integers(min_value=0, max_value=12)) for unit in parents}
    return parents, own


def derivable_small_groups(parents, own, shown, k):
    """Every set of answers an attacker can compute by adding and subtracting shown totals."""
    atoms = [u for u in parents if own[u] > 0]
    if not atoms or not shown:
        return []

    def members(unit):
        result = set()
        for atom in atoms:
            node = atom
            while node is not None:
                if node == unit:
                    result.add(atom)
                    break
                node = parents[node]
        return result

    matrix = np.array([[1.0 if a in members(u) else 0.0 for a in atoms] for u in shown])
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for size in range(1, len(atoms) + 1):
        for group in itertools.combinations(range(len(atoms)), size):
            vector = np.zeros(len(atoms))
            vector[list(group)] = 1.0
            if np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank:
                count = sum(own[atoms[i]] for i in group)
                if 0 < count < k:
                    found.append(([atoms[i] for i in group], count))
    return found


@settings(max_examples=400, deadline=None)
@given(trees(), st.sampled_from([3, 5, 10]))
def test_no_group_under_k_can_be_solved_for(tree, k):
    parents, own = tree
    shown = visible_units(parents, own, k)
    assert derivable_small_groups(parents, own, sorted(shown), k) == []


@settings(max_examples=200, deadline=None)
@given(trees(), st.sampled_from([3, 5]))
def test_every_shown_unit_has_at_least_k_answers(tree, k):
    parents, own = tree
    totals = subtree_totals(parents, own)
    assert all(totals[u] >= k for u in visible_units(parents, own, k))


def test_the_attacker_does_find_the_naive_threshold_out():
    # The naive rule (hide under k) shows the clinic and two wards: the third is the difference.
    parents = {"clinic": None, "a": "clinic", "b": "clinic", "c": "clinic"}
    own = {"clinic": 0, "a": 6, "b": 5, "c": 1}
    naive = [u for u, total in subtree_totals(parents, own).items() if total >= 5]
    assert derivable_small_groups(parents, own, naive, 5) == [(["c"], 1)]
    assert derivable_small_groups(parents, own, sorted(visible_units(parents, own, 5)), 5) == []


def test_a_threshold_below_three_is_refused():
    with pytest.raises(ValueError):
        visible_units({"a": None}, {"a": 10}, k=2)


@st.composite
def shown_trees(draw):
    size = draw(st.integers(1, 40))
    parents = {0: None} | {unit: draw(st.integers(0, unit - 1)) for unit in range(1, size)}
    return parents, draw(st.sets(st.sampled_from(sorted(parents))))


@settings(max_examples=200, deadline=None)
@given(shown_trees())
def test_each_units_residual_is_its_nearest_shown_unit_at_or_above(tree):
    """`residual_of` remembers the chains it walked (the partition rule calls it on every
    round); it must give what walking each unit's own chain gives."""
    from bemanna.analysis.disclosure import ancestors, residual_of

    parents, shown = tree
    assert residual_of(parents, shown) == {
        unit: next((a for a in ancestors(parents, unit) if a in shown), None) for unit in parents
    }
