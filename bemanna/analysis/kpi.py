"""HR key figures by SKR's definitions: sick leave (figures 1–7) and turnover.

Sick leave (*sjukfrånvaro*, obligatory in a region's annual report):

1. total sick-leave hours / total scheduled hours;
2. the share of the sick-leave hours that belong to spells of 60 days or more;
3–4. figure 1 for women and for men;
5–7. figure 1 for ages 29 or younger, 30–49, 50 or older (age = the year minus the birth year).

The data are what HR systems hold: sick-leave spells (person, first day, last day or open,
extent in %) and scheduled hours per person and month. A spell's sick hours in a month are
the month's scheduled hours × the share of the month's days the spell covers × its extent; a
person's sick hours in a month never exceed the scheduled hours. A spell counts as long when
it lasts 60 days or more in all, counting an open spell up to the end of the period, and all
its hours are then long-term hours (also those of its first 59 days, as SKR counts them).

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
    months = hours.filter(pl.col("month").is_between(_first(period_start), period_end)).select(
        "person", "month", pl.col("hours").cast(pl.Float64)
    )
    spells = spells.with_columns(
        pl.col("end").fill_null(period_end).alias("last"),
        pl.col("extent").cast(pl.Float64),
    ).with_columns(
        ((pl.col("last") - pl.col("start")).dt.total_days() + 1 >= LONG_SPELL_DAYS).alias("long")
    )
    month_end = pl.col("month").dt.month_end()
    overlap = spells.join(months, on="person").filter(
        (pl.col("start") <= month_end) & (pl.col("last") >= pl.col("month"))
    )
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
    frame = sick_hours(spells, hours, period_start, period_end).join(
        people.select("person", "sex", "birth_year"), on="person"
    )
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
    return out


def monthly_sick_leave(
    spells: pl.DataFrame,
    hours: pl.DataFrame,
    period_start: datetime.date,
    period_end: datetime.date,
) -> pl.DataFrame:
    """Figure 1 per month (for trend charts): month, hours, sick, share."""
    frame = sick_hours(spells, hours, period_start, period_end)
    return (
        frame.group_by("month")
        .agg(pl.col("hours").sum(), pl.col("sick").sum())
        .with_columns((pl.col("sick") / pl.col("hours")).alias("share"))
        .sort("month")
    )


def _long_term_people(spells: pl.DataFrame, people: pl.Series, on: datetime.date) -> int:
    """People on a sick-leave spell of 60 days or more that is still running on a date."""
    running = spells.filter(
        pl.col("person").is_in(people.implode())
        & (pl.col("start") <= on)
        & (pl.col("end").is_null() | (pl.col("end") >= on))
        & ((pl.lit(on) - pl.col("start")).dt.total_days() + 1 >= LONG_SPELL_DAYS)
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
