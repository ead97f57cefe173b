"""Issue 14, errors 1–3: one age convention, every exit counted, one rule for who left.

Every expected figure here is worked out by hand or in plain Python from the definitions,
never with the engine's own functions.
"""

import datetime as dt
import math
from dataclasses import replace

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.forecast import baseline, estimate_rates, expected, simulate
from bemanna.analysis.forecast.frames import from_file
from bemanna.analysis.forecast.history import yearly
from bemanna.analysis.forecast.rates import exposure_and_events

AS_OF = dt.date(2025, 12, 31)
WINDOW = (dt.date(2021, 1, 1), AS_OF)
FLAT = pl.DataFrame(schema={"group": pl.String, "year": pl.Int64, "index": pl.Float64})
SCHEMA = {
    "person": pl.String,
    "group": pl.String,
    "birth_year": pl.Int64,
    "form": pl.String,
    "rate": pl.Float64,
    "start": pl.Date,
    "end": pl.Date,
    "end_reason": pl.String,
}


def staff(rows):
    return pl.DataFrame(rows, schema=SCHEMA, orient="row")


# --- 1. One age convention: age = calendar year − birth year, in fit and projection ---------


def _older_workforce():
    """Two groups with people attaining 50–69 in 2025, and five years of retirements behind
    them, so that the retirement hazards are fitted from data (not only the prior)."""
    rows = []
    for g, group in enumerate(("SSK", "USK")):
        for age in range(50, 70):
            for k in range(3 + g):
                rows.append(
                    (f"{group}-{age}-{k}", group, 2025 - age, "permanent", 100.0,
                     dt.date(2005, 1, 1), None, None)
                )  # fmt: skip
        # Leavers of the window: retirements at 62–68 and a few other exits.
        for year in range(2021, 2026):
            for age in range(62, 69):
                for k in range(1 + (age >= 65) + g):
                    rows.append(
                        (f"{group}-r{year}-{age}-{k}", group, year - age, "permanent", 100.0,
                         dt.date(2000, 1, 1), dt.date(year, 6, 30), "retirement")
                    )  # fmt: skip
            rows.append(
                (f"{group}-o{year}", group, year - 58, "permanent", 100.0,
                 dt.date(2000, 1, 1), dt.date(year, 3, 31), "own_request")
            )  # fmt: skip
    # Someone who attained 69 in 2025 and is still employed on 31 December (born in
    # December: LAS ends the employment that day), and an hourly-paid person (not counted).
    rows.append(("SSK-69-dec", "SSK", 1956, "permanent", 100.0, dt.date(1990, 1, 1), AS_OF, None))
    rows.append(("USK-h", "USK", 1960, "hourly", 0.0, dt.date(2020, 1, 1), None, None))
    return staff(rows)


def test_year_one_retirements_recomputed_by_hand_from_the_fitted_hazards():
    frame = _older_workforce()
    rates = estimate_rates(frame, AS_OF)
    base = baseline(frame, AS_OF)
    hazard = dict(zip(rates.retirement["age"], rates.retirement["hazard"], strict=True))
    # The cohort on the base date, by hand: monthly-paid, started, not ended before it.
    people = {}
    for person, group, born, form, _rate, start, end, _reason in frame.iter_rows():
        if form != "hourly" and start <= AS_OF and (end is None or end >= AS_OF):
            people[person] = (group, born)
    by_hand = {"SSK": 0.0, "USK": 0.0}
    for group, born in people.values():
        age = 2026 - born  # the age attained in the projection's first year
        by_hand[group] += 1.0 if age >= 69 else 1.0 - math.exp(-hazard.get(age, 0.0))
    engine = expected(base, rates, FLAT, horizon=2027)["retirements"][:, 1]
    assert dict(zip(base.groups, engine, strict=True)) == pytest.approx(by_hand, rel=1e-9)
    # The old convention (last year's age) would give visibly fewer.
    last_years_age = sum(
        1.0 if 2025 - born >= 69 else 1.0 - math.exp(-hazard.get(2025 - born, 0.0))
        for _group, born in people.values()
    )
    assert sum(by_hand.values()) > 1.1 * last_years_age


