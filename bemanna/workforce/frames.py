"""ORM data as polars frames for the engine; views never do arithmetic on querysets."""

from __future__ import annotations

import datetime

import polars as pl

from bemanna.org.models import Unit
from bemanna.workforce.models import Employment

EMPLOYMENT_SCHEMA = {
    "person": pl.Int64,
    "unit_id": pl.Int64,
    "profession": pl.String,
    "skr_group": pl.String,
    "birth_year": pl.Int64,
    "sex": pl.String,
    "form": pl.String,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
}


def units_frame(units=None) -> pl.DataFrame:
    rows = (units if units is not None else Unit.objects.all()).values_list("pk", "path")
    return pl.DataFrame(list(rows), schema={"unit_id": pl.Int64, "path": pl.String}, orient="row")


def employments_frame(unit: Unit, on: datetime.date | None = None) -> pl.DataFrame:
    """Employments in `unit`'s subtree (only those active on `on`, when given)."""
    queryset = Employment.objects.filter(unit__path__startswith=unit.path)
    if on is not None:
        queryset = queryset.filter(start__lte=on).exclude(end__lt=on)
    rows = queryset.values_list(
        "person_id",
        "unit_id",
        "profession__code",
        "profession__skr_group",
        "person__birth_year",
        "person__sex",
        "form",
        "rate",
        "start",
        "end",
    )
    frame = pl.DataFrame(
        [(*row[:7], float(row[7]), *row[8:]) for row in rows],
        schema=EMPLOYMENT_SCHEMA,
        orient="row",
    )
    return frame
