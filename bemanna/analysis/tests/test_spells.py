"""`presence_spells` against a plain-Python reading of its definition (the 31-day rule)."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.stock import presence_spells

BASE = dt.date(2018, 1, 1)
FAR = dt.date(9999, 12, 31)


@st.composite
def extracts(draw: st.DrawFn) -> list[dict[str, object]]:
    rows = []
    for person in draw(st.lists(st.sampled_from("abcdef"), min_size=1, max_size=6, unique=True)):
        # Each row starts a few days around the previous row's end (breaks of 30 to 34 days
        # are the edge of the rule), or overlaps it. Starts are distinct per person: two rows
        # with the same start and end in different groups have no defined order.
        start = BASE + dt.timedelta(days=draw(st.integers(0, 60)))
        seen = set()
        for _ in range(draw(st.integers(1, 5))):
            length = draw(st.one_of(st.none(), st.integers(0, 400)))
            end = None if length is None else start + dt.timedelta(days=length)
            if start not in seen:
                seen.add(start)
                rows.append(
                    {
                        "person": person,
                        "group": draw(st.sampled_from(["SSK", "USK", "LK"])),
                        "birth_year": 1970,
                        "form": draw(st.sampled_from(["permanent", "fixed_term", "hourly"])),
                        "start": start,
                        "end": end,
                        "end_reason": draw(st.sampled_from(["own_request", "retirement", None])),
                    }
                )
            gap = draw(st.one_of(st.integers(30, 34), st.integers(-300, 100)))
            start = (end or start) + dt.timedelta(days=gap)
    return rows


def by_hand(rows: list[dict[str, object]]) -> list[tuple[object, ...]]:
    """Spells from the definition: a gap of more than 31 days without a monthly-paid
    employment between the latest end so far and the next start is a departure."""
    spells = []
    for person in sorted({r["person"] for r in rows}):
        mine = [r for r in rows if r["person"] == person and r["form"] != "hourly"]
        mine.sort(key=lambda r: (r["start"], r["end"] or FAR))
        current: list[dict[str, object]] = []
        for row in mine:
            if current:
                reach = max(r["end"] or FAR for r in current)
                days_without = (row["start"] - reach).days - 1  # type: ignore[operator]
                if days_without > 31:
                    spells.append(close(person, current))
                    current = []
            current.append(row)
        if current:
            spells.append(close(person, current))
    return sorted(spells, key=lambda s: (s[0], s[3]))


def close(person: object, rows: list[dict[str, object]]) -> tuple[object, ...]:
    last = max(rows, key=lambda r: (r["end"] or FAR, r["start"]))
    end = max(r["end"] or FAR for r in rows)
    return (
        person,
        rows[0]["group"],
        last["group"],
        min(r["start"] for r in rows),  # type: ignore[type-var]
        None if end == FAR else end,
        None if end == FAR else last["end_reason"],
    )


@settings(max_examples=300, deadline=None)
@given(extracts())
def test_spells_follow_the_31_day_rule(rows: list[dict[str, object]]) -> None:
    frame = pl.DataFrame(
        rows,
        schema={
            "person": pl.String,
            "group": pl.String,
            "birth_year": pl.Int64,
            "form": pl.String,
            "start": pl.Date,
            "end": pl.Date,
            "end_reason": pl.String,
        },
    )
    got = presence_spells(frame).select(
        "person", "first_group", "group", "start", "end", "end_reason"
    )
    assert sorted(got.rows(), key=lambda s: (s[0], s[3])) == by_hand(rows)
