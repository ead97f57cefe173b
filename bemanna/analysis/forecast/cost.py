"""The forecast in kronor: cost per FTE by profession group, the cost of the gap per year with
its P10–P90, each lever's effect in kronor, and the cost of filling the gap with hired staff.

Prices are kronor per FTE and year, in today's money (no pay drift is assumed):

* **own staff**: the imported own-staff cost over the last twelve months with costs (up to
  the base date) divided by the average FTE of the same units' staff over the same months
  (monthly-paid people on the 15th of each month, as `stock.people_on` counts them). Where a
  group's own cost is on rows of its own, the group gets its own price; where the cost is
  not split by group (the usual export: one row per unit and month), every such group gets
  the region's average (all own cost / all FTE of those units).
* **hired staff**: the imported hired-staff cost of the group over the same months divided
  by the group's hired FTE (the scenario's input), where both are known; otherwise
  `DEFAULT_HIRED_FACTOR` × the own price. The factor is an assumption HR should check: it is
  not taken from a published source.

The cost of the gap is valued per draw (Σ over groups of gap × price) before its quantiles
are taken: a sum of percentiles is not a percentile of the sum. It is net, like the FTE gap
it values (a surplus in one group offsets a shortage in another), so the lever effects add
up to it. Filling the gap with hired staff values only the groups short of staff in each
draw: a surplus of one group cannot stand in for another's shortage.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
import polars as pl

from bemanna.analysis.forecast.levers import Levers
from bemanna.analysis.forecast.model import Baseline, expected
from bemanna.analysis.forecast.rates import Rates
from bemanna.analysis.stock import people_on

DEFAULT_HIRED_FACTOR = 1.6  # an assumption for HR to set, not a published figure
MONTHS = 12


@dataclass(frozen=True)
class Prices:
    """Kronor per FTE and year for each group, and where each figure comes from."""

    groups: tuple[str, ...]
    own: np.ndarray  # [G]
    hired: np.ndarray  # [G]
    own_split: tuple[bool, ...]  # True: the group's own rows; False: the region's average
    hired_imported: tuple[bool, ...]  # True: imported cost / hired FTE; False: the factor
    first: datetime.date  # first month of costs used
    last: datetime.date  # last month of costs used


def prices(
    costs: pl.DataFrame,
    employments: pl.DataFrame,
    groups: tuple[str, ...],
    as_of: datetime.date,
    *,
    hired_fte: dict[str, float] | None = None,
    factor: float = DEFAULT_HIRED_FACTOR,
) -> Prices | None:
    """Prices from `costs` (unit, month, profession_group, own_cost, hired_cost) and
    `employments` (unit_id, person, group, birth_year, form, rate, start, end); None
    without own costs.

    Examples:
        >>> d = datetime.date
        >>> costs = pl.DataFrame({"unit": [1] * 12, "month": [d(2025, m, 1) for m in
        ...     range(1, 13)], "profession_group": [""] * 12, "own_cost": [120_000.0] * 12,
        ...     "hired_cost": [0.0] * 12})
        >>> staff = pl.DataFrame({"unit_id": [1, 1], "person": [1, 2], "group": ["A", "B"],
        ...     "birth_year": [1970, 1980], "form": ["permanent"] * 2, "rate": [100.0, 100.0],
        ...     "start": [d(2020, 1, 1)] * 2, "end": [None, None]})
        >>> p = prices(costs, staff, ("A", "B"), d(2025, 12, 31))
        >>> p.own.tolist(), p.hired.tolist()
        ([720000.0, 720000.0], [1152000.0, 1152000.0])
    """
    used = costs.filter(pl.col("month") <= as_of)
    if used.is_empty() or used["own_cost"].sum() <= 0:
        return None
    last = used["month"].max()
    assert isinstance(last, datetime.date)
    first = _months_back(last, MONTHS - 1)
    used = used.filter(pl.col("month") >= first)
    months = used["month"].n_unique()
    units = used["unit"].unique().to_list()
    staff = employments.filter(pl.col("unit_id").is_in(units))
    fte: dict[str, float] = {}
    for month in used["month"].unique().sort().to_list():
        on = people_on(staff, month.replace(day=15)).group_by("group").agg(pl.col("rate").sum())
        for group, rate in on.iter_rows():
            fte[group] = fte.get(group, 0.0) + rate / 100.0 / months
    to_year = MONTHS / months
    by_group = dict(
        used.group_by("profession_group")
        .agg(pl.col("own_cost").sum(), pl.col("hired_cost").sum())
        .select("profession_group", pl.concat_list("own_cost", "hired_cost"))
        .iter_rows()
    )
    total_fte = sum(fte.values())
    if total_fte <= 0:
        return None
    average = float(used["own_cost"].sum()) * to_year / total_fte
    own, hired, split, imported = [], [], [], []
    for group in groups:
        own_cost, hired_cost = by_group.get(group, [0.0, 0.0])
        mine = fte.get(group, 0.0)
        split.append(bool(own_cost > 0 and mine > 0))
        own.append(own_cost * to_year / mine if split[-1] else average)
        bought = (hired_fte or {}).get(group, 0.0)
        imported.append(bool(hired_cost > 0 and bought > 0))
        hired.append(hired_cost * to_year / bought if imported[-1] else factor * own[-1])
    return Prices(
        groups, np.array(own), np.array(hired), tuple(split), tuple(imported), first, last
    )


def _months_back(month: datetime.date, n: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 - n
    return datetime.date(index // 12, index % 12 + 1, 1)


def bands(values: np.ndarray, base_year: int) -> pl.DataFrame:
    """year, p10, p50, p90, mean of `values` [D, T+1] (kronor per draw and year)."""
    q = np.quantile(values, [0.1, 0.5, 0.9], axis=0)
    return pl.DataFrame(
        {
            "year": np.arange(base_year, base_year + values.shape[1]),
            "p10": q[0],
            "p50": q[1],
            "p90": q[2],
            "mean": values.mean(axis=0),
        }
    )


def gap_cost(gap: np.ndarray, price: np.ndarray, base_year: int) -> pl.DataFrame:
    """The gap's cost per year: Σ over groups of gap × price in each draw, then quantiles.

    `gap` [D, G, T+1] FTE per draw, group and year; `price` [G] kronor per FTE.

    Examples:
        >>> gap = np.array([[[0.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [0.0, 2.0]]])
        >>> gap_cost(gap, np.array([100.0, 10.0]), 2025)["mean"].to_list()
        [0.0, 60.0]
    """
    return bands((gap * price[None, :, None]).sum(axis=1), base_year)


def hired_cost(gap: np.ndarray, price: np.ndarray, base_year: int) -> pl.DataFrame:
    """What filling each group's shortage with hired staff costs per year (a group with a
    surplus adds nothing: it cannot stand in for another group).

    Examples:
        >>> gap = np.array([[[0.0, 1.0], [0.0, -3.0]]])
        >>> hired_cost(gap, np.array([100.0, 10.0]), 2025)["p50"].to_list()
        [0.0, 100.0]
    """
    return bands((np.maximum(gap, 0.0) * price[None, :, None]).sum(axis=1), base_year)


def waterfall(
    base: Baseline,
    rates: Rates,
    index: pl.DataFrame,
    levers: Levers,
    price: np.ndarray,
    *,
    horizon: int,
) -> pl.DataFrame:
    """Each lever's effect on the gap at the horizon in kronor (step, effect_kr), the same
    steps as `model.waterfall`: each group's change in the expected gap × its own price."""

    def valued(chosen: Levers) -> float:
        gap = expected(base, rates, index, chosen, horizon=horizon)["gap_fte"][:, -1]
        return float((gap * price).sum())

    baseline_kr = valued(Levers())
    rows = [("baseline", baseline_kr)]
    total = baseline_kr
    for name in levers.active():
        effect = valued(levers.single(name)) - baseline_kr
        rows.append((name, effect))
        total += effect
    scenario_kr = valued(levers)
    if len(levers.active()) > 1:
        rows.append(("interaction", scenario_kr - total))
    rows.append(("scenario", scenario_kr))
    return pl.DataFrame(rows, schema={"step": pl.String, "effect_kr": pl.Float64}, orient="row")
