"""Disclosure control for survey results over the unit tree: thresholds that survive differencing.

Hiding every group under k answers is not enough: when a parent is shown together with all but
one of its children, the hidden child (or the parent's own direct answers) is the difference.
`visible_units` decides which units' results may be shown so that no set of fewer than k
answers can be computed from what is shown, by adding and subtracting the shown figures.

The rule, applied until nothing changes: every shown unit's *residual* (its answers minus the
answers of the shown units directly below it in the shown tree) is either 0 or at least k.
When a residual is too small, the smallest shown unit below it is hidden too (complementary
suppression); hiding it moves its answers into the residual.

Example: a clinic of 12 answers with wards of 6, 5 and 1; k = 5. The ward of 1 is hidden, but
then the clinic minus the two shown wards is that 1 answer, so the ward of 5 is hidden as well:
    >>> tree = {"clinic": None, "a": "clinic", "b": "clinic", "c": "clinic"}
    >>> sorted(visible_units(tree, {"clinic": 0, "a": 6, "b": 5, "c": 1}, k=5))
    ['a', 'clinic']
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from typing import TypeVar, cast

MIN_K = 3
Part = TypeVar("Part", bound=Hashable)


def ancestors(parents: Mapping[Hashable, Hashable | None], unit: Hashable) -> list[Hashable]:
    """The unit and every unit above it, nearest first: the subtrees a unit's answers count in.

    Examples:
        >>> ancestors({1: None, 2: 1, 3: 2}, 3)
        [3, 2, 1]
    """
    chain: list[Hashable] = []
    node: Hashable | None = unit
    while node is not None:
        if node in chain:
            raise ValueError(f"the unit tree has a cycle through {node!r}")
        chain.append(node)
        node = parents.get(node)
    return chain


def subtree_totals(
    parents: Mapping[Hashable, Hashable | None], own: Mapping[Hashable, int]
) -> dict[Hashable, int]:
    """Each unit's answers including everything below it."""
    totals = {unit: int(own.get(unit, 0)) for unit in parents}
    for unit in parents:
        parent = parents[unit]
        seen = {unit}
        while parent is not None:
            if parent in seen:
                raise ValueError(f"the unit tree has a cycle through {parent!r}")
            seen.add(parent)
            totals[parent] += int(own.get(unit, 0))
            parent = parents[parent]
    return totals


def counting_units(
    parents: Mapping[Hashable, Hashable | None], invited: Mapping[Hashable, int], k: int
) -> dict[Hashable, Hashable]:
    """The unit each invited unit's answers are stored under, so that every unit answers are
    stored under holds at least k of the invited (unless the whole tree holds fewer).

    First the nearest unit at or above it whose subtree holds at least k invited (the root
    when none does). A unit with fewer than k invited in its subtree can never show a
    figure, and no rule here tells its answers from its parent's own (`visible_units` and
    `tree_and_partition` read the totals and residuals of shown units only, and the nearest
    shown unit above it is the same), so storing them there shows the same on every page.

    That leaves a unit of k or more whose own people, with its small units below, are 1 to
    k-1 (a manager and two staff above wards of their own): their answers would be stored
    under a unit that names one or two people. Such a unit takes in the whole subtree of its
    smallest unit below with k invited (the one complementary suppression would hide first):
    those answers are stored under it too, their subtree shows nothing of its own (it holds
    no stored answers), and every figure still shown is the one the answers where they were
    given would show. Units are taken from the root down, so a unit taken in is not
    considered again.

    Examples:
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic", "b1": "b"}
        >>> counting_units(tree, {"a": 7, "b": 5, "b1": 2}, 5)
        {'a': 'a', 'b': 'b', 'b1': 'b'}
        >>> counting_units(tree, {"clinic": 2, "a": 6, "b": 1, "b1": 7}, 5)
        {'clinic': 'clinic', 'a': 'clinic', 'b': 'b', 'b1': 'b'}
    """
    _check(k)
    totals = subtree_totals(parents, invited)
    counted: dict[Hashable, Hashable] = {}
    for unit in invited:
        if unit not in parents:
            counted[unit] = unit  # outside the tree: left as it is
            continue
        at = unit
        while totals[at] < k and parents[at] is not None:
            at = parents[at]
        counted[unit] = at
    pools: dict[Hashable, int] = {}
    for unit, at in counted.items():
        pools[at] = pools.get(at, 0) + int(invited[unit])
    children: dict[Hashable, list[Hashable]] = {}
    for unit, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(unit)
    chains = {unit: ancestors(parents, unit) for unit in parents}
    for unit in sorted(pools, key=lambda u: (len(chains.get(u, ())), str(u))):
        if not 0 < pools[unit] < k or totals.get(unit, 0) < k:
            continue
        # Its subtree holds k but its own pool does not: a unit below holds the rest.
        taken = min(
            (child for child in children[unit] if totals[child] >= k),
            key=lambda child: (totals[child], str(child)),
        )
        for one, at in counted.items():
            if taken in chains.get(one, ()):
                pools[at] -= int(invited[one])
                pools[unit] += int(invited[one])
                counted[one] = unit
    return counted


