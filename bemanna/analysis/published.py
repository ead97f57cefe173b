"""A closed year as it was first shown: yesterday's rows up to a seam, today's after it.

Every figure of a year (*Historik*'s row, the key figures, a forecast standing on its 31
December) is computed from the HR extract and the sick-leave file. Recomputed from each new
file, a closed year would change when a row about it arrives late, an end date registered in
March for November or a sick spell of last year: the figure before minus the figure after is
that one person's, shown or not. So a closed year is seen as it stood when it was first shown
(the rows kept then), and what arrives later about it counts from the day after its seam,
where it becomes known: a late leaver leaves on the seam's next day, a late hire is hired then.
(A late sick spell counts its days from there too, but its length and its day 8 from the day
it began: the spells carry it, `since`, through the cut; `kpi.continuous_spells`.)

`stitch` builds one set of rows that says, day by day, what the old rows say up to the seam
and what the new rows say after it. A person whose rows say the same up to the seam in both
keeps their new rows untouched (no seam in their employments, their start dates as they are);
only a person with a late change gets the old rows cut at the seam and the new rows from the
day after. Built from one set of rows, every year's flows still add up: last year's 31
December plus this year's hires minus its leavers is this year's 31 December.

`chain` does it for every kept extract in turn, each up to the seam of the last period (a
closed year, or a final month of the year not yet closed) first shown from it;
`stitch_months` does it for rows by month (scheduled hours).

Example (a leaver of 10 November registered after the year was shown):
    >>> day = datetime.date
    >>> old = pl.DataFrame({"person": [1, 2], "start": [day(2020, 1, 1)] * 2,
    ...                     "end": [None, None], "end_reason": [None, None]},
    ...                    schema_overrides={"end": pl.Date, "end_reason": pl.String})
    >>> new = old.with_columns(
    ...     pl.when(pl.col("person") == 2).then(day(2025, 11, 10)).otherwise(None).alias("end"),
    ...     pl.when(pl.col("person") == 2).then(pl.lit("own_request")).alias("end_reason"))
    >>> rows = stitch(old, new, day(2026, 2, 1), reasons=("end_reason",))
    >>> rows.select("end", "end_reason").rows()
    [(None, None), (datetime.date(2026, 2, 1), 'own_request')]
"""

from __future__ import annotations

import datetime
import io
import secrets
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Any

import polars as pl

_CUT = "__cut"  # the old row ran past the seam and was cut there
_SIGNATURE = "__signature"


def before(frame: pl.DataFrame, seam: datetime.date, reasons: Sequence[str] = ()) -> pl.DataFrame:
    """The rows' days up to and including `seam`: rows started by then, ending on the seam
    at the latest (an open row or a later end ends there, without a reason: it went on)."""
    cut = pl.col("end").is_null() | (pl.col("end") > seam)
    return frame.filter(pl.col("start") <= seam).with_columns(
        pl.when(cut).then(pl.lit(seam)).otherwise(pl.col("end")).alias("end"),
        *(pl.when(cut).then(None).otherwise(pl.col(name)).alias(name) for name in reasons),
    )


def after(frame: pl.DataFrame, seam: datetime.date) -> pl.DataFrame:
    """The rows' days after `seam`: rows still running the next day, starting then at the
    earliest."""
    day = seam + datetime.timedelta(days=1)
    return frame.filter(pl.col("end").is_null() | (pl.col("end") > seam)).with_columns(
        pl.max_horizontal(pl.col("start"), pl.lit(day)).alias("start")
    )


def _signatures(rows: pl.DataFrame, key: str) -> pl.DataFrame:
    """Per person, what their rows say (the same rows in any order: the same signature)."""
    hashed = rows.select(pl.col(key), rows.hash_rows(seed=0).alias("h"))
    return hashed.group_by(key).agg(
        pl.col("h").sort().cast(pl.String).str.join(",").alias(_SIGNATURE)
    )