def test_nobody_is_in_the_stock_at_the_end_of_the_year_they_attain_69():
    # One group per birth year: attaining 64–69 in the base year 2025, 30 people each.
    rows = [
        (f"{age}-{k}", f"A{age}", 2025 - age, "permanent", 100.0, dt.date(2005, 1, 1),
         AS_OF if age == 69 else None, None)
        for age in range(64, 70)
        for k in range(30)
    ]  # fmt: skip
    frame = staff(rows)
    base = replace(baseline(frame, AS_OF), hires_per_year=np.zeros(6))
    rates = estimate_rates(frame, AS_OF)
    assert base.groups == ("A64", "A65", "A66", "A67", "A68", "A69")
    draws = simulate(base, rates, FLAT, horizon=2031, draws=200, seed=3)["supply_headcount"]
    path = expected(base, rates, FLAT, horizon=2031)["supply_headcount"]
    for g, attained in enumerate(range(64, 70)):
        # They turn 69 in 2025 + (69 − attained): gone at the end of that year, and those who
        # turned 69 in 2025 itself at the end of 2026.
        gone = max(1, 69 - attained)
        assert (draws[:, g, gone:] == 0).all(), base.groups[g]
        assert path[g, gone:] == pytest.approx(0.0, abs=1e-12)
        assert path[g, gone - 1] > 0  # the year before, they are still there
    # The December 69-year-old on the base date is a retirement of year one.
    retirements = expected(base, rates, FLAT, horizon=2027)["retirements"]
    assert retirements[base.groups.index("A69"), 1] == pytest.approx(30.0)


# --- 2. Every exit counted ------------------------------------------------------------------

HEADER = (
    "Anst.nr;Födelseår;Kön;Enhet;Befattning;Yrkesgrupp;Anställningsform;Sysselsättningsgrad;"
    "Startdatum;Slutdatum;Avgångsorsak"
)
# person, born, group, form, start, end, reason — with the kind each exit is by hand.
EXTRACT = [
    ("1", 1960, "SSK", "Tillsvidare", "2010-01-01", "2024-06-30", "Pension"),  # 64 retirement
    ("2", 1975, "SSK", "Tillsvidare", "2012-01-01", "2023-03-31", "Sjukersättning"),  # 48 other
    ("3", 1978, "USK", "Tillsvidare", "2015-01-01", "2022-08-31", "Pension"),  # 44: other
    ("4", 1990, "USK", "Visstid", "2018-01-01", "2024-02-29", ""),  # blank reason: other
    ("5", 1985, "USK", "Tillsvidare", "2016-01-01", "2023-10-31", "Egen begäran"),  # 38 other
    ("6", 1958, "SSK", "Tillsvidare", "2005-01-01", "2025-05-31", "Ålderspension"),  # 67 ret.
    ("7", 1980, "SSK", "Tillsvidare", "2010-01-01", "", ""),  # still employed
    ("8", 1988, "SSK", "Tillsvidare", "2014-01-01", "2022-05-31", "Egen begäran"),  # moves:
    ("8", 1988, "SSK", "Tillsvidare", "2022-06-20", "", ""),  # 19 days away, no exit
    ("9", 1992, "USK", "Visstid", "2017-01-01", "2021-04-30", "Visstid upphör"),  # 29 other
    ("9", 1992, "USK", "Tillsvidare", "2021-10-01", "", ""),  # back after five months
    ("10", 1998, "USK", "Visstid", "2019-01-01", "2023-12-31", "Aktivitetsersättning"),  # 25
    ("11", 1995, "USK", "Timavlönad", "2019-01-01", "2023-12-31", "Egen begäran"),  # hourly
    ("12", 1970, "SSK", "Tillsvidare", "2001-01-01", "2019-12-31", "Egen begäran"),  # before
    ("13", 1956, "SSK", "Tillsvidare", "2000-01-01", "2025-12-31", "Pension"),  # LAS at 69
]
# (group, age) -> (retirements, others), from the comments above.
BY_HAND = {
    ("SSK", 64): (1, 0),
    ("SSK", 48): (0, 1),
    ("USK", 44): (0, 1),
    ("USK", 34): (0, 1),
    ("USK", 38): (0, 1),
    ("SSK", 67): (1, 0),
    ("USK", 29): (0, 1),
    ("USK", 25): (0, 1),
    ("SSK", 69): (1, 0),
}


def _extract(tmp_path, with_reasons=True):
    lines = [HEADER if with_reasons else HEADER.rsplit(";", 1)[0]]
    for person, born, group, form, start, end, reason in EXTRACT:
        rate = "" if form == "Timavlönad" else "100"
        fields = [person, str(born), "K", "E1", group, group, form, rate, start, end]
        lines.append(";".join([*fields, reason] if with_reasons else fields))
    path = tmp_path / ("with.csv" if with_reasons else "without.csv")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return from_file(path, today=dt.date(2026, 1, 15))


