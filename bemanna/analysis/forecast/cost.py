"""The forecast in kronor: cost per FTE by profession group, the cost of the gap per year with
its P10–P90, each lever's effect in kronor, and the cost of filling the gap with hired staff.

Prices are kronor per FTE and year, in today's money (no pay drift is assumed):

* **own staff**, in this order: (1) the group's own imported own-staff cost over the twelve
  months up to the base date's (once the costs reach it) divided by the group's average FTE
  in the units and months whose rows name it (monthly-paid people on the 15th of each
  month, as `stock.main_jobs` counts them), where at least k of it were there each month
  and the rows are at least two units'; (2) the
  group's row in the cost table HR keeps (12 × the monthly salary × (1 + PO)); (3) the
  region's imported average (all own cost / all FTE of those units); (4) the table's row
  for every other group.
* **hired staff**: the imported hired-staff cost of the group over the same months divided
  by the group's hired FTE (the scenario's input), where both are known; otherwise the
  table's hired factor (the group's row, else every other group's) × the own price.

The cost of the gap is valued per draw (Σ over groups of gap × price) before its quantiles
are taken: a sum of percentiles is not a percentile of the sum. It is net, like the FTE gap
it values (a surplus in one group offsets a shortage in another), so the lever effects add
up to it. Filling the gap with hired staff values only the groups short of staff in each
draw: a surplus of one group cannot stand in for another's shortage.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

import numpy as np
import polars as pl

from bemanna.analysis import kpi
from bemanna.analysis.stock import main_jobs

MONTHS = 12
OTHER = ""  # the cost table's row for every other group


class Source(StrEnum):
    """Where a price comes from (shown beside it, so a controller can trace it)."""

    GROUP_COSTS = "group_costs"  # the group's own imported costs
    TABLE = "table"  # the group's row in HR's cost table
    AVERAGE = "average"  # the region's imported average
    TABLE_OTHER = "table_other"  # the table's row for every other group
    IMPORTED = "imported"  # hired: imported hired cost / hired FTE


@dataclass(frozen=True)
class TableCost:
    """A row of HR's cost table: own staff per FTE and year (kr), hired staff as a factor."""

    per_fte_year: float
    hired_factor: float


@dataclass(frozen=True)
class Prices:
    """Kronor per FTE and year for each group, and where each figure comes from."""

    groups: tuple[str, ...]
    own: np.ndarray  # [G]
    hired: np.ndarray  # [G]
    own_source: tuple[Source, ...]
    hired_source: tuple[Source, ...]
    factor: tuple[float | None, ...]  # the table's hired factor used, None if imported
    first: datetime.date | None  # first month of imported costs used (None: none)
    last: datetime.date | None  # last month of imported costs used


