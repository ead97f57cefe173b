"""HR key figures by SKR's definitions: sick leave (figures 1–7) and turnover.

Sick leave (*sjukfrånvaro*, obligatory in a region's annual report):

1. total sick-leave hours / total scheduled hours;
2. the share of the sick-leave hours that belong to spells of 60 days or more;
3–4. figure 1 for women and for men;
5–7. figure 1 for ages 29 or younger, 30–49, 50 or older (age = the year minus the birth year).

The data are what HR systems hold: sick-leave spells (person, first day, last day or open,
extent in %) and scheduled hours per person and month. A spell's sick hours in a month are
the month's scheduled hours × the share of the month's days the spell covers × its extent; a
person's sick hours in a month never exceed the scheduled hours.

A spell is a continuous period of sick leave, not a row of the file: a person's rows that
follow each other without a gap (the next starts the day after the previous ends, or overlaps
it, as when the extent changes from 100 % to 50 %) are one spell (`continuous_spells`). This
is the law's *sammanhängande tid* and how SKR's figure 2 is reported. A spell counts as long
when it lasts 60 days or more in all, counting an open spell up to the end of the period, and
all its hours are then long-term hours (also those of its first 59 days, as SKR counts them).

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
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl

LONG_SPELL_DAYS = 60
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
    a later day: a spell's length is the whole spell's, whatever part of it is counted)."""
    months = hours.filter(pl.col("month").is_between(_first(period_start), period_end)).select(
        "person", "month", pl.col("hours").cast(pl.Float64)
    )
    spells = spells.with_columns(pl.col("extent").cast(pl.Float64))
    month_end = pl.col("month").dt.month_end()
    # Each spell against only the months it touches (not every month of its person).
    spells = spells.filter(
        (pl.col("start") <= period_end) & (pl.col("last") >= _first(period_start))
    ).select(
        "person",
        "start",
        "last",
        "long",
        "extent",
        pl.date_ranges(
            pl.max_horizontal(pl.col("start"), pl.lit(period_start)).dt.truncate("1mo"),
            pl.min_horizontal(pl.col("last"), pl.lit(period_end)).dt.truncate("1mo"),
            "1mo",
        ).alias("month"),
    )
    overlap = spells.explode("month").join(months, on=["person", "month"])
    overlap = overlap.with_columns(
        (
            (
                pl.min_horizontal(pl.col("last"), month_end, pl.lit(period_end))
                - pl.max_horizontal(pl.col("start"), pl.col("month"), pl.lit(period_start))
            ).dt.total_days()
            + 1
        )
        .clip(lower_bound=0)
        .alias("days"),
        month_end.dt.day().alias("days_in_month"),
    ).with_columns(
        (pl.col("hours") * pl.col("days") / pl.col("days_in_month") * pl.col("extent") / 100).alias(
            "sick"
        )
    )
    per_month = overlap.group_by("person", "month").agg(
        pl.col("sick").sum().alias("sick"),
        pl.col("sick").filter(pl.col("long")).sum().alias("long"),
    )
    result = months.join(per_month, on=["person", "month"], how="left").with_columns(
        pl.col("sick").fill_null(0.0),
        pl.col("long").fill_null(0.0),
    )
    # Overlapping spells can never make someone more than fully absent.
    cap = pl.when(pl.col("sick") > pl.col("hours")).then(pl.col("hours") / pl.col("sick"))
    return result.with_columns(cap.otherwise(1.0).alias("_scale")).select(
        "person",
        "month",
        "hours",
        (pl.col("sick") * pl.col("_scale")).alias("sick"),
        (pl.col("long") * pl.col("_scale")).alias("long"),
    )


