"""Two days' units and profession groups together: no few people's figures follow.

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
a class or none of it. A set of classes of 1..k-1 people that some combination holds alone
is a few people's figures, however many classes (an insider's twenty-seventh round found
three hires at Folktandvården beside the region's Tandvård a year before): `_Light`
searches them all. What the earlier day gives on its own was shown before and is not the
later day's to close (the first day is solved on its own, `over_time`). The later day then
gives up a group figure the combination uses: the page shows only its total, or on the
region's own page the group joins the rest.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

import numpy as np

from bemanna.analysis.forecast.shown import Shown

if TYPE_CHECKING:
    from bemanna.analysis.forecast.over_time import _People

_TOLERANCE = 1e-8
# The most sets of columns `_Light.few` tries of one size (each a small Gram matrix in one
# array: some 100 MB at five sets); beyond, it gives up the lightest set (more hidden, never
# less). With k at its default of 5 Region Demo stays far below (17 550 at most).
_BUDGET = 500_000
# Figures each person adds a known amount to: being there (1), which the headcounts show.
PUBLIC = frozenset({"present"})


def cross_apart(
    pair: tuple[_People, int, int], earlier: Shown, later: Shown, k: int
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the later day gives up so that no combination of the two days' unit and group
    figures is 1..k-1 people's beyond what the earlier day gives on its own: (units to
    hide, pages that show only their total, groups that join the rest), each empty when
    none is.

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
    """A combination of both days' rows (earlier day's first) that is a sum over classes of
    1..k-1 people in `figure`, and those classes' atoms on each day (-1: none); or None."""
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
    found = _Light(matrix, of_column, weight, k, offset).few()
    if found is None:
        return None
    chosen, combination = found
    held = sorted({int(of_column[c]) for c in chosen})
    atoms = [(int(classes[c][0]), int(classes[c][1])) for c in held]
    return combination, atoms


