"""ORM data as engine frames for the forecast."""

from __future__ import annotations

import polars as pl

from bemanna.forecast.models import PopulationProjection
from bemanna.org.models import Unit
from bemanna.workforce.frames import data_version, employments

__all__ = ["data_version", "employments", "in_subtree", "projection"]


def in_subtree(frame: pl.DataFrame, unit: Unit) -> pl.DataFrame:
    return frame.filter(pl.col("unit_path").str.starts_with(unit.path))


def projection(item: PopulationProjection | None) -> pl.DataFrame:
    schema = {"year": pl.Int64, "age_group": pl.String, "population": pl.Int64}
    if item is None:
        return pl.DataFrame(schema=schema)
    rows = item.figures.values_list("year", "age_group", "population")
    return pl.DataFrame(list(rows), schema=schema, orient="row")