def prices(
    costs: pl.DataFrame,
    employments: pl.DataFrame,
    groups: tuple[str, ...],
    as_of: datetime.date,
    *,
    table: Mapping[str, TableCost] | None = None,
    hired_fte: dict[str, float] | None = None,
    min_people: int = 1,
    dominance: float = 1.0,
) -> Prices | None:
    """Prices from `costs` (unit, month, profession_group, own_cost, hired_cost),
    `employments` (unit_id, person, group, birth_year, form, rate, start, end) and HR's cost
    `table` (group or `OTHER` → TableCost); None when a group can be priced by neither.

    A group is priced from its own imported costs only if at least `min_people` of it were
    on staff in every month used that it had anyone (the anonymity threshold): a group's
    own-staff cost per FTE is its people's pay, one person's where it has one. And only
    where the key figures would show its cost (`kpi.cost_parts` with `dominance`, its own
    and its hired cost alike): one unit's rows give that unit's costs (the hired price with
    one hired FTE entered is the hired cost in kronor, an insider's fifteenth round), and
    the region's total less the groups priced is the rest's (the seventeenth).

    Examples:
        >>> d = datetime.date
        >>> costs = pl.DataFrame({"unit": [1] * 12, "month": [d(2025, m, 1) for m in
        ...     range(1, 13)], "profession_group": [""] * 12, "own_cost": [120_000.0] * 12,
        ...     "hired_cost": [0.0] * 12})
        >>> staff = pl.DataFrame({"unit_id": [1, 1], "person": [1, 2], "group": ["A", "B"],
        ...     "birth_year": [1970, 1980], "form": ["permanent"] * 2, "rate": [100.0, 100.0],
        ...     "start": [d(2020, 1, 1)] * 2, "end": [None, None]})
        >>> table = {"B": TableCost(600_000.0, 2.0), OTHER: TableCost(500_000.0, 1.5)}
        >>> p = prices(costs, staff, ("A", "B"), d(2025, 12, 31), table=table)
        >>> p.own.tolist(), p.hired.tolist()
        ([720000.0, 600000.0], [1080000.0, 1200000.0])
        >>> [str(s) for s in p.own_source]
        ['average', 'table']
    """
    table = table or {}
    imported = _imported(costs, employments, as_of, dominance)
    split: dict[str, float] = {}
    by_group: dict[str, tuple[float, float]] = {}
    average: float | None = None
    to_year, first, last = 1.0, None, None
    people: dict[str, int] = {}
    own_shown: set[str] = set()
    hired_shown: set[str] = set()
    if imported is not None:
        split, people, by_group = imported.split, imported.people, imported.by_group
        own_shown, hired_shown = imported.own_shown, imported.hired_shown
        average, to_year = imported.average, imported.to_year
        first, last = imported.first, imported.last
    own: list[float] = []
    hired: list[float] = []
    own_source: list[Source] = []
    hired_source: list[Source] = []
    factors: list[float | None] = []
    for group in groups:
        own_cost, hired_cost = by_group.get(group, (0.0, 0.0))
        mine = split.get(group, 0.0)
        row = table.get(group)
        if own_cost > 0 and mine > 0 and people.get(group, 0) >= min_people and group in own_shown:
            own.append(own_cost * to_year / mine)
            own_source.append(Source.GROUP_COSTS)
        elif row is not None:
            own.append(row.per_fte_year)
            own_source.append(Source.TABLE)
        elif average is not None:
            own.append(average)
            own_source.append(Source.AVERAGE)
        elif OTHER in table:
            own.append(table[OTHER].per_fte_year)
            own_source.append(Source.TABLE_OTHER)
        else:
            return None
        bought = (hired_fte or {}).get(group, 0.0)
        factor_row = row if row is not None else table.get(OTHER)
        if hired_cost > 0 and bought > 0 and group in hired_shown:
            hired.append(hired_cost * to_year / bought)
            hired_source.append(Source.IMPORTED)
            factors.append(None)
        elif factor_row is not None:
            hired.append(factor_row.hired_factor * own[-1])
            hired_source.append(Source.TABLE if row is not None else Source.TABLE_OTHER)
            factors.append(factor_row.hired_factor)
        else:
            return None
    return Prices(
        groups,
        np.array(own, dtype=float),
        np.array(hired, dtype=float),
        tuple(own_source),
        tuple(hired_source),
        tuple(factors),
        first,
        last,
    )


def on_page(
    prices: Prices, shown: Collection[str], other: TableCost | None, name: str
) -> Prices | None:
    """The prices of a page that shows only the groups in `shown` on their own: theirs, and
    one row `name` (the page's merged group, last) for every other group, priced by the
    cost table's row for every other group (`other`); None when a group is merged and there
    is no such row. The merged row's gap is valued as one (`merged`), at one price no
    merged group's own price moves: priced group by group, a unit's kronor with a hidden
    group's row at two prices gave that group's gap at the unit, and so one doctor's rate
    and birth year (an insider's twenty-sixth round).

    Example:
        >>> p = Prices(("A", "B", "C"), np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]),
        ...     (Source.TABLE,) * 3, (Source.TABLE,) * 3, (2.0,) * 3, None, None)
        >>> page = on_page(p, {"B"}, TableCost(10.0, 1.5), "Others")
        >>> page.groups, page.own.tolist(), page.hired.tolist()
        (('B', 'Others'), [2.0, 10.0], [4.0, 15.0])
        >>> on_page(p, {"A", "B", "C"}, None, "Others") is p
        True
    """
    keep = [i for i, group in enumerate(prices.groups) if group in shown]
    if len(keep) == len(prices.groups):
        return prices
    if other is None:
        return None
    return Prices(
        tuple(prices.groups[i] for i in keep) + (name,),
        np.append(prices.own[keep], other.per_fte_year),
        np.append(prices.hired[keep], other.per_fte_year * other.hired_factor),
        tuple(prices.own_source[i] for i in keep) + (Source.TABLE_OTHER,),
        tuple(prices.hired_source[i] for i in keep) + (Source.TABLE_OTHER,),
        tuple(prices.factor[i] for i in keep) + (other.hired_factor,),
        prices.first,
        prices.last,
    )


