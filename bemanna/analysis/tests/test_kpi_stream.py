"""The key figures a year at a time (`kpi.person_months_by_year`, what the page and the bench
use) against the definitions computed by hand in plain Python, on random extracts: spells
across New Year, open spells, overlapping rows, movers and people with two employments,
people keyed by small numbers (a database's), numbers far apart or text."""

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


KEYS = {
    "database": lambda i: i + 1,
    "far apart": lambda i: 10**12 + i * 7_919_000_000,
    "text": lambda i: f"p{i}",
}


@st.composite
def extracts(draw):
    key = KEYS[draw(st.sampled_from(sorted(KEYS)))]
    people = [key(i) for i in range(draw(st.integers(1, 5)))]
    day = st.integers(0, (LAST - FIRST).days + 400).map(
        lambda n: FIRST - dt.timedelta(days=200) + dt.timedelta(days=n)
    )
    employments = []
    for person in people:
        for _ in range(draw(st.integers(0, 3))):  # now and then someone with hours only
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
        end = None
        for _ in range(draw(st.integers(0, 4))):
            # Now and then the day after the last row's end, or the day after that (one
            # spell, or two with a one-day gap).
            after = draw(st.sampled_from([None, None, 1, 2])) if end else None
            start = end + dt.timedelta(after) if after else draw(day)
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
        # Day by day: the extents of the rows covering the day added up, at most 100 %
        # (overlapping rows never count a day twice); the day is long-term when its spell is.
        sick_days = long_days = 0.0
        for n in range(days):
            today = month + dt.timedelta(n)
            if not FIRST <= today <= LAST:
                continue
            covering = [
                (extent, spell)
                for p, start, last, extent, spell in joined
                if p == person and start <= today <= last
            ]
            extent = min(100.0, sum(x for x, _spell in covering)) / 100
            sick_days += extent
            # A spell's length counts up to the end of the year (or of the data) at most.
            until = min(LAST, dt.date(month.year, 12, 31))
            if any((min(s["last"], until) - s["start"]).days + 1 >= 60 for _x, s in covering):
                long_days += extent
        sick, long = scheduled * sick_days / days, scheduled * long_days / days
        assert sick <= scheduled + 1e-9
        per_person_month[(person, month)] = (scheduled, sick, long)
    result: dict = {}
    people: dict = {}  # (unit, year) → person → [hours, sick] in the subtree that year
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
            sums = people.setdefault((node, month.year), {}).setdefault(person, [0.0, 0.0])
            sums[0] += scheduled
            sums[1] += sick
            node = PARENTS[node]
    return result, people


@settings(max_examples=60, deadline=None)
@given(extracts())
def test_a_year_at_a_time_gives_the_figures_of_the_definitions(extract):
    employments, hours, spells = extract
    key = (
        pl.String if any(isinstance(r[0], str) for r in employments + hours + spells) else pl.Int64
    )
    frames = (
        pl.DataFrame(
            spells,
            schema={"person": key, "start": pl.Date, "end": pl.Date, "extent": pl.Float64},
            orient="row",
        ),
        pl.DataFrame(
            hours, schema={"person": key, "month": pl.Date, "hours": pl.Float64}, orient="row"
        ),
        pl.DataFrame(
            employments,
            schema={
                "person": key,
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
    got = {(row["unit"], row["year"]): row for row in yearly.iter_rows(named=True)}
    assert got.keys() == people.keys()
    for (unit, year), persons in people.items():
        months_ = {m: v for (u, m), v in expected.items() if (u, m.year) == (unit, year)}
        scheduled = sum(v[0] for v in months_.values())
        sick = sum(v[1] for v in months_.values())
        long = sum(v[2] for v in months_.values())
        row = got[(unit, year)]
        assert row["people"] == len(persons)
        assert (row["hours"], row["sick"], row["long"]) == pytest.approx(
            (scheduled, sick, long), abs=1e-9
        )
        # The standard error of figure 1 with each person a cluster (√(n/(n−1)·Σ(sᵢ − R·hᵢ)²)
        # / Σh), none for one person or no hours.
        n = len(persons)
        if n < 2 or scheduled <= 0:
            assert row["se"] is None
        else:
            share = sick / scheduled
            spread = sum((s - share * h) ** 2 for h, s in persons.values())
            assert row["se"] == pytest.approx((n / (n - 1) * spread) ** 0.5 / scheduled, abs=1e-12)
