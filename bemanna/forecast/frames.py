"""ORM data as engine frames for the forecast."""

from __future__ import annotations

import polars as pl
from django.db.models import Max

from bemanna.forecast.models import PopulationProjection
from bemanna.org.models import Unit
from bemanna.workforce.models import Employment, ImportBatch

SCHEMA = {
    "person": pl.Int64,
    "group": pl.String,
    "birth_year": pl.Int64,
    "sex": pl.String,
    "form": pl.String,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
    "unit_path": pl.String,
}


def data_version() -> tuple[int, int]:
    """Changes whenever an import changes the workforce data (for caches)."""
    latest = ImportBatch.objects.aggregate(latest=Max("pk"))["latest"] or 0
    return latest, Employment.objects.count()


def employments() -> pl.DataFrame:
    """Every employment in the region, one row each, in the engine's columns."""
    rows = Employment.objects.values_list(
        "person_id",
        "profession__skr_group",
        "profession__name",
        "person__birth_year",
        "person__sex",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
        "unit__path",
    )
    return pl.DataFrame(
        [
            (person, group or name, born, sex, form, float(rate), start, end, reason or None, path)
            for person, group, name, born, sex, form, rate, start, end, reason, path in rows
        ],
        schema=SCHEMA,
        orient="row",
    )


def in_subtree(frame: pl.DataFrame, unit: Unit) -> pl.DataFrame:
    return frame.filter(pl.col("unit_path").str.starts_with(unit.path))


def projection(item: PopulationProjection | None) -> pl.DataFrame:
    if item is None:
        return pl.DataFrame(
            schema={"year": pl.Int64, "age_group": pl.String, "population": pl.Int64}
        )
    rows = item.figures.values_list("year", "age_group", "population")
    return pl.DataFrame(
        list(rows),
        schema={"year": pl.Int64, "age_group": pl.String, "population": pl.Int64},
        orient="row",
    )