def merged(values: np.ndarray, groups: tuple[str, ...], shown: Collection[str]) -> np.ndarray:
    """`values` [D, G, ...] per group of `groups`, in the order of `on_page`'s prices: the
    groups in `shown`, then every other group summed, draw by draw, into one.

    Example:
        >>> merged(np.array([[1.0, 2.0, 4.0]]), ("A", "B", "C"), {"B"}).tolist()
        [[2.0, 5.0]]
    """
    keep = [i for i, group in enumerate(groups) if group in shown]
    if len(keep) == len(groups):
        return values
    rest = [i for i in range(len(groups)) if i not in keep]
    return np.concatenate([values[:, keep], values[:, rest].sum(axis=1, keepdims=True)], axis=1)


class _Imported(NamedTuple):
    split: dict[str, float]  # its average FTE in the units whose rows name it
    people: dict[str, int]  # the fewest of it in those units in a month it had any
    by_group: dict[str, tuple[float, float]]  # (own, hired) cost of the rows naming it
    own_shown: set[str]  # the groups whose own cost may be known (`kpi.cost_parts`)
    hired_shown: set[str]  # ... and hired cost
    average: float  # the region's own cost per FTE and year
    to_year: float
    first: datetime.date
    last: datetime.date


def _imported(
    costs: pl.DataFrame, employments: pl.DataFrame, as_of: datetime.date, dominance: float = 1.0
) -> _Imported | None:
    """From the imported costs: by group its FTE, its FTE and fewest people in the units
    whose own-cost rows name it (the people behind its own price: in a ward that splits
    out its one doctor while the next keeps its five in the unsplit row, the doctors' price
    is the one's pay), and the cost of the rows naming it; the region's average price, the
    factor to a year, the first and last month; None without own costs.

    The twelve months up to the base date's, and only once the costs reach its month: the
    last twelve months with costs, while a quarter was still to come, were a window the key
    figures' years did not share, and a group's price less its year's cost was one unit's
    (an insider's sixteenth round)."""
    last = as_of.replace(day=1)
    if costs.filter(pl.col("month") >= last).is_empty():
        return None
    first = _months_back(last, MONTHS - 1)
    used = costs.filter(pl.col("month").is_between(first, last))
    if used.is_empty() or used["own_cost"].sum() <= 0:
        return None
    last = used["month"].max()  # type: ignore[assignment]
    months = used["month"].n_unique()
    units = used["unit"].unique().to_list()
    staff = employments.filter(pl.col("unit_id").is_in(units))
    named = used.filter((pl.col("profession_group") != "") & (pl.col("own_cost") > 0)).select(
        "month", pl.col("unit").alias("unit_id"), pl.col("profession_group").alias("group")
    )
    fte: dict[str, float] = {}
    split: dict[str, float] = {}
    counts: list[dict[str, int]] = []
    for month in used["month"].unique().sort().to_list():
        on = main_jobs(staff, month.replace(day=15))
        for group, rate in on.group_by("group").agg(pl.col("rate").sum()).iter_rows():
            fte[group] = fte.get(group, 0.0) + rate / 100.0 / months
        behind = (
            on.join(named.filter(pl.col("month") == month), on=["unit_id", "group"], how="semi")
            .group_by("group")
            .agg(pl.col("rate").sum(), pl.len().alias("people"))
        )
        for group, rate, _people in behind.iter_rows():
            split[group] = split.get(group, 0.0) + rate / 100.0 / months
        counts.append(dict(behind.select("group", "people").iter_rows()))
    people = {group: min(m[group] for m in counts if group in m) for group in split}
    by_group = {
        group: (own, hired)
        for group, own, hired in used.group_by("profession_group")
        .agg(pl.col("own_cost").sum(), pl.col("hired_cost").sum())
        .iter_rows()
    }
    shown = {
        column: {g for g, _ in kpi.cost_parts(used, column, dominance) if g}
        for column in ("own_cost", "hired_cost")
    }
    total_fte = sum(fte.values())
    if total_fte <= 0:
        return None
    to_year = MONTHS / months
    average = float(used["own_cost"].sum()) * to_year / total_fte
    return _Imported(
        split,
        people,
        by_group,
        shown["own_cost"],
        shown["hired_cost"],
        average,
        to_year,
        first,
        last,
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
