"""Empirical-Bayes shrinkage of small groups' exit rates towards their parent.

A profession group of 60 people sees a handful of exits a year in an age band: its own rate is
mostly noise, while the region's rate for the band ignores that groups differ. The
gamma–Poisson model takes the middle way the data ask for. For each cell i (a group in an age
band) with exits dᵢ over exposure Eᵢ person-years and the parent's rate r (the region's rate in
that band, Σd / ΣE):

    dᵢ ~ Poisson(Eᵢ · r · θᵢ),  θᵢ ~ Gamma(k, k)  (mean 1, variance 1/k)

so θᵢ is the cell's rate relative to its parent and k, the prior's strength in pseudo-exits, says
how much groups really differ. k is estimated from the data by the method of moments across
all cells (Clayton & Kaldor 1987; Marshall 1991, with DerSimonian & Laird's allowance for the
parent being estimated from the same cells): with eᵢ = Eᵢ · r the exits expected at the
parent's rate, n cells in B bands,

    Q = Σ eᵢ (dᵢ/eᵢ − 1)²,   E[Q] = (n − B) + A · (Σ eᵢ − Σ_bands Σ_band eᵢ² / Σ_band eᵢ),

so A = (Q − (n − B)) / (Σ eᵢ − Σ_bands Σ eᵢ² / Σ eᵢ) and k = 1/A: the spread of the cells'
relative rates less what Poisson noise alone would give (a band's largest group, which makes
most of its parent's rate, says little about how groups differ). When groups differ no more
than chance (A ≤ 0), k is capped at `MAX_STRENGTH`. The posterior is

    θᵢ | dᵢ ~ Gamma(dᵢ + k, eᵢ + k),  so  λᵢ ~ Gamma(dᵢ + k, Eᵢ + k/r),

whose mean r · (dᵢ + k) / (eᵢ + k) = w·(dᵢ/Eᵢ) + (1 − w)·r with w = eᵢ / (eᵢ + k): a group
with much exposure keeps its own rate, a small one leans on its parent. The Monte Carlo draws
λᵢ from this posterior, times the parent's own uncertainty, so a small group's band is as wide
as what is known about it (`draw_rates`).

Examples:
    >>> cells = pl.DataFrame({"group": ["a", "b", "c", "d"], "band": ["<30"] * 4,
    ...     "events": [2, 10, 30, 58], "exposure": [20.0, 100.0, 300.0, 580.0]})
    >>> strength(cells)  # every group at the parent's 10 %: no spread beyond chance
    200.0
    >>> spread = cells.with_columns(pl.Series("events", [8, 10, 30, 52]))
    >>> # Q = 2·3² + 58·(52/58 − 1)², A = (Q − 3) / (100 − (2² + 10² + 30² + 58²)/100)
    >>> round(strength(spread), 2)
    3.61
    >>> out = shrink(spread)  # a: raw 0.4, parent 0.1, e = 2: 0.1·(8 + k)/(2 + k)
    >>> round(out.filter(pl.col("group") == "a")["hazard"].item(), 4)
    0.207
"""

from __future__ import annotations

import numpy as np
import polars as pl

MAX_STRENGTH = 200.0  # pseudo-exits: groups no more different than chance lean on the parent
MIN_STRENGTH = 0.5  # never less than half a pseudo-exit, so a group without exits is not 0
FALLBACK_WEIGHT = 20.0  # person-years behind a hazard given without its prior (hand-made rates)


def strength(cells: pl.DataFrame) -> float:
    """The prior's strength k (pseudo-exits) by the method of moments across cells.

    `cells`: band, events, exposure (one row per group and band).
    """
    frame = _with_parent(cells).filter(pl.col("expected") > 0)
    if frame.is_empty():
        return MAX_STRENGTH
    bands = frame.group_by("band").agg(
        pl.len().alias("cells"),
        pl.col("expected").sum().alias("sum"),
        (pl.col("expected") ** 2).sum().alias("squares"),
    )
    expected = frame["expected"].to_numpy()
    q = float((expected * (frame["events"].to_numpy() / expected - 1.0) ** 2).sum())
    sums, squares = bands["sum"].to_numpy(), bands["squares"].to_numpy()
    freedom = float(frame.height - bands.height)
    scale = float(sums.sum() - (squares / sums).sum())
    if scale <= 1e-9 * float(sums.sum()):  # one group a band: nothing to compare
        return MAX_STRENGTH
    between = (q - freedom) / scale
    if between <= 0:
        return MAX_STRENGTH
    return float(np.clip(1.0 / between, MIN_STRENGTH, MAX_STRENGTH))


