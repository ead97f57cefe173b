"""Two days' units and profession groups together: no one person's figure follows.

`over_time` compares two days by blocks of units (`few_apart`, exact for units alone). A
page's profession groups are a second partition of the same people: the region's
biomedical analysts on two days beside the FTE of the laboratory most of them work in, and
the laboratory's few others who did not change, leave the one analyst elsewhere who did
(an insider's twenty-sixth round, 19 such sets on the demo). Blocks do not describe what
two crossing partitions give; linear algebra does.

Every figure of the two days is a sum of people's values (a unit's subtree, a page's group
over its subtree); a person whose value is the same on both days is one unknown, one who
changed or is there on one day only has one per day. People with the same figures on both
days (the same *class*) share every coefficient: a combination of the figures holds all of
a class or none of it. The combinations that hold no class of k people or more form a
space; a class, or two together, that some combination of it isolates is a few people's
figures when they are 1..k-1 (a class alone: its column is no combination of the others'
in that space; two classes: their columns there are parallel). The later day then gives up
a group figure the combination uses: the page shows only its total, or on the region's own
page the group joins the rest. Sets of three or more classes are not looked for: on Region
Demo that search took six minutes for the ten years and hid the region's doctors in two of
them, and an insider's exact search still finds 12 combinations of three or four people
(README, known limits).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np

from bemanna.analysis.forecast.shown import Shown

if TYPE_CHECKING:
    from bemanna.analysis.forecast.over_time import _People

_TOLERANCE = 1e-8
# Figures each person adds a known amount to: being there (1), which the headcounts show.
PUBLIC = frozenset({"present"})


def cross_apart(
    pair: tuple[_People, int, int], earlier: Shown, later: Shown, k: int
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the later day gives up so that no combination of the two days' unit and group
    figures is one class's (or two classes') of 1..k-1 people: (units to hide, pages that
    show only their total, groups that join the rest), each empty when none is.

    Example: the region R shows its FTE and ward w's on day one; three B work in w, one B
    and five A in the region's own staff. On day two the region's B has gone from 50 % to
    100 %, w is hidden, and the region's page shows groups A and B: its B minus w's FTE
    the day before is her rate.
        >>> import datetime as dt
        >>> import polars as pl
        >>> from bemanna.analysis.forecast.over_time import Release, _People
        >>> tree = {"R": None, "w": "R"}
        >>> def day(rate):
        ...     return pl.DataFrame({"person": list(range(9)),
        ...         "unit_id": ["w"] * 3 + ["R"] * 6, "group": ["B"] * 4 + ["A"] * 5,
        ...         "rate": [50.0] * 3 + [rate] + [50.0] * 5})
        >>> one = Shown(3, frozenset({"R", "w"}), frozenset(), frozenset())
        >>> two = Shown(3, frozenset({"R"}), frozenset({"R"}), frozenset({"A", "B"}))
        >>> days = [Release(dt.date(2024, 12, 31), tree, day(50.0), one),
        ...         Release(dt.date(2025, 12, 31), tree, day(100.0), two)]
        >>> cross_apart((_People(days, ["rate"]), 0, 1), one, two, 3)
        (set(), set(), {'B'})

        Without her change her rate (the same on both days) follows all the same; with the
        region's own page showing only its total on day two, nobody's does.
        >>> days[1] = Release(dt.date(2025, 12, 31), tree, day(50.0), two)
        >>> cross_apart((_People(days, ["rate"]), 0, 1), one, two, 3)
        (set(), set(), {'B'})
        >>> total = Shown(3, frozenset({"R"}), frozenset(), frozenset())
        >>> cross_apart((_People(days, ["rate"]), 0, 1), one, total, 3)
        (set(), set(), set())
    """
    people, first, second = pair
    sides = [_Side(people, first, earlier), _Side(people, second, later)]
    offset = len(sides[0].rows)
    for figure, name in enumerate(people.figures):
        if name in PUBLIC:
            continue
        found = _few(people, sides, offset, figure, k)
        if found is not None:
            combination, atoms = found
            return _give_up(people, second, sides, combination[offset:], atoms)
    return set(), set(), set()


