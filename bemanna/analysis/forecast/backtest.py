"""Backtest (träffsäkerhet): fit on data up to year T, forecast T+1…T+k, compare with what
happened.

What is compared is what the model claims to know: how many of the people employed on
31 December of year T are still employed at the end of each later year, per profession group.
(New hires depend on decisions, not on the model.) The table gives the forecast with its
P10–P90 band, the actual number, the error, whether the actual fell inside the band and the
group's coverage: the share of its years inside the band. An honest band holds about 80 % of
the actual values (`GOAL`); far fewer means the band is too narrow (or the forecast biased),
far more that it is wider than it need be.

Example:
    >>> import datetime
    >>> from bemanna.analysis import demo
    >>> from bemanna.analysis.forecast.frames import from_extract
    >>> region = demo.build_region(800, seed=4, today=datetime.date(2025, 12, 31))
    >>> table = backtest(from_extract(region.employments), fit_year=2022, years=3, draws=50)
    >>> sorted(set(table["year"].to_list()))
    [2023, 2024, 2025]
    >>> 0.0 <= coverage(table) <= 1.0 and table["coverage"].is_between(0, 1).all()
    True
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import replace

import numpy as np
import polars as pl

from bemanna.analysis.forecast.model import OTHER, TOTAL, baseline, merge_groups, simulate
from bemanna.analysis.forecast.rates import estimate_rates
from bemanna.analysis.stock import MONTHLY_PAID, active_on, people_on

GOAL = 0.8  # the share of actual values a P10–P90 band should hold
WINDOW_YEARS = 5  # the years the rates are fitted on, the fit year the last of them


def backtest(
    employments: pl.DataFrame,
    fit_year: int,
    years: int = 3,
    *,
    draws: int = 200,
    seed: int = 1,
    window_years: int = WINDOW_YEARS,
    shown: Collection[str] | None = None,
) -> pl.DataFrame:
    """Forecast error per group and year for a model fitted on data up to `fit_year`.

    `shown`: the groups that may be shown on their own; the others are merged into `OTHER`,
    the forecast draw by draw and the actual people alike (`model.merge_groups`)."""
    as_of = datetime.date(fit_year, 12, 31)
    last = employments["start"].max()
    if not isinstance(last, datetime.date) or last.year < fit_year + years:
        raise ValueError(f"the data must reach {fit_year + years} to backtest {years} years")
    # Fit only on what was known at the end of the fit year: later ends are still open then.
    known = employments.filter(pl.col("start") <= as_of).with_columns(
        pl.when(pl.col("end") > as_of).then(None).otherwise(pl.col("end")).alias("end"),
        pl.when(pl.col("end") > as_of)
        .then(None)
        .otherwise(pl.col("end_reason"))
        .alias("end_reason"),
    )
    rates = estimate_rates(known, as_of, window_years)
    base = baseline(known, as_of)
    cohort_only = replace(base, hires_per_year=np.zeros(len(base.groups)))
    flat = pl.DataFrame(schema={"group": pl.String, "year": pl.Int64, "index": pl.Float64})
    run = simulate(cohort_only, rates, flat, horizon=fit_year + years, draws=draws, seed=seed)
    groups, merged = base.groups, run
    if shown is not None:
        groups, merged = merge_groups(run, base.groups, shown)
    result = np.concatenate(
        [merged["supply_headcount"], run["supply_headcount"].sum(axis=1, keepdims=True)], axis=1
    )
    q = np.quantile(result, [0.1, 0.5, 0.9], axis=0)
    names = [*groups, TOTAL]

    actual = _survivors(employments, as_of, fit_year, years)
    if shown is not None:
        named = pl.col("group").is_in(list(groups)) | (pl.col("group") == TOTAL)
        actual = (
            actual.with_columns(pl.when(named).then(pl.col("group")).otherwise(pl.lit(OTHER)))
            .group_by("group", "year")
            .agg(pl.col("actual").sum())
            .filter(pl.col("group").is_in(names))
        )
    rows = []
    for g, group in enumerate(names):
        for t in range(1, years + 1):
            rows.append(
                (group, fit_year + t, float(q[0, g, t]), float(q[1, g, t]), float(q[2, g, t]))
            )
    predicted = pl.DataFrame(
        rows,
        schema={
            "group": pl.String,
            "year": pl.Int64,
            "p10": pl.Float64,
            "p50": pl.Float64,
            "p90": pl.Float64,
        },
        orient="row",
    )
    return (
        predicted.join(actual, on=["group", "year"], how="left")
        .with_columns(pl.col("actual").fill_null(0))
        .with_columns(
            (pl.col("p50") - pl.col("actual")).alias("error"),
            ((pl.col("p50") - pl.col("actual")) / pl.col("actual").clip(1)).alias("error_pct"),
            # A group with nobody in it that year (none in the cohort: hourly staff only, or
            # all gone, and none forecast) is no test of the band: null, not a hit.
            pl.when((pl.col("actual") == 0) & (pl.col("p90") == 0))
            .then(None)
            .otherwise(pl.col("actual").is_between(pl.col("p10"), pl.col("p90")))
            .alias("within_band"),
        )
        .with_columns(pl.col("within_band").mean().over("group").alias("coverage"))
        .sort("group", "year")
    )


def pooled(table: pl.DataFrame) -> tuple[int, int]:
    """(inside, tested): the profession groups' years inside P10–P90, of the years tested
    (a year with nobody in the group is not tested; the total is left out: it is the groups
    added up, not another test of the band)."""
    tested = table.filter((pl.col("group") != TOTAL) & pl.col("within_band").is_not_null())
    return int(tested["within_band"].sum()), tested.height


def coverage(table: pl.DataFrame) -> float:
    """The share of actual values inside P10–P90 over every profession group and year tested
    (`pooled`): the page's headline and its table's last row."""
    inside, tested = pooled(table)
    return inside / tested if tested else float("nan")


def summary(table: pl.DataFrame) -> pl.DataFrame:
    """Mean absolute percentage error and band coverage per group (share of years inside
    P10–P90, and how many of how many years tested), worst first; a group with nobody in
    any year is left out."""
    return (
        table.group_by("group")
        .agg(
            pl.col("error_pct").abs().mean().alias("mape"),
            pl.col("within_band").mean().alias("coverage"),
            pl.col("within_band").sum().alias("inside"),
            pl.col("within_band").count().alias("years"),
            pl.col("actual").last().alias("actual_last"),
        )
        .filter(pl.col("years") > 0)
        .sort("mape", descending=True)
    )


def _survivors(
    employments: pl.DataFrame, as_of: datetime.date, fit_year: int, years: int
) -> pl.DataFrame:
    monthly = employments.filter(pl.col("form").is_in(MONTHLY_PAID))
    cohort = people_on(monthly, as_of).select("person", "group")
    frames = []
    for t in range(1, years + 1):
        date = datetime.date(fit_year + t, 12, 31)
        still = active_on(monthly, date).select("person").unique()
        counts = cohort.join(still, on="person", how="semi").group_by("group").len("actual")
        total = pl.DataFrame({"group": [TOTAL], "actual": [counts["actual"].sum()]})
        frames.append(
            pl.concat(
                [
                    counts.with_columns(pl.col("actual").cast(pl.Int64)),
                    total.with_columns(pl.col("actual").cast(pl.Int64)),
                ]
            ).with_columns(pl.lit(fit_year + t).cast(pl.Int64).alias("year"))
        )
    return pl.concat(frames).with_columns(pl.col("actual").cast(pl.Float64))
