"""The workforce's history per year and profession group: the figures of seed 004.

For each year: headcount and FTE on 31 December, hires, leavers by reason, net, turnover,
departures before retirement (number and share of staff), share aged 60 or over. Turnover is
"leavers / average headcount" (the average of 1 January and 31 December); the page says so,
since no legal standard exists.

Who joined and who left follows the region's one rule (`stock.presence_spells`): a break of
more than 31 days without a monthly-paid employment is a departure in the year of the end
(and the return a hire); a shorter break is a move. A leaver's reason is that of their last
employment; a missing or unknown reason is "other". `leavers_own_request_permanent` counts
the own-request leavers whose last employment was permanent (the key figures' own-request
turnover, `kpi.turnover`).

Example:
    >>> import datetime
    >>> staff = pl.DataFrame({
    ...     "person": ["a", "b", "c"], "group": ["SSK"] * 3, "birth_year": [1960, 1980, 1990],
    ...     "form": ["permanent"] * 3, "rate": [100.0, 80.0, 100.0],
    ...     "start": [datetime.date(2010, 1, 1), datetime.date(2010, 1, 1),
    ...               datetime.date(2024, 3, 1)],
    ...     "end": [datetime.date(2024, 6, 30), None, None],
    ...     "end_reason": ["retirement", None, None],
    ... })
    >>> row = yearly(staff, 2024, 2024).row(0, named=True)
    >>> row["headcount"], row["hires"], row["leavers"], row["leavers_retirement"], row["net"]
    (2, 1, 1, 1, 0)
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Mapping

import polars as pl

from bemanna.analysis.disclosure import mixed_pages, pages_and_partition, visible_units
from bemanna.analysis.extract import END_REASONS
from bemanna.analysis.stock import MONTHLY_PAID, main_jobs, people_on, presence_spells

REASONS = tuple(END_REASONS)  # own_request, retirement, disability_pension, …, other
ALL = "Alla yrkesgrupper"
# The leavers' reasons the page splits out ("of which retirement", "of which own request").
SPLIT = ("retirement", "own_request")
OTHER = "\x00other"  # every other reason, as one part of the split (never a reason's name)
# The own-request leavers whose last employment was permanent (`region_leavers(permanent=)`).
OWN_PERMANENT = "own_request_permanent"

# The people counted on a day, each once: person, group, birth_year, rate (`stock.main_jobs`).
Stock = Callable[[datetime.date], pl.DataFrame]


def yearly(
    employments: pl.DataFrame,
    first_year: int,
    last_year: int,
    stock: Stock | None = None,
    *,
    until: datetime.date | None = None,
) -> pl.DataFrame:
    """One row per group (and ALL) and year with the history figures.

    The hires and leavers are the spells of `employments`; the headcount, FTE and share aged
    60 or over on a day are those of `stock(day)`, by default everyone in `employments` once
    (`stock.people_on`). The history page passes the people whose main job in the whole
    region is in the unit's subtree, so that a person with two jobs counts in one unit and
    group only, and the figures add up over the tree (`shown.decide` counts them so).
    `until`: the last day counted (a year not over ends there: its flows up to it, its
    headcount on it)."""
    monthly = employments.filter(pl.col("form").is_in(MONTHLY_PAID))
    counted = stock or (lambda day: people_on(monthly, day))
    spells = presence_spells(monthly).with_columns(
        pl.when(pl.col("end_reason").is_in(REASONS))
        .then(pl.col("end_reason"))
        .otherwise(pl.lit("other"))
        .alias("end_reason")
    )
    frames = []
    for year in range(first_year, last_year + 1):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        if until is not None:
            end = min(end, until)
        stock_end = counted(end)
        stock_start = counted(start - datetime.timedelta(days=1))
        hires = (
            spells.filter(pl.col("start").is_between(start, end))
            .group_by(pl.col("first_group").alias("group"))
            .len("hires")
        )
        leavers = spells.filter(pl.col("end").is_between(start, end))
        by_reason = leavers.group_by("group").agg(
            pl.len().alias("leavers"),
            *[(pl.col("end_reason") == r).sum().alias(f"leavers_{r}") for r in REASONS],
            ((pl.col("end_reason") == "own_request") & (pl.col("form") == "permanent"))
            .sum()
            .alias("leavers_own_request_permanent"),
        )
        figures = stock_end.group_by("group").agg(
            pl.len().alias("headcount"),
            # Rates have at most two decimals: rounded to six, a sum is the same whatever
            # order polars adds in, so 3 962,15 FTE never shows as ,1 on one view and ,2 on
            # the next.
            (pl.col("rate").sum() / 100).round(6).alias("fte"),
            ((year - pl.col("birth_year")) >= 60).mean().alias("share_60_plus"),
        )
        opening = stock_start.group_by("group").agg(pl.len().alias("headcount_start"))
        frames.append(
            figures.join(opening, on="group", how="full", coalesce=True)
            .join(hires, on="group", how="full", coalesce=True)
            .join(by_reason, on="group", how="full", coalesce=True)
            .with_columns(pl.lit(year).alias("year"))
        )
    table = pl.concat(frames, how="diagonal_relaxed").fill_null(0)
    numeric = [c for c in table.columns if c not in ("group", "year", "share_60_plus")]
    totals = (
        table.group_by("year")
        .agg(
            *[pl.col(c).sum().round(6) if c == "fte" else pl.col(c).sum() for c in numeric],
            (
                (pl.col("share_60_plus") * pl.col("headcount")).sum()
                / pl.col("headcount").sum().clip(1)
            ).alias("share_60_plus"),
        )
        .with_columns(pl.lit(ALL).alias("group"))
    )
    table = pl.concat([table, totals.select(table.columns)])
    average = (pl.col("headcount") + pl.col("headcount_start")) / 2
    before = pl.col("leavers") - pl.col("leavers_retirement")
    counts = [
        c for c in table.columns if c == "headcount" or c.startswith(("headcount", "leavers"))
    ]
    table = table.with_columns([pl.col(c).cast(pl.Int64) for c in [*counts, "hires", "year"]])
    return table.with_columns(
        pl.col("hires").cast(pl.Int64),
        pl.col("leavers").cast(pl.Int64),
        (pl.col("hires") - pl.col("leavers")).cast(pl.Int64).alias("net"),
        (pl.col("leavers") / average.clip(1)).alias("turnover"),
        before.cast(pl.Int64).alias("before_retirement"),
        (before / average.clip(1)).alias("before_retirement_share"),
    ).sort("group", "year")


def largest_growth(
    table: pl.DataFrame, first_year: int, last_year: int, n: int = 5
) -> pl.DataFrame:
    """The groups whose headcount grew most between two years (seed 004's slide)."""
    start = table.filter(pl.col("year") == first_year).select(
        "group", pl.col("headcount").alias("from")
    )
    end = table.filter(pl.col("year") == last_year).select("group", pl.col("headcount").alias("to"))
    return (
        start.join(end, on="group", how="full", coalesce=True)
        .fill_null(0)
        .filter(pl.col("group") != ALL)
        .with_columns((pl.col("to") - pl.col("from")).alias("change"))
        .sort("change", descending=True)
        .head(n)
    )


def age_pyramid(employments: pl.DataFrame, date: datetime.date) -> pl.DataFrame:
    """Headcount by five-year age band and sex on a date (each person once)."""
    return pyramid(main_jobs(employments, date), date.year)


def pyramid(people: pl.DataFrame, year: int) -> pl.DataFrame:
    """Headcount by five-year age band and sex in `year` of people counted once each
    (person, birth_year, sex: `stock.main_jobs`).

    Example:
        >>> people = pl.DataFrame({"person": ["a", "b"], "birth_year": [1964, 1990],
        ...     "sex": ["K", "M"]})
        >>> pyramid(people, 2025).select("band", "sex", "headcount").rows()
        [('35–39', 'M', 1), ('60–64', 'K', 1)]
    """
    return (
        people.with_columns(((year - pl.col("birth_year")) // 5 * 5).clip(15, 70).alias("low"))
        .group_by("low", "sex")
        .len("headcount")
        .with_columns(pl.format("{}–{}", pl.col("low"), pl.col("low") + 4).alias("band"))
        .sort("low", "sex")
    )


def pyramid_cells(
    people: pl.DataFrame, year: int, by_group: bool = False
) -> dict[tuple[Hashable, str], int]:
    """People per (unit, pyramid cell) of `pyramid`'s bands in `year`, the cell named
    "sex|band start" ("group|sex|band start" `by_group`): the partition a disclosure rule
    decides a pyramid's cells over (`shown.decide`). `people`: `stock.main_jobs`' frame.

    Example:
        >>> people = pl.DataFrame({"person": ["a", "b", "c"], "unit_id": [1, 1, 2],
        ...     "group": ["SSK", "SSK", "USK"], "birth_year": [1964, 1962, 1990],
        ...     "sex": ["K", "K", "M"]})
        >>> sorted(pyramid_cells(people, 2025).items())
        [((1, 'K|60'), 2), ((2, 'M|35'), 1)]
    """
    frame = people.with_columns(
        ((year - pl.col("birth_year")) // 5 * 5).clip(15, 70).cast(pl.String).alias("low")
    )
    parts = ["group", "sex", "low"] if by_group else ["sex", "low"]
    counts = frame.group_by("unit_id", pl.concat_str(parts, separator="|").alias("cell")).len()
    return {(unit, cell): int(n) for unit, cell, n in counts.iter_rows() if cell is not None}


def pyramid_cell(row: Mapping[str, object], group: str | None = None) -> str:
    """The cell name of one of `pyramid`'s rows (`pyramid_cells`' naming)."""
    cell = f"{row['sex']}|{row['low']}"
    return cell if group is None else f"{group}|{cell}"


def monthly(
    employments: pl.DataFrame, last: datetime.date, months: int = 24, stock: Stock | None = None
) -> pl.DataFrame:
    """Headcount and FTE at the end of each month, hires and leavers in it (all groups). The
    headcount and FTE are those of `stock(day)` as in `yearly` (by default everyone in
    `employments` once).

    Examples:
        >>> staff = pl.DataFrame({
        ...     "person": ["a"], "group": ["SSK"], "birth_year": [1980], "form": ["permanent"],
        ...     "rate": [75.0], "start": [datetime.date(2025, 2, 10)], "end": [None],
        ...     "end_reason": [None],
        ... })
        >>> monthly(staff, datetime.date(2025, 2, 28), months=2).select(
        ...     "month", "headcount", "fte", "hires").rows()
        [('2025-01', 0, 0.0, 0), ('2025-02', 1, 0.75, 1)]
    """
    monthly_paid = employments.filter(pl.col("form").is_in(MONTHLY_PAID))
    spells = presence_spells(monthly_paid)
    counted = stock or (lambda day: people_on(monthly_paid, day))
    rows = []
    year, month = last.year, last.month
    ends = []
    for _ in range(months):
        ends.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    for year, month in reversed(ends):
        start = datetime.date(year, month, 1)
        following = datetime.date(year + month // 12, month % 12 + 1, 1)
        end = following - datetime.timedelta(days=1)
        people = counted(end)
        rows.append(
            (
                f"{year}-{month:02d}",
                people.height,
                round(float(people["rate"].sum() or 0) / 100, 6),
                spells.filter(pl.col("start").is_between(start, end)).height,
                spells.filter(pl.col("end").is_between(start, end)).height,
            )
        )
    return pl.DataFrame(
        rows,
        schema={
            "month": pl.String,
            "headcount": pl.Int64,
            "fte": pl.Float64,
            "hires": pl.Int64,
            "leavers": pl.Int64,
        },
        orient="row",
    )


def region_leavers(
    employments: pl.DataFrame,
    first_year: int,
    last_year: int,
    *,
    permanent: bool = False,
    until: datetime.date | None = None,
) -> pl.DataFrame:
    """Everyone who left the region in the years (`presence_spells` over the whole region:
    moves inside it are not leaving), by year, the unit of their last employment (a tie: the
    one that started last) and reason (`REASONS`, else "other"): year, unit, end_reason, n.

    Example:
        >>> import datetime as dt
        >>> staff = pl.DataFrame({
        ...     "person": [1, 1, 2], "unit": [10, 11, 10], "group": ["SSK"] * 3,
        ...     "birth_year": [1960] * 3, "form": ["permanent"] * 3,
        ...     "start": [dt.date(2010, 1, 1), dt.date(2024, 1, 1), dt.date(2010, 1, 1)],
        ...     "end": [dt.date(2023, 12, 31), dt.date(2024, 6, 30), dt.date(2024, 3, 31)],
        ...     "end_reason": ["own_request", "retirement", None],
        ... })
        >>> region_leavers(staff, 2024, 2024).sort("unit").rows()
        [(2024, 10, 'other', 1), (2024, 11, 'retirement', 1)]

    `permanent`: an own-request leaver whose last employment was permanent has the reason
    `OWN_PERMANENT` (the key figures' own-request turnover counts them), the others keep
    "own_request". `until`: the last day counted (a year not over ends there).
    """
    schema = {"year": pl.Int32, "unit": pl.Int64, "end_reason": pl.String, "n": pl.UInt32}
    monthly = employments.filter(pl.col("form").is_in(MONTHLY_PAID))
    if monthly.is_empty():
        return pl.DataFrame(schema=schema)
    first, last = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    if until is not None:
        last = min(last, until)
    ends = presence_spells(monthly).filter(pl.col("end").is_between(first, last))
    last_unit = (
        monthly.drop_nulls("end")
        .sort("start", descending=True)
        .unique(["person", "end"], keep="first", maintain_order=True)
        .select("person", "end", "unit", pl.col("form").alias("last_form"))
    )
    reason = (
        pl.when(pl.col("end_reason").is_in(REASONS))
        .then(pl.col("end_reason"))
        .otherwise(pl.lit("other"))
    )
    if permanent:
        reason = (
            pl.when((pl.col("end_reason") == "own_request") & (pl.col("last_form") == "permanent"))
            .then(pl.lit(OWN_PERMANENT))
            .otherwise(reason)
        )
    return (
        ends.join(last_unit, on=["person", "end"], how="left")
        .group_by(pl.col("end").dt.year().alias("year"), "unit", reason.alias("end_reason"))
        .len("n")
        .select(pl.col("year").cast(pl.Int32), "unit", "end_reason", "n")
    )


def split_shown(
    parents: Mapping[Hashable, Hashable | None],
    leavers: Mapping[tuple[Hashable, str], int],
    k: int,
) -> tuple[set[Hashable], set[str]]:
    """For one year's leavers of the region per (unit of their last employment, reason):
    the units whose page may show "of which retirement" and "of which own request", and
    which of the two (the same on every such page).

    The split is a flat partition of each page's leavers (the two reasons and the rest),
    decided over the tree by the rule of every other such partition
    (`disclosure.pages_and_partition`, beside the units whose leavers pass
    `disclosure.visible_units`): no page's count, no page minus the pages below it, and no
    total minus its shown reasons is 1..k-1 leavers. A reason hidden there is hidden on every
    page (its count would be the rest's difference).

    Examples:
        Regionservice's 8 own requests beside RS1's 7 would give RS2's one away: only one
        page of the two nested ones with the same people shows the split, neither ward.
        >>> tree = {"R": None, "RS": "R", "RS1": "RS", "RS2": "RS"}
        >>> cells = {("RS1", "own_request"): 7, ("RS1", "retirement"): 5,
        ...     ("RS2", "own_request"): 1, ("RS2", "retirement"): 5}
        >>> pages, parts = split_shown(tree, cells, 5)
        >>> sorted(pages), sorted(parts)
        (['R'], ['own_request', 'retirement'])
    """
    own: dict[Hashable, int] = dict.fromkeys(parents, 0)
    merged: dict[tuple[Hashable, Hashable], int] = {}
    for (unit, reason), n in leavers.items():
        if unit not in own:
            continue
        own[unit] += int(n)
        key = (unit, reason if reason in SPLIT else OTHER)
        merged[key] = merged.get(key, 0) + int(n)
    units = visible_units(parents, own, k)
    pages, parts = pages_and_partition(parents, merged, k, units)
    # Every unit's leavers are on Historik, however few: no block all of one reason.
    pages = mixed_pages(parents, merged, pages, parts)
    if not pages:
        return set(), set()
    return pages, {str(part) for part in parts if part != OTHER}


def own_request_shown(
    parents: Mapping[Hashable, Hashable | None],
    leavers: Mapping[tuple[Hashable, str], int],
    k: int,
) -> set[Hashable]:
    """For one year's leavers of the region per (unit of their last employment, reason, the
    permanent own-request leavers as `OWN_PERMANENT`): the units whose key figures may show
    the own-request turnover of the permanent staff.

    That rate with the headcounts shown beside it pins the count of permanent own-request
    leavers (3.4 % of at most 29 people is one), so the count is decided over the tree as a
    part of Historik's split (`split_shown`), with "own request" cut in two: permanent and
    not, every other reason one rest (the rate tells nothing of retirements, which Historik
    decides on its own). Both parts must pass `disclosure.pages_and_partition` on the page,
    so no page's count, no page minus the pages below it, and no "own request" of Historik
    minus the permanent ones is 1..k-1 leavers. A region without a permanent own-request
    leaver shows its zeros on every page the rule keeps.

    Examples:
        Team 2's one own-request leaver is no page of its own; the clinic's 5 can be shown,
        and team 1's 0 beside it would give team 2's one away.
        >>> tree = {"K": None, "T1": "K", "T2": "K"}
        >>> cells = {("T1", OWN_PERMANENT): 4, ("T1", "own_request"): 5,
        ...     ("T1", "other"): 6, ("T2", OWN_PERMANENT): 1, ("T2", "other"): 6}
        >>> sorted(own_request_shown(tree, cells, 5))
        ['K']
    """
    own: dict[Hashable, int] = dict.fromkeys(parents, 0)
    merged: dict[tuple[Hashable, Hashable], int] = {}
    for (unit, reason), n in leavers.items():
        if unit not in own or not n:
            continue
        own[unit] += int(n)
        part = reason if reason in ("own_request", OWN_PERMANENT) else OTHER
        merged[(unit, part)] = merged.get((unit, part), 0) + int(n)
    units = visible_units(parents, own, k)
    pages, parts = pages_and_partition(parents, merged, k, units)
    pages = mixed_pages(parents, merged, pages, parts)
    present = {part for _unit, part in merged}
    # Both pieces of "own request" shown (or nobody in one), else the rate and Historik's
    # own requests would give their difference.
    if {"own_request", OWN_PERMANENT} & present <= parts:
        return pages
    return set()
