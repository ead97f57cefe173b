"""HR key figures by SKR's definitions: sick leave (figures 1–7) and turnover.

Sick leave (*sjukfrånvaro*, obligatory in a region's annual report):

1. total sick-leave hours / total scheduled hours;
2. the share of the sick-leave hours that belong to spells of 60 days or more;
3–4. figure 1 for women and for men;
5–7. figure 1 for ages 29 or younger, 30–49, 50 or older (age = the year minus the birth year).

The data are what HR systems hold: sick-leave spells (person, first day, last day or open,
extent in %) and scheduled hours per person and month. A person's extent on a day is the sum
of the extents of the rows covering the day, at most 100 % (overlapping rows never count a
day twice); their sick hours in a month are the month's scheduled hours × the sum of the
extents over the month's days / 100 / the days in the month. One row alone: the month's
hours × the share of the month's days it covers × its extent.

A spell is a continuous period of sick leave, not a row of the file: a person's rows that
follow each other without a gap (the next starts the day after the previous ends, or overlaps
it, as when the extent changes from 100 % to 50 %) are one spell (`continuous_spells`). This
is the law's *sammanhängande tid* and how SKR's figure 2 is reported. A spell counts as long
when it lasts 60 days or more from its first day (also one before the period) up to the
period's last day at the latest (`spell_days`): a spell with a known end after the period
counts as far as an open one, so a closed year's figures never change when next year's rows
arrive. All its hours in the period are then long-term hours (also those of its first 59
days, as SKR counts them). The count of people on long-term sick leave on the period's last
day is the same rule: running then, and 60 days or more from its first day.

Examples:
    >>> import datetime as dt
    >>> spells = pl.DataFrame({"person": ["a"], "start": [dt.date(2025, 1, 11)],
    ...     "end": [dt.date(2025, 1, 20)], "extent": [100.0]})
    >>> hours = pl.DataFrame({"person": ["a"], "month": [dt.date(2025, 1, 1)],
    ...     "hours": [155.0]})
    >>> people = pl.DataFrame({"person": ["a"], "sex": ["K"], "birth_year": [1980]})
    >>> figures = sick_leave(spells, hours, people, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    >>> round(figures["total"], 4), figures["long_share"]
    (0.3226, 0.0)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import polars as pl

from bemanna.analysis import kpi_grid
from bemanna.analysis.stock import MONTHLY_PAID

LONG_SPELL_DAYS = kpi_grid.LONG_SPELL_DAYS  # 60
AGE_BANDS: dict[str, tuple[int, int]] = {
    "age_29_or_younger": (0, 29),
    "age_30_49": (30, 49),
    "age_50_or_older": (50, 200),
}
FIGURES = (
    "total",
    "long_share",
    "women",
    "men",
    *AGE_BANDS,
)


def sick_hours(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    period_start: datetime.date,
    period_end: datetime.date,
) -> pl.DataFrame:
    """Per person and month of the period: scheduled hours, sick hours, long-term sick hours.

    Sick hours = the month's scheduled hours × Σ over the month's days (within the period) of
    the day's extent (the rows covering it added up, at most 100 %) / 100 / the month's days.

    `spells`: person, start, end (null while open), extent (0–100).
    `hours`: person, month (the first of the month), hours.
    """
    return _sick_hours(continuous_spells(spells, period_end), hours, period_start, period_end)


def _sick_hours(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    period_start: datetime.date,
    period_end: datetime.date,
) -> pl.DataFrame:
    """`sick_hours` from spells already joined by `continuous_spells` (up to `period_end` or
    a later day: a spell's length is counted up to `period_end` either way, `spell_days`).

    Each person's rows are made pieces that do not overlap (a day's extents added up, at
    most 100 %), each piece set against the months it touches within the period and its sick
    hours summed per person and month on a grid of people × months
    (`kpi_grid.sick_of_rows`)."""
    months = hours.filter(pl.col("month").is_between(_first(period_start), period_end)).select(
        "person", "month", pl.col("hours").cast(pl.Float64)
    )
    keys = kpi_grid.Keys(months["person"])
    period = kpi_grid.Months(period_start, period_end)
    cells = period.cells(keys.ids(months["person"]), kpi_grid.days(months["month"]), keys.size)
    sick, long = kpi_grid.sick_of_rows(
        kpi_grid.Spells.of(spells, keys),
        cells,
        months["hours"].fill_null(0.0).to_numpy(),
        period,
        keys.size,
    )
    return months.with_columns(sick=pl.Series(sick), long=pl.Series(long))


def continuous_spells(spells: pl.DataFrame, period_end: datetime.date) -> pl.DataFrame:
    """Join each person's rows that follow each other without a gap into spells.

    A row continues the spell before it when it starts no later than the day after the latest
    end so far (adjacent or overlapping rows); a gap of one day or more starts a new spell.
    An open row runs to `period_end` (one starting later adds no day). Rows starting after
    `period_end` are left out of the result, but only after the joining, so `spell_last` is
    the last day known of the whole spell (early intervention reads it). Adds `last` (the
    row's end, or `period_end` while open), `spell_first` and `spell_last` (the spell's first
    and last day in these rows), `spell_start` (its first day: `spell_first`, or the earliest
    `since` of its rows where they have one) and `long` (the spell lasts `LONG_SPELL_DAYS` or
    more up to `period_end`, `spell_days`) to every row.

    `since` is for rows cut at a kept period's seam (`analysis.published`): a spell
    registered after the month it began was shown counts from the seam's next day, but its
    length from the day it truly began.

    Examples:
        >>> import datetime as dt
        >>> rows = pl.DataFrame({"person": ["a", "a", "a"],
        ...     "start": [dt.date(2025, 1, 1), dt.date(2025, 2, 10), dt.date(2025, 3, 22)],
        ...     "end": [dt.date(2025, 2, 9), dt.date(2025, 3, 20), None],
        ...     "extent": [100.0, 50.0, 100.0]})
        >>> out = continuous_spells(rows, dt.date(2025, 12, 31))
        >>> out.select("spell_start", "long").rows()  # doctest: +NORMALIZE_WHITESPACE
        [(datetime.date(2025, 1, 1), True), (datetime.date(2025, 1, 1), True),
         (datetime.date(2025, 3, 22), True)]
    """
    rows = spells.drop(
        "last", "spell_first", "spell_start", "spell_last", "long", strict=False
    ).with_columns(pl.col("end").fill_null(period_end).alias("last"))
    keys = kpi_grid.Keys(rows["person"])
    joined = kpi_grid.join_spells(
        keys.ids(rows["person"]).astype(np.int32),
        kpi_grid.days(rows["start"]),
        kpi_grid.days(rows["last"]),
    )
    first = joined.spell_first
    if "since" in rows.columns:
        first = kpi_grid.earliest(first, kpi_grid.days(rows["since"])[joined.order], joined.spell)
    return (
        rows[joined.order]
        .with_columns(
            spell_first=kpi_grid.dates(joined.spell_first[joined.spell]),
            spell_start=kpi_grid.dates(first[joined.spell]),
            spell_last=kpi_grid.dates(joined.spell_last[joined.spell]),
        )
        .filter(pl.col("start") <= period_end)
        .with_columns((spell_days(period_end) >= LONG_SPELL_DAYS).alias("long"))
    )


def spell_days(until: datetime.date) -> pl.Expr:
    """A joined row's spell's length in days for a period ending on `until`: from its first
    day (`spell_start`, before the period too) to its last (`spell_last`) or `until`, which
    comes first. A spell whose end is known to be after the period counts as far as an open
    one does, so what becomes known after the period (a row of next year, an end date) never
    changes a closed period's figures: SKR's annual figures are reported once.

    Examples:
        >>> import datetime as dt
        >>> rows = pl.DataFrame({"spell_start": [dt.date(2025, 12, 1)],
        ...     "spell_last": [dt.date(2026, 1, 31)]})
        >>> rows.select(spell_days(dt.date(2025, 12, 31)))["days"].to_list()
        [31]
    """
    last = pl.min_horizontal(pl.col("spell_last"), pl.lit(until))
    return ((last - pl.col("spell_start")).dt.total_days() + 1).alias("days")


def sick_leave(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    people: pl.DataFrame,
    period_start: datetime.date,
    period_end: datetime.date,
) -> dict[str, Any]:
    """SKR's sick-leave figures 1–7 (as shares, 0–1) for the people given, over a period.

    `people`: person, sex (K/M), birth year. Also returns the hours behind each figure (so a
    caller can hide figures for small groups) as `hours_<figure>` and `people_<figure>`.
    """
    return figures(sick_hours(spells, hours, period_start, period_end), people, spells, period_end)


def figures(
    months: pl.DataFrame, people: pl.DataFrame, spells: pl.DataFrame, period_end: datetime.date
) -> dict[str, Any]:
    """Figures 1–7 from `sick_hours` rows (person, month, hours, sick, long) already cut to
    the period and the group of people. Adds `se_total`, the standard error of figure 1 with
    each person as a cluster (their months are not independent), for significance tests."""
    frame = months.join(people.select("person", "sex", "birth_year"), on="person")
    frame = frame.with_columns(
        (pl.col("month").dt.year() - pl.col("birth_year")).alias("age"),
    )
    groups: dict[str, pl.Expr] = {
        "total": pl.lit(True),
        "women": pl.col("sex") == "K",
        "men": pl.col("sex") == "M",
        **{name: pl.col("age").is_between(low, high) for name, (low, high) in AGE_BANDS.items()},
    }
    out: dict[str, Any] = {}
    for name, condition in groups.items():
        part = frame.filter(condition)
        scheduled = float(part["hours"].sum())
        out[name] = float(part["sick"].sum()) / scheduled if scheduled else None
        out[f"hours_{name}"] = scheduled
        out[f"people_{name}"] = part["person"].n_unique()
    sick = float(frame["sick"].sum())
    out["long_share"] = float(frame["long"].sum()) / sick if sick else 0.0
    out["hours_long_share"] = out["hours_total"]
    out["people_long_share"] = out["people_total"]
    out["long_term_sick"] = _long_term_people(spells, frame["person"].unique(), period_end)
    out["se_total"] = ratio_error(frame)
    return out


def ratio_error(frame: pl.DataFrame) -> float | None:
    """Standard error of Σ sick / Σ hours, people as clusters (the linearised ratio
    estimator): √(n/(n−1) · Σ(sᵢ − R·hᵢ)²) / Σh.

    Examples:
        >>> ratio_error(pl.DataFrame({"person": [1, 2], "hours": [100.0, 100.0],
        ...     "sick": [10.0, 10.0]}))
        0.0
    """
    per = frame.group_by("person").agg(pl.col("hours").sum(), pl.col("sick").sum())
    n, total = per.height, float(per["hours"].sum())
    if n < 2 or not total:
        return None
    share = float(per["sick"].sum()) / total
    spread = float(((per["sick"] - share * per["hours"]) ** 2).sum())
    return float((n / (n - 1) * spread) ** 0.5 / total)


def significant(
    now: float | None, error_now: float | None, before: float | None, error_before: float | None
) -> bool:
    """Whether a share moved more than chance explains (two-sided, 95 %). The two years are
    treated as independent, which is cautious: the same people in both make the true error
    of the difference smaller.

    Examples:
        >>> significant(0.06, 0.003, 0.05, 0.003), significant(0.06, 0.01, 0.05, 0.01)
        (True, False)
    """
    if None in (now, error_now, before, error_before):
        return False
    assert now is not None and before is not None
    assert error_now is not None and error_before is not None
    spread = (error_now**2 + error_before**2) ** 0.5
    return bool(spread > 0 and abs(now - before) > 1.96 * spread)


def monthly_placement(
    employments: pl.DataFrame, first: datetime.date, last: datetime.date
) -> pl.DataFrame:
    """Each person's unit in each month from `first` to `last`: that of their largest
    employment (highest rate, then the earliest start, the unit's key breaking a tie, so the
    choice is always the same) active on any day of the month.

    `employments`: person, unit, rate, start, end (null while running), and any further
    columns (such as the profession group), which come along. Returns person, month (the
    first of the month), unit and those columns.
    """
    keys = kpi_grid.Keys(employments["person"])
    period = kpi_grid.Months(first, last)
    chosen = kpi_grid.place(kpi_grid.Employments.of(employments, keys), period, keys.size)
    cells = np.flatnonzero(chosen >= 0)
    months = kpi_grid.dates(kpi_grid.first_day(cells % period.count + period.first))
    return pl.DataFrame({"person": keys.value_of(cells // period.count), "month": months}).hstack(
        _unit_and_further(employments)[chosen[cells]]
    )


def _unit_and_further(employments: pl.DataFrame) -> pl.DataFrame:
    further = [
        c for c in employments.columns if c not in ("person", "unit", "rate", "start", "end")
    ]
    return employments.select("unit", *further)


def person_months_by_year(
    spells: pl.DataFrame,
    hours: pl.DataFrame | Callable[[datetime.date, datetime.date], pl.DataFrame],
    employments: pl.DataFrame,
    first: datetime.date,
    last: datetime.date,
    *,
    joined: bool = False,
) -> Iterator[tuple[int, pl.DataFrame]]:
    """`sick_hours` joined to `monthly_placement` over a period, one calendar year at a
    time: person, month, hours, sick, long, unit and the employments' further columns.

    Each year's rows are `sick_hours` over that year (within [`first`, `last`]): a spell is
    long when it lasts `LONG_SPELL_DAYS` or more up to the year's last day (`spell_days`),
    so a year's figures are those it was reported with, whatever later years hold. A person's
    month depends on that month's hours, spells and employments alone, except where a spell
    began, so the spells are joined once over the whole period (a spell across New Year is
    one spell, counted from its first day; an open one runs to `last`), or come `joined` up
    to `last` already. `hours` is a frame or a function giving the hours of a year's first
    and last day (say, read from a database a year at a time).

    Only people with an employment can be placed, so they alone are numbered; a year's
    hours, spells and employments then meet on one grid of people × months.
    """
    keys = kpi_grid.Keys(employments["person"])
    if joined:
        spells = spells.filter(pl.col("last") >= _first(first))
        sick_rows = kpi_grid.Spells.of(spells, keys)
    else:
        sick_rows = kpi_grid.Spells.joined(spells, keys, last)
    del spells
    jobs = kpi_grid.Employments.of(employments, keys)
    further = _unit_and_further(employments)
    for year in range(first.year, last.year + 1):
        low = max(first, datetime.date(year, 1, 1))
        high = min(last, datetime.date(year, 12, 31))
        scheduled = (
            hours.filter(pl.col("month").is_between(_first(low), high))
            if isinstance(hours, pl.DataFrame)
            else hours(low, high)
        ).select("person", "month", pl.col("hours").cast(pl.Float64))
        period = kpi_grid.Months(low, high)
        cells = period.cells(
            keys.ids(scheduled["person"]), kpi_grid.days(scheduled["month"]), keys.size
        )
        sick, long = kpi_grid.sick_of_rows(
            sick_rows, cells, scheduled["hours"].fill_null(0.0).to_numpy(), period, keys.size
        )
        job = kpi_grid.place(jobs, period, keys.size)[cells]
        del cells
        if (job < 0).any():
            placed = job >= 0
            scheduled = scheduled.filter(pl.Series(placed))
            sick, long, job = sick[placed], long[placed], job[placed]
        yield (
            year,
            scheduled.with_columns(sick=pl.Series(sick), long=pl.Series(long)).hstack(further[job]),
        )
        del scheduled, sick, long, job


def subtree_pairs(parents: dict[int, int | None]) -> pl.DataFrame:
    """(unit, ancestor) for every unit and each of its ancestors, itself included: joining on
    `unit` and grouping by `ancestor` sums a figure over each subtree.

    Examples:
        >>> subtree_pairs({1: None, 2: 1, 3: 2}).sort("unit", "ancestor").rows()
        [(1, 1), (2, 1), (2, 2), (3, 1), (3, 2), (3, 3)]
    """
    pairs = []
    for unit in parents:
        node: int | None = unit
        seen = 0
        while node is not None and seen <= len(parents):
            pairs.append((unit, node))
            node, seen = parents.get(node), seen + 1
    return pl.DataFrame(pairs, schema={"unit": pl.Int64, "ancestor": pl.Int64}, orient="row")


def region(parents: Mapping[int, int | None]) -> int | None:
    """The region of a unit tree: its one root, None when it has several. What only the
    region shows (its personnel costs in kronor, its running year's months) rests on the
    region being the whole organisation: a second root, a ward whose parent a tree file left
    empty, is no region, nor is either of two (a new root padded with empty units to
    outnumber the region's was one, an insider's fourteenth round).

    Examples:
        >>> region({1: None, 2: 1, 3: 2})
        1
        >>> region({1: None, 2: 1, 3: 1, 4: None}) is None  # a ward made a root
        True
    """
    roots = [unit for unit, parent in parents.items() if parent is None]
    return roots[0] if len(roots) == 1 else None


def cost_coverage(
    costs: pl.DataFrame,
    employments: pl.DataFrame,
    parents: Mapping[int, int | None],
    months: Sequence[datetime.date],
) -> dict[datetime.date, float]:
    """Per month, the share of the monthly-paid employments on its 15th in a unit with a
    cost row that month or below one (a clinic's costs may be booked on the clinic), but the
    root's row covers its own staff only (one row on the region would stand for its whole
    month); 1.0 for a month without staff. `costs`: unit, month; `employments`: unit_id,
    form, start, end.

    Examples:
        >>> day = datetime.date
        >>> costs = pl.DataFrame({"unit": [2], "month": [day(2026, 10, 1)]})
        >>> staff = pl.DataFrame({"unit_id": [2, 3, 3, 4], "form": ["permanent"] * 4,
        ...     "start": [day(2020, 1, 1)] * 4, "end": [None] * 4},
        ...     schema_overrides={"end": pl.Date})
        >>> cost_coverage(costs, staff, {1: None, 2: 1, 3: 2, 4: 1}, [day(2026, 10, 1)])
        {datetime.date(2026, 10, 1): 0.75}
        >>> on_root = costs.with_columns(pl.lit(1).alias("unit"))
        >>> cost_coverage(on_root, staff, {1: None, 2: 1, 3: 2, 4: 1}, [day(2026, 10, 1)])
        {datetime.date(2026, 10, 1): 0.0}
    """
    roots = [unit for unit, parent in parents.items() if parent is None]
    pairs = subtree_pairs(dict(parents)).filter(
        ~pl.col("ancestor").is_in(roots) | (pl.col("unit") == pl.col("ancestor"))
    )
    monthly = employments.filter(pl.col("form").is_in(MONTHLY_PAID))
    shares = {}
    for month in months:
        day = month.replace(day=15)
        on = monthly.filter(
            (pl.col("start") <= day) & (pl.col("end").is_null() | (pl.col("end") >= day))
        )
        if on.is_empty():
            shares[month] = 1.0
            continue
        booked = costs.filter(pl.col("month") == month)["unit"].unique().implode()
        covered = pairs.filter(pl.col("ancestor").is_in(booked))["unit"].unique().implode()
        shares[month] = on.filter(pl.col("unit_id").is_in(covered)).height / on.height
    return shares


def unit_months(person_months: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Scheduled, sick and long-term sick hours for every unit's subtree and month, and figure
    1 (`share`) and 2 (`long_share`): sum per unit and month first, then add each unit's sums
    to its ancestors' through `subtree_pairs`.

    `person_months`: person, month, unit, hours, sick, long. Returns unit (the subtree's top),
    month, hours, sick, long, share, long_share.

    Examples:
        >>> import datetime as dt
        >>> rows = pl.DataFrame({"person": [1, 2], "month": [dt.date(2025, 1, 1)] * 2,
        ...     "unit": [2, 3], "hours": [100.0, 60.0], "sick": [10.0, 6.0], "long": [0.0, 6.0]})
        >>> unit_months(rows, subtree_pairs({1: None, 2: 1, 3: 1})).select(
        ...     "unit", "hours", "share", "long_share").rows()
        [(1, 160.0, 0.1, 0.375), (2, 100.0, 0.1, 0.0), (3, 60.0, 0.1, 1.0)]
    """
    tree = kpi_grid.Tree(pairs)
    return kpi_grid.unit_months(
        tree,
        tree.units.ids(person_months["unit"]),
        kpi_grid.month_number(kpi_grid.days(person_months["month"])),
        *_hours_sick_long(person_months),
    )


def unit_years(person_months: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Figures 1 and 2 for every unit's subtree and year, with how many people they rest on
    (what the disclosure rule counts) and the standard error of figure 1 (`se`, people as
    clusters, as `ratio_error`): someone who moved within a subtree during the year is one
    person of it, with the hours of both units.

    Returns unit, year, hours, sick, long, people, share, long_share, se.

    Examples:
        >>> import datetime as dt
        >>> rows = pl.DataFrame({"person": [1, 1, 2], "unit": [2, 3, 3],
        ...     "month": [dt.date(2025, 1, 1), dt.date(2025, 2, 1), dt.date(2025, 1, 1)],
        ...     "hours": [100.0, 100.0, 100.0], "sick": [0.0, 30.0, 0.0], "long": [0.0] * 3})
        >>> unit_years(rows, subtree_pairs({1: None, 2: 1, 3: 1})).select(
        ...     "unit", "people", "share").rows()
        [(1, 2, 0.1), (2, 1, 0.0), (3, 2, 0.15)]
    """
    tree = kpi_grid.Tree(pairs)
    people = kpi_grid.Keys(person_months["person"])
    return kpi_grid.unit_years(
        tree,
        people.ids(person_months["person"]),
        people.size,
        tree.units.ids(person_months["unit"]),
        kpi_grid.year(kpi_grid.days(person_months["month"])),
        *_hours_sick_long(person_months),
    )


def _hours_sick_long(frame: pl.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The three sums' columns as arrays, a missing value adding nothing (as polars sums)."""
    hours, sick, long = (
        frame[name].cast(pl.Float64).fill_null(0.0).to_numpy() for name in ("hours", "sick", "long")
    )
    return hours, sick, long


def personnel_costs(costs: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Own-staff cost, hired-staff cost, its share of own-staff cost (the national target is
    at most 2 %) and staffing-pool hours for every unit's subtree and year.

    `costs`: unit, month, profession_group, own_cost, hired_cost, pool_hours.

    Examples:
        >>> import datetime as dt
        >>> costs = pl.DataFrame({"unit": [2, 2], "month": [dt.date(2025, 1, 1)] * 2,
        ...     "profession_group": ["", "Läkare"], "own_cost": [1000.0, 0.0],
        ...     "hired_cost": [10.0, 20.0], "pool_hours": [5.0, 0.0]})
        >>> personnel_costs(costs, subtree_pairs({1: None, 2: 1})).filter(
        ...     pl.col("unit") == 1)["hired_share"].to_list()
        [0.03]
    """
    sums = [pl.col("own_cost").sum(), pl.col("hired_cost").sum(), pl.col("pool_hours").sum()]
    leaf = costs.group_by("unit", pl.col("month").dt.year().alias("year")).agg(sums)
    return (
        leaf.join(pairs, on="unit")
        .group_by("ancestor", "year")
        .agg(sums)
        .rename({"ancestor": "unit"})
        .with_columns(
            pl.when(pl.col("own_cost") > 0)
            .then(pl.col("hired_cost") / pl.col("own_cost"))
            .otherwise(None)
            .alias("hired_share")
        )
        .sort("unit", "year")
    )


def by_group(person_months: pl.DataFrame) -> pl.DataFrame:
    """Figure 1 per profession group (group, hours, sick, share, people), largest first."""
    return (
        person_months.group_by("group")
        .agg(
            pl.col("hours").sum(),
            pl.col("sick").sum(),
            pl.col("person").n_unique().alias("people"),
        )
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
        .sort("hours", "group", descending=[True, False])
    )


# A part of the region's costs in kronor (a profession group's) is shown only when no branch
# of the tree below the region holds more than this share of it: one ward's, or one clinic's,
# would be its costs, which no page shows below the region, and a part that is nearly all one
# unit's gives that unit's to within the rest (the statistics offices' dominance rule).
DOMINANCE = 0.85


def branches(parents: Mapping[int, int | None]) -> dict[int, int]:
    """Unit → the unit directly below the region it lies under (the region's own: the
    region); empty when the tree has no one region (`region`).

    Examples:
        >>> branches({1: None, 2: 1, 3: 2, 4: 3, 5: 1})
        {1: 1, 2: 2, 3: 2, 4: 2, 5: 5}
        >>> branches({1: None, 2: None})
        {}
    """
    top = region(parents)
    if top is None:
        return {}
    found: dict[int, int] = {top: top}

    def branch(unit: int) -> int:
        path = []
        while unit not in found:
            path.append(unit)
            parent = parents.get(unit)
            if parent is None:  # outside the tree: its own
                found[unit] = unit
                break
            if parent == top:
                found[unit] = unit
                break
            unit = parent
        for below in path:
            found[below] = found[unit]
        return found[unit]

    for unit in parents:
        branch(unit)
    return found


def hired_by_profession(
    costs: pl.DataFrame, dominance: float = 1.0
) -> list[tuple[str | None, float]]:
    """Hired-staff cost per profession group (rows without one under ""), largest first,
    as `cost_parts` shows it.

    Examples:
        >>> costs = pl.DataFrame({"unit": [1, 2, 1, 3, 2], "profession_group":
        ...     ["Läkare", "Läkare", "", "Barnmorskor", "Psykologer"],
        ...     "hired_cost": [500.0, 300.0, 200.0, 80.0, 50.0]})
        >>> hired_by_profession(costs)
        [('Läkare', 800.0), ('', 200.0), ('Barnmorskor', 80.0), ('Psykologer', 50.0)]
        >>> hired_by_profession(costs, dominance=0.85)  # each of the rest one unit's: pooled
        [('Läkare', 800.0), (None, 330.0)]
        >>> hired_by_profession(costs.filter(pl.col("unit") == 1), dominance=0.85)
        []
    """
    return cost_parts(costs, "hired_cost", dominance)


def cost_parts(
    costs: pl.DataFrame, column: str, dominance: float = 1.0
) -> list[tuple[str | None, float]]:
    """`column`'s cost per profession group (rows without one under ""), largest first: the
    one decision of which groups' kronor may be known, for the key figures' table of hired
    staff and the forecast's prices from the groups' own rows alike (priced where the table
    pooled, a group's price less the pool was one ward's, an insider's seventeenth round).

    A group more than `dominance` of whose cost lies in one branch (`branches`: the rows'
    `branch` column, else each unit its own), over the whole or in any month (with a `month`
    column), is pooled (under None) with the smallest groups shown until the pool passes
    too, or none is shown. Counted as units, a group named by
    two wards of one clinic was the clinic's cost, and one ward renamed in the middle of the
    year was two units (an insider's nineteenth round); a group nearly all one ward's, with
    one shift in another, was that ward's to within the shift.

    Examples:
        >>> costs = pl.DataFrame({"unit": [1, 3, 3, 4, 2], "branch": [1, 3, 3, 4, 1],
        ...     "profession_group": ["A", "A", "B", "B", "C"],
        ...     "hired_cost": [5.0, 4.0, 5.0, 1.0, 3.0]})
        >>> cost_parts(costs, "hired_cost", 0.85)  # C is one branch's: B pooled with it
        [('A', 9.0), (None, 9.0)]
        >>> cost_parts(costs.filter(pl.col("unit") < 3), "hired_cost", 0.85)  # all branch 1
        []
    """
    where = "branch" if "branch" in costs.columns else "unit"
    # Each month on its own as well as the whole: a ward that moved to another branch under
    # a new code at midsummer held half the year in each branch, and all of every month in
    # one (an insider's twentieth round).
    when = ["month"] if "month" in costs.columns else []
    spread = (
        costs.filter(pl.col(column) > 0)
        .group_by("profession_group", *when, where)
        .agg(pl.col(column).sum())
    )
    groups = (
        spread.group_by("profession_group")
        .agg(pl.col(column).sum())
        .sort(column, "profession_group", descending=[True, False])
    )
    amount = dict(zip(groups["profession_group"], groups[column], strict=True))
    parts: dict[str, list[tuple[object, object, float]]] = {}  # (month or None, place, amount)
    for row in spread.iter_rows():
        month = row[1] if when else None
        parts.setdefault(row[0], []).append((month, row[-2], float(row[-1])))

    def dominated(amounts: dict[object, float]) -> bool:
        total = sum(amounts.values())
        return not (total > 0 and max(amounts.values()) <= dominance * total)

    def known(chosen: list[str]) -> bool:
        by_place: dict[object, float] = {}
        by_month: dict[object, dict[object, float]] = {}
        for group in chosen:
            for month, place, value in parts[group]:
                by_place[place] = by_place.get(place, 0.0) + value
                if when:
                    in_month = by_month.setdefault(month, {})
                    in_month[place] = in_month.get(place, 0.0) + value
        return not dominated(by_place) and not any(map(dominated, by_month.values()))

    shown = [group for group in amount if known([group])]
    pooled = [group for group in amount if group not in shown]
    while pooled and not known(pooled) and shown:
        pooled.append(shown.pop())  # the smallest shown
    if pooled and not known(pooled):
        return []
    rows: list[tuple[str | None, float]] = [(group, amount[group]) for group in shown]
    if pooled:
        rows.append((None, sum(amount[group] for group in pooled)))
    return rows


def monthly_sick_leave(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    period_start: datetime.date,
    period_end: datetime.date,
) -> pl.DataFrame:
    """Figure 1 per month (for trend charts): month, hours, sick, share."""
    return monthly_shares(sick_hours(spells, hours, period_start, period_end))


def monthly_shares(frame: pl.DataFrame) -> pl.DataFrame:
    """Figure 1 per month from `sick_hours` rows (any group of people): month, hours, sick,
    share."""
    return (
        frame.group_by("month")
        .agg(pl.col("hours").sum(), pl.col("sick").sum())
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
        .sort("month")
    )


def _long_term_people(spells: pl.DataFrame, people: pl.Series, on: datetime.date) -> int:
    """How many of `people` are on a long-term sick-leave spell still running on a date
    (`long_term_sick_on`)."""
    return int(long_term_sick_on(spells, on).is_in(people.implode()).sum())


def long_term_sick_on(spells: pl.DataFrame, on: datetime.date) -> pl.Series:
    """The people, each once, on a sick-leave spell still running on a date that is long by
    figure 2's rule (`spell_days`): 60 days or more from its first row up to `on`. Spells
    already joined up to a later date serve as they are: rows after `on` never change where
    a spell running on `on` began, nor its length up to `on`."""
    if "spell_start" not in spells.columns:
        spells = continuous_spells(spells, on)
    running = spells.filter(
        (pl.col("start") <= on)
        & (pl.col("end").is_null() | (pl.col("end") >= on))
        & (spell_days(on) >= LONG_SPELL_DAYS)
    )
    return running["person"].unique()


def turnover(
    headcount_start: int,
    headcount_end: int,
    hires: int,
    leavers: int,
    own_request: int,
    permanent_start: int,
    permanent_end: int,
) -> dict[str, float | None]:
    """The common turnover variants (no legal standard; say which is shown), each over an
    average headcount of 1 January and 31 December:

    * `leavers`: leavers / average headcount;
    * `replacement`: min(hires, leavers) / average headcount;
    * `own_request` (*avgångar på egen begäran, tillsvidareanställda*): permanent staff who
      left at their own request / average permanent headcount. `own_request` counts the
      permanent staff's own-request leavers only (a fixed-term employee who leaves early is
      not in it), `permanent_start` and `permanent_end` the permanent staff on the two days.

    Examples:
        >>> turnover(100, 110, 20, 10, 6, 90, 94)["leavers"]
        0.09523809523809523
        >>> round(turnover(100, 110, 20, 10, 4, 33, 29)["own_request"], 3)  # 4 / 31
        0.129
    """
    average = (headcount_start + headcount_end) / 2
    permanent = (permanent_start + permanent_end) / 2
    return {
        "leavers": leavers / average if average else None,
        "replacement": min(hires, leavers) / average if average else None,
        "own_request": own_request / permanent if permanent else None,
    }


def _first(day: datetime.date) -> datetime.date:
    return day.replace(day=1)
