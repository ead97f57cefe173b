"""ORM data as engine frames for the forecast."""

from __future__ import annotations

import polars as pl
from django.apps import apps

from bemanna.forecast.models import PopulationProjection
from bemanna.org.models import Unit
from bemanna.workforce.frames import data_version, employments

__all__ = ["costs", "data_version", "employments", "in_subtree", "projection"]


def in_subtree(frame: pl.DataFrame, unit: Unit) -> pl.DataFrame:
    return frame.filter(pl.col("unit_path").str.starts_with(unit.path))


def projection(item: PopulationProjection | None) -> pl.DataFrame:
    schema = {"year": pl.Int64, "age_group": pl.String, "population": pl.Int64}
    if item is None:
        return pl.DataFrame(schema=schema)
    rows = item.figures.values_list("year", "age_group", "population")
    return pl.DataFrame(list(rows), schema=schema, orient="row")


def costs() -> pl.DataFrame:
    """The imported personnel costs: unit, month, profession_group, own_cost, hired_cost."""
    # The costs are imported by keyfigures, a floor above forecast (test_layers): read through
    # the app registry rather than an import, until the cost import moves to a lower floor.
    model = apps.get_model("keyfigures", "PersonnelCost")
    rows = model.objects.values_list(
        "unit_id", "month", "profession_group", "own_cost", "hired_cost"
    )
    schema = {
        "unit": pl.Int64,
        "month": pl.Date,
        "profession_group": pl.String,
        "own_cost": pl.Float64,
        "hired_cost": pl.Float64,
    }
    return pl.DataFrame(list(rows), schema=schema, orient="row")