def visible_units(
    parents: Mapping[Hashable, Hashable | None],
    own: Mapping[Hashable, int],
    k: int = 5,
    within: Set[Hashable] | None = None,
) -> set[Hashable]:
    """Units whose results may be shown: at least k answers, and no derivable remainder < k.

    `parents` maps every unit to its parent (None at the root); `own` gives the answers that
    belong to a unit itself (not to the units below it). `within` limits the result to a set
    already decided (a stricter threshold inside the units whose scores are shown).
    """
    if k < MIN_K:
        raise ValueError(f"the anonymity threshold is never below {MIN_K}")
    totals = subtree_totals(parents, own)
    shown = {unit for unit, total in totals.items() if total >= k}
    if within is not None:
        shown &= set(within)
    changed = True
    while changed:
        changed = False
        below = shown_below(parents, shown)
        for unit in sorted(shown, key=lambda u: (-totals[u], str(u))):
            residual = totals[unit] - sum(totals[b] for b in below[unit])
            if 0 < residual < k:
                # Complementary suppression: hiding the smallest shown unit below moves its
                # answers into the residual. (A unit with no shown units below has a residual
                # of its own total, which is at least k.)
                smallest = min(below[unit], key=lambda b: (totals[b], str(b)))
                shown.discard(smallest)
                changed = True
                break
    return shown


def visible_units_of_people(
    parents: Mapping[Hashable, Hashable | None],
    people: Mapping[Hashable, Iterable[Hashable]],
    k: int = 5,
    within: Set[Hashable] | None = None,
) -> set[Hashable]:
    """`visible_units` when one person may count in several units (someone who moved during
    the period counts where they were each month): every count is of distinct people. A
    unit is shown only with k different people in its subtree, and the rule's residual (the
    people in the units of its subtree not under a shown unit below it) is 0 or k distinct
    people, so a mover counted in two wards is not two people of their clinic.

    With everyone in one unit it decides exactly as `visible_units`. `within` limits the
    result to a set already decided (the units whose figures of other people are shown).

    Examples:
        Two wards of 3 and a nurse who moved from one to the other: 5 counted, 4 people.
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> sorted(visible_units_of_people(tree, {"a": {1, 2, 9}, "b": {3, 9}}, k=5))
        []
        >>> sorted(visible_units_of_people(tree, {"a": {1, 2, 9}, "b": {3, 4, 9}}, k=5))
        ['clinic']
    """
    _check(k)
    bits: dict[Hashable, int] = {}
    own: dict[Hashable, int] = {unit: 0 for unit in parents}
    for unit, members in people.items():
        if unit not in own:
            continue
        mask = 0
        for person in members:
            mask |= 1 << bits.setdefault(person, len(bits))
        own[unit] = mask
    children: dict[Hashable, list[Hashable]] = {unit: [] for unit in parents}
    for unit, parent in parents.items():
        if parent is not None:
            children[parent].append(unit)
    order = sorted(parents, key=lambda u: -len(ancestors(parents, u)))  # deepest first
    subtree = dict(own)
    for unit in order:
        parent = parents[unit]
        if parent is not None:
            subtree[parent] |= subtree[unit]
    totals = {unit: mask.bit_count() for unit, mask in subtree.items()}
    shown = {unit for unit, total in totals.items() if total >= k}
    if within is not None:
        shown &= set(within)
    while True:
        # Each unit's residual: its own people and those of the units below it that are
        # not shown, down to (not into) the shown ones.
        region = dict(own)
        for unit in order:
            parent = parents[unit]
            if parent is not None and unit not in shown:
                region[parent] |= region[unit]
        below = shown_below(parents, shown)
        failing = next(
            (
                unit
                for unit in sorted(shown, key=lambda u: (-totals[u], str(u)))
                if below[unit] and 0 < region[unit].bit_count() < k
            ),
            None,
        )
        if failing is None:
            return shown
        shown.discard(min(below[failing], key=lambda b: (totals[b], str(b))))


