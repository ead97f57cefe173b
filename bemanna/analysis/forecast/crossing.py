"""Days' units and profession groups together: no few people's figures follow.

`over_time` compares two days by blocks of units (`few_apart`, exact for units alone). A
page's profession groups are a second partition of the same people: the region's
biomedical analysts on two days beside the FTE of the laboratory most of them work in, and
the laboratory's few others who did not change, leave the one analyst elsewhere who did
(an insider's twenty-sixth round, 19 such sets on the demo). Blocks do not describe what
two crossing partitions give; linear algebra does, over two days or more.

Every figure of the days is a sum of people's values (a unit's subtree, a page's group over
its subtree); a person has one unknown per value they have on the days they are there (the
same rate on two days is one unknown, as an insider who assumes it would take it). People
with the same figures on every day (the same *class*) share every coefficient: a
combination of the figures holds all of a class or none of it. A set of classes of 1..k-1
people that some combination holds alone is a few people's figures, however many classes
(an insider's twenty-seventh round found three hires at Folktandvården beside the region's
Tandvård a year before): `_Light` searches them all. What the days before the last give on
their own was shown before and is not the last day's to close (the first day is solved on
its own, `over_time`). The last day then gives up a group figure the combination uses: the
page shows only its total, or on the region's own page the group joins the rest.
"""

from __future__ import annotations

