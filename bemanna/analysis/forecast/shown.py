"""What a forecast may show of a unit: its total at all, and which profession groups on their
own, by the shared rules over the unit tree (`analysis.disclosure`).

A forecast's figures per group (supply, retirements, exits per year) are those of the
group's people on the base date: for a group of one the last year with retirements is their
birth year + 69, and the base FTE their employment rate. So the forecast is decided like the
key figures, on the base date's headcount (people, not FTE) per unit and group:

* a unit's forecast is shown when `visible_units` shows the unit: its subtree holds at least
  k people, and no shown unit minus the shown units below it is 1..k-1 people;
* the groups are shown on their own on the pages and for the parts `pages_and_partition`
  allows beside those units (no page, nor a page minus the pages below it, gives away a set
  of 1..k-1 people of a group or of the rest); every other group of a shown unit is merged
  into one row (`model.OTHER`), which the same rule keeps at 0 or at least k people.

Each person counts once, in the unit and group of their largest employment, as the
forecast's baseline counts them; and a subtree's forecast stands on those same people
(`staff_of`), so a second job in another unit adds no one there.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Hashable, Mapping, Set
from dataclasses import dataclass

import polars as pl

from bemanna.analysis.disclosure import pages_and_partition, visible_units
from bemanna.analysis.stock import main_jobs


@dataclass(frozen=True)
class Shown:
    """The forecasts a region may show on a base date with threshold k."""

    k: int
    units: frozenset[Hashable]  # units whose forecast (the total) may be shown
    pages: frozenset[Hashable]  # of those, the units that show groups on their own
    groups: frozenset[str]  # the groups shown on their own there (the same on every page)

    def groups_of(self, unit: Hashable) -> frozenset[str]:
        """The groups a unit's forecast shows on their own (none: only its total)."""
        return self.groups if unit in self.pages else frozenset()


def headcount(employments: pl.DataFrame, on: datetime.date) -> dict[tuple[Hashable, str], int]:
    """People per (unit, group) on `on`: each monthly-paid person once, in the unit and group
    of their largest employment (`stock.main_jobs`)."""
    return counts(main_jobs(employments, on))


def counts(people: pl.DataFrame) -> dict[tuple[Hashable, str], int]:
    """People per (unit, group) of `stock.main_jobs`' frame (each person once)."""
    cells = people.group_by("unit_id", "group").len()
    return {(unit, group): int(n) for unit, group, n in cells.iter_rows() if group is not None}


def staff_of(
    employments: pl.DataFrame, units: Collection[Hashable], on: datetime.date
) -> pl.DataFrame:
    """The employments a forecast of a subtree (`units`, its unit ids) stands on, by the rule
    `headcount` counts people with: each person active on `on` belongs, with every employment
    they have had or will have, to the unit of their largest employment on `on`
    (`stock.main_jobs`), inside the subtree or not at all; the employments of everyone else
    (left before `on`, or hired after it: the history behind the hire window and the fitting)
    stay by their own unit. So a nurse at 80 % in ward a with a 20 % manager's job in ward b is
    a nurse at 100 % in a's forecast and nobody in b's, as the decision counted her; the
    subtrees below a unit share out its people, and the root's is the whole region.

    Examples:
        >>> import datetime as dt
        >>> staff = pl.DataFrame({
        ...     "person": ["p", "p", "q", "r"], "unit_id": ["a", "b", "b", "b"],
        ...     "group": ["nurse", "manager", "nurse", "nurse"], "birth_year": [1970] * 4,
        ...     "form": ["permanent"] * 4, "rate": [80.0, 20.0, 100.0, 100.0],
        ...     "start": [dt.date(2020, 1, 1)] * 4,
        ...     "end": [None, None, None, dt.date(2022, 6, 30)],
        ... })
        >>> on = dt.date(2025, 12, 31)
        >>> staff_of(staff, {"a"}, on)["rate"].to_list()
        [80.0, 20.0]
        >>> staff_of(staff, {"b"}, on)["person"].to_list()
        ['q', 'r']
    """
    wanted = list(units)
    placed = main_jobs(employments, on).select("person", "unit_id")
    inside = placed.filter(pl.col("unit_id").is_in(wanted))["person"].to_list()
    active = placed["person"].to_list()
    return employments.filter(
        pl.col("person").is_in(inside)
        | (~pl.col("person").is_in(active) & pl.col("unit_id").is_in(wanted))
    )


def decide(
    parents: Mapping[Hashable, Hashable | None],
    cells: Mapping[tuple[Hashable, str], int],
    k: int,
    pages: Set[Hashable] | None = None,
) -> Shown:
    """The units and groups a forecast may show, from the people per (own unit, group);
    `pages` limits the units that may show the groups to a set decided before
    (`disclosure.pages_and_partition`: fewer pages to start from only show less).

    Examples:
        A clinic with wards of 6 and 5 nurses, one doctor in ward a, and a ward c of 2:
        c is refused, and so is ward b (the clinic minus a and b would be c's 2); no page
        shows the nurses on their own, as everyone else would be the one doctor.
        >>> tree = {"clinic": None, "a": "clinic", "b": "clinic", "c": "clinic"}
        >>> cells = {("a", "nurse"): 6, ("a", "doctor"): 1, ("b", "nurse"): 5,
        ...     ("c", "nurse"): 2}
        >>> shown = decide(tree, cells, 5)
        >>> sorted(shown.units), sorted(shown.groups_of("clinic")), sorted(shown.groups_of("a"))
        (['a', 'clinic'], [], [])
    """
    own: dict[Hashable, int] = {unit: 0 for unit in parents}
    for (unit, _group), n in cells.items():
        if unit in own:
            own[unit] += int(n)
    units = visible_units(parents, own, k)
    known: dict[tuple[Hashable, Hashable], int] = {
        (unit, group): n for (unit, group), n in cells.items() if unit in parents
    }
    chosen, groups = (
        pages_and_partition(parents, known, k, units, pages) if units else (set(), set())
    )
    return Shown(k, frozenset(units), frozenset(chosen), frozenset(str(g) for g in groups))