def visible_units_of_populations(
    parents: Mapping[Hashable, Hashable | None],
    populations: Sequence[Mapping[Hashable, Iterable[Hashable]]],
    k: int = 5,
    within: Set[Hashable] | None = None,
) -> set[Hashable]:
    """The units on which figures about several populations of the same units are shown
    together (the staff on the year's last day, everyone employed during the year): each
    population passes `visible_units_of_people` on the same units, so a parent minus its
    shown children is, in every population, no one or at least k people.

    Each round decides one population inside what the others left; a set that no population
    shrinks passes every one (`visible_units_of_people` returns the set it starts from only
    when no residual fails), and the rounds only remove units, so it ends.

    Examples:
        Ward b has five people over the year but two on its last day: the clinic's year-end
        headcount minus ward a's would be b's two.
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> year = {"a": {1, 2, 3, 4, 5}, "b": {6, 7, 8, 9, 10}}
        >>> end = {"a": {1, 2, 3, 4, 5}, "b": {6, 7}}
        >>> sorted(visible_units_of_people(tree, year, k=5))
        ['a', 'b', 'clinic']
        >>> sorted(visible_units_of_populations(tree, [end, year], k=5))
        ['clinic']
    """
    shown = set(parents) if within is None else set(within)
    while True:
        before = set(shown)
        for people in populations:
            shown = visible_units_of_people(parents, people, k, within=shown)
        if shown == before:
            return shown


def shown_below(
    parents: Mapping[Hashable, Hashable | None], shown: set[Hashable]
) -> dict[Hashable, list[Hashable]]:
    """For each shown unit, the shown units under it with no shown unit between them."""
    result: dict[Hashable, list[Hashable]] = {unit: [] for unit in shown}
    for unit in shown:
        parent = parents[unit]
        while parent is not None and parent not in shown:
            parent = parents[parent]
        if parent is not None:
            result[parent].append(unit)
    return result


# --- Flat partitions (profession group, sex, age band) shown beside the unit tree ----------
#
# The same people are often shown twice: by unit (the tree) and by a flat partition such as
# the profession groups. Each suppressed on its own is not enough: when a group lives in one
# unit only, the unit minus the group is the rest of that unit, however small. The rule here
# decides the groups over both partitions at once.
#
# Why it holds. Put the shown units' residuals (a unit's people minus those of the shown units
# directly below it) as the rows of a table and the groups as its columns, with every hidden
# group merged into one column, "the rest". Every shown figure is a sum of whole rows (a
# unit's subtree) or of whole columns (a group; the rest is the total minus the shown groups),
# so whatever an attacker can compute is a sum of cells x[row, column] with weights
# a[row] + b[column]. A set of cells is worked out exactly when those weights are 0 or 1 on
# every cell that may hold someone (the *support*; a cell known to be empty, say because
# another page shows that no one of the group works there, has no weight). Sorting rows and
# columns by weight and cutting at each level splits any such set into pieces of the form
# "the rows R minus the columns B", where B is a set of columns and R holds every row in which
# a column of B has people (more rows only add whole rows, each 0 or at least k). So if for
# every set B of columns, Σ rows touched by B − Σ columns in B is 0 or at least k, no set of
# 1..k−1 people can be worked out: every derivable set is a sum of such pieces, each 0 or ≥ k.
# `shown_columns` checks exactly that (every B), and hides the smallest group of a B that fails
# until none does; with all groups hidden nothing fails, so it always ends.

REST = "\x00rest"  # the hidden groups together (never a real group's name)
EXACT_COLUMNS = 14  # above this many columns, the simpler sufficient rule below is used


def shown_parts(counts: Mapping[Part, int], k: int, within: Set[Part] | None = None) -> set[Part]:
    """The parts of one flat partition that may be shown beside its total: at least k each,
    and when the parts left out hold fewer than k together (but some), the smallest shown
    part is left out too, until they hold none or at least k. `within` limits the parts to a
    set already decided (say by `tree_and_partition` over the same people).

    Examples:
        >>> sorted(shown_parts({"a": 40, "b": 12, "c": 3}, 5))
        ['a']
        >>> sorted(shown_parts({"a": 40, "b": 12, "c": 0}, 5))
        ['a', 'b']
    """
    _check(k)
    shown = {g for g, n in counts.items() if n >= k and (within is None or g in within)}
    while True:
        residual = sum(n for g, n in counts.items() if g not in shown)
        if residual == 0 or residual >= k or not shown:
            return shown
        shown.discard(min(shown, key=lambda g: (counts[g], str(g))))