def continuous_spells(spells: pl.DataFrame, period_end: datetime.date) -> pl.DataFrame:
    """Join each person's rows that follow each other without a gap into spells.

    A row continues the spell before it when it starts no later than the day after the latest
    end so far (adjacent or overlapping rows); a gap of one day or more starts a new spell.
    An open row runs to `period_end` (one starting later adds no day). Rows starting after
    `period_end` are left out of the result, but only after the joining: a row with a known
    end past `period_end` counts its whole length, so the rows that continue it must too, or
    one row split at New Year would make a shorter spell than the row.
    Adds `last` (the row's end, or `period_end` while open), `spell_start`, `spell_last` and
    `long` (the whole spell lasts `LONG_SPELL_DAYS` or more) to every row.

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
    rows = spells.drop("last", "spell_start", "spell_last", "long", strict=False).with_columns(
        pl.col("end").fill_null(period_end).alias("last")
    )
    rows = rows.sort(_person_then_start(rows))
    # One pass over the sorted rows, no window per person and no grouping: each person's
    # days are lifted above the previous person's, so one running maximum of the last days
    # serves everyone; a spell's first day is carried down from its first row, its last day
    # up from its last row.
    person = (pl.col("person") != pl.col("person").shift(1)).fill_null(True).cum_sum()
    lift = person.cast(pl.Int64) * 10_000_000
    reach = (lift + pl.col("last").cast(pl.Int64)).cum_max()
    rows = rows.with_columns(
        ((lift + pl.col("start").cast(pl.Int64)) > reach.shift(1) + 1)
        .fill_null(True)
        .alias("_first"),
        (reach - lift).alias("_reach"),
    )
    ends = pl.col("_first").shift(-1).fill_null(True)
    return (
        rows.with_columns(
            pl.when("_first").then(pl.col("start")).forward_fill().alias("spell_start"),
            pl.when(ends).then(pl.col("_reach")).backward_fill().cast(pl.Date).alias("spell_last"),
        )
        .filter(pl.col("start") <= period_end)
        .select(
            pl.exclude("_first", "_reach"),
            (
                (pl.col("spell_last") - pl.col("spell_start")).dt.total_days() + 1
                >= LONG_SPELL_DAYS
            ).alias("long"),
        )
    )


def _person_then_start(rows: pl.DataFrame) -> list[pl.Expr]:
    """The sort key (person, start); one integer when the persons are numbers (keys of the
    database), which sorts three times as fast as two columns."""
    two = [pl.col("person"), pl.col("start")]
    if not rows.height or not rows.schema["person"].is_integer():
        return two
    day = pl.col("start").cast(pl.Int64)
    low, high, smallest, largest = rows.select(
        day.min().alias("low"),
        day.max().alias("high"),
        pl.col("person").min().alias("smallest"),
        pl.col("person").max().alias("largest"),
    ).row(0)
    if high - low >= 1_000_000 or max(-smallest, largest) >= 9_000_000_000_000:
        return two
    return [pl.col("person").cast(pl.Int64) * 1_000_000 + day - low]


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
    employment (highest rate, then the earliest start) active on any day of the month.

    `employments`: person, unit, rate, start, end (null while running), and any further
    columns (such as the profession group), which come along. Returns person, month (the
    first of the month), unit and those columns.
    """
    extra = [c for c in employments.columns if c not in ("person", "unit", "rate", "start", "end")]
    low, high = _first(first), _first(last)
    active = employments.filter(
        (pl.col("start") <= last) & (pl.col("end").is_null() | (pl.col("end") >= low))
    )
    months = pl.date_ranges(
        pl.max_horizontal(pl.col("start").dt.truncate("1mo"), pl.lit(low)),
        pl.min_horizontal(pl.col("end").fill_null(high).dt.truncate("1mo"), pl.lit(high)),
        "1mo",
    ).alias("month")
    columns = ("person", "month", "unit", *extra)
    # Most people hold one employment in a period: only those with several need choosing
    # (the largest first, the unit's key breaking a tie, so the choice is always the same).
    several = pl.col("person").is_duplicated()
    single = active.filter(~several).select("person", "unit", *extra, months).explode("month")
    chosen = (
        active.filter(several)
        .sort(["rate", "start", "unit"], descending=[True, False, False])
        .select("person", "unit", *extra, months)
        .explode("month")
        .drop_nulls("month")
        .unique(["person", "month"], keep="first", maintain_order=True)
    )
    return pl.concat(
        [single.drop_nulls("month").select(columns), chosen.select(columns)], how="vertical"
    )


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

    The same rows as over the whole period at once, in a tenth of the memory for ten years:
    a person's month depends on that month's hours, spells and employments alone, except
    whether a spell is long, so the spells are joined once over the whole period (a spell
    across New Year is one spell; an open one runs to `last`), or come `joined` up to
    `last` already. `hours` is a frame or a function giving the hours of a year's first and
    last day (say, read from a database a year at a time).
    """
    spells = spells if joined else continuous_spells(spells, last)
    spells = spells.filter(pl.col("last") >= _first(first))
    for year in range(first.year, last.year + 1):
        low = max(first, datetime.date(year, 1, 1))
        high = min(last, datetime.date(year, 12, 31))
        scheduled = (
            hours.filter(pl.col("month").is_between(_first(low), high))
            if isinstance(hours, pl.DataFrame)
            else hours(low, high)
        )
        months = _sick_hours(spells, scheduled, low, high)
        del scheduled
        yield year, months.join(monthly_placement(employments, low, high), on=["person", "month"])


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


def unit_months(person_months: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Scheduled, sick and long-term sick hours for every unit's subtree and month, and figure
    1 (`share`) and 2 (`long_share`): sum per unit and month first, then roll up the small
    table through `subtree_pairs`.

    `person_months`: person, month, unit, hours, sick, long. Returns unit (the subtree's top),
    month, hours, sick, long, share, long_share.
    """
    sums = [pl.col("hours").sum(), pl.col("sick").sum(), pl.col("long").sum()]
    leaf = person_months.group_by("unit", "month").agg(sums)
    return (
        leaf.join(pairs, on="unit")
        .group_by("ancestor", "month")
        .agg(sums)
        .rename({"ancestor": "unit"})
        .with_columns(
            (pl.col("sick") / pl.col("hours")).alias("share"),
            pl.when(pl.col("sick") > 0)
            .then(pl.col("long") / pl.col("sick"))
            .otherwise(0.0)
            .alias("long_share"),
        )
        .sort("unit", "month")
    )


