"""Several flat partitions of the same people beside the unit tree (group, sex, age band):
the attacker sets every shown unit and every shown part of every partition on every page
against one another in one system, over unit × group × sex × age cells, and solves exactly."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.disclosure import pages_and_partition, pages_and_partitions, visible_units
from bemanna.analysis.tests.solver import (
    derivable_small_sets,
    integer_small_sets,
    tree_and_groups_sums,
)

GROUPS, SEXES, BANDS = ("nurse", "midwife"), ("women", "men"), ("young", "old")


@st.composite
def organisations(draw):
    """A small tree; midwives are all women (a single-sex group), everyone else mixed."""
    size = draw(st.integers(1, 4))
    parents = {0: None} | {u: draw(st.integers(0, u - 1)) for u in range(1, size)}
    cells = {}
    for unit in parents:
        for group in GROUPS:
            for sex in SEXES if group == "nurse" else ("women",):
                for band in BANDS:
                    n = draw(st.integers(0, 6))
                    if n:
                        cells[(unit, (group, sex, band))] = n
    return parents, cells


def _sums(parents, atoms, units, pages, parts):
    """Each shown unit's subtree, and each shown part of each partition on each page."""
    sums = tree_and_groups_sums(parents, atoms, sorted(units), [])
    for page in sorted(pages):
        [inside] = tree_and_groups_sums(parents, atoms, [page], [])
        for i, shown in enumerate(parts):
            sums += [[a for a in inside if a[1][i] == part] for part in sorted(shown)]
    return sums


def _disclose(parents, cells, k, keep=frozenset()):
    own = {u: sum(n for (v, _c), n in cells.items() if v == u) for u in parents}
    units = visible_units(parents, own, k)
    pages, parts = pages_and_partitions(parents, cells, k, units, keep=keep)
    return units, pages, parts


@settings(max_examples=150, deadline=None)
@given(organisations(), st.sampled_from([3, 5]), st.sampled_from([frozenset(), {1, 2}]))
def test_no_set_under_k_follows_from_every_partition_together(organisation, k, keep):
    """With or without sex and age band kept first (the law's sick-leave figures), as the
    key figures decide them."""
    parents, cells = organisation
    units, pages, parts = _disclose(parents, cells, k, keep)
    assert pages <= units
    atoms = {a: n for a, n in cells.items() if n > 0}
    assert derivable_small_sets(atoms, _sums(parents, atoms, units, pages, parts), k) == []


# One unit: five midwives (all women) and seven nurses, five of them men (all young).
MIDWIVES = {
    ("ward", ("midwife", "women", "young")): 5,
    ("ward", ("nurse", "women", "young")): 2,
    ("ward", ("nurse", "men", "young")): 5,
}


def test_each_partition_against_the_tree_alone_gives_the_other_women_away():
    """The mutation check: yesterday's rule decides each partition against the tree only;
    the women minus the midwives are the two women nurses."""
    tree = {"ward": None}
    atoms = dict(MIDWIVES)
    parts = []
    for i in range(3):
        single: dict = {}
        for (unit, cross), n in MIDWIVES.items():
            single[(unit, cross[i])] = single.get((unit, cross[i]), 0) + n
        parts.append(pages_and_partition(tree, single, 5, {"ward"})[1])
    assert parts == [{"midwife", "nurse"}, {"women", "men"}, {"young"}]
    old = _sums(tree, atoms, {"ward"}, {"ward"}, parts)
    leak = ([("ward", ("nurse", "women", "young"))], 2)
    assert leak in derivable_small_sets(atoms, old, 5)
    assert leak in integer_small_sets(atoms, old, 5)


def test_together_the_partitions_show_what_gives_no_one_away():
    tree = {"ward": None}
    units, pages, parts = _disclose(tree, MIDWIVES, 5)
    # By hand: the cell of the two women nurses is hidden, and with it the smallest other
    # cell (the five midwives, complementary suppression); each gives up its smallest part:
    # the nurses (7, tied with the women, groups first) and the midwives (5). Left: women 7
    # and men 5 (no group shows them apart), and the one band.
    assert (pages, parts) == ({"ward"}, [set(), {"women", "men"}, {"young"}])
    atoms = dict(MIDWIVES)
    sums = _sums(tree, atoms, units, pages, parts)
    assert derivable_small_sets(atoms, sums, 5) == []
    assert integer_small_sets(atoms, sums, 5) == []


def test_partitions_spread_evenly_are_all_shown():
    tree = {"region": None, "a": "region", "b": "region"}
    cells = {
        (u, (g, s, "young")): 5 for u in ("a", "b") for g in ("nurse", "doctor") for s in SEXES
    }
    units, pages, parts = _disclose(tree, cells, 5)
    assert units == {"region", "a", "b"} and pages == units
    assert parts == [{"nurse", "doctor"}, set(SEXES), {"young"}]


# One unit. Nurses 40: women 30–49 20, women 50+ 8, men 30–49 2, men 50+ 10; doctors 16:
# women 30–49 5, men 30–49 6, women 50+ 5; admin 10, all women 30–49. By sex and band
# alone every cell holds five or more (women 30–49 35, 50+ 13; men 30–49 8, 50+ 10); the one
# small cell is the two men nurses of 30–49. Margins: nurses 40, doctors 16, admin 10;
# women 48, men 18; 30–49 43, 50+ 23.
STAFF = {
    ("ward", ("nurse", "women", "mid")): 20,
    ("ward", ("nurse", "women", "old")): 8,
    ("ward", ("nurse", "men", "mid")): 2,
    ("ward", ("nurse", "men", "old")): 10,
    ("ward", ("doctor", "women", "mid")): 5,
    ("ward", ("doctor", "men", "mid")): 6,
    ("ward", ("doctor", "women", "old")): 5,
    ("ward", ("admin", "women", "mid")): 10,
}


def test_the_kept_partitions_give_way_last():
    tree = {"ward": None}
    atoms = dict(STAFF)
    # Smallest part first: the cell of two gives up the men (18 < 40 and 43).
    _units, _pages, parts = _disclose(tree, STAFF, 5)
    assert "men" not in parts[1]
    # Sex and band kept: the cell of two gives up the nurses, and the cell hidden beside it
    # (complementary suppression: the smallest other, the doctors' five women of 30–49,
    # first of the fives by name) the doctors. Left: admin and the rest; every cell of
    # group-or-rest × sex × band holds five or more (rest: 25, 13, 8, 10; admin 10). Tried
    # back, the nurses and the doctors each bring back a cell of two (the nurses', or with
    # the doctors shown the rest's men of 30–49): neither stays.
    units, pages, parts = _disclose(tree, STAFF, 5, keep={1, 2})
    assert (pages, parts) == ({"ward"}, [{"admin"}, {"women", "men"}, {"mid", "old"}])
    # (The integer solver's search is too slow for cells of twenty; the exact one answers.)
    assert derivable_small_sets(atoms, _sums(tree, atoms, units, pages, parts), 5) == []
