"""Two partitions of the same people (the unit tree and the groups): nothing under k follows."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.disclosure import (
    mixed_pages,
    pages_and_partition,
    shown_columns,
    shown_parts,
    tree_and_partition,
    visible_units,
)
from bemanna.analysis.tests.solver import (
    derivable_small_sets,
    integer_small_sets,
    tree_and_groups_sums,
)


def test_the_solver_finds_a_unit_minus_a_group_that_lives_only_there():
    # Ward a: 6 doctors and 2 nurses; ward b: 7 nurses. Unit totals and group totals are
    # each at least 5, but the doctors all sit in a: a − doctors = the 2 nurses of a.
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    atoms = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7}
    sums = tree_and_groups_sums(tree, atoms, ["clinic", "a", "b"], ["doctor", "nurse"])
    assert derivable_small_sets(atoms, sums, 5) == [([("a", "nurse")], 2)]


def test_it_hides_the_groups_when_a_unit_minus_a_group_is_small():
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7}
    units, groups = tree_and_partition(tree, cells, 5)
    assert units == {"clinic", "a", "b"} and groups == set()


def test_it_keeps_groups_spread_over_every_unit():
    # Both groups in both wards: any combination of unit and group totals is 0 or ≥ 5
    # (by hand: a=9, b=10, doctors=8, nurses=11; a−doctors is not computable, as the
    # doctors are also in b).
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "doctor"): 4, ("a", "nurse"): 5, ("b", "doctor"): 4, ("b", "nurse"): 6}
    assert tree_and_partition(tree, cells, 5) == ({"clinic", "a", "b"}, {"doctor", "nurse"})


def test_a_group_equal_to_a_unit_is_fine_but_its_remainder_counts():
    # Doctors only in a and a is all doctors: a − doctors = 0, nothing learnt.
    assert shown_columns({"a": 6, "b": 7}, {("a", "doctor"): 6, ("b", "nurse"): 7}, 5) == {
        "doctor",
        "nurse",
    }
    # A group in two wards of three, with the third holding 3 of another group: the two
    # wards minus the group is 3 (rows a, b: 13 − 10).
    cells = {("a", "x"): 5, ("b", "x"): 5, ("b", "y"): 3, ("c", "y"): 8}
    assert shown_columns({"a": 5, "b": 8, "c": 8}, cells, 5) == set()


def test_known_empty_cells_count_as_knowledge():
    # With the support given (a page shows that doctors also work in b, though none of them
    # answered), a − doctors is no longer computable.
    cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7}
    support = {("a", "doctor"), ("a", "nurse"), ("b", "nurse"), ("b", "doctor")}
    assert shown_columns({"a": 8, "b": 7}, cells, 5, support) == {"doctor", "nurse"}


def test_the_flat_rule_hides_a_complement_too():
    assert shown_parts({"a": 40, "b": 12, "c": 3}, 5) == {"a"}
    assert shown_parts({"a": 40, "b": 12, "c": 3}, 5, within={"b"}) == {"b"}
    assert shown_parts({"a": 40, "b": 2, "c": 3}, 5, within={"a"}) == {"a"}
    with pytest.raises(ValueError):
        shown_parts({"a": 4}, 2)
    with pytest.raises(ValueError):
        shown_columns({"a": 2}, {("a", "x"): 2}, 5)


@st.composite
def tables(draw):
    size = draw(st.integers(min_value=1, max_value=4))
    parents = {0: None} | {u: draw(st.integers(0, u - 1)) for u in range(1, size)}
    groups = ["g1", "g2", "g3"][: draw(st.integers(1, 3))]
    cells = {(u, g): draw(st.integers(0, 7)) for u in parents for g in groups}
    # The attacker may know more cells to be possible than hold anyone (a page shows that
    # the group works there); by default only the cells holding someone.
    extra = draw(st.sets(st.sampled_from(sorted(cells)), max_size=3))
    return parents, cells, extra


def _leaks(parents, cells, units, groups, k, support):
    atoms = {a: n for a, n in cells.items() if n > 0 or a in support}
    sums = tree_and_groups_sums(parents, atoms, sorted(units), sorted(groups))
    return derivable_small_sets(atoms, sums, k)


@settings(max_examples=250, deadline=None)
@given(tables(), st.sampled_from([3, 5]), st.booleans())
def test_no_set_under_k_follows_from_the_tree_and_the_groups_together(table, k, with_support):
    parents, cells, extra = table
    support = {a for a, n in cells.items() if n > 0} | (extra if with_support else set())
    units, groups = tree_and_partition(parents, cells, k, support=support if with_support else None)
    assert _leaks(parents, cells, units, groups, k, support) == []
    assert all(sum(n for (_u, g), n in cells.items() if g == group) >= k for group in groups)


def _per_partition(parents, cells, k):
    """The old rule: the tree and the groups each suppressed on its own."""
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    groups: dict = {}
    for (_u, g), n in cells.items():
        groups[g] = groups.get(g, 0) + n
    return visible_units(parents, own, k), shown_parts(groups, k)


def test_suppressing_each_partition_on_its_own_leaks():
    # The mutation check: the rule before this one lets the solver through.
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7, ("b", "doctor"): 0}
    units, groups = _per_partition(tree, cells, 5)
    support = {a for a, n in cells.items() if n > 0}
    assert _leaks(tree, cells, units, groups, 5, support) == [([("a", "nurse")], 2)]
    units, groups = tree_and_partition(tree, cells, 5)
    assert _leaks(tree, cells, units, groups, 5, support) == []


def _page_sums(parents, atoms, units, pages, parts):
    """The atoms behind each shown unit's subtree, and behind each part on each page."""
    sums = tree_and_groups_sums(parents, atoms, units, [])
    for page in pages:
        [inside] = tree_and_groups_sums(parents, atoms, [page], [])
        sums += [[a for a in inside if a[1] == part] for part in parts]
    return sums


