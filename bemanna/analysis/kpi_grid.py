"""The key figures' arithmetic (`kpi`) on dense arrays, for a region's scale.

People and units are numbered 0…n−1 (`Keys`) and months counted from a period's first, so
a person's month is one cell of a people × months grid and every sum is one `np.bincount`
over cells, where joining frames on (person, month) and grouping took minutes and gigabytes
for 300,000 people × 120 months. A subtree's sum adds each unit's to each of its ancestors
(`Tree`): a few thousand units × months, not millions of rows.

`kpi` keeps the definitions and the polars frames callers see; the functions here take and
return arrays and compute the same numbers (tests compare both with plain Python).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt
import polars as pl

Ints = npt.NDArray[np.int64]
Days = npt.NDArray[np.int32]  # days since 1970 (as polars stores a Date), or month numbers
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
H = TypeVar("H", bound=np.integer)
L = TypeVar("L", bound=np.integer)

NEVER = 1_000_000_000  # a day after any real one (an open end, a missing start)
LONG_SPELL_DAYS = 60
_EPOCH = datetime.date(1970, 1, 1)


def day(date: datetime.date) -> int:
    """Days since 1970-01-01, as polars stores a Date."""
    return (date - _EPOCH).days


def days(column: pl.Series, missing: int = NEVER) -> Days:
    """A Date column as days since 1970, `missing` for nulls (without a copy when none)."""
    return column.cast(pl.Date).to_physical().fill_null(missing).to_numpy()


def dates(days_: Ints | Days) -> pl.Series:
    return pl.Series(days_).cast(pl.Int32).cast(pl.Date)


def month_number(days_: Days | Ints) -> Days:
    """Months since January 1970 of days since 1970.

    Examples:
        >>> month_number(np.array([0, 30, 31, 19_723])).tolist()  # 2024-01-01
        [0, 0, 1, 648]
    """
    return _by_table(days_, _month_numbers)


def year(days_: Days | Ints) -> Days:
    """The year of days since 1970."""
    return _by_table(days_, lambda d: _month_numbers(d) // 12 + 1970)


def first_day(months: Days | Ints) -> Days:
    """The first day (days since 1970) of months since January 1970."""
    return _by_table(months, _first_days)


def _month_numbers(days_: Ints) -> Ints:
    return days_.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _first_days(months: Ints) -> Ints:
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _by_table(values: Days | Ints, convert: Callable[[Ints], Ints]) -> Days:
    """`convert` (a calendar conversion, slow per value) of many values in a short range:
    converted once per distinct value, then looked up (twenty times as fast)."""
    if len(values) > 10_000:
        low, high = int(values.min()), int(values.max())
        if high - low < 100_000:
            table = convert(np.arange(low, high + 1, dtype=np.int64)).astype(np.int32)
            index = values.astype(np.int64)  # numpy gathers by int32 at half the speed
            index -= low
            return table[index]
    return convert(values.astype(np.int64)).astype(np.int32)


def _spread(counts: Ints) -> tuple[Ints, Ints]:
    """For items repeated `counts` times: each copy's item and its number within the item
    (0, 1, …), the arrays of exploding a list column."""
    item = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    within = np.arange(len(item), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return item, within


class Keys:
    """Ids 0…size−1 for the values of a column (people, units), in the values' order, and
    the id of each value of another column (−1 for one not among them).

    Integer keys in a short range (a database's) are their offset from the smallest, so
    numbering costs no sort; a value in the range but not in the column then has an id too,
    and simply no rows. `exact`: only the column's own values have one.

    Examples:
        >>> keys = Keys(pl.Series([30, 10, 30, 20]), exact=True)
        >>> keys.size, keys.ids(pl.Series([20, 30, 99])).tolist()
        (3, [1, 2, -1])
        >>> Keys(pl.Series([30, 10])).ids(pl.Series([20, 30, 99])).tolist()
        [10, 20, -1]
        >>> Keys(pl.Series(["b", "a"])).ids(pl.Series(["a", "c"])).tolist()
        [0, -1]
    """

    def __init__(self, values: pl.Series, *, exact: bool = False) -> None:
        self.dtype = values.dtype
        self._low = 0
        self._table: Ints | None = None  # value − low → id, for exact integer keys
        self._sorted: Ints | None = None  # the values, for integer keys far apart
        self._values: pl.Series | None = None
        integer = values.dtype.is_integer() and values.len() > values.null_count()
        if integer:
            low, high = int(values.min()), int(values.max())  # type: ignore[arg-type]
            self._low, span = low, high - low + 1
            short = span <= 4 * values.len() + 1_000_000
            if short and not exact:
                self.size = span
                return
            unique = np.unique(values.drop_nulls().cast(pl.Int64).to_numpy())
            self.size = len(unique)
            if short:
                self._table = np.full(span, -1, dtype=np.int64)
                self._table[unique - low] = np.arange(self.size, dtype=np.int64)
            else:
                self._sorted = unique
            self._values = pl.Series(unique).cast(self.dtype)
            return
        self._values = values.drop_nulls().unique().sort()
        self.size = self._values.len()

    @property
    def values(self) -> pl.Series:
        """The value of each id."""
        if self._values is None:
            self._values = pl.Series(np.arange(self.size, dtype=np.int64) + self._low)
            self._values = self._values.cast(self.dtype)
        return self._values

    def value_of(self, ids: Ints) -> pl.Series:
        if self._values is None:
            return pl.Series(ids + self._low).cast(self.dtype)
        return self._values.gather(ids)

    def ids(self, values: pl.Series) -> Ints:
        if not self.size:
            return np.full(values.len(), -1, dtype=np.int64)
        if not self.dtype.is_integer():
            return (
                values.replace_strict(
                    self.values,
                    pl.Series(np.arange(self.size, dtype=np.int64)),
                    default=-1,
                    return_dtype=pl.Int64,
                )
                .fill_null(-1)
                .to_numpy()
            )
        number = values.cast(pl.Int64).fill_null(self._low - 1).to_numpy()
        if self._sorted is not None:
            at = np.minimum(np.searchsorted(self._sorted, number), self.size - 1)
            return np.where(self._sorted[at] == number, at, -1)
        span = self.size if self._table is None else len(self._table)
        offset = number - self._low
        if len(offset) and (offset.min() < 0 or offset.max() >= span):
            offset = np.where((offset >= 0) & (offset < span), offset, -1)
            if self._table is None:
                return offset
            return np.where(offset >= 0, self._table[offset], -1)
        return offset if self._table is None else self._table[offset]


@dataclass(frozen=True)
class Months:
    """The months of a period [low, high] (any days), the first counted 0."""

    low: datetime.date
    high: datetime.date

    @property
    def first(self) -> int:
        """The first month's number (months since January 1970)."""
        return (self.low.year - 1970) * 12 + self.low.month - 1

    @property
    def count(self) -> int:
        return (self.high.year - 1970) * 12 + self.high.month - 1 - self.first + 1

    @property
    def first_day(self) -> int:
        """The first month's first day (days since 1970)."""
        return day(self.low.replace(day=1))

    def cells(self, person: Ints, days_: Days, people: int) -> Ints:
        """Each row's cell (person × months + month) of the people × months grid, or the
        one cell past it (`people` × months) for a row of no one numbered or whose month is
        not a first day within the period."""
        trash = people * self.count
        span = day(self.high) - self.first_day + 1
        # Per day of the period: its month if it is a first day, else far below zero.
        within = np.arange(span, dtype=np.int64) + self.first_day
        month = np.where(
            first_day(month_number(within)) == within,
            month_number(within).astype(np.int64) - self.first,
            -(1 << 40),
        )
        offset = days_.astype(np.int64)  # numpy gathers by int32 at half the speed
        offset -= self.first_day
        if len(offset) and (offset.min() < 0 or offset.max() >= span):
            month = np.append(month, -(1 << 40))  # every day outside the period
            offset = np.where((offset >= 0) & (offset < span), offset, span)
        cell = person * self.count
        cell += month[offset]
        np.putmask(cell, (cell < 0) | (person < 0), trash)
        return cell


@dataclass(frozen=True)
class Spells:
    """Sick-leave rows joined into spells (`kpi.continuous_spells`): `last` is the row's end
    or the period's, `first` and `through` its spell's first and last day; people numbered
    by `Keys`, rows of anyone not numbered left out (they are no one's hours)."""

    person: Days
    start: Days
    last: Days
    extent: Floats
    first: Days
    through: Days

    def long_until(self, end: int) -> Bools:
        """Whether each row's spell is long in a period ending on `end` (days since 1970):
        its length counted from its first day up to `end` at the latest is
        `LONG_SPELL_DAYS` or more (`kpi.spell_days`), so what is known after the period
        never changes it."""
        return np.minimum(self.through, end) - self.first + 1 >= LONG_SPELL_DAYS

    @classmethod
    def of(cls, frame: pl.DataFrame, keys: Keys) -> Spells:
        """From a frame already joined (with `last`, `spell_start` and `spell_last`)."""
        person = keys.ids(frame["person"])
        start = days(frame["start"])  # a row with no start is never counted
        kept = (person >= 0) & (start < NEVER)
        return cls(
            person=person[kept].astype(np.int32),
            start=start[kept],
            last=days(frame["last"], -NEVER)[kept],
            # A missing extent adds nothing (polars' sum skips nulls).
            extent=frame["extent"].cast(pl.Float64).fill_null(0.0).to_numpy()[kept],
            first=days(frame["spell_start"])[kept],
            through=days(frame["spell_last"], -NEVER)[kept],
        )

    @classmethod
    def joined(cls, frame: pl.DataFrame, keys: Keys, period_end: datetime.date) -> Spells:
        """From rows (person, start, end, extent) not yet joined: joined here by the rule of
        `kpi.continuous_spells`, rows starting after `period_end` left out after joining."""
        person = keys.ids(frame["person"])
        start = days(frame["start"])
        last = days(frame["end"], day(period_end))
        kept = np.flatnonzero((person >= 0) & (start < NEVER))
        if len(kept) < len(person):
            person, start, last = person[kept], start[kept], last[kept]
        joined = join_spells(person.astype(np.int32), start, last)
        del person, start, last
        spell = joined.spell.astype(np.int64)  # numpy gathers by int32 at half the speed
        rows = joined.order if len(kept) == frame.height else kept[joined.order]
        spell_first = joined.spell_first
        if "since" in frame.columns:  # rows cut at a seam (`kpi.continuous_spells`)
            spell_first = earliest(spell_first, days(frame["since"])[rows], joined.spell)
        first = spell_first[spell]
        through = joined.spell_last[spell]
        del spell
        counted = np.flatnonzero(joined.start <= day(period_end))
        extent = frame["extent"].cast(pl.Float64).fill_null(0.0).to_numpy()
        if len(counted) == len(rows):
            return cls(joined.person, joined.start, joined.last, extent[rows], first, through)
        return cls(
            joined.person[counted],
            joined.start[counted],
            joined.last[counted],
            extent[rows[counted]],
            first[counted],
            through[counted],
        )

    def select(self, rows: Ints) -> Spells:
        return Spells(
            self.person[rows],
            self.start[rows],
            self.last[rows],
            self.extent[rows],
            self.first[rows],
            self.through[rows],
        )


def sorted_pairs(
    high: npt.NDArray[H], low: npt.NDArray[L]
) -> tuple[Ints, npt.NDArray[H], npt.NDArray[L]]:
    """The rows' order by (high, low) (a person and a day, say), rows with both alike in
    their own order, and high and low in that order (each in its own dtype).

    Where both and the row's number fit in one 63-bit integer (a region's millions of rows
    do), they are packed into one and sorted as numbers: the order and both columns are read
    back from the sorted numbers, with no gathering. polars sorts integers three times as
    fast as numpy's `argsort` (in one thread: the process may share the machine). Else a
    stable `lexsort`.

    Examples:
        >>> order, person, start = sorted_pairs(np.array([1, 0, 1, 0]), np.array([5, 9, 2, 9]))
        >>> order.tolist(), person.tolist(), start.tolist()
        ([1, 3, 2, 0], [0, 0, 1, 1], [9, 9, 2, 5])
    """
    count = len(high)
    if not count:
        return np.empty(0, dtype=np.int64), high, low
    high_low, low_low = int(high.min()), int(low.min())
    high_bits = (int(high.max()) - high_low).bit_length()
    low_bits = (int(low.max()) - low_low).bit_length()
    row_bits = (count - 1).bit_length()
    if high_bits + low_bits + row_bits > 63:
        order = np.lexsort((low, high)).astype(np.int64, copy=False)
        return order, high[order], low[order]
    key = high.astype(np.int64)
    key -= high_low
    key <<= low_bits
    key += low
    key -= low_low
    key <<= row_bits
    key += np.arange(count, dtype=np.int64)
    key = pl.Series(key).sort(multithreaded=False).to_numpy()  # read-only
    order = key & ((1 << row_bits) - 1)
    rest = key >> row_bits
    del key
    low_sorted = (rest & ((1 << low_bits) - 1)).astype(low.dtype)
    low_sorted += low_low
    rest >>= low_bits
    high_sorted = rest.astype(high.dtype)
    high_sorted += high_low
    return order, high_sorted, low_sorted


class Joined(NamedTuple):
    order: Ints  # the rows in order of (person, start)
    person: Days  # and their person, start and last day in that order
    start: Days
    last: Days
    spell: Days  # each ordered row's spell, numbered 0, 1, … in the same order
    spell_first: Days  # each spell's first and last day
    spell_last: Days


def earliest(spell_first: Days, since: Days, spell: Days) -> Days:
    """Each spell's first day: its first row's start (`spell_first`), or the earliest `since`
    of its rows (in the order of `join_spells`, each row's spell `spell`) if earlier.

    Examples:
        >>> earliest(np.array([10, 40]), np.array([4, 10, 40]), np.array([0, 0, 1])).tolist()
        [4, 40]
    """
    if not len(spell):
        return spell_first
    heads = np.flatnonzero(np.r_[True, spell[1:] != spell[:-1]])
    return np.minimum(spell_first, np.minimum.reduceat(since, heads))


def join_spells(person: Days, start: Days, last: Days) -> Joined:
    """Rows in order of (person, start), and their spells: a row continues the spell before
    it when it starts no later than the day after the latest end so far
    (`kpi.continuous_spells`).

    Examples:
        >>> joined = join_spells(np.array([0, 0, 0]), np.array([20, 0, 9]),
        ...     np.array([25, 8, 12]))
        >>> joined.order.tolist(), joined.spell.tolist()
        ([1, 2, 0], [0, 0, 1])
        >>> joined.spell_first.tolist(), joined.spell_last.tolist()
        ([0, 20], [12, 25])
    """
    person, start, last = (np.asarray(a, dtype=np.int32) for a in (person, start, last))
    if not len(person):
        return Joined(np.empty(0, dtype=np.int64), *(np.empty(0, dtype=np.int32),) * 6)
    order, person, start = sorted_pairs(person, start)
    last = last[order]
    # Each person's days lifted above the previous person's: one running maximum of the
    # last days serves everyone (the latest end so far, within the person).
    lift = person.astype(np.int64) << 34
    reach = lift + last
    np.maximum.accumulate(reach, out=reach)
    reach -= lift
    del lift
    first = np.empty(len(person), dtype=bool)
    first[0] = True
    np.not_equal(person[1:], person[:-1], out=first[1:])
    first[1:] |= start[1:] - 1 > reach[:-1]
    spell = np.cumsum(first, dtype=np.int32)
    spell -= 1
    firsts = np.flatnonzero(first)
    del first
    ends = np.empty_like(firsts)  # each spell's last row: the row before the next one's first
    np.subtract(firsts[1:], 1, out=ends[:-1])
    ends[-1] = len(person) - 1
    return Joined(order, person, start, last, spell, start[firsts], reach[ends].astype(np.int32))


class Pieces(NamedTuple):
    """Sick leave as pieces that never overlap within a person: on each of a piece's days
    (`start` … `last`) the person is sick to `extent` % (at most 100), in a long spell or not."""

    person: Days
    start: Days
    last: Days
    extent: Floats
    long: Bools


def capped_pieces(person: Days, start: Days, last: Days, extent: Floats, long: Bools) -> Pieces:
    """A person's sick-leave rows as pieces that do not overlap, each day's extent the sum of
    the extents of the rows covering it, at most 100 % (`kpi.sick_hours`): two overlapping
    rows never count their shared days twice.

    A row that overlaps no other of the person's (almost all) is its own piece, as it is; the
    rows of each group of overlapping ones are swept as events (+extent on a row's first day,
    −extent the day after its last), sorted by day within the group: between two event days
    the running sum is the extent. Rows that overlap are in the same spell (`join_spells`),
    so a piece is long when any row covering it is. A row ending before it starts covers no
    day and is left out.

    Examples:
        >>> pieces = capped_pieces(np.array([0, 0, 1]), np.array([0, 5, 0]),
        ...     np.array([9, 14, 3]), np.array([100.0, 100.0, 50.0]), np.array([False] * 3))
        >>> pieces.start.tolist(), pieces.last.tolist(), pieces.extent.tolist()
        ([0, 0, 5, 10], [3, 4, 9, 14], [50.0, 100.0, 100.0, 100.0])
    """
    person, start, last = (np.asarray(a, dtype=np.int32) for a in (person, start, last))
    extent = np.minimum(np.asarray(extent, dtype=np.float64), 100.0)
    long = np.asarray(long, dtype=bool)
    covering = np.flatnonzero(last >= start)
    if len(covering) < len(person):
        person, start, last = person[covering], start[covering], last[covering]
        extent, long = extent[covering], long[covering]
    if len(person) < 2:
        return Pieces(person, start, last, extent, long)
    # In order of (person, start), unless already (the joined spells are).
    lift = person.astype(np.int64) << 34
    key = start.astype(np.int64)
    key += lift
    if (key[1:] < key[:-1]).any():
        order, person, start = sorted_pairs(person, start)
        last, extent, long = last[order], extent[order], long[order]
        lift = person.astype(np.int64) << 34
    del key
    # The latest end so far within the person (each person's days lifted above the
    # previous person's, as in `join_spells`): a row starting by then overlaps an earlier one.
    reach = lift + last
    np.maximum.accumulate(reach, out=reach)
    reach -= lift
    del lift
    overlaps = np.zeros(len(person), dtype=bool)
    np.less_equal(start[1:], reach[:-1], out=overlaps[1:])
    overlaps[1:] &= person[1:] == person[:-1]
    del reach
    if not overlaps.any():
        return Pieces(person, start, last, extent, long)
    # Each group of overlapping rows: a row that overlaps none before it starts one.
    group = np.cumsum(~overlaps, dtype=np.int64)
    shared = overlaps.copy()
    shared[:-1] |= overlaps[1:]  # a row that the next one overlaps is in a group too
    alone = np.flatnonzero(~shared)
    rows = np.flatnonzero(shared)
    del overlaps, shared
    # Events of the groups' rows, in order of (group, day).
    g = group[rows]
    event_group = np.concatenate([g, g])
    event_day = np.concatenate([start[rows], last[rows] + 1]).astype(np.int64)
    change = np.concatenate([extent[rows], -extent[rows]])
    long_change = np.concatenate([long[rows], long[rows]]).astype(np.int64)
    long_change[len(rows) :] *= -1
    order, event_group, event_day = sorted_pairs(event_group, event_day)
    change, long_change = change[order], long_change[order]
    # The running sums within each group (every group's changes add up to none, so the
    # sum before a group is taken off its events: no rounding carried from one to the next).
    level = np.cumsum(change)
    opens = np.flatnonzero(np.append(True, event_group[1:] != event_group[:-1]))
    before = level[opens] - change[opens]
    level -= np.repeat(before, np.diff(np.append(opens, len(level))))
    longs = np.cumsum(long_change)
    # A piece from each event day to the day before the group's next event day.
    piece = np.flatnonzero((event_group[1:] == event_group[:-1]) & (event_day[1:] > event_day[:-1]))
    piece_extent = np.minimum(level[piece], 100.0)
    kept = piece_extent > 0
    piece, piece_extent = piece[kept], piece_extent[kept]
    owner = person[rows][np.searchsorted(g, event_group[piece])]
    piece_last = event_day[piece + 1]
    piece_last -= 1
    return Pieces(
        np.concatenate([person[alone], owner]),
        np.concatenate([start[alone], event_day[piece].astype(np.int32)]),
        np.concatenate([last[alone], piece_last.astype(np.int32)]),
        np.concatenate([extent[alone], piece_extent]),
        np.concatenate([long[alone], longs[piece] > 0]),
    )


def sick_of_rows(
    spells: Spells, cells: Ints, hours: Floats, months: Months, people: int
) -> tuple[Floats, Floats]:
    """Sick and long-term sick hours of rows of scheduled hours (`Months.cells`, hours), by
    `kpi.sick_hours`'s definition: a person's sick hours in a month are the month's
    scheduled hours × the sum over the month's days within the period of the day's extent
    (the extents of the rows covering it added up, at most 100 %) / 100 / the month's days,
    long-term when the day's spell lasts `LONG_SPELL_DAYS` or more counted up to the
    period's last day (`Spells.long_until`). The rows are first made pieces that do not
    overlap (`capped_pieces`); each piece's sick hours in a month are then the month's hours
    × its days there / the month's days × its extent / 100."""
    size = people * months.count + 1  # and the cell of rows of no one
    scheduled = _sum(cells, hours, size)
    low, high = day(months.low), day(months.high)
    touching = np.flatnonzero((spells.start <= high) & (spells.last >= months.first_day))
    spells = spells.select(touching)
    long_ = spells.long_until(high)
    pieces = capped_pieces(spells.person, spells.start, spells.last, spells.extent, long_)
    del long_
    del spells
    # Each piece against the months it touches within the period (list-and-explode).
    begin = month_number(np.maximum(pieces.start, low))
    counts = np.maximum(month_number(np.minimum(pieces.last, high)) - begin + 1, 0)
    row, within = _spread(counts)
    month = begin[row] + within
    month_start = first_day(month)
    month_end = first_day(month + 1) - 1
    start, last = pieces.start[row], pieces.last[row]
    covered = np.maximum(
        np.minimum(np.minimum(last, month_end), high)
        - np.maximum(np.maximum(start, month_start), low)
        + 1,
        0,
    )
    cell = pieces.person[row].astype(np.int64) * months.count + (month - months.first)
    share = scheduled[cell] * covered / (month_end - month_start + 1) * pieces.extent[row] / 100
    long = pieces.long[row]
    sick = _sum(cell, share, size)[cells]  # the grid is let go before the next one
    long_term = _sum(cell[long], share[long], size)[cells]
    # No day is more than fully absent, so only rounding (or a month's hours given in two
    # rows) can take a month over its scheduled hours.
    over = np.flatnonzero(sick > hours)
    scale = hours[over] / sick[over]
    sick[over] *= scale
    long_term[over] *= scale
    return sick, long_term


@dataclass(frozen=True)
class Employments:
    """Employments (`kpi.monthly_placement`), people numbered by `Keys`, with each row's
    `rank` in the order a person's month is given to: the highest rate (a missing one
    first, as polars sorts), then the earliest start, then the smallest unit key."""

    person: Ints
    start: Days
    end: Days
    rank: Ints
    order: Ints  # the row of each rank

    @classmethod
    def of(cls, frame: pl.DataFrame, keys: Keys) -> Employments:
        start = days(frame["start"])
        rate = frame["rate"].cast(pl.Float64).fill_null(np.inf).to_numpy()
        unit = frame["unit"].rank("dense").cast(pl.Int64).fill_null(0).to_numpy()
        rows = np.arange(frame.height, dtype=np.int64)
        order = np.lexsort((rows, unit, start, -rate)).astype(np.int64)
        rank = np.empty(frame.height, dtype=np.int64)
        rank[order] = rows
        return cls(
            person=keys.ids(frame["person"]),
            start=start,
            end=days(frame["end"]),
            rank=rank,
            order=order,
        )


def place(jobs: Employments, months: Months, people: int) -> Ints:
    """Each cell's (person × months + month, and the one past them) employment row, −1 for
    none: the first by `rank` of those active on any day of the month within [low, high]."""
    low, high = months.first_day, day(months.high)
    active = np.flatnonzero((jobs.start <= high) & (jobs.end >= low) & (jobs.person >= 0))
    person = jobs.person[active]
    # Most people hold one employment in a year: its months are theirs without choosing.
    several = np.bincount(person, minlength=people)[person] > 1
    person = person * months.count
    begin = month_number(np.maximum(jobs.start[active], low)) - months.first
    end = month_number(np.minimum(jobs.end[active], high)) - months.first
    chosen = np.full(people * months.count + 1, -1, dtype=np.int64)
    contested, ranks = [], []
    # Month by month: a year's employments at a time, not each one's months spelled out.
    for month in range(months.count):
        here = (begin <= month) & (end >= month)
        alone = np.flatnonzero(here & ~several)
        chosen[person[alone] + month] = active[alone]
        shared = np.flatnonzero(here & several)
        contested.append(person[shared] + month)
        ranks.append(jobs.rank[active[shared]])
    cells, index = np.unique(np.concatenate(contested), return_inverse=True)
    best = np.full(len(cells), len(jobs.rank), dtype=np.int64)
    np.minimum.at(best, index, np.concatenate(ranks))
    chosen[cells] = jobs.order[best]
    return chosen


class Tree:
    """A tree's (unit, ancestor) pairs (`kpi.subtree_pairs`), units numbered by `Keys`: a
    subtree's sum is each unit's sum added to each of its ancestors, itself included."""

    def __init__(self, pairs: pl.DataFrame) -> None:
        self.units = Keys(pl.concat([pairs["unit"], pairs["ancestor"]]), exact=True)
        self.below = self.units.ids(pairs["unit"])
        self.above = self.units.ids(pairs["ancestor"])
        order = np.argsort(self.below, kind="stable")
        self._ancestors = self.above[order]
        self._offset = np.concatenate(
            [[0], np.cumsum(np.bincount(self.below, minlength=self.units.size))]
        ).astype(np.int64)
        # A pair given twice counts twice, as a join would; the shortcut for people in one
        # unit all year would not (`unit_years`).
        self.repeated = bool(pairs.is_duplicated().any())

    def up(self, unit: Ints) -> tuple[Ints, Ints]:
        """For items in units: each (item, ancestor) pair."""
        counts = self._offset[unit + 1] - self._offset[unit]
        item, within = _spread(counts)
        return item, self._ancestors[self._offset[unit][item] + within]


def unit_months(
    tree: Tree, unit: Ints, month: Days, hours: Floats, sick: Floats, long: Floats
) -> pl.DataFrame:
    """Hours, sick and long-term sick hours for every subtree and month (`kpi.unit_months`),
    from rows of a unit id (−1: none of the tree's) and a month number."""
    first = int(month.min()) if len(month) else 0
    count = int(month.max()) - first + 1 if len(month) else 0
    shape = (tree.units.size, count)
    size = shape[0] * shape[1]
    key = np.multiply(unit, count, dtype=np.int64)
    key += month
    key -= first
    np.putmask(key, unit < 0, size)
    rows = np.bincount(key, minlength=size + 1)[:size].reshape(shape)
    # Each unit's months added to each of its ancestors' (a few thousand units × months).
    present = np.zeros(shape, dtype=np.int64)
    np.add.at(present, tree.above, rows[tree.below])
    totals = []
    for column in (hours, sick, long):
        total = np.zeros(shape)
        np.add.at(total, tree.above, _sum(key, column, size + 1)[:size].reshape(shape)[tree.below])
        totals.append(total)
    top, offset = np.nonzero(present)  # by unit, then month
    total_hours, total_sick, total_long = (total[top, offset] for total in totals)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = total_sick / total_hours
        long_share = np.where(total_sick > 0, total_long / total_sick, 0.0)
    return pl.DataFrame(
        {
            "unit": tree.units.value_of(top),
            "month": dates(first_day(offset + first)),
            "hours": total_hours,
            "sick": total_sick,
            "long": total_long,
            "share": share,
            "long_share": long_share,
        }
    )


def unit_years(
    tree: Tree,
    person: Ints,
    people: int,
    unit: Ints,
    year: Days,
    hours: Floats,
    sick: Floats,
    long: Floats,
) -> pl.DataFrame:
    """Figures 1 and 2 for every subtree and year with the people they rest on and the
    standard error of figure 1, people as clusters (`kpi.unit_years`), from rows of a person
    id (of `people`), a unit id (−1: none of the tree's) and a year."""
    units = tree.units.size
    columns = (hours, sick, long)
    first = int(year.min()) if len(year) else 0
    years = int(year.max()) - first + 1 if len(year) else 0
    size = years * people
    # A person's year (a year at a time, as the page and the bench call it: the person).
    key = person.copy() if years == 1 else (year - first).astype(np.int64) * people + person
    np.putmask(key, unit < 0, size)
    # Some row's unit for each person's year (whichever was written last), and whether
    # another row of the year is in another unit.
    some = np.full(size + 1, -1, dtype=np.int64)
    some[key] = unit
    mixed = np.zeros(size + 1, dtype=bool)
    mixed[key[some[key] != unit]] = True
    mixed[size] = False  # the rows of no unit of the tree count nowhere
    # Most people are in one unit all year: their sums in each subtree above it are their
    # year's sums. Those who moved are summed per unit first, then per subtree, where a
    # subtree over both units counts them once, with the hours of both.
    one = (some[:size] >= 0) & ~mixed[:size] & (not tree.repeated)
    single = np.flatnonzero(one)
    item, top = tree.up(some[single])
    people_keys, tops = [single[item]], [top]
    sums = [[_sum(key, column, size + 1)[people_keys[0]] for column in columns]]
    if tree.repeated:
        moved = np.flatnonzero(key < size)
    else:
        moved = np.flatnonzero(mixed[key]) if mixed.any() else np.empty(0, dtype=np.int64)
    if len(moved):
        pair = key[moved] * units + unit[moved]
        grouped, index = np.unique(pair, return_inverse=True)
        per_unit = [_sum(index, column[moved]) for column in columns]
        item, top = tree.up(grouped % units)
        merged, index = np.unique((grouped // units)[item] * units + top, return_inverse=True)
        people_keys.append(merged // units)
        tops.append(merged % units)
        sums.append([_sum(index, part[item]) for part in per_unit])
    person_year = np.concatenate(people_keys)
    group = np.concatenate(tops) * years + person_year // max(people, 1)  # a subtree's year
    per_person = [np.concatenate([part[i] for part in sums]) for i in range(3)]
    cells = units * years
    counted = np.bincount(group, minlength=cells)
    total_hours, total_sick, total_long = (_sum(group, column, cells) for column in per_person)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = total_sick / total_hours
    spread = _sum(group, (per_person[1] - share[group] * per_person[0]) ** 2, cells)
    found = np.flatnonzero(counted)  # by unit, then year
    count = counted[found].astype(np.float64)
    total_hours, total_sick, total_long = total_hours[found], total_sick[found], total_long[found]
    with np.errstate(divide="ignore", invalid="ignore"):
        long_share = np.where(total_sick > 0, total_long / total_sick, 0.0)
        error = np.sqrt(count / (count - 1) * spread[found]) / total_hours
    return pl.DataFrame(
        {
            "unit": tree.units.value_of(found // max(years, 1)),
            "year": pl.Series(found % max(years, 1) + first, dtype=pl.Int32),
            "hours": total_hours,
            "sick": total_sick,
            "long": total_long,
            "people": pl.Series(counted[found], dtype=pl.UInt32),
            "share": share[found],
            "long_share": long_share,
            "se": pl.Series(error).set(pl.Series((count <= 1) | ~(total_hours > 0)), None),
        }
    )


def _sum(key: Ints, weights: Floats, size: int = 0) -> Floats:
    """Σ weights per key 0…size−1 (a float array even when empty)."""
    return np.bincount(key, weights=weights, minlength=size).astype(np.float64, copy=False)