import functools
from collections.abc import Hashable, Sequence
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
    people: _People, days: Sequence[tuple[int, Shown]], k: int
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the last of `days` (each a release's position and what it shows, oldest first)
    gives up so that no combination of their unit and group figures is 1..k-1 people's
    beyond what the days before it give on their own: (units to hide, pages that show only
    their total, groups that join the rest), each empty when none is.

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
        >>> cross_apart(_People(days, ["rate"]), [(0, one), (1, two)], 3)
        (set(), set(), {'B'})

        Without her change her rate (the same on both days) follows all the same; with the
        region's own page showing only its total on day two, nobody's does.
        >>> days[1] = Release(dt.date(2025, 12, 31), tree, day(50.0), two)
        >>> cross_apart(_People(days, ["rate"]), [(0, one), (1, two)], 3)
        (set(), set(), {'B'})
        >>> total = Shown(3, frozenset({"R"}), frozenset(), frozenset())
        >>> cross_apart(_People(days, ["rate"]), [(0, one), (1, total)], 3)
        (set(), set(), set())
    """
    sides = [_Side(people, day, shown) for day, shown in days]
    offsets = np.cumsum([0] + [len(side.rows) for side in sides]).tolist()
    for figure, name in enumerate(people.figures):
        if name in PUBLIC:
            continue
        found = _few(people, sides, offsets, figure, k)
        if found is not None:
            combination, atoms = found
            return _give_up(people, sides, combination[offsets[-2] :], atoms)
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
    people: _People, sides: list[_Side], offsets: list[int], figure: int, k: int
) -> tuple[np.ndarray, list[tuple[int, ...]]] | None:
    """A combination of the days' rows (oldest first) that is a sum over classes of 1..k-1
    people in `figure`, and those classes' atoms on each day (-1: none); or None."""
    atom, value, here = _joined(people, sides, figure)
    # Each person's unknowns: one per value they have on the days they are there (`label`:
    # the first of those days with it; -1: not there).
    label = np.where(here, np.arange(len(sides))[:, None], -1)
    for later in range(1, len(sides)):
        for earlier in range(later):
            same = here[later] & here[earlier] & (value[later] == value[earlier])
            same &= label[later] == later
            label[later][same] = label[earlier][same]
    inside = (atom >= 0).any(axis=0)
    keys = np.concatenate([atom, label]).T[inside]
    classes, weight = np.unique(keys, axis=0, return_counts=True)
    columns: list[tuple[int, ...]] = []
    column_class: list[int] = []
    n = len(sides)
    for index, key in enumerate(classes.tolist()):
        atoms, labels = key[:n], key[n:]
        for unknown in sorted({lab for lab in labels if lab >= 0}):
            rows = tuple(
                offsets[d] + r
                for d in range(n)
                if labels[d] == unknown and atoms[d] >= 0
                for r in sides[d].atom_rows[atoms[d]]
            )
            if rows:
                columns.append(rows)
                column_class.append(index)
    matrix = np.zeros((offsets[-1], len(columns)))
    for j, rows in enumerate(columns):
        matrix[list(rows), j] = 1.0
    of_column = np.array(column_class, dtype=np.int64)
    found = _Light(matrix, of_column, weight, k, offsets[-2]).few()
    if found is None:
        return None
    chosen, combination = found
    held = sorted({int(of_column[c]) for c in chosen})
    return combination, [tuple(int(a) for a in classes[c][:n]) for c in held]


class _Light:
    """The combinations of the days' figures that hold no class of k people or more, and
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
        light = np.flatnonzero(~heavy)
        # The light columns' image under the projector (updated as columns turn heavy: the
        # projector only loses directions, each already in its range).
        raw = matrix[:, light] - span @ (span.T @ matrix[:, light])
        while True:
            norms = np.linalg.norm(raw, axis=0)
            live = norms > _TOLERANCE
            light, raw, norms = light[live], raw[:, live], norms[live]
            image = raw / norms
            sets = _parallel(image)
            people = self._people([of_column[light[members]] for members in sets])
            newly = [members for members, n in zip(sets, people, strict=True) if n >= k]
            if not newly:
                break
            added = np.concatenate(newly)
            heavy[light[added]] = True
            span = _span(raw[:, added])
            keep = np.ones(len(light), dtype=bool)
            keep[added] = False
            light, raw = light[keep], raw[:, keep]
            raw = raw - span @ (span.T @ raw)
        self.sets = [light[members] for members in sets]
        firsts = [int(members[0]) for members in sets]  # a column of each set
        self.image = image[:, firsts]
        # What the earlier days give alone (shown before: not the last day's to close), the
        # same way: their rows' combinations that give 0 in every heavy column.
        earlier = matrix[:offset, light[firsts]]
        if offset:
            span = _span(matrix[:offset, heavy])
            earlier = earlier - span @ (span.T @ earlier)
        self.earlier = earlier

    def _people(self, sets: list[np.ndarray]) -> np.ndarray:
        """Per set of classes (repeats allowed), its people."""
        owner, held = self._holds(sets)
        return np.bincount(owner, weights=self.weight[held], minlength=len(sets)).astype(np.int64)

    def _holds(self, sets: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """The sets of classes as pairs, each once: a set's position and a class it holds."""
        if not sets:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        owner = np.repeat(np.arange(len(sets)), [len(s) for s in sets])
        width = len(self.weight)
        pairs = np.unique(owner * width + np.concatenate(sets))
        return pairs // width, pairs % width

    def few(self, largest: int | None = None) -> tuple[np.ndarray, np.ndarray] | None:
        """The light columns of a set of 1..k-1 people some combination that uses the last
        day gives alone (beyond what the earlier days give alone), and that combination;
        None when there is none. `largest`: the most sets of columns tried together (the
        tests' weakened rule; None: as many as hold fewer than k people)."""
        n = len(self.sets)
        if not n:
            return None
        # A set of columns some combination gives alone exactly where their rows of P are
        # linearly dependent (|T| - rank P[T, T] of them); the earlier days alone give
        # |T| - rank Pₑ[T, T] (Pₑ of their own combinations), never more.
        outside = _outside(self.image)
        before = _outside(self.earlier)
        diagonal = np.diag(outside)
        norms = np.where(diagonal < 1e-9, 1.0, np.sqrt(np.clip(diagonal, 1e-300, None)))
        gram = outside / np.outer(norms, norms)
        classes = [self.of_column[c] for c in self.sets]
        people = self._people(classes)
        # People two sets share (a class that changed has a column on each day, at most one
        # a day).
        shared = np.zeros((n, n), dtype=np.int64)
        owner, held = self._holds(classes)
        order = np.argsort(held, kind="stable")
        owner, held = owner[order], held[order]
        starts = np.flatnonzero(np.r_[True, held[1:] != held[:-1]])
        for start, end in zip(starts, [*starts[1:], len(held)], strict=True):
            for a in range(start, end):
                for b in range(a + 1, end):
                    shared[owner[a], owner[b]] += self.weight[held[a]]
                    shared[owner[b], owner[a]] += self.weight[held[a]]
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
    signed = np.round(image * np.sign(image[first, np.arange(image.shape[1])]), 6) + 0.0  # no -0
    runs = _runs(signed)
    # Equal columns whose keys differ by float noise, or whose runs another column split:
    # joined by their first column.
    found: dict[bytes, list[np.ndarray]] = {}
    for run in runs:
        found.setdefault(signed[:, run[0]].tobytes(), []).append(run)
    return sorted((np.sort(np.concatenate(r)) for r in found.values()), key=lambda m: int(m[0]))


def _joined(
    people: _People, sides: list[_Side], figure: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per day (rows) and person of any day (columns): their atom (-1: in no row, or not
    there), their value of `figure` (0 where not there) and whether they are there."""
    persons = [people.person[side.day] for side in sides]
    everyone = functools.reduce(np.union1d, persons)
    atom = np.full((len(sides), len(everyone)), -1, dtype=np.int64)
    value = np.zeros((len(sides), len(everyone)))
    here = np.zeros((len(sides), len(everyone)), dtype=bool)
    for d, (side, ids) in enumerate(zip(sides, persons, strict=True)):
        where = np.searchsorted(everyone, ids)
        atom[d, where] = side.atom
        value[d, where] = people.values[side.day][:, figure]
        here[d, where] = True
    return atom, value, here


def _span(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning `matrix`'s columns."""
    if not matrix.shape[1]:
        return np.zeros((matrix.shape[0], 0))
    matrix = _distinct(matrix)  # the same columns span the same space, and faster
    u, s, _vt = _svd(matrix)
    rank = int((s > _TOLERANCE * max(1.0, s[0])).sum()) if len(s) else 0
    return u[:, :rank]


def _distinct(matrix: np.ndarray) -> np.ndarray:
    """`matrix`'s columns, most repeats left out (`_runs`: one whose key float noise moved
    stays, harmless)."""
    if matrix.shape[1] < 2:
        return matrix
    return matrix[:, [int(run[0]) for run in _runs(matrix)]]


def _runs(matrix: np.ndarray) -> list[np.ndarray]:
    """`matrix`'s columns in runs of equal ones: the same columns have the same random
    projection, so sorted by it, a run ends where a column differs from the one before it
    (a collision cannot join two; float noise in the key may split one)."""
    key = np.random.default_rng(0).standard_normal(matrix.shape[0]) @ matrix
    order = np.argsort(key, kind="stable")
    differs = np.any(matrix[:, order[1:]] != matrix[:, order[:-1]], axis=0)
    return np.split(order, np.flatnonzero(differs) + 1)


def _outside(image: np.ndarray) -> np.ndarray:
    """The projector onto what no row combination of `image` reaches: I - BᵀB."""
    basis = _row_basis(image)
    projector: np.ndarray = np.eye(image.shape[1]) - basis.T @ basis
    return projector


def _row_basis(matrix: np.ndarray) -> np.ndarray:
    """Orthonormal rows spanning `matrix`'s rows."""
    if not matrix.size:
        return np.zeros((0, matrix.shape[1]))
    _u, s, vt = _svd(matrix)
    rank = int((s > _TOLERANCE * max(1.0, s[0])).sum()) if len(s) else 0
    return vt[:rank]


def _svd(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`matrix`'s economy SVD. LAPACK's divide and conquer (gesdd) now and then does not
    converge (on Region Demo, a 711 × 558 image of four years together); the same matrix
    transposed, or its R from a QR, takes another path to the same singular vectors."""
    try:
        u, s, vt = np.linalg.svd(matrix, full_matrices=False)
        return u, s, vt
    except np.linalg.LinAlgError:
        pass
    try:
        v, s, ut = np.linalg.svd(matrix.T, full_matrices=False)
        return ut.T, s, v.T
    except np.linalg.LinAlgError:
        q, r = np.linalg.qr(matrix)
        ur, s, vt = np.linalg.svd(r, full_matrices=False)
        return q @ ur, s, vt


def _give_up(
    people: _People,
    sides: list[_Side],
    combination: np.ndarray,
    atoms: list[tuple[int, ...]],
) -> tuple[set[Hashable], set[Hashable], set[str]]:
    """What the last day gives up: a group figure that holds the isolated people (on any
    day): of the pages but the region's, the one of the fewest people (it shows only its
    total); else the group of the fewest people (it joins the rest). Where none is shown on
    the last day, what the combination (its rows' weights on the last day) uses the same
    way, or the unit of the fewest people it uses."""
    from bemanna.analysis.forecast.over_time import _fewest  # over_time imports this module

    later = sides[-1]
    day = later.day
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