def shown_columns(
    rows: Mapping[Hashable, int],
    cells: Mapping[tuple[Hashable, Hashable], int],
    k: int,
    support: Set[tuple[Hashable, Hashable]] | None = None,
    within: Set[Hashable] | None = None,
) -> set[Hashable]:
    """The columns (groups) that may be shown beside the rows' totals: see the comment above.

    `rows` are totals already safe on their own (each 0 or at least k); `cells` the people
    per (row, column); `support` the cells an attacker cannot know to be empty (by default
    only those holding someone: the attacker is assumed to know every empty cell); `within`
    the columns already allowed (a stricter rule decided before).

    Examples:
        A group living in one ward of two: the ward minus the group would be 2 people.
        >>> sorted(shown_columns({"w1": 7, "w2": 9},
        ...     {("w1", "nurse"): 5, ("w1", "doctor"): 2, ("w2", "doctor"): 9}, 5))
        []
        >>> sorted(shown_columns({"w1": 7, "w2": 9},
        ...     {("w1", "nurse"): 5, ("w1", "doctor"): 2, ("w2", "doctor"): 4,
        ...      ("w2", "nurse"): 5}, 5))
        ['doctor', 'nurse']
    """
    _check(k)
    if any(0 < n < k for n in rows.values()):
        raise ValueError("every row must already hold 0 or at least k")
    totals: dict[Hashable, int] = {}
    where: dict[Hashable, set[Hashable]] = {}
    for (row, column), n in cells.items():
        totals[column] = totals.get(column, 0) + int(n)
        where.setdefault(column, set())
        if n > 0:
            where[column].add(row)  # whoever is there, the support or not
    if support is not None:
        for row, column in support:
            where.setdefault(column, set()).add(row)
            totals.setdefault(column, 0)
    shown = set(shown_parts(totals, k, within))
    while shown:
        rest = [c for c in totals if c not in shown]
        rest_total = sum(totals[c] for c in rest)
        if 0 < rest_total < k:
            shown.discard(min(shown, key=lambda c: (totals[c], str(c))))
            continue
        # A column with no one and no one possible adds nothing to any set: left out.
        columns = {c: (totals[c], where[c]) for c in shown if totals[c] or where[c]}
        rest_rows = set().union(*(where[c] for c in rest)) if rest else set()
        if rest_total or rest_rows:
            columns[REST] = (rest_total, rest_rows)
        failing = _failing_columns(rows, columns, k)
        if failing is None:
            return shown
        candidates = [c for c in failing if c != REST] or list(shown)
        shown.discard(min(candidates, key=lambda c: (totals[c], str(c))))
    return shown


