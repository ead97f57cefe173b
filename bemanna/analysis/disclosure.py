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

from collections.abc import Hashable, Mapping, Set

MIN_K = 3


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
        below = _shown_below(parents, shown)
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


def _shown_below(
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
