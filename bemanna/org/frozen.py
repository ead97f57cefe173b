"""The unit tree as it was: a snapshot kept with survey results once they may be shown.

Results recomputed on today's tree change when a unit moves, and the difference between the
view before and the view after gives the moved unit's answers away, however few. So a closed
pulse wave, and an exit-survey block once shown, keep the tree they were first computed on
(unit id → parent id, with the code and name as shown then) and are always computed over it.
"""

from __future__ import annotations

from bemanna.org.models import Unit


def snapshot() -> list[list]:
    """Today's tree as stored: [id, parent id, code, name, level, depth] per unit."""
    return [
        [pk, parent, code, name, level, depth]
        for pk, parent, code, name, level, depth in Unit.objects.order_by("path").values_list(
            "pk", "parent_id", "code", "name", "level", "depth"
        )
    ]


def units_of(stored: list[list] | None) -> dict[int, Unit]:
    """Unit id → an unsaved Unit as it was (name, code, parent), or today's units when no
    snapshot is stored (results still open, or from before snapshots were kept)."""
    if stored is None:
        return {unit.pk: unit for unit in Unit.objects.all()}
    return {
        pk: Unit(pk=pk, parent_id=parent, code=code, name=name, level=level, depth=depth)
        for pk, parent, code, name, level, depth in stored
    }
