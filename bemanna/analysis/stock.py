"""The workforce as of a date: headcount, FTE, age structure and profession mix per unit.

Inputs are two frames:

* employments: person, unit_id, profession, skr_group, birth_year, sex, form, rate, start, end
* units: unit_id, path ("/1/7/42/": the ids from the root)

Every figure for a unit covers its whole subtree. Headcount counts people (a person with two
employments counts once) in monthly-paid employments (tillsvidare and visstid); FTE is
Σ rate / 100 over those employments (DOMAIN.md); hourly-paid staff are counted apart.

Example:
    >>> import datetime
    >>> units = pl.DataFrame({"unit_id": [1, 2], "path": ["/1/", "/1/2/"]})
    >>> staff = pl.DataFrame({
    ...     "person": ["a", "a", "b"], "unit_id": [2, 2, 1], "profession": ["SSK", "SSK", "USK"],
    ...     "skr_group": ["Sjuksköterskor", "Sjuksköterskor", "Undersköterskor"],
    ...     "birth_year": [1960, 1960, 1990], "sex": ["K", "K", "M"],
    ...     "form": ["permanent", "fixed_term", "permanent"], "rate": [50.0, 25.0, 100.0],
    ...     "start": [datetime.date(2020, 1, 1)] * 3, "end": [None, None, None],
    ... })
    >>> summary = unit_summary(staff, units, datetime.date(2025, 6, 30))
    >>> summary.select("unit_id", "headcount", "fte", "share_60_plus").rows()
    [(1, 2, 1.75, 0.5), (2, 1, 0.75, 1.0)]
"""

from __future__ import annotations

import datetime

import polars as pl

AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("<30", 0, 29),
    ("30–39", 30, 39),
    ("40–49", 40, 49),
    ("50–59", 50, 59),
    ("60–64", 60, 64),
    ("65+", 65, 200),
)
MONTHLY_PAID = ("permanent", "fixed_term")
# A break of at most this many days without a monthly-paid employment is a move inside the
# region (or a renewed contract), not a departure and a new hire.
MOVE_DAYS = 31
# Larger than any date as days since 1970 (9999-12-31 is 2,932,896).
_PERSON_STRIDE = 10_000_000


def active_on(employments: pl.DataFrame, date: datetime.date) -> pl.DataFrame:
    """Employments that have started and not ended on `date` (an end date is the last day)."""
    return employments.filter(
        (pl.col("start") <= date) & (pl.col("end").is_null() | (pl.col("end") >= date))
    )


def main_jobs(employments: pl.DataFrame, date: datetime.date) -> pl.DataFrame:
    """Each monthly-paid person active on `date` once, with the unit and group of their
    largest employment (a tie: the one that started first, then the lowest unit id), their
    birth year and sex, and their rates added up (at most 100 %). The one rule for where a
    person belongs: the forecast's baseline, its disclosure decision and the history page's
    ages all count a person with two jobs once, here. Columns: person, unit_id, group,
    birth_year, sex, rate."""
    active = active_on(employments.filter(pl.col("form").is_in(MONTHLY_PAID)), date)
    keys = [c for c in ("rate", "start", "unit_id", "group") if c in active.columns]
    ordered = active.sort(
        keys, descending=[c == "rate" for c in keys], nulls_last=True, maintain_order=True
    )
    wanted = [c for c in ("unit_id", "group", "birth_year", "sex") if c in active.columns]
    return ordered.group_by("person", maintain_order=True).agg(
        *[pl.col(c).first() for c in wanted], pl.col("rate").sum().clip(0, 100)
    )


def people_on(employments: pl.DataFrame, date: datetime.date) -> pl.DataFrame:
    """Monthly-paid people on `date`, each once: in the group of their largest employment,
    with their rates added up (at most 100 %). Columns: person, group, birth_year, rate."""
    return main_jobs(employments, date).select("person", "group", "birth_year", "rate")