def changed(
    old: pl.DataFrame,
    new: pl.DataFrame,
    seam: datetime.date,
    *,
    key: str = "person",
    reasons: Sequence[str] = (),
) -> pl.Series:
    """The people whose rows say something else up to `seam` in `old` than in `new` (in one
    and not the other included)."""
    columns = sorted(old.columns)
    first = _signatures(before(old.select(columns), seam, reasons), key)
    second = _signatures(before(new.select(columns), seam, reasons), key)
    both = first.join(second, on=key, how="full", coalesce=True, suffix="_new")
    differs = both.filter(pl.col(_SIGNATURE).ne_missing(pl.col(f"{_SIGNATURE}_new")))
    return differs[key]


def stitch(
    old: pl.DataFrame,
    new: pl.DataFrame,
    seam: datetime.date,
    *,
    key: str = "person",
    reasons: Sequence[str] = (),
) -> pl.DataFrame:
    """Rows (`key`, `start`, `end` inclusive or null, anything else) that say what `old` says
    on every day up to `seam` and what `new` says after it, in `new`'s columns.

    A person whose rows up to the seam are the same in both keeps their `new` rows as they
    are. Anyone else gets their `old` rows up to the seam and their `new` rows after it: a
    row running over the seam in `old` ends on the seam, and when `new` has no row for them
    on the next day they leave there, with the reason (`reasons`: the columns that say why a
    row ended) of their last row ending by the seam in `new`."""
    old = old.select(new.columns).cast(dict(new.schema))  # type: ignore[arg-type]
    moved = changed(old, new, seam, key=key, reasons=reasons)
    if moved.is_empty():
        return new
    late = pl.col(key).is_in(moved.implode())
    cut = pl.col("end").is_null() | (pl.col("end") > seam)
    head = before(old.filter(late).with_columns(cut.alias(_CUT)), seam, reasons)
    tail = after(new.filter(late), seam)
    if reasons:
        nextday = seam + datetime.timedelta(days=1)
        going_on = tail.filter(pl.col("start") == nextday)[key].unique().implode()
        why = (
            new.filter(late & (pl.col("end") <= seam))
            .sort(key, "end")
            .group_by(key, maintain_order=True)
            .last()
            .select(key, *(pl.col(name).alias(f"{name}__new") for name in reasons))
        )
        leaves = pl.col(_CUT) & ~pl.col(key).is_in(going_on)
        head = head.join(why, on=key, how="left").with_columns(
            pl.when(leaves).then(pl.col(f"{name}__new")).otherwise(pl.col(name)).alias(name)
            for name in reasons
        )
    head = head.select(new.columns)
    return pl.concat([new.filter(~late), head, tail], how="vertical").sort(key, "start")


def chain(
    kept: Sequence[tuple[pl.DataFrame, datetime.date]],
    today: pl.DataFrame,
    *,
    key: str = "person",
    reasons: Sequence[str] = (),
) -> pl.DataFrame:
    """`today`'s rows with every kept extract's days up to its seam: `kept` in the order the
    extracts were kept, each with the seam of the last year first shown from it."""

    def join(old: pl.DataFrame, new: pl.DataFrame, seam: datetime.date) -> pl.DataFrame:
        return stitch(old, new, seam, key=key, reasons=reasons)

    return _chain(kept, today, join)


def chain_months(
    kept: Sequence[tuple[pl.DataFrame, datetime.date]], today: pl.DataFrame
) -> pl.DataFrame:
    """`chain` for rows by month (`stitch_months`)."""
    return _chain(kept, today, stitch_months)


def _chain(
    kept: Sequence[tuple[pl.DataFrame, datetime.date]],
    today: pl.DataFrame,
    join: Callable[[pl.DataFrame, pl.DataFrame, datetime.date], pl.DataFrame],
) -> pl.DataFrame:
    if not kept:
        return today
    rows = kept[0][0]
    for (frame, _), (_, seam) in zip(kept[1:], kept[:-1], strict=True):
        rows = join(rows, frame, seam)
    return join(rows, today, kept[-1][1])


Period = tuple[int, int]  # (year, month): a closed year is (year, 12), its December's


