"""ORM data as engine frames for the forecast."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

import polars as pl
from django.utils import timezone

from bemanna.analysis.forecast import shown
from bemanna.forecast.models import PopulationProjection
from bemanna.org.models import Unit
from bemanna.workforce.frames import data_version, employments

__all__ = ["costs", "data_version", "employments", "projection", "staff_of"]


def staff_of(frame: pl.DataFrame, unit: Unit, on: datetime.date) -> pl.DataFrame:
    """The employments a forecast of `unit` (its whole subtree) stands on with base date
    `on`: the people whose main job on `on` is in the subtree, with all their employments,
    and the history of everyone not employed then (`analysis.forecast.shown.staff_of`, the
    rule the decision of what is shown counts people by)."""
    units = Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True)
    return shown.staff_of(frame, set(units), on)


def projection(item: PopulationProjection | None) -> pl.DataFrame:
    schema = {"year": pl.Int64, "age_group": pl.String, "population": pl.Int64}
    if item is None:
        return pl.DataFrame(schema=schema)
    rows = item.figures.values_list("year", "age_group", "population")
    return pl.DataFrame(list(rows), schema=schema, orient="row")


# The personnel costs are imported by the key figures, an app on a floor above this one: it
# hands over its reader from its AppConfig.ready(), as it registers its files on the Import
# page, so that no import runs up the floors.
_cost_rows: Callable[[], Iterable[tuple]] | None = None


def register_costs(rows: Callable[[], Iterable[tuple]]) -> None:
    """Set where the costs come from: rows of (unit id, month, profession group or "", own
    cost, hired cost, branch: the unit below the region it lies under that year)."""
    global _cost_rows
    _cost_rows = rows


_costs: tuple[tuple, pl.DataFrame] | None = None


def costs() -> pl.DataFrame:
    """The imported personnel costs: unit, month, profession_group, own_cost, hired_cost,
    branch.

    Read once per data version (every import, costs included, makes a new batch) and day:
    the costs as shown change with the day too (a month made final, or waiting for more of
    its costs), and read in January a process priced a closed year from a December the key
    figures held back in February (an insider's eighteenth round)."""
    global _costs
    version = (data_version(), costs_day())
    if _costs is None or _costs[0] != version:
        _costs = (version, _read_costs())
    return _costs[1]


def costs_day() -> datetime.date:
    """The day the costs are read as of (part of every key that keeps them)."""
    return timezone.localdate()


def forget() -> None:
    """Drop the cached costs (the tests start each case from an empty cache)."""
    global _costs
    _costs = None


def _read_costs() -> pl.DataFrame:
    rows = list(_cost_rows()) if _cost_rows is not None else []
    schema = {
        "unit": pl.Int64,
        "month": pl.Date,
        "profession_group": pl.String,
        "own_cost": pl.Float64,
        "hired_cost": pl.Float64,
        "branch": pl.Int64,  # the unit below the region it lies under (`kpi.branches`)
    }
    return pl.DataFrame(rows, schema=schema, orient="row")