def presence_spells(employments: pl.DataFrame) -> pl.DataFrame:
    """Each person's monthly-paid employments merged into spells of continuous presence: the
    one rule for who joined and who left, used by the history page, the key figures' turnover
    and the forecast's fitting alike.

    The break before an employment is the number of days without any monthly-paid
    employment between the latest end so far and its start (end 31 March, start 1 April: no
    break). A break of more than `MOVE_DAYS` (31) days ends a spell: the person left on that
    end date, in that year, and the next start is a new hire. A break of 31 days or less
    (end 31 March, start 2 May) is a move or a renewed contract, neither a departure nor a
    hire. Overlapping employments (two part-time jobs) are one spell.

    A spell ends on its latest end and with that employment's reason, group and form (a tie:
    the one that started last); it starts in the group of its first employment. Since a row can
    only join a spell that ended at most 32 days before it starts, a row starting after
    1 February never changes an earlier year's hires and leavers (a person who leaves in 2023
    and returns in 2024 stays a 2023 leaver), and a year is final once its following January
    is in the data.

    Input: person, group, birth_year, form, start, end (null while running) and, if the
    extract has it, end_reason. Returns person, first_group, group, birth_year, start, end
    (null while open), end_reason (null while open or when not given), form (of the
    employment it ends with, or the latest while open: a leaver's permanent or fixed term).

    Examples:
        >>> import datetime as dt
        >>> staff = pl.DataFrame({
        ...     "person": ["a"] * 3, "group": ["USK", "SSK", "SSK"], "birth_year": [1980] * 3,
        ...     "form": ["permanent"] * 3,
        ...     "start": [dt.date(2020, 1, 1), dt.date(2023, 5, 2), dt.date(2024, 9, 1)],
        ...     "end": [dt.date(2023, 3, 31), dt.date(2023, 6, 30), None],
        ...     "end_reason": ["own_request", "own_request", None],
        ... })
        >>> presence_spells(staff).select("first_group", "group", "start", "end").rows()
        [('USK', 'SSK', datetime.date(2020, 1, 1), datetime.date(2023, 6, 30)), \
('SSK', 'SSK', datetime.date(2024, 9, 1), None)]
    """
    far = datetime.date(9999, 12, 31)
    if "end_reason" not in employments.columns:
        employments = employments.with_columns(pl.lit(None, dtype=pl.String).alias("end_reason"))
    monthly = (
        employments.filter(pl.col("form").is_in(MONTHLY_PAID))
        .with_columns(pl.col("end").fill_null(far).alias("_end"))
        .sort("person", "start", "_end")
    )
    # The latest end so far within the person, as one cumulative maximum over the whole sorted
    # frame: each end is lifted above every earlier person's by the person's rank (a window
    # per person over a window per person was nearly quadratic on a large region).
    first = (pl.col("person") != pl.col("person").shift(1)).fill_null(True)
    rank = first.cum_sum().cast(pl.Int64) * _PERSON_STRIDE
    day = pl.col("_end").cast(pl.Int32).cast(pl.Int64)
    reach = (rank + day).cum_max().shift(1) - rank
    starts = pl.col("start").cast(pl.Int32).cast(pl.Int64)
    monthly = monthly.with_columns(
        (first | (starts > reach + MOVE_DAYS + 1)).cum_sum().alias("_spell")
    )
    # `_spell` numbers the spells in the frame's order (person, start): grouped in that order,
    # the spells come out sorted by person and start without sorting them again.
    last = ("_end", "start")  # the employment a spell ends with: the latest end, then start
    return (
        monthly.group_by("_spell", maintain_order=True)
        .agg(
            pl.col("person").first(),
            pl.col("group").first().alias("first_group"),
            pl.col("group").sort_by(*last).last(),
            pl.col("birth_year").first(),
            pl.col("start").min(),
            pl.col("_end").max().alias("end"),
            pl.col("end_reason").sort_by(*last).last(),
            pl.col("form").sort_by(*last).last(),
        )
        .with_columns(
            pl.when(pl.col("end") == far).then(None).otherwise(pl.col("end")).alias("end"),
            pl.when(pl.col("end") == far)
            .then(None)
            .otherwise(pl.col("end_reason"))
            .alias("end_reason"),
        )
        .drop("_spell")
    )


