"""Hires straight after studies, from the HR extract: the default of the education pipeline.

The rule, plain so HR can check it against its own records: a person counts as hired after
studies in year Y and group G when their first monthly-paid employment in the extract
(permanent or fixed-term; hourly work before it, typically during studies, does not count)
starts in Y, in G, and they are at most `MAX_AGE` that year (Y minus birth year). The
default is the mean of those counts over the last `YEARS` complete years, years without
any counting as 0. What the extract cannot show (a degree, a first job elsewhere) is not
guessed: someone who came from another employer at 28 counts too, and someone who studied
late does not.

Example:
    >>> import datetime as dt
    >>> frame = pl.DataFrame({"person": [1, 2, 2, 3], "group": ["A", "A", "A", "A"],
    ...     "birth_year": [2000, 1999, 1999, 1980], "form": ["permanent", "hourly",
    ...     "permanent", "permanent"], "start": [dt.date(2024, 8, 1), dt.date(2022, 6, 1),
    ...     dt.date(2025, 1, 1), dt.date(2025, 1, 1)]})
    >>> graduate_hires(frame, 2025).rows()
    [('A', 0.6666666666666666, 2)]
"""

from __future__ import annotations

import polars as pl

MAX_AGE = 30
YEARS = 3
MONTHLY = ("permanent", "fixed_term")


def graduate_hires(
    frame: pl.DataFrame, last_year: int, *, years: int = YEARS, max_age: int = MAX_AGE
) -> pl.DataFrame:
    """group, per_year (the mean over `years` years to `last_year`), hires (the total), for
    every group with at least one such hire. `frame`: person, group, birth_year, form,
    start (one row an employment)."""
    first = (
        frame.filter(pl.col("form").is_in(MONTHLY) & pl.col("start").is_not_null())
        .sort(["person", "start"])
        .group_by("person", maintain_order=True)
        .first()
        .with_columns(pl.col("start").dt.year().alias("year"))
    )
    counted = first.filter(
        pl.col("year").is_between(last_year - years + 1, last_year)
        & ((pl.col("year") - pl.col("birth_year")) <= max_age)
    )
    return (
        counted.group_by("group")
        .agg(pl.len().alias("hires"))
        .with_columns((pl.col("hires") / years).alias("per_year"))
        .select("group", "per_year", pl.col("hires").cast(pl.Int64))
        .sort("group")
    )