def _events(frame):
    cells = exposure_and_events(frame, *WINDOW).filter(
        (pl.col("retirements") > 0) | (pl.col("others") > 0)
    )
    return {(g, a): (r, o) for g, a, _exposure, r, o in cells.iter_rows()}


def test_every_exit_of_an_extract_is_counted_once_and_of_the_right_kind(tmp_path):
    frame = _extract(tmp_path)
    assert _events(frame) == BY_HAND
    rates = estimate_rates(frame, AS_OF)
    # The retirement table covers 55–68 (69 is LAS, certain); the other table every age.
    assert rates.retirement["events"].sum() == 2
    assert rates.other["events"].sum() == 6


def test_an_extract_without_end_reasons_still_gives_every_exit_to_attrition(tmp_path):
    frame = _extract(tmp_path, with_reasons=False)
    assert frame["end_reason"].null_count() == frame.height
    assert _events(frame) == {key: (0, r + o) for key, (r, o) in BY_HAND.items()}
    rates = estimate_rates(frame, AS_OF)
    assert not rates.reasons_known
    # Who left is known, why is not: at each retirement age the exits the prior hazard
    # expects (hazard x person-years, at most the exits seen) count as retirements.
    prior = {  # the national prior, written out again (55-68)
        55: 0.003, 56: 0.004, 57: 0.005, 58: 0.007, 59: 0.01, 60: 0.02, 61: 0.03,
        62: 0.05, 63: 0.08, 64: 0.14, 65: 0.40, 66: 0.35, 67: 0.45, 68: 0.6,
    }  # fmt: skip
    exposure = {(g, a): e for g, a, e, _r, _o in exposure_and_events(frame, *WINDOW).iter_rows()}
    by_hand = sum(
        min(prior[age] * exposure[(group, age)], float(r + o))
        for (group, age), (r, o) in BY_HAND.items()
        if age in prior
    )
    assert 0 < by_hand < 2  # two people left at 64 and 67, each partly expected to retire
    assert rates.retirement["events"].sum() == pytest.approx(by_hand)
    # Every exit is still counted once: nine in all.
    assert rates.retirement["events"].sum() + rates.other["events"].sum() == pytest.approx(9)


def test_an_end_reason_the_reader_does_not_know_is_an_exit_with_reason_other(tmp_path):
    rows = [  # person, born, group, start, end, reason
        ("1", 1964, "SSK", "2010-01-01", "2024-06-30", "Annat jobb"),  # 60: other, no pension
        ("2", 1985, "SSK", "2012-01-01", "2023-03-31", "Egen begäran - annan arbetsgivare"),  # 38
        ("3", 1990, "USK", "2015-01-01", "2025-08-31", "annat jobb"),  # 35
        ("4", 1980, "SSK", "2010-01-01", "", ""),  # still employed
        ("5", 1982, "USK", "2010-01-01", "", ""),  # still employed
    ]
    lines = [HEADER]
    for person, born, group, start, end, reason in rows:
        lines.append(";".join([person, str(born), "K", "E1", group, group, "Tillsvidare", "100",
                               start, end, reason]))  # fmt: skip
    path = tmp_path / "unknown.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = from_file(path, today=dt.date(2026, 1, 15))
    reasons = dict(zip(frame["birth_year"], frame["end_reason"], strict=True))
    assert reasons == {1964: "other", 1985: "other", 1990: "other", 1980: None, 1982: None}
    assert _events(frame) == {("SSK", 60): (0, 1), ("SSK", 38): (0, 1), ("USK", 35): (0, 1)}
    rates = estimate_rates(frame, AS_OF)
    # The reasons are known (other), so nothing is split off to retirement by the prior.
    assert rates.reasons_known
    assert rates.retirement["events"].sum() == 0
    assert rates.other["events"].sum() == 3
    table = yearly(frame, 2023, 2025).filter(pl.col("group") == "Alla yrkesgrupper")
    counts = {r["year"]: (r["leavers"], r["leavers_other"]) for r in table.iter_rows(named=True)}
    assert counts == {2023: (1, 1), 2024: (1, 1), 2025: (1, 1)}


def test_the_history_counts_each_leaver_under_its_own_reason(tmp_path):
    table = yearly(_extract(tmp_path), 2021, 2025).filter(pl.col("group") == "Alla yrkesgrupper")
    rows = {r["year"]: r for r in table.iter_rows(named=True)}
    by_hand = {  # year: (leavers, retirement, disability pension, own request, other, ended)
        2021: (1, 0, 0, 0, 0, 1),
        2022: (1, 1, 0, 0, 0, 0),  # person 3: pension as coded by HR, at 44
        2023: (3, 0, 2, 1, 0, 0),
        2024: (2, 1, 0, 0, 1, 0),
        2025: (2, 2, 0, 0, 0, 0),
    }
    for year, expected_row in by_hand.items():
        row = rows[year]
        assert (
            row["leavers"],
            row["leavers_retirement"],
            row["leavers_disability_pension"],
            row["leavers_own_request"],
            row["leavers_other"],
            row["leavers_fixed_term_ended"],
        ) == expected_row, year