def _failing_columns(
    rows: Mapping[Hashable, int],
    columns: Mapping[Hashable, tuple[int, set[Hashable]]],
    k: int,
) -> list[Hashable] | None:
    """A set of columns B whose rows minus themselves hold 1..k−1, or None."""
    names = sorted(columns, key=str)
    if len(names) > EXACT_COLUMNS:
        # Sufficient and cheap: every column has someone possible in every row that has
        # anyone possible, so B always touches every row and Σ rows − Σ B is a sum of whole
        # columns outside B (each 0 or at least k).
        live = set().union(*(columns[c][1] for c in names))
        incomplete = [c for c in names if columns[c][1] != live]
        return incomplete[:1] or None
    index = {row: i for i, row in enumerate(sorted(rows, key=str))}
    masks = [sum(1 << index[r] for r in columns[c][1] if r in index) for c in names]
    size = len(names)
    touched = [0] * (1 << size)
    held = [0] * (1 << size)
    weight: dict[int, int] = {}
    by_bit = {index[r]: int(n) for r, n in rows.items()}
    # A mask's weight a byte at a time: per byte of rows, the total of each of its 256 values.
    width = max(1, (len(index) + 7) // 8)
    tables = []
    for i in range(width):
        table = [0] * 256
        for value in range(1, 256):
            low = (value & -value).bit_length() - 1
            table[value] = table[value & (value - 1)] + by_bit.get(8 * i + low, 0)
        tables.append(table)
    for subset in range(1, 1 << size):
        low = (subset & -subset).bit_length() - 1
        previous = subset & (subset - 1)
        touched[subset] = touched[previous] | masks[low]
        held[subset] = held[previous] + columns[names[low]][0]
        mask = touched[subset]
        if mask not in weight:
            weight[mask] = sum(
                table[byte]
                for table, byte in zip(tables, mask.to_bytes(width, "little"), strict=True)
            )
        if 0 < weight[mask] - held[subset] < k:
            return [names[i] for i in range(size) if subset >> i & 1]
    return None


def residual_of(
    parents: Mapping[Hashable, Hashable | None], shown: Set[Hashable]
) -> dict[Hashable, Hashable | None]:
    """Each unit's nearest shown unit at or above it (None when no shown unit is above)."""
    nearest: dict[Hashable, Hashable | None] = {}
    for unit in parents:
        if unit in nearest:
            continue
        # Up to the first unit already known (or the root), then that answer down the chain.
        chain = []
        node: Hashable | None = unit
        while node is not None and node not in nearest and node not in shown:
            if node in chain:
                raise ValueError(f"the unit tree has a cycle through {node!r}")
            chain.append(node)
            node = parents.get(node)
        found = node if node is None or node in shown else nearest[node]
        if node in shown and node in parents:
            nearest[node] = node
        for below in chain:
            nearest[below] = found
    return nearest


def tree_and_partition(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, Hashable], int],
    k: int,
    *,
    within: Set[Hashable] | None = None,
    groups_within: Set[Hashable] | None = None,
    support: Set[tuple[Hashable, Hashable]] | None = None,
) -> tuple[set[Hashable], set[Hashable]]:
    """The units (each for its subtree) and the groups (each over everyone) that may be
    shown together for the same people: `cells` holds the people per (own unit, group);
    `within` and `groups_within` limit the units and groups to sets already decided.

    The units follow `visible_units`; the groups are then decided over the shown units'
    residuals by `shown_columns`. The groups are shown only beside everyone's total (a
    shown root holding every answer), so that the rest of the groups is known to nobody
    less than the rule allows.

    Examples:
        Doctors only in ward a: a minus the doctors would be 2, so the doctors are hidden,
        and with them the nurses (alone they would give the doctors away).
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7}
        >>> units, groups = tree_and_partition(tree, cells, 5)
        >>> sorted(units), sorted(groups)
        (['a', 'b', 'clinic'], [])
    """
    own: dict[Hashable, int] = {unit: 0 for unit in parents}
    for (unit, _group), n in cells.items():
        own[unit] = own.get(unit, 0) + int(n)
    units = visible_units(parents, own, k, within=within)
    nearest = residual_of(parents, units)
    if any(n and nearest.get(unit) is None for unit, n in own.items()):
        return units, set()
    totals = subtree_totals(parents, own)
    below = shown_below(parents, units)
    rows = {u: totals[u] - sum(totals[b] for b in below[u]) for u in units}
    block_cells: dict[tuple[Hashable, Hashable], int] = {}
    for (unit, group), n in cells.items():
        key = (nearest[unit], group)
        block_cells[key] = block_cells.get(key, 0) + int(n)
    block_support = (
        None if support is None else {(nearest[u], g) for u, g in support if nearest.get(u)}
    )
    return units, shown_columns(rows, block_cells, k, block_support, groups_within)


def _check(k: int) -> None:
    if k < MIN_K:
        raise ValueError(f"the anonymity threshold is never below {MIN_K}")


def pages_and_partition(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, Hashable], int],
    k: int,
    units: Set[Hashable],
    pages: Set[Hashable] | None = None,
) -> tuple[set[Hashable], set[Hashable]]:
    """The pages (shown units) on which a flat partition may be shown for their subtree, and
    its parts, beside the units `units` shown for the same people (each for its subtree).
    `pages` limits the pages to a set of `units` decided before (fewer pages to start from
    only show less). No part may be named `REST`.

    A part shown on two nested pages gives its people between them (the outer page minus
    the inner); so the pages cut the tree into blocks (a page's subtree minus the pages
    below it), in each of which every part's people are known. Each block must then pass
    `shown_columns` on its own, with the shown units' residuals inside it as rows; the
    blocks share no one, so what holds for each holds for all. A block that fails gives up
    its page (its people join the page above); a top page's block that fails takes in the
    smallest page below it, and with none left below, the failing parts are hidden
    everywhere. The same parts are shown on every page.

    Examples:
        Ward a's page cannot show its 2 nurses, and the clinic's page beside ward b's would
        give them too (clinic minus b): the clinic's page shows the groups, the wards' not.
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> cells = {("a", "doctor"): 6, ("a", "nurse"): 2, ("b", "nurse"): 7,
        ...     ("b", "doctor"): 5}
        >>> pages, parts = pages_and_partition(tree, cells, 5, {"clinic", "a", "b"})
        >>> sorted(pages), sorted(parts)
        (['clinic'], ['doctor', 'nurse'])
    """
    return _pages_and_partition(
        parents, cells, k, units, set(units) if pages is None else set(pages) & set(units)
    )


