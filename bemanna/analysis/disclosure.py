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

from collections.abc import Hashable, Mapping

MIN_K = 3


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
    parents: Mapping[Hashable, Hashable | None], own: Mapping[Hashable, int], k: int = 5
) -> set[Hashable]:
    """Units whose results may be shown: at least k answers, and no derivable remainder < k.

    `parents` maps every unit to its parent (None at the root); `own` gives the answers that
    belong to a unit itself (not to the units below it).
    """
    if k < MIN_K:
        raise ValueError(f"the anonymity threshold is never below {MIN_K}")
    totals = subtree_totals(parents, own)
    shown = {unit for unit, total in totals.items() if total >= k}
    changed = True
    while changed:
        changed = False
        for unit in sorted(shown, key=lambda u: (-totals[u], str(u))):
            if unit not in shown:
                continue
            below = _shown_below(unit, parents, shown)
            residual = totals[unit] - sum(totals[b] for b in below)
            if 0 < residual < k:
                if below:
                    smallest = min(below, key=lambda b: (totals[b], str(b)))
                    shown.discard(smallest)
                else:  # cannot happen (the unit alone has ≥ k), kept for safety
                    shown.discard(unit)
                changed = True
    return shown


def _shown_below(
    unit: Hashable, parents: Mapping[Hashable, Hashable | None], shown: set[Hashable]
) -> list[Hashable]:
    """The shown units under `unit` with no shown unit between them and it."""
    result = []
    for other in shown:
        if other == unit:
            continue
        parent = parents[other]
        while parent is not None and parent not in shown:
            parent = parents[parent]
        if parent == unit:
            result.append(other)
    return result