def periods_to_keep(first: int, final: datetime.date, kept: Collection[Period]) -> list[Period]:
    """The periods from the year `first` up to the final month `final` to keep now: those
    after the last kept. A closed year is one period, (year, 12); each final month of the
    year not yet closed is its own, (year, month).

    >>> periods_to_keep(2024, datetime.date(2026, 3, 1), [])
    [(2024, 12), (2025, 12), (2026, 1), (2026, 2), (2026, 3)]
    >>> periods_to_keep(2024, datetime.date(2026, 5, 1), [(2025, 12), (2026, 3)])
    [(2026, 4), (2026, 5)]
    >>> periods_to_keep(2024, datetime.date(2026, 12, 1), [(2025, 12), (2026, 3)])
    [(2026, 12)]
    """
    after = max(kept, default=(first - 1, 12))
    closed = final.year if final.month == 12 else final.year - 1
    periods = [(year, 12) for year in range(first, closed + 1)]
    if final.month < 12:
        periods += [(final.year, month) for month in range(1, final.month + 1)]
    return [period for period in periods if period > after]


def last_periods(rows: Iterable[Sequence[Any]]) -> dict[tuple[Any, ...], Period]:
    """Rows of (year, month, *what kept it) as each kept thing's last period, in the order
    they were kept (by that period): the seams of `chain`.

    >>> last_periods([(2024, 12, 1), (2025, 12, 1), (2026, 3, 2), (2026, 1, 2)])
    {(1,): (2025, 12), (2,): (2026, 3)}
    """
    last: dict[tuple[Any, ...], Period] = {}
    for year, month, *kept in rows:
        key = tuple(kept)
        last[key] = max((year, month), last.get(key, (year, month)))
    return dict(sorted(last.items(), key=lambda item: item[1]))


def to_bytes(frame: pl.DataFrame) -> bytes:
    """Rows as they are kept: Parquet, zstd."""
    buffer = io.BytesIO()
    frame.write_parquet(buffer, compression="zstd")
    return buffer.getvalue()


def surrogates(people: Iterable[int], taken: Collection[int] = ()) -> dict[int, int]:
    """For people about to be erased, ids linked to no one for their kept rows (`rekey`):
    negative (no database id is), drawn at random below a million (a short range keeps the
    key figures' numbering without a sort, `kpi_grid.Keys`), so that neither their order
    nor their size says whose rows they were or when they were erased; none in `taken`."""
    pool = secrets.SystemRandom()
    chosen: dict[int, int] = {}
    used = set(taken)
    for person in people:
        while (surrogate := -pool.randint(1, 999_999)) in used:
            pass
        used.add(surrogate)
        chosen[person] = surrogate
    return chosen


def detached(column: str) -> pl.Expr:
    """Rows whose person was erased (`surrogates`): kept for the periods shown from them."""
    return pl.col(column) < 0


def rekey(frame: pl.DataFrame, column: str, ids: Mapping[int, int]) -> pl.DataFrame | None:
    """`frame` with `column`'s values in `ids` replaced by theirs; None if it has none.

    >>> frame = pl.DataFrame({"person": [1, 2, 1]})
    >>> rekey(frame, "person", {1: -7})["person"].to_list()
    [-7, 2, -7]
    >>> rekey(frame, "person", {3: -7}) is None
    True
    """
    if not ids or not frame[column].is_in(list(ids)).any():
        return None
    return frame.with_columns(pl.col(column).replace(ids).cast(frame.schema[column]).alias(column))


def from_bytes(blob: bytes | memoryview, schema: Mapping[str, Any]) -> pl.DataFrame:
    """Kept rows back, in `schema`'s types."""
    return pl.read_parquet(io.BytesIO(bytes(blob))).cast(dict(schema))  # type: ignore[arg-type]


def stitch_months(
    old: pl.DataFrame, new: pl.DataFrame, seam: datetime.date, *, month: str = "month"
) -> pl.DataFrame:
    """Rows by month: `old`'s months up to the seam's, `new`'s after it."""
    old = old.select(new.columns).cast(dict(new.schema))  # type: ignore[arg-type]
    last = seam.replace(day=1)
    return pl.concat(
        [old.filter(pl.col(month) <= last), new.filter(pl.col(month) > last)], how="vertical"
    )
