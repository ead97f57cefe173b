"""`published.stitch`: the old rows' days up to the seam, the new rows' after, checked day by
day in plain Python (each row expanded to the days it covers), not with the module's own
cutting."""

from __future__ import annotations

import datetime
from collections import Counter

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import published

FIRST = datetime.date(2025, 1, 1)
LAST = datetime.date(2025, 3, 31)
SCHEMA = {
    "person": pl.Int64,
    "unit": pl.Int64,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
}


def day(offset: int) -> datetime.date:
    return FIRST + datetime.timedelta(days=offset)


rows = st.lists(
    st.tuples(
        st.integers(1, 4),  # person
        st.integers(1, 3),  # unit
        st.sampled_from([50.0, 100.0]),
        st.integers(0, 80),  # start
        st.one_of(st.none(), st.integers(0, 89)),  # length - 1; None: open
        st.sampled_from([None, "own_request", "retirement"]),
    ),
    max_size=8,
)


def frame(items) -> pl.DataFrame:
    data = [
        (p, u, r, day(s), None if n is None else day(s + n), None if n is None else why)
        for p, u, r, s, n, why in items
    ]
    return pl.DataFrame(data, schema=SCHEMA, orient="row")


def covered(table: pl.DataFrame) -> dict[datetime.date, Counter]:
    """Day → Counter of (person, unit, rate) active that day, over FIRST..LAST + 60."""
    out: dict[datetime.date, Counter] = {}
    for person, unit, rate, start, end, _why in table.iter_rows():
        current = start
        stop = end if end is not None else LAST + datetime.timedelta(days=60)
        while current <= stop:
            out.setdefault(current, Counter())[(person, unit, rate)] += 1
            current += datetime.timedelta(days=1)
    return out


@settings(max_examples=300, deadline=None)
@given(rows, rows, st.integers(0, 89))
def test_days_up_to_the_seam_are_old_after_it_new(old_items, new_items, seam_at):
    old, new, seam = frame(old_items), frame(new_items), day(seam_at)
    result = published.stitch(old, new, seam, reasons=("end_reason",))
    got, was, now = covered(result), covered(old), covered(new)
    current = FIRST
    while current <= LAST + datetime.timedelta(days=60):
        expected = was if current <= seam else now
        assert got.get(current, Counter()) == expected.get(current, Counter()), current
        current += datetime.timedelta(days=1)


@settings(max_examples=300, deadline=None)
@given(rows, rows, st.integers(0, 89))
def test_a_person_with_nothing_late_keeps_the_new_rows(old_items, new_items, seam_at):
    old, new, seam = frame(old_items), frame(new_items), day(seam_at)
    result = published.stitch(old, new, seam, reasons=("end_reason",))

    def up_to_seam(table, person):
        # Each row's days up to the seam, the reason only where it ended by then.
        out = Counter()
        for p, unit, rate, start, end, why in table.iter_rows():
            if p != person or start > seam:
                continue
            ended = end is not None and end <= seam
            out[(unit, rate, start, end if ended else seam, why if ended else None)] += 1
        return out

    for person in set(new["person"]) | set(old["person"]):
        if up_to_seam(old, person) == up_to_seam(new, person):
            mine = Counter(result.filter(pl.col("person") == person).iter_rows())
            assert mine == Counter(new.filter(pl.col("person") == person).iter_rows())


def test_a_late_leaver_leaves_the_day_after_the_seam_with_the_new_reason():
    seam = datetime.date(2026, 2, 1)
    old = frame([(7, 1, 100.0, 0, None, None)])
    new = pl.DataFrame(
        [(7, 1, 100.0, FIRST, datetime.date(2025, 11, 10), "retirement")],
        schema=SCHEMA,
        orient="row",
    )
    result = published.stitch(old, new, seam, reasons=("end_reason",))
    # Employed on every day up to the seam, as shown; gone after it, for the new reason.
    assert result.rows() == [(7, 1, 100.0, FIRST, seam, "retirement")]


def test_a_late_leaver_who_moved_on_keeps_going_without_a_reason():
    seam = datetime.date(2025, 2, 1)
    old = frame([(7, 1, 100.0, 0, None, None)])
    # In the new rows the first job ended on 10 January and another began the same month.
    new = frame([(7, 1, 100.0, 0, 9, "own_request"), (7, 2, 100.0, 20, None, None)])
    result = published.stitch(old, new, seam, reasons=("end_reason",))
    assert result.rows() == [
        (7, 1, 100.0, FIRST, seam, None),
        (7, 2, 100.0, seam + datetime.timedelta(days=1), None, None),
    ]


def test_chain_keeps_each_extract_up_to_its_seam():
    first, second = datetime.date(2025, 1, 20), datetime.date(2025, 2, 20)
    one = frame([(1, 1, 100.0, 0, None, None)])
    two = frame([(1, 2, 100.0, 0, None, None)])
    three = frame([(1, 3, 100.0, 0, None, None)])
    result = published.chain([(one, first), (two, second)], three, reasons=("end_reason",))
    days = covered(result)
    assert set(days[first]) == {(1, 1, 100.0)}
    assert set(days[first + datetime.timedelta(days=1)]) == {(1, 2, 100.0)}
    assert set(days[second]) == {(1, 2, 100.0)}
    assert set(days[second + datetime.timedelta(days=1)]) == {(1, 3, 100.0)}
    assert published.chain([], three) is three


def test_stitch_months_takes_the_old_months_up_to_the_seams_month():
    schema = {"person": pl.Int64, "month": pl.Date, "hours": pl.Float64}
    months = [datetime.date(2025, m, 1) for m in (1, 2, 3)]
    old = pl.DataFrame([(1, m, 100.0) for m in months], schema=schema, orient="row")
    new = pl.DataFrame([(1, m, 150.0) for m in months], schema=schema, orient="row")
    result = published.stitch_months(old, new, datetime.date(2025, 2, 1))
    assert sorted(result.rows()) == [
        (1, months[0], 100.0),
        (1, months[1], 100.0),
        (1, months[2], 150.0),
    ]
