"""Each lever's effect on the gap at the horizon, with its P10–P90, in FTE or in kronor.

The baseline (no levers), each active lever alone and the scenario are simulated with the
same seed and number of draws, so draw d of each run meets the same random exits (common
random numbers: each kind of draw has its own stream per year, see `model._Streams`; a lever
that changes only demand or the rate people work at changes nothing else in a draw). A
lever's effect in draw d is its run's gap minus the baseline's; the interaction is what is
left of the scenario's gap after the baseline and the separate effects. Every row's figure
is the **mean** over the draws, so the rows add up to the scenario exactly, and the
scenario's row is the mean of the very draws the headline shows (the headline shows the
mean too). P10 and P90 are those of the per-draw effect: they do not add up, and need not.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import polars as pl

from bemanna.analysis.forecast.levers import Levers
from bemanna.analysis.forecast.model import Baseline, simulate
from bemanna.analysis.forecast.rates import Rates

BASELINE, INTERACTION, SCENARIO = "baseline", "interaction", "scenario"
# remember(levers, compute): what compute() returns for a run with these levers (its gap of
# every draw, group and year), or what it returned before (`step_draws`).
Remember = Callable[[Levers, Callable[[], np.ndarray]], np.ndarray]


def step_draws(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers,
    scenario: np.ndarray,
    *,
    horizon: int,
    draws: int,
    seed: int,
    remember: Remember | None = None,
) -> dict[str, np.ndarray]:
    """The gap at the horizon of every draw [D, G] for the baseline, each active lever
    alone and the scenario (`scenario`: the forecast's own gap draws [D, G, T+1], made by
    `simulate` with these levers and the same arguments).

    A step whose levers are the scenario's own (a scenario with one lever, or none) is not
    simulated again: its run would be the scenario's, draw for draw. `remember(levers,
    compute)`, if given, returns what `compute()` returns for those levers, or what it
    returned before (the caller keeps it, keyed by all else the run rests on): moving one
    lever leaves the baseline and the other levers' runs as they were."""

    def gap(chosen: Levers) -> np.ndarray:
        if chosen == levers:
            return scenario[:, :, -1]

        def compute() -> np.ndarray:
            run = simulate(base, rates, index, chosen, horizon=horizon, draws=draws, seed=seed)
            return run["gap_fte"]

        # The horizon's slice of the whole run [D, G, T+1], kept or not: the sums in
        # `effects` take the same path through numpy on the same layout, to the last bit.
        return (compute() if remember is None else remember(chosen, compute))[:, :, -1]

    steps = {BASELINE: gap(Levers())}
    for name in levers.active():
        steps[name] = gap(levers.single(name))
    steps[SCENARIO] = scenario[:, :, -1]
    return steps


def effects(steps: dict[str, np.ndarray], price: np.ndarray | None = None) -> pl.DataFrame:
    """step, mean, p10, p90 of each step: the gap (baseline, scenario) or the effect on it
    (a lever, the interaction), summed over groups with `price` [G] as weights (kronor) or
    as FTE without.

    Examples:
        >>> steps = {"baseline": np.array([[2.0, 1.0], [4.0, 1.0]]),
        ...          "productivity": np.array([[1.0, 1.0], [1.0, 1.0]]),
        ...          "scenario": np.array([[1.0, 1.0], [1.0, 1.0]])}
        >>> effects(steps)["mean"].to_list()
        [4.0, -2.0, 2.0]
        >>> effects(steps, np.array([10.0, 1.0]))["mean"].to_list()
        [31.0, -20.0, 11.0]
    """
    weights = price if price is not None else np.ones(next(iter(steps.values())).shape[1])
    total = {step: values @ weights for step, values in steps.items()}  # [D] each
    levers = [s for s in steps if s not in (BASELINE, SCENARIO)]
    rows = [(BASELINE, total[BASELINE])]
    rows += [(name, total[name] - total[BASELINE]) for name in levers]
    if len(levers) > 1:  # one lever alone has no interaction
        rest = total[SCENARIO] - total[BASELINE] - sum(total[n] - total[BASELINE] for n in levers)
        rows.append((INTERACTION, rest))
    rows.append((SCENARIO, total[SCENARIO]))
    return pl.DataFrame(
        [
            (step, float(v.mean()), float(np.quantile(v, 0.1)), float(np.quantile(v, 0.9)))
            for step, v in rows
        ],
        schema={"step": pl.String, "mean": pl.Float64, "p10": pl.Float64, "p90": pl.Float64},
        orient="row",
    )
