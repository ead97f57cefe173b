"""Year-to-year variation of the exit rates, beyond what chance explains.

A region's exit rates are not the same every year: a tight labour market, a pension reform
or a reorganisation moves every group's rate at once. The binomial exits of the Monte Carlo
alone give a band for a group of 50 that is about right (its own chance dominates) and, when
the rates swing, one for the region's 4,000 people far too narrow: their chance is small
beside a year's swing, and the band of the total misses most years of a backtest.

The model: in year y every rate of a kind (retirement, other attrition) is its fitted rate
times θ_y, with θ_y of mean 1 and variance τ², independent between years. τ² is estimated
from the history by the method of moments (DerSimonian & Laird 1986, as `shrinkage` does
across groups): with Oᵧ the year's exits, Eᵧ = Σ exposure · h those the fitted (window-pooled)
rates expect of the cells at risk that year (so a changing age or group mix is no variation)
and Vᵧ = Σ exposure · h · e⁻ʰ their binomial variance (exits from a cell with yearly
probability p = 1 − e⁻ʰ: variance E·(1 − p)), each year's ratio xᵧ = Oᵧ/Eᵧ has variance
Vᵧ/Eᵧ² from chance and τ² more. With weights wᵧ = Eᵧ²/Vᵧ and x̄ = Σwx / Σw,

    Q = Σ wᵧ (xᵧ − x̄)²,   E[Q] = (n − 1) + τ² x̄² (Σw − Σw²/Σw),

so τ² = max(0, Q − (n − 1)) / (x̄² (Σw − Σw²/Σw)): never negative, zero when the years differ
no more than chance. The fitted rate is the mean of the window's years, so its level is
uncertain by τ² Σ Eᵧ² / (Σ Eᵧ)² too (about τ²/n), which the rates' posterior (Poisson
uncertainty only) does not hold: `YearEffect.level`.

Each Monte Carlo draw takes one level multiplier and one multiplier a projected year per kind
(`multipliers`, lognormal with mean 1 and those variances), applied to the hazards:
p = 1 − (1 − p̂)^θ. Two scalars a draw and year: the cost is one pass over the cells a year.

Examples:
    >>> effect = between_years(np.array([90.0, 110.0]), np.array([100.0, 100.0]),
    ...     np.array([100.0, 100.0]))  # x = 0.9, 1.1, w = 100: Q − 1 = 1, Σw − Σw²/Σw = 100
    >>> round(effect.variance, 6), round(effect.level, 6)
    (0.01, 0.005)
    >>> between_years(np.array([99.0, 101.0]), np.array([100.0] * 2), np.array([100.0] * 2))
    YearEffect(variance=0.0, level=0.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import polars as pl


@dataclass(frozen=True)
class YearEffect:
    """Variances of a kind of exit rate's multiplier: `variance` of a year's (τ²), `level` of
    the fitted rate's own level (τ² Σ Eᵧ² / (Σ Eᵧ)²)."""

    variance: float = 0.0
    level: float = 0.0


def between_years(observed: np.ndarray, expected: np.ndarray, variance: np.ndarray) -> YearEffect:
    """τ² by the method of moments from each year's exits, the exits the fitted rates expect
    and their binomial variance (see the module). Years without expected exits are left out;
    fewer than two years give no estimate (0)."""
    keep = (expected > 0) & (variance > 0)
    o, e, v = observed[keep], expected[keep], variance[keep]
    if len(o) < 2:
        return YearEffect()
    x = o / e
    w = e**2 / v
    mean = float((w * x).sum() / w.sum())
    q = float((w * (x - mean) ** 2).sum())
    scale = float(w.sum() - (w**2).sum() / w.sum())
    if mean <= 0 or scale <= 1e-12 * float(w.sum()):
        return YearEffect()
    tau2 = max(0.0, q - (len(o) - 1)) / (mean**2 * scale)
    return YearEffect(tau2, tau2 * float((e**2).sum() / e.sum() ** 2))


def year_effect(cells: pl.DataFrame, keys: Sequence[str], events: str) -> YearEffect:
    """τ² of one kind of exit from cells by year: `keys` (the cells the rates are fitted on,
    e.g. age, or group and band), year, exposure and the `events` column. Each cell's rate is
    its own over all the years (events / exposure), as the fit pools them."""
    rate = pl.col(events).sum() / pl.col("exposure").sum()
    pooled = (
        cells.group_by(keys)
        .agg(pl.when(pl.col("exposure").sum() > 0).then(rate).otherwise(0.0).alias("h"))
        .with_columns(pl.col("h").cast(pl.Float64))
    )
    expected = pl.col("exposure") * pl.col("h")
    years = (
        cells.join(pooled, on=list(keys), how="left")
        .group_by("year")
        .agg(
            pl.col(events).sum().cast(pl.Float64).alias("o"),
            expected.sum().alias("e"),
            (expected * (-pl.col("h")).exp()).sum().alias("v"),
        )
        .sort("year")
    )
    return between_years(years["o"].to_numpy(), years["e"].to_numpy(), years["v"].to_numpy())


def multipliers(effect: YearEffect, draws: int, years: int, rng: np.random.Generator) -> np.ndarray:
    """Each draw's multiplier of a kind of hazard in each projected year [draws, years]:
    lognormal with mean 1, one level factor a draw (variance `level`) times one a year
    (variance `variance`)."""
    z = rng.standard_normal((draws, years + 1))
    level, year = np.log1p(effect.level), np.log1p(effect.variance)
    log = z[:, :1] * np.sqrt(level) - level / 2 + z[:, 1:] * np.sqrt(year) - year / 2
    return np.asarray(np.exp(log))