def shrink(cells: pl.DataFrame, k: float | None = None) -> pl.DataFrame:
    """Shrunk hazards per cell with the posterior behind them.

    `cells`: group, band, events, exposure. Returns them with `parent` (the band's rate),
    `expected` (exits at the parent's rate), `strength` (k), `shape` and `rate` (the posterior
    Gamma of the hazard: shape dᵢ + k, rate Eᵢ + k/r) and `hazard` (its mean).

    Examples:
        >>> cells = pl.DataFrame({"group": ["a", "b"], "band": ["<30", "<30"],
        ...     "events": [0, 20], "exposure": [10.0, 190.0]})
        >>> shrink(cells, k=5.0)["hazard"].round(4).to_list()  # parent 0.1; a: w = 1/6
        [0.0833, 0.1042]
    """
    k = strength(cells) if k is None else k
    frame = _with_parent(cells)
    parent = pl.col("parent")
    # A band without a single exit has a parent rate of 0: its cells stay at 0.
    return frame.with_columns(
        pl.lit(k).alias("strength"),
        pl.when(parent > 0).then(pl.col("events") + k).otherwise(0.0).alias("shape"),
        pl.when(parent > 0).then(pl.col("exposure") + k / parent).otherwise(1.0).alias("rate"),
    ).with_columns((pl.col("shape") / pl.col("rate")).alias("hazard"))


def draw_rates(
    other: pl.DataFrame,
    groups: tuple[str, ...],
    bands: tuple[str, ...],
    draws: int,
    rng: np.random.Generator | None,
) -> np.ndarray:
    """Other-attrition hazards [draws, groups, bands]: their posterior means without a
    generator, else draws from the posterior of each cell times a draw of its parent's rate
    relative to its estimate (Gamma(D, D) for the D exits behind the band, mean 1: every
    group in a band moves with it, which is what keeps the total's band honest too).

    A group without rows takes its parent's prior. Rates made by hand without the posterior
    columns (tests) count as `FALLBACK_WEIGHT` person-years at their hazard.
    """
    shape = np.zeros((len(groups), len(bands)))
    rate = np.ones((len(groups), len(bands)))
    seen = np.zeros((len(groups), len(bands)), dtype=bool)
    parent_events = np.zeros(len(bands))
    band_index = {band: b for b, band in enumerate(bands)}
    group_index = {group: g for g, group in enumerate(groups)}
    cells = other if "shape" in other.columns else _fallback(other)
    # A band the fit never saw: 5 % a year, as uncertain as FALLBACK_WEIGHT person-years.
    prior = [(0.05 * FALLBACK_WEIGHT, FALLBACK_WEIGHT)] * len(bands)
    for group, band, events, alpha, beta, parent, k in cells.select(
        "group", "band", "events", "shape", "rate", "parent", "strength"
    ).iter_rows():
        b = band_index[band]
        parent_events[b] += events
        prior[b] = (k, k / parent) if parent > 0 else (0.0, 1.0)
        if group in group_index:
            g = group_index[group]
            shape[g, b], rate[g, b], seen[g, b] = alpha, beta, True
    for b in range(len(bands)):  # a group the fit never saw in a band: its parent's prior
        shape[~seen[:, b], b], rate[~seen[:, b], b] = prior[b]
    if rng is None:
        return np.broadcast_to(shape / rate, (draws, *shape.shape)).copy()
    lam = rng.gamma(np.maximum(shape, 1e-9), 1.0 / rate, size=(draws, *shape.shape))
    known = parent_events > 0
    factor = np.ones((draws, len(bands)))
    factor[:, known] = rng.gamma(
        parent_events[known], 1.0 / parent_events[known], (draws, known.sum())
    )
    return np.asarray(lam * factor[:, None, :])


def _with_parent(cells: pl.DataFrame) -> pl.DataFrame:
    parent = (pl.col("events").sum() / pl.col("exposure").sum()).over("band")
    return cells.with_columns(
        pl.when(pl.col("exposure").sum().over("band") > 0)
        .then(parent)
        .otherwise(0.0)
        .alias("parent")
    ).with_columns((pl.col("exposure") * pl.col("parent")).alias("expected"))


def _fallback(other: pl.DataFrame) -> pl.DataFrame:
    """Posterior columns for hazards given without them: FALLBACK_WEIGHT person-years."""
    weight = pl.col("exposure") + FALLBACK_WEIGHT
    parent = ((pl.col("hazard") * weight).sum() / weight.sum()).over("band")
    return other.with_columns(
        (pl.col("hazard") * weight).alias("shape"),
        weight.alias("rate"),
        parent.alias("parent"),
        (parent * FALLBACK_WEIGHT).alias("strength"),
    )