class _Light:
    """The combinations of two days' figures that hold no class of k people or more, and
    what they give of the classes of fewer (the *light* columns).

    A combination that holds a column holds every column *parallel* to it in what the
    combinations give (the same figure up to a factor): where those columns' classes are k
    people or more, no combination of a few holds any of them, so they count as heavy too,
    until none is left. What remains is small (on Region Demo at most 55 sets of parallel
    columns a pair of years, from some 900 columns, and at most 17 550 sets of them of one
    size to try), and a set of them is what some combination gives alone exactly when their
    vectors in the space no combination reaches (P = I - BᵀB, B the combinations' image's
    orthonormal rows) are linearly dependent: a zero Gram determinant. Sets are grown one
    set of columns at a time, in order, while their classes are 1..k-1 people."""

    def __init__(
        self, matrix: np.ndarray, of_column: np.ndarray, weight: np.ndarray, k: int, offset: int
    ) -> None:
        self.matrix, self.of_column, self.weight, self.k = matrix, of_column, weight, k
        self.offset = offset
        heavy = weight[of_column] >= k
        # The combinations as the projector onto them (the rows' space less what the heavy
        # columns span): the same geometry as a basis of them, for an economy SVD.
        span = _span(matrix[:, heavy])
        combos = np.eye(matrix.shape[0]) - span @ span.T
        while True:
            light = np.flatnonzero(~heavy)
            image = combos @ matrix[:, light]
            norms = np.linalg.norm(image, axis=0)
            live = norms > _TOLERANCE
            light, image = light[live], image[:, live] / norms[live]
            sets = _parallel(image)
            newly = [
                light[members] for members in sets if self._people(of_column[light[members]]) >= k
            ]
            if not newly:
                break
            added = np.concatenate(newly)
            heavy[added] = True
            span = _span(combos @ matrix[:, added])
            combos = combos - span @ span.T
        self.sets = [light[members] for members in sets]
        firsts = [int(members[0]) for members in sets]  # a column of each set
        self.image = image[:, firsts]
        # What the earlier day gives alone (shown before: not the later day's to close), the
        # same way: its rows' combinations that give 0 in every heavy column.
        earlier = matrix[:offset, light[firsts]]
        if offset:
            span = _span(matrix[:offset, heavy])
            earlier = earlier - span @ (span.T @ earlier)
        self.earlier = earlier

    def _people(self, columns: np.ndarray) -> int:
        return int(self.weight[np.unique(columns)].sum())

    def few(self, largest: int | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """The light columns of a set of 1..k-1 people some combination that uses the later
        day gives alone (beyond what the earlier day gives alone), and that combination;
        None when there is none. `largest`: the most sets of columns tried together (the
        tests' weakened rule; None: as many as hold fewer than k people)."""
        n = len(self.sets)
        if not n:
            return None
        # A set of columns some combination gives alone exactly where their rows of P are
        # linearly dependent (|T| - rank P[T, T] of them); the earlier day alone gives
        # |T| - rank Pₑ[T, T] (Pₑ of its own combinations), never more.
        outside = _outside(self.image)
        before = _outside(self.earlier)
        diagonal = np.diag(outside)
        norms = np.where(diagonal < 1e-9, 1.0, np.sqrt(np.clip(diagonal, 1e-300, None)))
        gram = outside / np.outer(norms, norms)
        people = np.array([self._people(self.of_column[c]) for c in self.sets])
        # People two sets share (a class that changed has a column on each day).
        shared = np.zeros((n, n), dtype=np.int64)
        for a in range(n):
            for b in range(a + 1, n):
                common = np.intersect1d(self.of_column[self.sets[a]], self.of_column[self.sets[b]])
                shared[a, b] = shared[b, a] = int(self.weight[common].sum())
        # Every set holds fewer than k people (heavier ones are heavy); sets are grown by
        # each set after their last while they hold fewer than k.
        grown = np.arange(n)[:, None]
        while True:
            determinant = np.linalg.det(gram[grown[:, :, None], grown[:, None, :]])
            dependent = np.flatnonzero(np.abs(determinant) < 1e-9)
            if len(dependent):
                sets = grown[dependent]
                given = np.linalg.matrix_rank(outside[sets[:, :, None], sets[:, None, :]], tol=1e-9)
                alone = np.linalg.matrix_rank(before[sets[:, :, None], sets[:, None, :]], tol=1e-9)
                new = np.flatnonzero(given < alone)
                if len(new):
                    return self._combination(sets[new[0]].tolist())
            if grown.shape[1] == (n if largest is None else min(n, largest)):
                return None
            after = n - 1 - grown[:, -1]
            if after.sum() > _BUDGET:
                return self._combination([int(np.argmin(people))])
            rows = np.repeat(np.arange(len(grown)), after)
            starts = np.repeat(np.cumsum(after) - after, after)
            nexts = np.repeat(grown[:, -1] + 1, after) + np.arange(len(rows)) - starts
            grown = np.concatenate([grown[rows], nexts[:, None]], axis=1)
            total = people[grown].sum(axis=1)
            for i in range(grown.shape[1]):
                for j in range(i + 1, grown.shape[1]):
                    total -= shared[grown[:, i], grown[:, j]]
            grown = grown[total < self.k]
            if not len(grown):
                return None

    def _combination(self, chosen: list[int]) -> tuple[np.ndarray, np.ndarray]:
        """The columns of the sets `chosen` and a combination of the rows that holds them
        and no other column (or, where the search gave up, one that holds the set)."""
        columns = np.concatenate([self.sets[c] for c in chosen])
        others = np.ones(len(self.sets), dtype=bool)
        others[chosen] = False
        # A chosen set's image less its part in the other sets' span: a combination (in the
        # projector's range) that gives 0 in every other set, and in every column in no set.
        span = _span(self.image[:, others])
        rest = self.image[:, chosen] - span @ (span.T @ self.image[:, chosen])
        reach = np.linalg.norm(rest[self.offset :], axis=0)
        if reach.max() > _TOLERANCE:
            return columns, rest[:, int(np.argmax(reach))]
        # The search gave up (`_BUDGET`): a combination of the light that holds the set.
        return columns, self.image[:, chosen[0]]


def _parallel(image: np.ndarray) -> list[np.ndarray]:
    """`image`'s columns (of unit length) in sets parallel to each other."""
    if not image.shape[1]:
        return []
    first = np.argmax(np.abs(image) > _TOLERANCE, axis=0)
    signed = image * np.sign(image[first, np.arange(image.shape[1])])
    _keys, inverse = np.unique(np.round(signed, 6).T, axis=0, return_inverse=True)
    inverse = inverse.reshape(-1)
    return [np.flatnonzero(inverse == g) for g in range(int(inverse.max()) + 1)]


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


def _span(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning `matrix`'s columns."""
    if not matrix.shape[1]:
        return np.zeros((matrix.shape[0], 0))
    matrix = np.unique(matrix, axis=1)  # the same columns span the same space, and faster
    u, s, _vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((s > _TOLERANCE * max(1.0, s[0])).sum()) if len(s) else 0
    return u[:, :rank]


def _outside(image: np.ndarray) -> np.ndarray:
    """The projector onto what no row combination of `image` reaches: I - BᵀB."""
    basis = _row_basis(image)
    projector: np.ndarray = np.eye(image.shape[1]) - basis.T @ basis
    return projector


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
