"""Exit rates from the region's own history, by occurrence and exposure.

Each monthly-paid employment contributes the time it was at risk in each calendar year of the
observation window, at the age the person had that year; an employment still running at the
end of the window is right-censored (it contributes exposure, no event). The hazard of a cell
is events / exposure (the maximum-likelihood estimate of a piecewise-constant hazard), which
respects censoring where a naive "leavers / staff" ratio does not.

* Retirement hazard h(age), pooled over professions (too few events per profession), ages
  55–68, with everyone out at 69 (LAS, in force since 2023).
* Other attrition q(group, age band), shrunk towards the band's regional rate by an
  empirical-Bayes gamma–Poisson prior whose strength is estimated from how much the groups
  differ (`shrinkage`): a group with little exposure leans on the region.

Example:
    >>> import datetime
    >>> staff = pl.DataFrame({
    ...     "person": ["a", "b"], "group": ["SSK", "SSK"], "birth_year": [1990, 1990],
    ...     "form": ["permanent"] * 2, "rate": [100.0, 100.0],
    ...     "start": [datetime.date(2015, 1, 1)] * 2,
    ...     "end": [datetime.date(2024, 12, 31), None], "end_reason": ["own_request", None],
    ... })
    >>> rates = estimate_rates(staff, as_of=datetime.date(2025, 12, 31), window_years=2)
    >>> rates.other.filter(pl.col("band") == "30–39")["events"].sum()
    1
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import polars as pl

from bemanna.analysis.forecast import shrinkage
from bemanna.analysis.stock import MONTHLY_PAID

MIN_AGE, MAX_AGE = 18, 69  # LAS: employment ends at 69
AGES = np.arange(MIN_AGE, MAX_AGE + 1)
RETIREMENT_AGES = range(55, MAX_AGE)
BANDS: tuple[tuple[str, int, int], ...] = (
    ("<30", MIN_AGE, 29),
    ("30–39", 30, 39),
    ("40–49", 40, 49),
    ("50–59", 50, 59),
    ("60+", 60, MAX_AGE),
)
# Prior retirement hazard (Swedish regions, exit around 65–66), used where data are thin.
PRIOR_RETIREMENT = {
    55: 0.003,
    56: 0.004,
    57: 0.005,
    58: 0.007,
    59: 0.01,
    60: 0.02,
    61: 0.03,
    62: 0.05,
    63: 0.08,
    64: 0.14,
    65: 0.40,
    66: 0.35,
    67: 0.45,
    68: 0.6,
}
PRIOR_WEIGHT = 20.0  # person-years of pseudo-exposure behind a prior
OTHER_REASONS = ("own_request", "dismissal", "death", "fixed_term_ended", "other")
MERGE_GAP_DAYS = 31  # a new employment within a month of the last one is a move, not an exit


@dataclass(frozen=True)
class Rates:
    """Estimated exit rates with the events and exposure behind them (for uncertainty)."""

    retirement: pl.DataFrame  # age, events, exposure, hazard
    other: pl.DataFrame  # group, band, events, exposure, hazard (+ posterior: shrinkage)
    window: tuple[datetime.date, datetime.date]


def band_of(age: pl.Expr) -> pl.Expr:
    expr = pl.lit(BANDS[-1][0])
    for label, _low, high in reversed(BANDS[:-1]):
        expr = pl.when(age <= high).then(pl.lit(label)).otherwise(expr)
    return expr


def person_spells(employments: pl.DataFrame) -> pl.DataFrame:
    """Merge each person's monthly-paid employments into spells of continuous presence.

    Overlapping employments (two part-time jobs) and a move to a new employment within a
    month are one spell; its group and end reason are those of its last employment. An end
    that is only a move inside the region is therefore never counted as a departure.

    Examples:
        >>> import datetime as dt
        >>> moves = pl.DataFrame({
        ...     "person": ["a", "a"], "group": ["USK", "SSK"], "birth_year": [1980, 1980],
        ...     "form": ["permanent", "permanent"], "rate": [100.0, 100.0],
        ...     "start": [dt.date(2015, 1, 1), dt.date(2020, 1, 1)],
        ...     "end": [dt.date(2019, 12, 31), None], "end_reason": ["own_request", None],
        ... })
        >>> person_spells(moves).select("group", "start", "end").rows()
        [('SSK', datetime.date(2015, 1, 1), None)]
    """
    far = datetime.date(9999, 12, 31)
    monthly = (
        employments.filter(pl.col("form").is_in(MONTHLY_PAID))
        .with_columns(pl.col("end").fill_null(far).alias("_end"))
        .sort("person", "start")
    )
    reach = pl.col("_end").cum_max().over("person")
    monthly = monthly.with_columns(
        (pl.col("start") > (reach.shift(1).over("person") + pl.duration(days=MERGE_GAP_DAYS)))
        .fill_null(True)
        .cum_sum()
        .over("person")
        .alias("_spell")
    )
    return (
        monthly.sort("_end")
        .group_by("person", "_spell")
        .agg(
            pl.col("group").last(),
            pl.col("birth_year").first(),
            pl.col("start").min(),
            pl.col("_end").max().alias("end"),
            pl.col("end_reason").last(),
        )
        .with_columns(
            pl.when(pl.col("end") == far).then(None).otherwise(pl.col("end")).alias("end"),
            pl.when(pl.col("end") == far)
            .then(None)
            .otherwise(pl.col("end_reason"))
            .alias("end_reason"),
            pl.lit("permanent").alias("form"),
        )
        .drop("_spell")
        .sort("person", "start")
    )


def exposure_and_events(
    employments: pl.DataFrame, start: datetime.date, end: datetime.date
) -> pl.DataFrame:
    """Person-years at risk and exits per (group, age) within [start, end].

    Returns group, age, exposure, retirements, others, over person spells (moves inside the
    region are not exits; hourly-paid work is not counted).
    """
    spells = (
        person_spells(employments)
        .select(
            "group",
            "birth_year",
            pl.max_horizontal(pl.col("start"), pl.lit(start)).alias("from"),
            pl.min_horizontal(pl.col("end").fill_null(end), pl.lit(end)).alias("to"),
            pl.col("end"),
            pl.col("end_reason"),
        )
        .filter(pl.col("to") >= pl.col("from"))
    )
    years = pl.DataFrame({"year": list(range(start.year, end.year + 1))})
    split = (
        spells.join(years, how="cross")
        .with_columns(
            pl.max_horizontal(pl.col("from"), pl.date(pl.col("year"), 1, 1)).alias("a"),
            pl.min_horizontal(pl.col("to"), pl.date(pl.col("year"), 12, 31)).alias("b"),
        )
        .filter(pl.col("b") >= pl.col("a"))
    )
    exposure = split.select(
        "group",
        (pl.col("year") - pl.col("birth_year")).alias("age"),
        (((pl.col("b") - pl.col("a")).dt.total_days() + 1) / 365.25).alias("exposure"),
    )
    exits = spells.filter(
        pl.col("end").is_not_null() & (pl.col("end") <= end) & (pl.col("end") >= start)
    ).select(
        "group",
        (pl.col("end").dt.year() - pl.col("birth_year")).alias("age"),
        (pl.col("end_reason") == "retirement").cast(pl.Int64).alias("retirements"),
        pl.col("end_reason").is_in(OTHER_REASONS).cast(pl.Int64).alias("others"),
    )
    cells = exposure.group_by("group", "age").agg(pl.col("exposure").sum())
    events = exits.group_by("group", "age").agg(pl.col("retirements").sum(), pl.col("others").sum())
    return (
        cells.join(events, on=["group", "age"], how="full", coalesce=True)
        .with_columns(
            pl.col("exposure").fill_null(0.0),
            pl.col("retirements").fill_null(0),
            pl.col("others").fill_null(0),
        )
        .filter(pl.col("age").is_between(MIN_AGE, MAX_AGE))
        .sort("group", "age")
    )


def estimate_rates(employments: pl.DataFrame, as_of: datetime.date, window_years: int = 5) -> Rates:
    """Fit retirement and other-attrition hazards on the `window_years` before `as_of`."""
    if window_years < 1:
        raise ValueError("window_years must be at least 1")
    start = datetime.date(as_of.year - window_years + 1, 1, 1)
    cells = exposure_and_events(employments, start, as_of)
    by_age = cells.group_by("age").agg(pl.col("exposure").sum(), pl.col("retirements").sum())
    prior = pl.DataFrame({"age": list(PRIOR_RETIREMENT), "prior": list(PRIOR_RETIREMENT.values())})
    retirement = (
        pl.DataFrame({"age": list(RETIREMENT_AGES)})
        .join(by_age, on="age", how="left")
        .join(prior, on="age", how="left")
        .with_columns(pl.col("exposure").fill_null(0.0), pl.col("retirements").fill_null(0))
        .with_columns(
            (
                (pl.col("retirements") + PRIOR_WEIGHT * pl.col("prior"))
                / (pl.col("exposure") + PRIOR_WEIGHT)
            )
            .clip(0.0, 1.0)
            .alias("hazard")
        )
        .rename({"retirements": "events"})
        .select("age", "events", "exposure", "hazard")
    )
    banded = cells.with_columns(band_of(pl.col("age")).alias("band"))
    # Small groups lean on the region's rate for the band as much as the data say groups
    # differ (empirical Bayes, see shrinkage); the posterior goes with it to the Monte Carlo.
    other = shrinkage.shrink(
        banded.group_by("group", "band").agg(
            pl.col("others").sum().alias("events"), pl.col("exposure").sum()
        )
    ).sort("group", "band")
    return Rates(retirement=retirement, other=other, window=(start, as_of))