@settings(max_examples=250, deadline=None)
@given(tables(), st.sampled_from([3, 5]))
def test_no_set_under_k_follows_from_partitions_on_every_page(table, k):
    parents, cells, _extra = table
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    units = visible_units(parents, own, k)
    pages, parts = pages_and_partition(parents, cells, k, units)
    assert pages <= units
    atoms = {a: n for a, n in cells.items() if n > 0}
    sums = _page_sums(parents, atoms, sorted(units), sorted(pages), sorted(parts))
    assert derivable_small_sets(atoms, sums, k) == []


def test_a_partition_on_every_page_each_part_at_least_k_leaks():
    # The mutation check: the key figures' old rule for analysts (every page, every part
    # of at least k on that page): the clinic's nurses minus ward b's are ward a's 2.
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7, ("b", "doctor"): 5}
    atoms = dict(cells)
    units = ["a", "b", "clinic"]
    old = _page_sums(tree, atoms, units, ["clinic", "b"], ["doctor", "nurse"])
    assert ([("a", "nurse")], 2) in derivable_small_sets(atoms, old, 5)
    pages, parts = pages_and_partition(tree, cells, 5, set(units))
    new = _page_sums(tree, atoms, units, sorted(pages), sorted(parts))
    assert (pages, parts) == ({"clinic"}, {"doctor", "nurse"})
    assert derivable_small_sets(atoms, new, 5) == []


@st.composite
def small_tables(draw):
    size = draw(st.integers(min_value=1, max_value=3))
    parents = {0: None} | {u: draw(st.integers(0, u - 1)) for u in range(1, size)}
    groups = ["g1", "g2"][: draw(st.integers(1, 2))]
    cells = {(u, g): draw(st.integers(0, 5)) for u in parents for g in groups}
    return parents, cells


