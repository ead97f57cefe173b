"""The history page's closed years, each over the unit tree it was first shown with.

Recomputed on today's tree, a year's rows would change when HR moves a unit: the clinic's
"of which retirement" before the move minus after it is the moved unit's retirements, shown
there or not. So every closed year is computed over its kept tree (`frozen.year_trees`, the
key figures' `PublishedYear`: one tree a year for every page), and with the k it was first
shown with (raised by the setting, never lowered): its row, the decision which pages show the
split, the months and the age pyramid. A unit moved since counts under its old parent in the
years before; a unit made since sits under today's parent (kept so from the first time).
A year whose leavers by reason the exit survey shows per block shows no split here: the block
minus one of its years would be the other year's (`shown_per_block`, decided once a year).

The headcount, FTE, ages and sexes on a day count each person once, in the unit and group of
their main job in the whole region (`stock.main_jobs`), as the forecast's decision of what may
be shown counts them (`shown.decide`): counted in each unit of their jobs, a person with two
would be the difference between the units' pyramids and their parent's.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

import polars as pl

from bemanna.analysis import stock
from bemanna.analysis.forecast import history as past
from bemanna.org import frozen, thresholds
from bemanna.org.models import Unit

YEARS = 10  # the page's years, the last full year included

# The exit survey (a floor above) shows the HR end reasons per block of years; it hands over
# which years it runs over from its AppConfig.ready(), so that no import runs up the floors.
_surveyed: Callable[[Iterable[int]], set[int]] | None = None


def register_surveyed(years: Callable[[Iterable[int]], set[int]]) -> None:
    """Set who says, of some years, those whose block the exit survey runs over."""
    global _surveyed
    _surveyed = years


def shown_per_block(years: Iterable[int]) -> set[int]:
    """Of some closed years, those whose leavers by reason the exit survey shows per block,
    so that no other page shows a part of them per year (Historik's split, the key figures'
    own-request turnover): the block minus one year would be the other's. Decided the first
    time each year is asked and kept (org.frozen)."""
    return frozen.reasons_by_block(
        years, lambda open_: _surveyed(open_) if _surveyed is not None else set()
    )


class Years:
    """A unit's closed years up to `last`, each over its kept tree."""

    def __init__(
        self,
        employments: pl.DataFrame,
        unit: Unit,
        last: int,
        people: Callable[[datetime.date], pl.DataFrame] | None = None,
    ) -> None:
        """`people(day)`: `stock.main_jobs` of `employments` on the day (the page keeps
        them per data version)."""
        self.first, self.last = last - YEARS + 1, last
        years = range(self.first, last + 1)
        # Every year shown here has ended: each keeps its tree from the first time it shows.
        self.trees, kept = frozen.year_trees(years, years, thresholds.min_group())
        self.ks = {year: max(thresholds.min_group(), kept.get(year, 0)) for year in years}
        # Their leavers by reason are on the exit survey's page, per block of years.
        self.by_block = shown_per_block(years)
        self.inside = {year: frozen.subtree(self.trees[year], unit.pk) for year in years}
        today = frozen.subtree(frozen.units_of(None), unit.pk)
        # The years whose units below this one were not today's (the page says so).
        self.other_tree = [year for year in years if self.inside[year] != today]
        self._employments = employments
        self._people = people or (lambda day: stock.main_jobs(employments, day))
        self._frames: dict[frozenset, pl.DataFrame] = {}

    def counted(self, year: int, day: datetime.date, group: str = past.ALL) -> pl.DataFrame:
        """The people on `day` whose main job in the region is in the unit's subtree as it was
        in `year` (in `group`, unless all), each once (`stock.main_jobs`)."""
        people = self._people(day).filter(pl.col("unit_id").is_in(list(self.inside[year])))
        return people if group == past.ALL else people.filter(pl.col("group") == group)

    def staff(self, year: int) -> pl.DataFrame:
        """Everyone ever employed in the unit's subtree as it was in `year` (all their
        employments there, any date)."""
        units = frozenset(self.inside[year])
        if units not in self._frames:
            self._frames[units] = self._employments.filter(pl.col("unit_id").is_in(list(units)))
        return self._frames[units]

    def table(self) -> pl.DataFrame | None:
        """`past.yearly`'s rows, each year's over its tree; None when no year has staff."""
        by_tree: dict[frozenset, list[int]] = {}
        for year in range(self.first, self.last + 1):
            by_tree.setdefault(frozenset(self.inside[year]), []).append(year)
        parts = []
        for years in by_tree.values():
            staff = self.staff(years[0])
            if not staff.is_empty():
                rows = past.yearly(
                    staff, min(years), max(years), lambda day, y=years[0]: self.counted(y, day)
                )
                parts.append(rows.filter(pl.col("year").is_in(years)))
        if not parts:
            return None
        return pl.concat(parts, how="vertical_relaxed").sort("group", "year")

    def monthly(self, group: str) -> pl.DataFrame:
        """The last two years' months, each year's over its tree."""
        parts = [
            past.monthly(
                self._of(year, group),
                datetime.date(year, 12, 31),
                months=12,
                stock=lambda day, y=year: self.counted(y, day, group),
            )
            for year in (self.last - 1, self.last)
        ]
        return pl.concat(parts)

    def pyramid(self, group: str) -> pl.DataFrame:
        """The age pyramid on the last 31 December, over that year's tree."""
        day = datetime.date(self.last, 12, 31)
        return past.pyramid(self.counted(self.last, day, group), self.last)

    def _of(self, year: int, group: str) -> pl.DataFrame:
        staff = self.staff(year)
        return staff if group == past.ALL else staff.filter(pl.col("group") == group)