def _pages_and_partition(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, Hashable], int],
    k: int,
    units: Set[Hashable],
    pages: set[Hashable],
    *,
    as_is: bool = False,
) -> tuple[set[Hashable], set[Hashable]]:
    """`pages_and_partition` starting from the pages `pages` (a subset of `units`): fewer
    pages to start from only show less, and what is returned passes the same checks.
    `as_is`: only check that every part passes on every one of `pages`, giving nothing up
    (nothing is returned when one does not)."""
    _check(k)
    own: dict[Hashable, int] = {unit: 0 for unit in parents}
    for (unit, _part), n in cells.items():
        own[unit] = own.get(unit, 0) + int(n)
    totals = subtree_totals(parents, own)
    below = shown_below(parents, set(units))
    residual = {u: totals[u] - sum(totals[b] for b in below[u]) for u in units}
    nearest_unit = residual_of(parents, units)
    if any(n and nearest_unit.get(unit) is None for unit, n in own.items()):
        return set(), set()  # people outside every shown unit: no total to set parts against
    parts = {part for _unit, part in cells}
    pages = set(pages) & set(units)
    depth = {unit: len(ancestors(parents, unit)) for unit in units}
    # Each cell's row (its nearest shown unit) never changes: summed per row once.
    row_cells: dict[tuple[Hashable, Hashable], int] = {}
    for (unit, part), n in cells.items():
        row = nearest_unit[unit]
        if row is not None:
            row_cells[(row, part)] = row_cells.get((row, part), 0) + int(n)
    checked: dict[tuple[frozenset[Hashable], frozenset[Hashable]], set[Hashable]] = {}
    while pages and parts:
        nearest_page = residual_of(parents, pages)
        blocks: dict[
            Hashable, tuple[dict[Hashable, int], dict[tuple[Hashable, Hashable], int]]
        ] = {}
        for unit in units:
            page = nearest_page[unit]
            if page is not None:
                blocks.setdefault(page, ({}, {}))[0][unit] = residual[unit]
        for (row, part), n in row_cells.items():
            page = nearest_page.get(row)
            if page is None:
                continue
            block = blocks.setdefault(page, ({}, {}))[1]
            block[(row, part)] = n
        failed = None
        for page in sorted(blocks, key=lambda p: (-depth[p], str(p))):
            rows, block_cells = blocks[page]
            present = {part for (_row, part), n in block_cells.items() if n and part in parts}
            key = (frozenset(rows), frozenset(parts))
            if key not in checked:  # a block that did not change need not be checked again
                checked[key] = shown_columns(rows, block_cells, k, within=parts)
            kept = checked[key]
            if not present <= kept:
                failed = (page, kept | (parts - present))
                break
        if failed is None:
            return pages, parts
        if as_is:
            return set(), set()
        page, kept = failed
        inner = [p for p in pages if p != page and nearest_page.get(parents[p]) == page]
        if parents.get(page) is not None and nearest_page.get(parents[page]) is not None:
            pages.discard(page)  # its people join the page above
        elif inner:
            pages.discard(min(inner, key=lambda p: (totals[p], str(p))))
        else:
            parts &= kept
    return (pages, parts) if parts else (set(), set())


def mixed_pages(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, Hashable], int],
    pages: Set[Hashable],
    parts: Set[Hashable],
) -> set[Hashable]:
    """The pages of `pages_and_partition` whose block (the page's subtree minus the pages
    below it) holds people in at least two of the shown parts and the rest: for a partition
    whose units' totals are all known elsewhere, however small (Historik shows every unit's
    leavers).

    A block with everyone in one part gives every unit in it away: each unit's count of
    that part is its known total (the clinic's 5 leavers, all at their own request, beside
    a ward's 1 leaver: the ward's one left at their own request). With two parts of at least
    k people each in the block, no unit of fewer than k has a part it must be in. A page
    with a uniform block is given up (its people join the block above), until none is left;
    giving up a page only shows less. A block without anyone shows nothing new.

    Examples:
        The wards a and b left only at their own request; c's block is mixed once theirs
        join it, so the clinic keeps its split and the wards lose theirs.
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic"}
        >>> cells = {("a", "own"): 5, ("b", "own"): 6, ("clinic", "pension"): 5}
        >>> sorted(mixed_pages(tree, cells, {"clinic", "a", "b"}, {"own", "pension"}))
        ['clinic']
        >>> sorted(mixed_pages(tree, {("a", "own"): 5}, {"clinic", "a"}, {"own"}))
        []
    """
    pages = set(pages)
    depth = {page: len(ancestors(parents, page)) for page in pages}
    while pages:
        nearest = residual_of(parents, pages)
        columns: dict[Hashable, set[Hashable]] = {page: set() for page in pages}
        for (unit, part), n in cells.items():
            page = nearest.get(unit)
            if n and page is not None:
                columns[page].add(part if part in parts else REST)
        uniform = [page for page, found in columns.items() if len(found) == 1]
        if not uniform:
            return pages
        pages.discard(max(uniform, key=lambda p: (depth[p], str(p))))
    return pages


