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

**Age convention (one from fit to projection).** A person's age in a calendar year is the age
they attain that year: year − birth year. Exposure in year y counts at age y − birth year,
an exit at the age of the year it happens in, and the projection (`model`) applies h(a) in the
year the cohort attains a. So the hazard at 69 is 1: LAS ends the employment in the month
a person turns 69, and nobody is in the stock at the end of the year they attain 69.

**Every exit counts** (`exit_kind`): an end coded as pension at 55 or over is a retirement;
every other end is other attrition, including disability pension, a missing or unknown
reason (an extract without end reasons gives all its exits to other attrition) and a pension
code before 55. Who left is decided by the region's one rule (`stock.presence_spells`).

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

from bemanna.analysis.forecast import dispersion, shrinkage
from bemanna.analysis.stock import presence_spells

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


@dataclass(frozen=True)
class Rates:
    """Estimated exit rates with the events and exposure behind them (for uncertainty)."""

    retirement: pl.DataFrame  # age, events, exposure, hazard
    other: pl.DataFrame  # group, band, events, exposure, hazard (+ posterior: shrinkage)
    window: tuple[datetime.date, datetime.date]
    # False when no exit in the window carried an end reason: retirements are then the prior's
    # expected share of each age's exits (`split_unknown_exits`), not observed.
    reasons_known: bool = True
    # How much more the window's years differed than chance (`dispersion`): the Monte Carlo
    # moves each kind's rates by a multiplier per draw and year of these variances.
    retirement_years: dispersion.YearEffect = dispersion.YearEffect()
    other_years: dispersion.YearEffect = dispersion.YearEffect()


def band_of(age: pl.Expr) -> pl.Expr:
    expr = pl.lit(BANDS[-1][0])
    for label, _low, high in reversed(BANDS[:-1]):
        expr = pl.when(age <= high).then(pl.lit(label)).otherwise(expr)
    return expr


def person_spells(employments: pl.DataFrame) -> pl.DataFrame:
    """Each person's monthly-paid employments merged into spells of continuous presence, by
    the region's one rule for who left (`stock.presence_spells`: a break of more than 31
    days is a departure). A spell carries the group and end reason of its last employment, so
    a move inside the region is never counted as a departure.

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
    return presence_spells(employments).select(
        "person",
        "group",
        "birth_year",
        "start",
        "end",
        "end_reason",
        pl.lit("permanent").alias("form"),
    )


def exit_kind(reason: pl.Expr, age: pl.Expr) -> pl.Expr:
    """ "retirement" or "other" for an exit, so that every exit is one or the other.

    Retirement is an end coded as (old-age) pension at a retirement age (55 or over). All
    else is other attrition: the other reasons, disability pension (sjukersättning), a
    missing or unknown reason, and a pension code before 55 (which is no old-age pension).
    """
    is_retirement = (reason == "retirement") & (age >= RETIREMENT_AGES.start)
    return (
        pl.when(is_retirement.fill_null(False))
        .then(pl.lit("retirement"))
        .otherwise(pl.lit("other"))
    )


def exposure_and_events(
    employments: pl.DataFrame, start: datetime.date, end: datetime.date, *, by_year: bool = False
) -> pl.DataFrame:
    """Person-years at risk and exits per (group, age) within [start, end].

    Returns group, age, exposure, retirements, others, over person spells (moves inside the
    region are not exits; hourly-paid work is not counted); `by_year`: per calendar year too
    (a `year` column after `age`), whose cells add up to the ones without it.
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
        "year",
        (((pl.col("b") - pl.col("a")).dt.total_days() + 1) / 365.25).alias("exposure"),
    )
    age = pl.col("end").dt.year() - pl.col("birth_year")
    exits = spells.filter(
        pl.col("end").is_not_null() & (pl.col("end") <= end) & (pl.col("end") >= start)
    ).select(
        "group",
        age.alias("age"),
        pl.col("end").dt.year().cast(pl.Int64).alias("year"),
        (exit_kind(pl.col("end_reason"), age) == "retirement").cast(pl.Int64).alias("retirements"),
        (exit_kind(pl.col("end_reason"), age) == "other").cast(pl.Int64).alias("others"),
    )
    keys = ["group", "age", "year"] if by_year else ["group", "age"]
    cells = (
        exposure.with_columns(pl.col("year").cast(pl.Int64))
        .group_by(keys)
        .agg(pl.col("exposure").sum())
    )
    events = exits.group_by(keys).agg(pl.col("retirements").sum(), pl.col("others").sum())
    return (
        cells.join(events, on=keys, how="full", coalesce=True)
        .with_columns(
            pl.col("exposure").fill_null(0.0),
            pl.col("retirements").fill_null(0),
            pl.col("others").fill_null(0),
        )
        .filter(pl.col("age").is_between(MIN_AGE, MAX_AGE))
        .sort(keys)
    )


