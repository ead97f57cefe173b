"""The key figures a year at a time (`kpi.person_months_by_year`, what the page and the bench
use) against the definitions computed by hand in plain Python, on random extracts: spells
across New Year, open spells, overlapping rows, movers and people with two employments."""

import calendar
import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import kpi

FIRST, LAST = dt.date(2023, 3, 1), dt.date(2025, 8, 20)
PARENTS = {1: None, 2: 1, 3: 1, 4: 3}


def _months():
    month = FIRST.replace(day=1)
    while month <= LAST:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


@st.composite
def extracts(draw):
    people = range(draw(st.integers(1, 5)))
    day = st.integers(0, (LAST - FIRST).days + 400).map(
        lambda n: FIRST - dt.timedelta(days=200) + dt.timedelta(days=n)
    )
    employments = []
    for person in people:
        for _ in range(draw(st.integers(1, 3))):
            start = draw(day)
            end = None if draw(st.booleans()) else start + dt.timedelta(draw(st.integers(0, 500)))
            rate = float(draw(st.sampled_from([50, 75, 100])))
            employments.append((person, draw(st.sampled_from(sorted(PARENTS))), rate, start, end))
    hours = [
        (person, month, float(draw(st.integers(0, 170))))
        for person in people
        for month in _months()
        if draw(st.integers(0, 9))  # now and then a month without hours
    ]
    spells = []
    for person in people:
        for _ in range(draw(st.integers(0, 4))):
            start = draw(day)
            length = draw(st.sampled_from([1, 5, 30, 58, 59, 60, 61, 120]))
            end = None if draw(st.integers(0, 4)) == 0 else start + dt.timedelta(length - 1)
            spells.append((person, start, end, float(draw(st.sampled_from([25, 50, 100])))))
    return employments, hours, spells


def by_hand(employments, hours, spells):
    """Per (unit, month): hours, sick, long, from the definitions, person by person."""
    # Spells: a row continues a spell when it starts no later than the day after the
    # latest end so far; an open row runs to LAST.
    rows = sorted((p, s, e or LAST, x) for p, s, e, x in spells if s <= LAST)
    joined, current = [], None
    for person, start, last, extent in rows:
        if current and current["person"] == person and start <= current["last"] + dt.timedelta(1):
            current["last"] = max(current["last"], last)
        else:
            current = {"person": person, "start": start, "last": last}
        joined.append((person, start, last, extent, current))
    per_person_month = {}
    for person, month, scheduled in hours:
        if not FIRST.replace(day=1) <= month <= LAST:
            continue
        days = calendar.monthrange(month.year, month.month)[1]
        month_end = month.replace(day=days)
        sick = long = 0.0
        for p, start, last, extent, spell in joined:
            if p != person:
                continue
            low, high = max(start, month, FIRST), min(last, month_end, LAST)
            covered = max((high - low).days + 1, 0)
            share = scheduled * covered / days * extent / 100
            sick += share
            if (spell["last"] - spell["start"]).days + 1 >= 60:
                long += share
        if sick > scheduled:
            long, sick = long * scheduled / sick, scheduled
        per_person_month[(person, month)] = (scheduled, sick, long)
    result: dict = {}
    people: dict = {}
    for (person, month), (scheduled, sick, long) in per_person_month.items():
        month_end = month.replace(day=calendar.monthrange(month.year, month.month)[1])
        active = [
            (rate, -start.toordinal(), -unit, unit)
            for p, unit, rate, start, end in employments
            if p == person and start <= min(month_end, LAST) and (end is None or end >= month)
        ]
        if not active:
            continue
        unit = max(active)[3]
        node = unit
        while node is not None:
            totals = result.setdefault((node, month), [0.0, 0.0, 0.0])
            totals[0] += scheduled
            totals[1] += sick
            totals[2] += long
            people.setdefault((node, month.year), set()).add(person)
            node = PARENTS[node]
    return result, people


@settings(max_examples=60, deadline=None)
@given(extracts())
def test_a_year_at_a_time_gives_the_figures_of_the_definitions(extract):
    employments, hours, spells = extract
    frames = (
        pl.DataFrame(
            spells,
            schema={"person": pl.Int64, "start": pl.Date, "end": pl.Date, "extent": pl.Float64},
            orient="row",
        ),
        pl.DataFrame(
            hours, schema={"person": pl.Int64, "month": pl.Date, "hours": pl.Float64}, orient="row"
        ),
        pl.DataFrame(
            employments,
            schema={
                "person": pl.Int64,
                "unit": pl.Int64,
                "rate": pl.Float64,
                "start": pl.Date,
                "end": pl.Date,
            },
            orient="row",
        ),
    )
    pairs = kpi.subtree_pairs(PARENTS)
    years = list(kpi.person_months_by_year(*frames, FIRST, LAST))
    assert [year for year, _months in years] == [2023, 2024, 2025]
    computed = pl.concat([kpi.unit_months(months, pairs) for _year, months in years])
    expected, people = by_hand(*extract)
    got = {
        (u, m): (h, s, lg)
        for u, m, h, s, lg in computed.select("unit", "month", "hours", "sick", "long").iter_rows()
    }
    assert got.keys() == expected.keys()
    for key, values in expected.items():
        assert got[key] == pytest.approx(values, abs=1e-9), key
    yearly = pl.concat([kpi.unit_years(months, pairs) for _year, months in years])
    assert {
        (unit, year): (hours_, count)
        for unit, year, hours_, count in yearly.select("unit", "year", "hours", "people").rows()
    } == {
        (unit, year): (
            pytest.approx(
                sum(v[0] for (u, m), v in expected.items() if (u, m.year) == (unit, year))
            ),
            len(persons),
        )
        for (unit, year), persons in people.items()
    }