def unit_years(person_months: pl.DataFrame, pairs: pl.DataFrame) -> pl.DataFrame:
    """Figures 1 and 2 for every unit's subtree and year, with how many people they rest on
    (what the disclosure rule counts) and the standard error of figure 1 (`se`, people as
    clusters, as `ratio_error`).

    Returns unit, year, hours, sick, long, people, share, long_share, se.
    """
    sums = [pl.col("hours").sum(), pl.col("sick").sum(), pl.col("long").sum()]
    per_person = (
        person_months.group_by("person", "unit", pl.col("month").dt.year().alias("year"))
        .agg(sums)
        .join(pairs, on="unit")
        .group_by("ancestor", "year", "person")
        .agg(sums)
    )
    totals = (
        per_person.group_by("ancestor", "year")
        .agg(*sums, pl.len().alias("people"))
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
    )
    spread = (
        per_person.join(totals.select("ancestor", "year", "share"), on=["ancestor", "year"])
        .group_by("ancestor", "year")
        .agg(((pl.col("sick") - pl.col("share") * pl.col("hours")) ** 2).sum().alias("spread"))
    )
    people = pl.col("people").cast(pl.Float64)
    return (
        totals.join(spread, on=["ancestor", "year"])
        .with_columns(
            pl.when(pl.col("sick") > 0)
            .then(pl.col("long") / pl.col("sick"))
            .otherwise(0.0)
            .alias("long_share"),
            pl.when((pl.col("people") > 1) & (pl.col("hours") > 0))
            .then((people / (people - 1) * pl.col("spread")).sqrt() / pl.col("hours"))
            .otherwise(None)
            .alias("se"),
        )
        .rename({"ancestor": "unit"})
        .select("unit", "year", "hours", "sick", "long", "people", "share", "long_share", "se")
        .sort("unit", "year")
    )


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


def hired_by_profession(costs: pl.DataFrame) -> pl.DataFrame:
    """Hired-staff cost per profession group (rows without one under ""), largest first."""
    return (
        costs.group_by("profession_group")
        .agg(pl.col("hired_cost").sum())
        .filter(pl.col("hired_cost") > 0)
        .sort("hired_cost", descending=True)
    )


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
    """People on a sick-leave spell of 60 days or more that is still running on a date (the
    spell's length counts from its first row, `continuous_spells`). Spells already joined up
    to a later date serve as they are: rows after `on` never change where a spell running on
    `on` began."""
    if "spell_start" not in spells.columns:
        spells = continuous_spells(spells, on)
    running = spells.filter(
        pl.col("person").is_in(people.implode())
        & (pl.col("start") <= on)
        & (pl.col("end").is_null() | (pl.col("end") >= on))
        & ((pl.lit(on) - pl.col("spell_start")).dt.total_days() + 1 >= LONG_SPELL_DAYS)
    )
    return running["person"].n_unique()


def turnover(
    headcount_start: int,
    headcount_end: int,
    hires: int,
    leavers: int,
    own_request: int,
    permanent: int,
) -> dict[str, float | None]:
    """The common turnover variants (no legal standard; say which is shown).

    * `leavers`: leavers / average headcount;
    * `replacement`: min(hires, leavers) / average headcount;
    * `own_request`: own-request leavers / permanent staff.

    Examples:
        >>> turnover(100, 110, 20, 10, 6, 90)["leavers"]
        0.09523809523809523
    """
    average = (headcount_start + headcount_end) / 2
    return {
        "leavers": leavers / average if average else None,
        "replacement": min(hires, leavers) / average if average else None,
        "own_request": own_request / permanent if permanent else None,
    }


def _first(day: datetime.date) -> datetime.date:
    return day.replace(day=1)