# --- Several flat partitions of the same people (group, sex, age band) -------------------
#
# Each partition decided against the tree on its own is not enough: when every midwife is a
# woman, the women minus the midwives are the other women, however few. The rule here reduces
# several partitions to one, for which `pages_and_partition` is already proven:
#
# Merge each partition's hidden parts into its "rest" and cross what is left: the cells of
# the cross partition are (part or rest of the first, of the second, ...). Every shown part
# of a partition on a page is the sum of the cross cells that carry it, so when *every* cross
# cell holding someone passes `pages_and_partition` on a page (a disclosure proven to give
# no set of 1..k−1 people away), whatever the partitions show there is a linear combination
# of that disclosure's figures, and everything an attacker can compute from them could be
# computed from it: no set of 1..k−1 people. While a cross cell holding someone is hidden,
# the smallest part of any partition that makes it up is hidden too (complementary
# suppression); with every part hidden the one cross cell is the pages' total, so it ends.
#
# Why this and not another rule. An exact joint check (is any set of 1..k−1 people in the
# span of every shown sum over unit × group × sex × age cells?) has no cut argument like the
# one above once three families of sums meet (three-way tables can have small derivable sets
# no pair shows), so it needs row reduction over thousands of units × ~90 cells and a search
# over sets: too slow for a region on every import. Checking only pairs (each part against
# each part of another partition: intersection and differences 0 or ≥ k) is not sound: a part
# minus *two* parts of another can be small while each pair passes. Reducing to the proven
# single-partition rule is sound for any number of partitions; its price is coarseness.


