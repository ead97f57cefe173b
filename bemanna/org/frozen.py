"""The unit tree as it was: a snapshot kept with survey results once they may be shown.

Results recomputed on today's tree change when a unit moves, and the difference between the
view before and the view after gives the moved unit's answers away, however few. So a closed
pulse wave, and an exit-survey block once shown, keep the tree they were first computed on
(unit id → parent id, with the code and name as shown then) and are always computed over it.
So does every year begun (`PublishedYear`, `year_trees`): the key figures and the history page
compute a year over the one tree it was first shown with.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from django.db import transaction
from django.db.models import Q

from bemanna.org.models import PublishedYear, Unit


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


def year_trees(
    years, kept, k: int, groups: Callable[[], dict] | None = None
) -> tuple[dict[int, dict[int, Unit]], dict[int, int]]:
    """Per year, the units (with their parents) its figures are computed over, and the k it
    was first shown with (`PublishedYear`, one row a year whichever page shows it first).

    A year in `kept` keeps the tree and k of the first time any page computed it (the row is
    made then, with today's tree, the threshold `k` and the profession groups `groups()`,
    if given); any other year is computed over today's tree. A unit made since keeps its
    place under today's parent (itself kept or new), so people placed in it for the year (an
    HR extract may say so later) still count in the units above and the region's total does
    not change; that place is kept with the year the first time it is used, so moving the
    new unit again changes nothing shown for the year either."""
    today_units = units_of(None)
    kept = [year for year in years if year in set(kept)]
    rows = {row.year: row for row in PublishedYear.objects.filter(year__in=kept)}
    missing = [year for year in kept if year not in rows]
    if missing:
        tree, mapping = snapshot(), groups() if groups is not None else None
        for year in missing:
            rows[year], _created = PublishedYear.objects.get_or_create(
                year=year, defaults={"tree": tree, "min_group": k, "groups": mapping}
            )
    trees = {year: today_units for year in years}
    for year, row in rows.items():
        if not set(today_units) <= {unit[0] for unit in row.tree}:
            row = _add_new_units(row.pk)
        trees[year] = units_of(row.tree)
    return trees, {year: row.min_group for year, row in rows.items()}


@transaction.atomic
def _add_new_units(pk: int) -> PublishedYear:
    """Add the units made since a year was kept to its tree, under their parents of today
    (in path order, so a new unit's new parent comes first), once."""
    row = PublishedYear.objects.select_for_update().get(pk=pk)
    known = {unit[0] for unit in row.tree}
    new = [unit for unit in snapshot() if unit[0] not in known]
    if new:
        row.tree = [*row.tree, *new]
        row.save(update_fields=["tree"])
    return row


def subtree(units: Mapping[int, Unit], root: int) -> set[int]:
    """`root` and every unit below it in a (kept) tree."""
    children: dict[int | None, list[int]] = {}
    for pk, unit in units.items():
        children.setdefault(unit.parent_id, []).append(pk)
    found, todo = set(), [root] if root in units else []
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, []))
    return found


def reasons_by_block(years, decide: Callable[[list[int]], set[int]]) -> set[int]:
    """Of the kept years, those whose leavers by reason are shown per exit-survey block (the
    rest: per year, on the history page). Decided once a year, the first time it is asked
    (`decide(years)` gives the years to show per block), and kept: the view before minus the
    view after is then never a year's split beside its block's."""
    rows = PublishedYear.objects.filter(year__in=list(years))
    open_ = [
        year for year, by_block in rows.values_list("year", "reasons_by_block") if by_block is None
    ]
    if open_:
        chosen = decide(open_)
        for value in (True, False):
            PublishedYear.objects.filter(
                year__in=[y for y in open_ if (y in chosen) is value], reasons_by_block=None
            ).update(reasons_by_block=value)
    return set(rows.filter(reasons_by_block=True).values_list("year", flat=True))


def histories(years) -> dict[int, dict]:
    """Of some years, what *Historik* decided to show of their 31 December the first time
    (`PublishedYear.history`, forecast.shown_past): year → the stored decisions."""
    rows = PublishedYear.objects.filter(year__in=list(years), history__isnull=False)
    return dict(rows.values_list("year", "history"))


def histories_before(year: int) -> dict[int, dict]:
    """`histories` of every year before `year` whose decisions are kept (none are deleted:
    they are what was shown, not data about people)."""
    rows = PublishedYear.objects.filter(year__lt=year, history__isnull=False)
    return dict(rows.values_list("year", "history"))


def keep_history(decided: Mapping[int, dict]) -> None:
    """Keep each year's *Historik* decisions (`histories`) where none is kept yet, or one
    with a lower k (the setting raised it since) or by an older rule (its "rule", none the
    first): two processes at once keep one, and both read it back."""
    for year, history in decided.items():
        PublishedYear.objects.filter(year=year).filter(
            Q(history__isnull=True)
            | Q(history__k__lt=history["k"])
            | Q(history__rule__isnull=True)
            | Q(history__rule__lt=history["rule"])
        ).update(history=history)