def estimate_rates(employments: pl.DataFrame, as_of: datetime.date, window_years: int = 5) -> Rates:
    """Fit retirement and other-attrition hazards on the `window_years` before `as_of`."""
    if window_years < 1:
        raise ValueError("window_years must be at least 1")
    start = datetime.date(as_of.year - window_years + 1, 1, 1)
    yearly = exposure_and_events(employments, start, as_of, by_year=True)
    cells = (
        yearly.group_by("group", "age")
        .agg(pl.col("exposure").sum(), pl.col("retirements").sum(), pl.col("others").sum())
        .sort("group", "age")
    )
    reasons_known = (
        employments.filter(
            pl.col("end").is_between(start, as_of) & pl.col("end_reason").is_not_null()
        ).height
        > 0
    )
    if not reasons_known:
        cells = split_unknown_exits(cells)
        yearly = split_unknown_exits(yearly)
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
    return Rates(
        retirement=retirement,
        other=other,
        window=(start, as_of),
        reasons_known=reasons_known,
        **year_effects(yearly),
    )


def year_effects(yearly: pl.DataFrame) -> dict[str, dispersion.YearEffect]:
    """How much each kind's rate varied between the years of the window beyond chance
    (`dispersion.year_effect`), on the cells each kind is fitted on: retirement by age
    (55–68), other attrition by group and age band (under 69). The LAS exits at 69 are
    certain, no variation."""
    under = yearly.filter(pl.col("age") < MAX_AGE)
    old = under.filter(pl.col("age") >= RETIREMENT_AGES.start)
    banded = under.with_columns(band_of(pl.col("age")).alias("band"))
    return {
        "retirement_years": dispersion.year_effect(old, ["age"], "retirements"),
        "other_years": dispersion.year_effect(banded, ["group", "band"], "others"),
    }


def split_unknown_exits(cells: pl.DataFrame) -> pl.DataFrame:
    """Exits of unknown reason split into retirements and others by the prior hazard.

    An extract without end reasons shows who left, not why. Counting every exit as other
    attrition would make the retirement hazard fall towards zero (and other attrition at 60+
    far too high); so at each retirement age the exits the prior retirement hazard expects
    (hazard × exposure, never more than the exits seen) are counted as retirements and the rest
    as others. The total of exits is kept exactly.

    Examples:
        >>> cells = pl.DataFrame({"group": ["A", "A", "A"], "age": [40, 65, 66],
        ...     "exposure": [10.0, 10.0, 2.0], "retirements": [0, 0, 0], "others": [1, 5, 0]})
        >>> split_unknown_exits(cells).select("age", "retirements", "others").rows()
        [(40, 0.0, 1.0), (65, 4.0, 1.0), (66, 0.0, 0.0)]
    """
    prior = pl.DataFrame(
        {"age": list(PRIOR_RETIREMENT), "prior": list(PRIOR_RETIREMENT.values())},
        schema={"age": cells.schema["age"], "prior": pl.Float64},
    )
    exits = pl.col("retirements") + pl.col("others")
    expected = pl.min_horizontal(pl.col("prior").fill_null(0.0) * pl.col("exposure"), exits)
    return (
        cells.join(prior, on="age", how="left")
        .with_columns(expected.alias("retirements"), (exits - expected).alias("others"))
        .drop("prior")
    )