def pages_and_partitions(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, tuple[Hashable, ...]], int],
    k: int,
    units: Set[Hashable],
    allowed: Sequence[Set[Hashable]] | None = None,
    keep: Set[int] = frozenset(),
) -> tuple[set[Hashable], list[set[Hashable]]]:
    """The pages on which several flat partitions may be shown together, and each one's
    parts: `cells` holds the people per (own unit, (part of the first partition, of the
    second, ...)). Every page shows the same parts of every partition. `allowed` limits each
    partition's parts to a set decided before (the others are merged into its rest, and
    everything is checked with them there).

    `keep` holds the indexes of the partitions whose parts are given up last (the sick-leave
    figures the law asks for by sex and age band, beside profession groups no one must
    show): a hidden cell gives up a part of another partition first, its own or (when it
    holds that partition's rest) one whose people would join it. Once everything passes,
    each part given up on the way is tried back, the kept partitions' first and the largest
    first, and stays when everything still passes on the same pages. Which parts are given
    up changes nothing of why what is shown is safe (every cross cell passes the rule).

    Examples:
        Five midwives, all women, and seven doctors, two of them women: the women minus the
        midwives would be those two: the midwives are shown (the rest are seven), neither
        the doctors nor women or men.
        >>> tree = {"region": None}
        >>> cells = {("region", ("midwife", "women")): 5, ("region", ("doctor", "women")): 2,
        ...     ("region", ("doctor", "men")): 5}
        >>> pages, (groups, sexes) = pages_and_partitions(tree, cells, 5, {"region"})
        >>> sorted(pages), sorted(groups), sorted(sexes)
        (['region'], ['midwife'], [])
    """
    _check(k)
    width = len(next(iter(cells))[1]) if cells else 0
    margins: list[dict[Hashable, int]] = [{} for _ in range(width)]
    for (_unit, parts_), n in cells.items():
        for i, part in enumerate(parts_):
            margins[i][part] = margins[i].get(part, 0) + int(n)
    # Start from what each partition may show against the tree on its own (a cheap first cut).
    # The pages too: a page that fails for one partition would fail for the cross (and
    # starting from fewer pages is sound, see `_pages_and_partition`; it saves much time).
    parts: list[set[Hashable]] = []
    pages = set(units)
    for i in range(width):
        single: dict[tuple[Hashable, Hashable], int] = {}
        for (unit, parts_), n in cells.items():
            single[(unit, parts_[i])] = single.get((unit, parts_[i]), 0) + int(n)
        single_pages, single_parts = _pages_and_partition(parents, single, k, units, pages)
        parts.append(single_parts if allowed is None else single_parts & set(allowed[i]))
        pages = single_pages or pages
    start = [set(shown) for shown in parts]

    def smallest(choices: Iterable[tuple[int, Hashable]]) -> tuple[int, Hashable]:
        return min(choices, key=lambda c: (margins[c[0]][c[1]], c[0], str(c[1])))

    while any(parts):
        crossed = _crossed(cells, parts)
        # A page that failed before fails again with fewer parts more often than not: start
        # from the pages left (sound either way, see `_pages_and_partition`; it saves time).
        pages, shown = _pages_and_partition(parents, crossed, k, units, pages)
        hidden = {cross for (_unit, cross), n in crossed.items() if n and cross not in shown}
        if pages and not hidden:
            return pages, _tried_back(parents, cells, k, units, pages, parts, start, keep, margins)
        if not pages:
            pages = set(units)  # with fewer parts, a page may pass again
        every = {(i, p) for i in range(width) for p in parts[i]}
        present = {cast(tuple[Hashable, ...], cross) for (_u, cross), n in crossed.items() if n}
        # Each hidden cell gives up the smallest part it is made of (all in one round: hiding
        # more is never less safe, and every round runs the whole tree and page rule); of a
        # partition not kept first, when it has one.
        hide: set[tuple[int, Hashable]] = set()
        for cross in cast(set[tuple[Hashable, ...]], hidden):
            made_of = {(i, p) for i, p in enumerate(cross) if p != REST}
            others = {(i, p) for i, p in made_of if i not in keep}
            if keep and not others:
                # A part of another partition whose people share the cell's other parts:
                # hidden, they join its rest there.
                others = {
                    (i, q[i])
                    for i in range(width)
                    if i not in keep and cross[i] == REST
                    for q in present
                    if q[i] != REST and all(q[j] == cross[j] for j in range(width) if j != i)
                }
            if others or made_of:
                hide.add(smallest(others or made_of))
        if not hide:  # no page, or only the cell of every rest is hidden
            hide = {smallest({c for c in every if c[0] not in keep} or every)}
        for i, part in hide:
            parts[i].discard(part)
    return set(), [set() for _ in range(width)]


def _crossed(
    cells: Mapping[tuple[Hashable, tuple[Hashable, ...]], int], parts: Sequence[Set[Hashable]]
) -> dict[tuple[Hashable, Hashable], int]:
    """The cells of the cross partition: each partition's hidden parts merged into its rest."""
    crossed: dict[tuple[Hashable, Hashable], int] = {}
    for (unit, parts_), n in cells.items():
        key = (unit, tuple(p if p in parts[i] else REST for i, p in enumerate(parts_)))
        crossed[key] = crossed.get(key, 0) + int(n)
    return crossed


def _tried_back(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, tuple[Hashable, ...]], int],
    k: int,
    units: Set[Hashable],
    pages: set[Hashable],
    parts: list[set[Hashable]],
    start: Sequence[Set[Hashable]],
    keep: Set[int],
    margins: Sequence[Mapping[Hashable, int]],
) -> list[set[Hashable]]:
    """`parts` (which pass on `pages`) with each part of `start` given up on the way added
    back, one at a time, when every cross cell still passes on the same pages: the kept
    partitions' parts first, then the largest. Without `keep`, `parts` as they are."""
    if not keep:
        return parts
    given_up = [(i, p) for i, shown in enumerate(start) for p in shown if p not in parts[i]]
    for i, part in sorted(
        given_up, key=lambda c: (c[0] not in keep, -margins[c[0]][c[1]], str(c[1]))
    ):
        trial = [set(shown) | ({part} if j == i else set()) for j, shown in enumerate(parts)]
        crossed = _crossed(cells, trial)
        shown_on, shown = _pages_and_partition(parents, crossed, k, units, set(pages), as_is=True)
        if shown_on == pages and all(cross in shown for (_u, cross), n in crossed.items() if n):
            parts = trial
    return parts
