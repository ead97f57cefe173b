"""ORM data as polars frames for the engine; views never do arithmetic on querysets."""

from __future__ import annotations

import datetime

import polars as pl
from django.db.models import Max

from bemanna.org.models import Unit
from bemanna.workforce.models import Employment, ImportBatch

SCHEMA = {
    "person": pl.Int64,
    "unit_id": pl.Int64,
    "unit_path": pl.String,
    "profession": pl.String,
    "group": pl.String,
    "birth_year": pl.Int64,
    "sex": pl.String,
    "form": pl.String,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
}


def units_frame(units=None) -> pl.DataFrame:
    rows = (units if units is not None else Unit.objects.all()).values_list("pk", "path")
    return pl.DataFrame(list(rows), schema={"unit_id": pl.Int64, "path": pl.String}, orient="row")


def data_version() -> tuple[int, int]:
    """Changes whenever an import changes the workforce data (for caches)."""
    latest = ImportBatch.objects.aggregate(latest=Max("pk"))["latest"] or 0
    return latest, Employment.objects.count()


_region: tuple[tuple[int, int], pl.DataFrame] | None = None


def employments(queryset=None) -> pl.DataFrame:
    """One row per employment with what the engine needs. `group` is the SKR profession
    group (the profession's name when it has none); `skr_group` is the same column under the
    name the stock module uses.

    The whole region (no `queryset`) is read once per data version and process: every
    forecast page starts from it, and an import changes the version."""
    global _region
    if queryset is None:
        version = data_version()
        if _region is None or _region[0] != version:
            _region = (version, _read(Employment.objects.all()))
        return _region[1]
    return _read(queryset)


def forget() -> None:
    """Drop the cached region (the tests start each case from an empty cache)."""
    global _region
    _region = None


def _read(queryset) -> pl.DataFrame:
    rows = queryset.values_list(
        "person_id",
        "unit_id",
        "unit__path",
        "profession__code",
        "profession__skr_group",
        "profession__name",
        "person__birth_year",
        "person__sex",
        "form",
        "rate",
        "start",
        "end",
        "end_reason",
    )

    def row(person, unit, path, code, group, name, born, sex, form, rate, start, end, reason):
        return (
            person,
            unit,
            path,
            code,
            group or name,
            born,
            sex,
            form,
            float(rate),
            start,
            end,
            reason or None,
        )

    frame = pl.DataFrame([row(*values) for values in rows], schema=SCHEMA, orient="row")
    return frame.with_columns(pl.col("group").alias("skr_group"))


def employments_frame(unit: Unit, on: datetime.date | None = None) -> pl.DataFrame:
    """Employments in `unit`'s subtree (only those active on `on`, when given)."""
    queryset = Employment.objects.filter(unit__path__startswith=unit.path)
    if on is not None:
        queryset = queryset.filter(start__lte=on).exclude(end__lt=on)
    return employments(queryset)