def with_ancestors(frame: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """Repeat each row once for every unit above (and including) its own unit."""
    links = units.select(
        "unit_id",
        pl.col("path")
        .str.strip_chars("/")
        .str.split("/")
        .cast(pl.List(pl.Int64))
        .alias("ancestor_id"),
    ).explode("ancestor_id")
    return frame.join(links, on="unit_id").drop("unit_id").rename({"ancestor_id": "unit_id"})


def age_band(age: pl.Expr) -> pl.Expr:
    expr = pl.lit(None, dtype=pl.String)
    for label, low, high in reversed(AGE_BANDS):
        expr = pl.when(age.is_between(low, high)).then(pl.lit(label)).otherwise(expr)
    return expr


def _prepare(employments: pl.DataFrame, units: pl.DataFrame, date: datetime.date) -> pl.DataFrame:
    active = active_on(employments, date).with_columns(
        (pl.lit(date.year) - pl.col("birth_year")).alias("age"),
        pl.col("form").is_in(MONTHLY_PAID).alias("monthly"),
    )
    return with_ancestors(active, units)


def unit_summary(
    employments: pl.DataFrame, units: pl.DataFrame, date: datetime.date
) -> pl.DataFrame:
    """One row per unit with staff in its subtree on `date`."""
    rows = _prepare(employments, units, date)
    monthly = rows.filter(pl.col("monthly"))
    people = monthly.group_by("unit_id", "person").agg(pl.col("age").first(), pl.col("sex").first())
    per_unit = people.group_by("unit_id").agg(
        pl.len().cast(pl.Int64).alias("headcount"),
        pl.col("age").mean().alias("mean_age"),
        (pl.col("age") >= 60).mean().alias("share_60_plus"),
        (pl.col("sex") == "K").mean().alias("share_women"),
    )
    fte = monthly.group_by("unit_id").agg((pl.col("rate").sum() / 100).alias("fte"))
    hourly = (
        rows.filter(~pl.col("monthly"))
        .group_by("unit_id")
        .agg(pl.col("person").n_unique().cast(pl.Int64).alias("hourly"))
    )
    part_time = (
        monthly.group_by("unit_id", "person")
        .agg(pl.col("rate").sum())
        .group_by("unit_id")
        .agg((pl.col("rate") < 100).mean().alias("share_part_time"))
    )
    return (
        per_unit.join(fte, on="unit_id", how="full", coalesce=True)
        .join(hourly, on="unit_id", how="full", coalesce=True)
        .join(part_time, on="unit_id", how="left")
        .with_columns(
            pl.col("headcount").fill_null(0),
            pl.col("fte").fill_null(0.0).round(2),
            pl.col("hourly").fill_null(0),
        )
        .select(
            "unit_id",
            "headcount",
            "fte",
            "hourly",
            "mean_age",
            "share_60_plus",
            "share_women",
            "share_part_time",
        )
        .sort("unit_id")
    )


def age_structure(
    employments: pl.DataFrame, units: pl.DataFrame, date: datetime.date, unit_id: int
) -> pl.DataFrame:
    """Headcount by age band and sex in one unit's subtree (every band present, zeros too)."""
    rows = _prepare(employments, units, date).filter(
        (pl.col("unit_id") == unit_id) & pl.col("monthly")
    )
    people = rows.group_by("person").agg(pl.col("age").first(), pl.col("sex").first())
    counts = (
        people.with_columns(age_band(pl.col("age")).alias("band"))
        .group_by("band", "sex")
        .agg(pl.len().cast(pl.Int64).alias("headcount"))
    )
    grid = pl.DataFrame(
        {"band": [b[0] for b in AGE_BANDS for _ in "KM"], "sex": ["K", "M"] * len(AGE_BANDS)}
    )
    return grid.join(counts, on=["band", "sex"], how="left").with_columns(
        pl.col("headcount").fill_null(0)
    )


def profession_mix(
    employments: pl.DataFrame, units: pl.DataFrame, date: datetime.date, unit_id: int
) -> pl.DataFrame:
    """Headcount and FTE per SKR profession group in one unit's subtree, largest first."""
    rows = _prepare(employments, units, date).filter(
        (pl.col("unit_id") == unit_id) & pl.col("monthly")
    )
    mix = rows.group_by("skr_group").agg(
        pl.col("person").n_unique().cast(pl.Int64).alias("headcount"),
        (pl.col("rate").sum() / 100).round(2).alias("fte"),
    )
    total = mix["fte"].sum() or 1.0
    return mix.with_columns((pl.col("fte") / total).alias("share_fte")).sort(
        ["fte", "skr_group"], descending=[True, False]
    )
