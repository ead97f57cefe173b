"""The attacker's solver for figures shown over several partitions of the same people.

Atoms are the cells an attacker cannot know to be empty (unit × group, say), each with its
true count; every shown figure is the sum of a set of atoms. A set of atoms is worked out
when its indicator is a linear combination of the shown sums' indicators (exact: a vector is
in their row space iff it is orthogonal to their null space, computed in rational numbers).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping
from fractions import Fraction


def _null_space(rows: list[list[Fraction]], width: int) -> list[list[Fraction]]:
    """A basis of {x : rows · x = 0}, by exact row reduction."""
    matrix = [list(r) for r in rows]
    pivots: list[int] = []
    line = 0
    for column in range(width):
        pivot = next((i for i in range(line, len(matrix)) if matrix[i][column] != 0), None)
        if pivot is None:
            continue
        matrix[line], matrix[pivot] = matrix[pivot], matrix[line]
        head = matrix[line][column]
        matrix[line] = [v / head for v in matrix[line]]
        for i in range(len(matrix)):
            if i != line and matrix[i][column] != 0:
                factor = matrix[i][column]
                matrix[i] = [a - factor * b for a, b in zip(matrix[i], matrix[line], strict=True)]
        pivots.append(column)
        line += 1
    free = [c for c in range(width) if c not in pivots]
    basis = []
    for f in free:
        vector = [Fraction(0)] * width
        vector[f] = Fraction(1)
        for i, p in enumerate(pivots):
            vector[p] = -matrix[i][f]
        basis.append(vector)
    return basis


def derivable_small_sets(
    atoms: Mapping[Hashable, int], sums: Iterable[Iterable[Hashable]], k: int
) -> list[tuple[list[Hashable], int]]:
    """Every set of atoms whose total is 1..k−1 and can be computed from the shown sums."""
    names = sorted(atoms, key=str)
    position = {a: i for i, a in enumerate(names)}
    rows = []
    for members in sums:
        row = [Fraction(0)] * len(names)
        for atom in members:
            if atom in position:
                row[position[atom]] = Fraction(1)
        rows.append(row)
    if not any(any(r) for r in rows):
        return []
    null = _null_space(rows, len(names))
    # Only atoms holding 1..k−1 can be part of a set under k; atoms known to be possible but
    # holding no one may join any set without changing its total.
    small = [i for i, a in enumerate(names) if 0 < atoms[a] < k]
    empty = [i for i, a in enumerate(names) if atoms[a] == 0]
    found = []

    def derivable(chosen: list[int]) -> bool:
        return all(sum(v[i] for i in chosen) == 0 for v in null)

    def grow(start: int, chosen: list[int], total: int) -> None:
        for position_ in range(start, len(small)):
            index = small[position_]
            count = total + atoms[names[index]]
            if count >= k:
                continue
            picked = [*chosen, index]
            for size in range(len(empty) + 1):
                hit = next(
                    (
                        extra
                        for extra in itertools.combinations(empty, size)
                        if derivable(picked + list(extra))
                    ),
                    None,
                )
                if hit is not None:
                    found.append(([names[i] for i in sorted(picked + list(hit))], count))
                    break
            grow(position_ + 1, picked, count)

    grow(0, [], 0)
    return found


def tree_and_groups_sums(parents, atoms, units, groups):
    """The atoms (unit, group) behind each shown unit's subtree and each shown group."""
    sums = []
    for shown in units:
        inside = set()
        for unit in parents:
            node = unit
            while node is not None:
                if node == shown:
                    inside.add(unit)
                    break
                node = parents[node]
        sums.append([a for a in atoms if a[0] in inside])
    sums += [[a for a in atoms if a[1] == group] for group in groups]
    return sums