@settings(max_examples=120, deadline=None)
@given(small_tables())
def test_no_set_under_k_follows_even_with_whole_nonnegative_counts(table):
    # The exact attacker over integers: every assignment of whole numbers ≥ 0 to the cells
    # that gives the shown totals; a set under k with the same total in all of them leaks.
    parents, cells = table
    units, groups = tree_and_partition(parents, cells, 3)
    atoms = {a: n for a, n in cells.items() if n > 0}
    sums = tree_and_groups_sums(parents, atoms, sorted(units), sorted(groups))
    assert integer_small_sets(atoms, sums, 3) == []
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    pages, parts = pages_and_partition(parents, cells, 3, visible_units(parents, own, 3))
    sums = _page_sums(parents, atoms, sorted(units), sorted(pages), sorted(parts))
    assert integer_small_sets(atoms, sums, 3) == []


def test_the_integer_attacker_finds_the_old_rules_leak_too():
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7}
    units, groups = _per_partition(tree, cells, 5)
    sums = tree_and_groups_sums(tree, cells, sorted(units), sorted(groups))
    assert ([("a", "nurse")], 2) in integer_small_sets(cells, sums, 5)


def _pinned_cells(parents, cells, pages, parts, k):
    """The cells (unit, part) an attacker who knows every unit's total (Historik shows the
    leavers of every unit, however few) and each shown part on each page, but not which
    cells are empty, can bound to one value of 1..k-1 (linear programming over nonnegative
    cells: a bound it proves holds for every whole-number answer too)."""
    import numpy as np
    from scipy.optimize import linprog

    # Every unit could hold anyone of any part, and of a part no one has (a reason no one
    # left for): the attacker does not know which cells are empty.
    kinds = {p for _u, p in cells} | {"unused"}
    cells = {(u, p): cells.get((u, p), 0) for u in parents for p in kinds}
    atoms = sorted(cells, key=str)
    rows, values = [], []
    for unit in parents:
        inside = set(subtree_of(parents, unit))
        for part in [None, *sorted(parts, key=str)]:
            if part is not None and unit not in pages:
                continue
            rows.append([1.0 if u in inside and part in (None, p) else 0.0 for u, p in atoms])
            values.append(
                sum(n for (u, p), n in cells.items() if u in inside and part in (None, p))
            )
    a, b = np.array(rows), np.array(values, dtype=float)
    pinned = []
    for i, atom in enumerate(atoms):
        bounds = []
        for sign in (1.0, -1.0):
            c = np.zeros(len(atoms))
            c[i] = sign
            bounds.append(sign * linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs").fun)
        low, high = (round(x) for x in bounds)
        if low == high and 0 < low < k:
            pinned.append((atom, low))
    return pinned


def subtree_of(parents, unit):
    return [u for u in parents if unit in _chain(parents, u)]


def _chain(parents, unit):
    chain = []
    while unit is not None:
        chain.append(unit)
        unit = parents[unit]
    return chain


@settings(max_examples=150, deadline=None)
@given(tables(), st.sampled_from([3, 5]))
def test_with_every_unit_total_known_no_page_gives_a_unit_its_part(table, k):
    parents, cells, _extra = table
    own = {u: sum(n for (v, _g), n in cells.items() if v == u) for u in parents}
    units = visible_units(parents, own, k)
    pages, parts = pages_and_partition(parents, cells, k, units)
    pages = mixed_pages(parents, cells, pages, parts)
    assert _pinned_cells(parents, cells, pages, parts, k) == []


def test_the_mutation_a_page_of_one_part_pins_its_wards():
    # The clinic's 5 all in g1, beside ward a's 1 and b's 4 (every unit's total known).
    tree = {"clinic": None, "a": "clinic", "b": "clinic"}
    cells = {("a", "g1"): 1, ("b", "g1"): 4, ("a", "g2"): 0, ("b", "g2"): 0}
    pages, parts = pages_and_partition(tree, cells, 5, {"clinic"})
    assert pages == {"clinic"}  # the tree rule alone shows it
    assert (("a", "g1"), 1) in _pinned_cells(tree, cells, pages, parts, 5)
    assert mixed_pages(tree, cells, pages, parts) == set()