class _Side:
    """One day's figures as rows, and each of its people's atom: the rows they count in."""

    def __init__(self, people: _People, day: int, shown: Shown) -> None:
        self.day = day
        parents = people.releases[day].parents
        self.rows: dict[tuple[Hashable, ...], int] = {}
        units_rows: dict[Hashable, tuple[int, ...]] = {}
        units_pages: dict[Hashable, tuple[Hashable, ...]] = {}
        for unit in people.units:
            chain, node, seen = [], unit, 0
            while node is not None and seen <= len(parents):
                chain.append(node)
                node, seen = parents.get(node), seen + 1
            units_rows[unit] = tuple(
                self.rows.setdefault(("unit", u), len(self.rows)) for u in chain if u in shown.units
            )
            units_pages[unit] = tuple(u for u in chain if u in shown.pages)
        names = {number: group for group, number in people.groups.items()}
        atoms: dict[tuple[int, ...], int] = {}
        self.atom_rows: list[tuple[int, ...]] = []
        unit_names = {number: unit for unit, number in people.units.items()}
        codes = people.unit[day] * (len(names) + 1) + people.group[day]
        unique, inverse = np.unique(codes, return_inverse=True)
        of_code = np.empty(len(unique), dtype=np.int64)
        for index, code in enumerate(unique.tolist()):
            unit = unit_names[code // (len(names) + 1)]
            group = names[code % (len(names) + 1)]
            rows = list(units_rows[unit])
            if group in shown.groups:
                rows += [
                    self.rows.setdefault(("group", page, group), len(self.rows))
                    for page in units_pages[unit]
                ]
            key = tuple(sorted(rows))
            if not key:
                of_code[index] = -1
                continue
            if key not in atoms:
                atoms[key] = len(atoms)
                self.atom_rows.append(key)
            of_code[index] = atoms[key]
        self.atom = of_code[inverse.reshape(-1)] if len(codes) else np.zeros(0, dtype=np.int64)
        self.names = sorted(self.rows, key=self.rows.__getitem__)  # per row, its figure


def _few(
    people: _People, sides: list[_Side], offset: int, figure: int, k: int
) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
    """A combination of both days' rows (earlier day's first) that isolates one class or
    two of 1..k-1 people in `figure`, and those classes' atoms on each day (-1: none); or
    None."""
    atom1, atom2, value1, value2, here1, here2 = _joined(people, sides, figure)
    changed = ~(here1 & here2) | (value1 != value2)
    inside = (atom1 >= 0) | (atom2 >= 0)
    keys = np.stack([atom1, atom2, changed.astype(np.int64)], axis=1)[inside]
    classes, weight = np.unique(keys, axis=0, return_counts=True)
    n_rows = offset + len(sides[1].rows)
    columns: list[tuple[int, ...]] = []
    column_class: list[int] = []
    for index, (a1, a2, moved) in enumerate(classes.tolist()):
        rows1 = sides[0].atom_rows[a1] if a1 >= 0 else ()
        rows2 = tuple(offset + r for r in sides[1].atom_rows[a2]) if a2 >= 0 else ()
        if not moved:
            columns.append(rows1 + rows2)
            column_class.append(index)
            continue
        for rows in (rows1, rows2):
            if rows:
                columns.append(rows)
                column_class.append(index)
    matrix = np.zeros((n_rows, len(columns)))
    for j, rows in enumerate(columns):
        matrix[list(rows), j] = 1.0
    of_column = np.array(column_class, dtype=np.int64)
    big = weight[of_column] >= k
    combos = _left_null(matrix[:, big]) if big.any() else np.eye(n_rows)
    if not combos.shape[1]:
        return None
    small = np.flatnonzero(~big)
    image = combos.T @ matrix[:, small]
    basis = _row_basis(image)
    if not len(basis):
        return None
    # The projector onto what no combination reaches, P = I - BᵀB (B's rows orthonormal): a
    # zero row is a column some combination isolates; two parallel rows, two columns it
    # holds together alone. P is symmetric and idempotent, so its rows' products are its
    # entries: |Pᵢⱼ| = |Pᵢ|·|Pⱼ| for parallel rows, |Pᵢ|² = Pᵢᵢ.
    products = basis.T @ basis
    squares = 1.0 - np.diag(products)
    norms = np.sqrt(np.clip(squares, 0.0, None))
    candidates = [[c] for c in np.flatnonzero(squares < 1e-9).tolist()]
    live = np.flatnonzero(squares >= 1e-9)
    if len(live) > 1:
        cosine = np.abs(products[np.ix_(live, live)]) / np.outer(norms[live], norms[live])
        first, second = np.nonzero(np.triu(cosine > 1 - 1e-9, 1))
        candidates += [
            [int(live[a]), int(live[b])]
            for a, b in zip(first.tolist(), second.tolist(), strict=True)
        ]
    for chosen in candidates:
        held = {int(of_column[small[c]]) for c in chosen}
        if 0 < sum(int(weight[c]) for c in held) < k:
            others = np.ones(len(columns), dtype=bool)
            others[[small[c] for c in chosen]] = False
            space = _left_null(matrix[:, others])
            reach = np.abs(space.T @ matrix[:, small[chosen]]).max(axis=1)
            if len(reach) and reach.max() > _TOLERANCE:
                atoms = [(int(classes[c][0]), int(classes[c][1])) for c in sorted(held)]
                return space[:, int(np.argmax(reach))], atoms
    return None


def _joined(
    people: _People, sides: list[_Side], figure: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per person of either day: their atom on each day (-1: in no row, or not there), their
    value of `figure` (0 where not there) and whether they are there."""
    first, second = (people.person[side.day] for side in sides)
    everyone = np.union1d(first, second)
    found = []
    for side, persons in zip(sides, (first, second), strict=True):
        where = np.searchsorted(everyone, persons)
        atom = np.full(len(everyone), -1, dtype=np.int64)
        value = np.zeros(len(everyone))
        here = np.zeros(len(everyone), dtype=bool)
        atom[where] = side.atom
        value[where] = people.values[side.day][:, figure]
        here[where] = True
        found.append((atom, value, here))
    (atom1, value1, here1), (atom2, value2, here2) = found
    return atom1, atom2, value1, value2, here1, here2


def _left_null(matrix: np.ndarray) -> np.ndarray:
    """The combinations of `matrix`'s rows that give 0 in every column, as columns."""
    if not matrix.shape[1]:
        return np.eye(matrix.shape[0])
    u, s, _vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((s > _TOLERANCE * max(1.0, s[0])).sum()) if len(s) else 0
    return u[:, rank:]


def _row_basis(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal rows spanning `matrix`'s rows."""
    if not matrix.size:
        return np.zeros((0, matrix.shape[1]))
    _u, s, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((s > _TOLERANCE * max(1.0, s[0])).sum()) if len(s) else 0
    return vt[:rank]


def _give_up(
    people: _People,
    day: int,
    sides: list[_Side],
    combination: np.ndarray,
    atoms: list[tuple[int, int]],
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the later day gives up: a group figure that holds the isolated people (on
    either day): of the pages but the region's, the one of the fewest people (it shows only
    its total); else the group of the fewest people (it joins the rest). Where none is
    shown on the later day, what the combination (its rows' weights on the later day) uses
    the same way, or the unit of the fewest people it uses."""
    from bemanna.analysis.forecast.over_time import _fewest  # over_time imports this module

    later = sides[1]
    held = {
        side.names[row]
        for side, atom in zip(sides, zip(*atoms, strict=True), strict=True)
        for a in atom
        if a >= 0
        for row in side.atom_rows[a]
        if side.names[row][0] == "group"
    }
    found = _group_given_up(people, day, held & set(later.rows))
    if found != (set(), set(), set()):
        return found
    used = [later.names[r] for r in np.flatnonzero(np.abs(combination) > _TOLERANCE).tolist()]
    found = _group_given_up(people, day, {n for n in used if n[0] == "group"})
    if found != (set(), set(), set()):
        return found
    parents = people.releases[day].parents
    units = [name[1] for name in used if name[0] == "unit"]
    below = [u for u in units if parents.get(u) is not None] or units
    fewest = _fewest(below, people.totals(day))
    return (set(), set(), set()) if fewest is None else ({fewest}, set(), set())


def _group_given_up(
    people: _People, day: int, figures: set[tuple[Hashable, ...]]
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """Of group figures (("group", page, group)) shown on the later day: the page of the
    fewest people but the region's; else the group of the fewest people."""
    from bemanna.analysis.forecast.over_time import _fewest, _smallest

    parents = people.releases[day].parents
    pages = [name[1] for name in figures if parents.get(name[1]) is not None]
    if pages:
        return set(), {_fewest(pages, people.totals(day))}, set()
    groups = {str(name[2]) for name in figures}
    if groups:
        return set(), set(), {_smallest(people.releases[day].people, groups)}
    return set(), set(), set()