# --- 3. Who left in a year: one rule, and a published year never changes --------------------


def _leaver_rows(next_start):
    """A nurse who ends on 31 March 2024 and starts again on `next_start`, and a colleague."""
    return [
        ("a", "SSK", 1980, "permanent", 100.0, dt.date(2015, 1, 1), dt.date(2024, 3, 31),
         "own_request"),
        ("a", "SSK", 1980, "permanent", 100.0, next_start, None, None),
        ("b", "SSK", 1985, "permanent", 100.0, dt.date(2015, 1, 1), None, None),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("next_start", "left"),
    [
        (dt.date(2024, 4, 1), False),  # no day away
        (dt.date(2024, 5, 2), False),  # 1 April–1 May: 31 days away, a move
        (dt.date(2024, 5, 3), True),  # 32 days away: a departure in 2024, and a return
        (dt.date(2024, 11, 1), True),
    ],
)
def test_a_break_of_more_than_31_days_is_a_departure(next_start, left):
    frame = staff(_leaver_rows(next_start))
    row = yearly(frame, 2024, 2024).filter(pl.col("group") == "SSK").row(0, named=True)
    assert (row["leavers"], row["hires"], row["leavers_own_request"]) == (
        (1, 1, 1) if left else (0, 0, 0)
    )
    # Both people are there on 1 January and 31 December: turnover = leavers / 2.
    assert row["turnover"] == pytest.approx(0.5 if left else 0.0)
    cells = exposure_and_events(frame, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert cells["others"].sum() == (1 if left else 0)


def test_a_leaver_who_returns_the_next_year_stays_a_leaver_of_the_year_they_left():
    left = [
        ("a", "USK", 1990, "permanent", 100.0, dt.date(2018, 1, 1), dt.date(2023, 5, 31),
         "own_request"),
        ("b", "USK", 1985, "permanent", 100.0, dt.date(2015, 1, 1), None, None),
        ("c", "USK", 1975, "permanent", 100.0, dt.date(2015, 1, 1), None, None),
    ]  # fmt: skip
    back = [*left, ("a", "USK", 1990, "permanent", 100.0, dt.date(2024, 3, 1), None, None)]
    before, after = yearly(staff(left), 2023, 2024), yearly(staff(back), 2023, 2024)
    published = before.filter(pl.col("year") == 2023)
    assert published.equals(after.filter(pl.col("year") == 2023))
    row = published.filter(pl.col("group") == "USK").row(0, named=True)
    # 3 on 1 January, 2 on 31 December: turnover 1 / 2.5.
    assert (row["leavers"], row["headcount_start"], row["headcount"]) == (1, 3, 2)
    assert row["turnover"] == pytest.approx(1 / 2.5)
    hired_back = after.filter((pl.col("year") == 2024) & (pl.col("group") == "USK"))
    assert hired_back.row(0, named=True)["hires"] == 1
    # The forecast's fitting counts the same departure.
    assert exposure_and_events(staff(back), dt.date(2023, 1, 1), AS_OF)["others"].sum() == 1


day = st.integers(0, 6 * 365)
employment = st.tuples(
    st.sampled_from("abcd"), st.sampled_from(["SSK", "USK"]), day, st.integers(0, 3 * 365)
)


@settings(max_examples=60, deadline=None)
@given(st.lists(employment, min_size=1, max_size=12), st.lists(employment, max_size=4))
def test_rows_starting_after_the_next_january_never_change_a_published_year(early, late):
    """Years 2020–2023 are published; rows that start after 1 February 2024 come later."""
    origin, cutoff = dt.date(2018, 1, 1), dt.date(2024, 2, 2)

    def row(person, group, offset, length, first):
        start = first + dt.timedelta(days=offset)
        end = start + dt.timedelta(days=length) if length % 4 else None
        return (person, group, 1980, "permanent", 50.0, start, end, "own_request" if end else None)

    known = staff([row(*e, origin) for e in early])
    later = staff([row(*e, cutoff) for e in late])
    published = yearly(known, 2020, 2023)
    assert published.equals(yearly(pl.concat([known, later]), 2020, 2023))