def integer_small_sets(
    atoms: Mapping[Hashable, int], sums: Iterable[Iterable[Hashable]], k: int
) -> list[tuple[list[Hashable], int]]:
    """Like `derivable_small_sets`, but by brute force over every assignment of nonnegative
    whole numbers to the atoms that gives the shown totals: a set is worked out when its
    total is the same in all of them (this also uses that nobody counts negative). For small
    tables only."""
    names = sorted(atoms, key=str)
    members = [sorted({names.index(a) for a in s if a in atoms}) for s in sums]
    members = [m for m in members if m]
    targets = [sum(atoms[names[i]] for i in m) for m in members]
    bound = [
        min((t for m, t in zip(members, targets, strict=True) if i in m), default=-1)
        for i in range(len(names))
    ]
    free = [i for i in range(len(names)) if bound[i] >= 0]
    solutions: list[tuple[int, ...]] = []
    values = [0] * len(names)

    def assign(position: int) -> None:
        if position == len(free):
            if all(sum(values[i] for i in m) == t for m, t in zip(members, targets, strict=True)):
                solutions.append(tuple(values))
            return
        index = free[position]
        for value in range(bound[index] + 1):
            values[index] = value
            if all(sum(values[i] for i in m) <= t for m, t in zip(members, targets, strict=True)):
                assign(position + 1)
        values[index] = 0

    assign(0)
    found = []
    for size in range(1, len(free) + 1):
        for chosen in itertools.combinations(free, size):
            totals = {sum(s[i] for i in chosen) for s in solutions}
            if len(totals) == 1 and 0 < next(iter(totals)) < k:
                found.append(([names[i] for i in chosen], next(iter(totals))))
    return found


def solvable_small_groups(rows: list[set], own: dict, k: int) -> list[tuple[list, int]]:
    """Every set of units with 0 < answers < k whose total follows from the rows (each shown
    figure the sum of a set of units, under whichever tree it was computed on)."""
    return derivable_small_sets({u: n for u, n in own.items() if n > 0}, rows, k)


def subtree(
    tree: Mapping[str, str | None], code: str, units: Iterable[str] | None = None
) -> list[str]:
    """The units (of `units`, default every unit of `tree`, in their order) at or below
    `code` in a tree given as child → parent: the units whose people a unit's figure counts.

    Example:
        >>> subtree({"R": None, "A": "R", "A1": "A", "B": "R"}, "A")
        ['A', 'A1']
    """
    found = []
    for unit in tree if units is None else units:
        node: str | None = unit
        while node is not None and node != code:
            node = tree[node]
        if node == code:
            found.append(unit)
    return found


def few_people_combinations(
    atoms_of: Mapping[Hashable, Iterable[Hashable]],
    sums: Iterable[Iterable[Hashable]],
    k: int,
) -> list[list[Hashable]]:
    """Every smallest set of 1..k−1 people of whom some figure follows from the shown sums:
    a nonzero combination of their atoms (`atoms_of`: per person, their unknowns, such as
    their rate before and after a change) in the row space of the sums' indicators. Beside
    `derivable_small_sets` this also finds differences (her rate after minus before) and
    sums with other signs. Exact: the combination exists iff the null space's columns of
    those atoms are linearly dependent."""
    names = sorted({a for atoms in atoms_of.values() for a in atoms}, key=str)
    position = {a: i for i, a in enumerate(names)}
    rows = []
    for members in sums:
        row = [Fraction(0)] * len(names)
        for atom in members:
            row[position[atom]] = Fraction(1)
        rows.append(row)
    null = _null_space(rows, len(names))
    found: list[list[Hashable]] = []
    skip: list[set[Hashable]] = []
    people = sorted(atoms_of, key=str)
    for size in range(1, k):
        for chosen in itertools.combinations(people, size):
            if any(s <= set(chosen) for s in skip):
                continue
            columns = [position[a] for p in chosen for a in atoms_of[p]]
            if _rank([[v[c] for c in columns] for v in null]) < len(columns):
                found.append(list(chosen))
                skip.append(set(chosen))
    return found


def _rank(rows: list[list[Fraction]]) -> int:
    """The rank of a small matrix, by exact row reduction."""
    if not rows:
        return 0
    width = len(rows[0])
    return width - len(_null_space(rows, width))
