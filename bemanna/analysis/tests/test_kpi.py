"""Key figures against hand-computed examples, and their invariants."""

import datetime as dt

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import kpi
from bemanna.analysis.disclosure import ancestors

YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def frames(spells, hours, people):
    return (
        pl.DataFrame(
            spells,
            schema={"person": pl.String, "start": pl.Date, "end": pl.Date, "extent": pl.Float64},
            orient="row",
        ),
        pl.DataFrame(
            hours, schema={"person": pl.String, "month": pl.Date, "hours": pl.Float64}, orient="row"
        ),
        pl.DataFrame(
            people,
            schema={"person": pl.String, "sex": pl.String, "birth_year": pl.Int64},
            orient="row",
        ),
    )


def test_a_half_time_spell_across_a_month_boundary():
    # 20 Jan – 10 Feb at 50 %: 12 of January's 31 days, 10 of February's 28.
    spells, hours, people = frames(
        [("a", dt.date(2025, 1, 20), dt.date(2025, 2, 10), 50.0)],
        [("a", dt.date(2025, 1, 1), 160.0), ("a", dt.date(2025, 2, 1), 150.0)],
        [("a", "K", 1980)],
    )
    sick = 160 * 12 / 31 * 0.5 + 150 * 10 / 28 * 0.5
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(sick / 310)
    assert figures["women"] == figures["total"] and figures["men"] is None
    assert figures["age_30_49"] == figures["total"] and figures["age_50_or_older"] is None


def test_a_spell_from_last_year_counts_its_whole_length_but_only_this_years_hours():
    # 1 Dec 2024 – 31 Jan 2025 is 62 days: long. Only January's hours are in 2025.
    spells, hours, people = frames(
        [("a", dt.date(2024, 12, 1), dt.date(2025, 1, 31), 100.0)],
        [
            ("a", dt.date(2024, 12, 1), 150.0),
            ("a", dt.date(2025, 1, 1), 160.0),
            ("a", dt.date(2025, 2, 1), 150.0),
        ],
        [("a", "M", 1960)],
    )
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(160 / 310)
    assert figures["long_share"] == 1.0
    assert figures["age_50_or_older"] == figures["total"]
    # 15 Dec – 31 Jan is 48 days: not long.
    short = spells.with_columns(pl.lit(dt.date(2024, 12, 15)).alias("start"))
    assert kpi.sick_leave(short, hours, people, *YEAR)["long_share"] == 0.0


def test_an_open_spell_runs_to_the_end_of_the_period_and_counts_as_long_term():
    spells, hours, people = frames(
        [("a", dt.date(2025, 11, 1), None, 100.0)],
        [("a", dt.date(2025, 11, 1), 160.0), ("a", dt.date(2025, 12, 1), 160.0)],
        [("a", "K", 1990)],
    )
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == 1.0 and figures["long_share"] == 1.0  # 61 days by 31 Dec
    assert figures["long_term_sick"] == 1
    assert figures["age_30_49"] == 1.0


def test_part_timers_weigh_by_their_scheduled_hours():
    spells, hours, people = frames(
        [("full", dt.date(2025, 3, 1), dt.date(2025, 3, 31), 100.0)],
        [("full", dt.date(2025, 3, 1), 160.0), ("part", dt.date(2025, 3, 1), 80.0)],
        [("full", "K", 2000), ("part", "M", 1970)],
    )
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(160 / 240)
    assert (figures["women"], figures["men"]) == (1.0, 0.0)
    assert figures["age_29_or_younger"] == 1.0 and figures["age_50_or_older"] == 0.0


def test_overlapping_spells_never_exceed_the_scheduled_hours():
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 4, 1), dt.date(2025, 4, 30), 100.0),
            ("a", dt.date(2025, 4, 10), dt.date(2025, 4, 20), 50.0),
        ],
        [("a", dt.date(2025, 4, 1), 150.0)],
        [("a", "K", 1980)],
    )
    assert kpi.sick_leave(spells, hours, people, *YEAR)["total"] == 1.0


# --- Overlapping rows count each day once (controller's review, 1) -----------------------


def _march(spells, hours=160.0):
    spells, hours, people = frames(spells, [("a", dt.date(2025, 3, 1), hours)], [("a", "K", 1980)])
    return kpi.sick_hours(spells, hours, *YEAR).row(0, named=True)["sick"]


def test_overlapping_rows_count_their_shared_days_once():
    # 1–10 and 6–15 March at 100 %: 15 sick days of March's 31, not 20 (6–10 twice).
    sick = _march(
        [
            ("a", dt.date(2025, 3, 1), dt.date(2025, 3, 10), 100.0),
            ("a", dt.date(2025, 3, 6), dt.date(2025, 3, 15), 100.0),
        ]
    )
    assert sick == pytest.approx(160 * 15 / 31)
    assert round(sick, 1) == 77.4


def test_overlapping_extents_add_up_to_at_most_100_per_cent_a_day():
    # 60 % on 1–10 March and 60 % on 6–15 March: 1–5 at 60 %, 6–10 at 100 % (120 capped),
    # 11–15 at 60 %: 3 + 5 + 3 = 11 days' worth (a cap per month would give 12).
    sick = _march(
        [
            ("a", dt.date(2025, 3, 1), dt.date(2025, 3, 10), 60.0),
            ("a", dt.date(2025, 3, 6), dt.date(2025, 3, 15), 60.0),
        ]
    )
    assert sick == pytest.approx(160 * 11 / 31)


def test_three_overlapping_rows_across_a_month_boundary():
    # 50 % each: 25 Mar – 5 Apr, 28 Mar – 10 Apr, 1 – 2 Apr. March: 25–27 at 50 %, 28–31 at
    # 100 %: 1.5 + 4 days' worth. April: 1–2 at 150 → 100 %, 3–5 at 100 %, 6–10 at 50 %:
    # 2 + 3 + 2.5. Also in a row order that is not by start.
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 4, 1), dt.date(2025, 4, 2), 50.0),
            ("a", dt.date(2025, 3, 25), dt.date(2025, 4, 5), 50.0),
            ("a", dt.date(2025, 3, 28), dt.date(2025, 4, 10), 50.0),
            ("b", dt.date(2025, 3, 30), dt.date(2025, 4, 3), 100.0),
        ],
        [
            ("a", dt.date(2025, 3, 1), 160.0),
            ("a", dt.date(2025, 4, 1), 150.0),
            ("b", dt.date(2025, 3, 1), 100.0),
            ("b", dt.date(2025, 4, 1), 90.0),
        ],
        [("a", "K", 1980), ("b", "M", 1980)],
    )
    got = {(p, m.month): s for p, m, _h, s, _l in kpi.sick_hours(spells, hours, *YEAR).rows()}
    assert got == pytest.approx(
        {
            ("a", 3): 160 * 5.5 / 31,
            ("a", 4): 150 * 7.5 / 30,
            ("b", 3): 100 * 2 / 31,
            ("b", 4): 90 * 3 / 30,
        }
    )


@st.composite
def populations(draw):
    count = draw(st.integers(1, 6))
    people = [
        (f"p{i}", draw(st.sampled_from(["K", "M"])), draw(st.integers(1955, 2004)))
        for i in range(count)
    ]
    hours = [
        (p, dt.date(2025, m, 1), float(draw(st.integers(40, 170))))
        for p, _, _ in people
        for m in range(1, 13)
    ]
    spells = []
    for p, _, _ in people:
        for _ in range(draw(st.integers(0, 3))):
            start = dt.date(2024, 11, 1) + dt.timedelta(days=draw(st.integers(0, 420)))
            length = draw(st.integers(1, 200))
            end = None if draw(st.booleans()) else start + dt.timedelta(days=length)
            spells.append((p, start, end, float(draw(st.sampled_from([25, 50, 75, 100])))))
    return frames(spells, hours, people)


@settings(max_examples=150, deadline=None)
@given(populations())
def test_figures_are_shares_and_the_total_is_the_hours_weighted_mean_of_its_parts(data):
    spells, hours, people = data
    f = kpi.sick_leave(spells, hours, people, *YEAR)
    for name in kpi.FIGURES:
        assert f[name] is None or 0.0 <= f[name] <= 1.0 + 1e-12, name
    for parts in (("women", "men"), tuple(kpi.AGE_BANDS)):
        weighted = sum((f[p] or 0.0) * f[f"hours_{p}"] for p in parts)
        assert weighted == pytest.approx(f["total"] * f["hours_total"])
    monthly = kpi.monthly_sick_leave(spells, hours, *YEAR)
    assert monthly["sick"].sum() == pytest.approx(f["total"] * f["hours_total"])


def test_turnover_variants():
    figures = kpi.turnover(
        100, 110, hires=20, leavers=10, own_request=6, permanent_start=90, permanent_end=94
    )
    # Each over its average headcount of 1 January and 31 December: 105, and 92 permanent.
    assert figures == {"leavers": 10 / 105, "replacement": 10 / 105, "own_request": 6 / 92}
    assert kpi.turnover(0, 0, 0, 0, 0, 0, 0) == dict.fromkeys(figures)


@st.composite
def trees(draw):
    """A random unit tree (unit → parent) and each person's unit per month."""
    size = draw(st.integers(1, 7))
    parents: dict[int, int | None] = {0: None}
    for unit in range(1, size):
        parents[unit] = draw(st.integers(0, unit - 1))
    return parents


@settings(max_examples=100, deadline=None)
@given(populations(), trees(), st.data())
def test_subtree_sums_equal_the_figures_of_the_people_in_each_subtree(data, parents, draw):
    """unit_months/unit_years (sum per unit, roll up) agree with figures computed directly on
    the people placed in each subtree, whatever the tree and whoever moves."""
    spells, hours, people = data
    months = kpi.sick_hours(spells, hours, *YEAR)
    placed = months.with_columns(
        pl.Series([draw.draw(st.sampled_from(sorted(parents))) for _ in range(months.height)])
        .cast(pl.Int64)
        .alias("unit")
    )
    pairs = kpi.subtree_pairs(parents)
    per_month = kpi.unit_months(placed, pairs)
    per_year = kpi.unit_years(placed, pairs)
    for unit in parents:
        inside = {u for u in parents if _within(u, unit, parents)}
        mine = placed.filter(pl.col("unit").is_in(list(inside)))
        if mine.height == 0:
            assert per_year.filter(pl.col("unit") == unit).height == 0
            continue
        direct = kpi.figures(mine.drop("unit"), people, spells, YEAR[1])
        row = per_year.filter(pl.col("unit") == unit).row(0, named=True)
        assert row["hours"] == pytest.approx(direct["hours_total"])
        if direct["total"] is not None:
            assert row["share"] == pytest.approx(direct["total"])
            assert row["long_share"] == pytest.approx(direct["long_share"])
            if direct["se_total"] is not None:
                assert row["se"] == pytest.approx(direct["se_total"])
        assert row["people"] == mine["person"].n_unique()
        monthly = per_month.filter(pl.col("unit") == unit)
        assert monthly["sick"].sum() == pytest.approx(mine["sick"].sum())


def _within(unit, top, parents):
    return top in ancestors(parents, unit)


def test_each_month_places_a_person_in_their_largest_employment():
    employments = pl.DataFrame(
        {
            "person": [1, 1, 2],
            "unit": [10, 20, 30],
            "rate": [50.0, 75.0, 100.0],
            "start": [dt.date(2024, 1, 1), dt.date(2025, 3, 15), dt.date(2025, 1, 1)],
            "end": [None, dt.date(2025, 4, 10), dt.date(2025, 2, 3)],
        }
    )
    placed = kpi.monthly_placement(employments, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    by = {(p, m.month): u for p, m, u in placed.iter_rows()}
    assert [by[(1, m)] for m in range(1, 7)] == [10, 10, 20, 20, 10, 10]
    assert [by.get((2, m)) for m in range(1, 4)] == [30, 30, None]


def test_the_ratio_error_grows_with_the_spread_between_people():
    even = pl.DataFrame({"person": [1, 2, 3], "hours": [100.0] * 3, "sick": [5.0, 5.0, 5.0]})
    spread = pl.DataFrame({"person": [1, 2, 3], "hours": [100.0] * 3, "sick": [0.0, 0.0, 15.0]})
    assert kpi.ratio_error(even) == 0.0
    assert kpi.ratio_error(spread) == pytest.approx((3 / 2 * (25 + 25 + 100)) ** 0.5 / 300)
    assert kpi.significant(0.10, 0.01, 0.05, 0.01) and not kpi.significant(0.06, 0.02, 0.05, 0.02)


# --- A spell is a continuous period (issue 14, 4) -------------------------------------------

SPRING_HOURS = [
    ("a", dt.date(2025, 1, 1), 160.0),
    ("a", dt.date(2025, 2, 1), 140.0),
    ("a", dt.date(2025, 3, 1), 160.0),
]


def test_an_extent_change_continues_the_spell_so_70_days_are_all_long_term():
    # 1 Jan – 9 Feb (40 days) at 100 %, then 10 Feb – 11 Mar (30 days) at 50 %: one spell
    # of 70 days. Each row alone is under 60 days, which used to make none of it long.
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 1, 1), dt.date(2025, 2, 9), 100.0),
            ("a", dt.date(2025, 2, 10), dt.date(2025, 3, 11), 50.0),
        ],
        SPRING_HOURS,
        [("a", "K", 1980)],
    )
    # January whole; February 9 of 28 days at 100 % and 19 at 50 %; March 11 of 31 at 50 %.
    sick = 160.0 + 140 * 9 / 28 + 140 * 19 / 28 * 0.5 + 160 * 11 / 31 * 0.5
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(sick / 460)
    assert figures["long_share"] == pytest.approx(1.0)


def test_a_one_day_gap_makes_two_spells_and_neither_is_long():
    # 1 Jan – 9 Feb (40 days), back at work on 10 Feb, sick again 11 Feb – 12 Mar (30 days).
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 1, 1), dt.date(2025, 2, 9), 100.0),
            ("a", dt.date(2025, 2, 11), dt.date(2025, 3, 12), 50.0),
        ],
        SPRING_HOURS,
        [("a", "K", 1980)],
    )
    sick = 160.0 + 140 * 9 / 28 + 140 * 18 / 28 * 0.5 + 160 * 12 / 31 * 0.5
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(sick / 460)
    assert figures["long_share"] == 0.0


def test_overlapping_rows_are_one_spell():
    # 1 Jan – 10 Feb and 1 Feb – 5 Mar overlap: one spell of 64 days.
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 1, 1), dt.date(2025, 2, 10), 50.0),
            ("a", dt.date(2025, 2, 1), dt.date(2025, 3, 5), 50.0),
        ],
        SPRING_HOURS,
        [("a", "K", 1980)],
    )
    assert kpi.sick_leave(spells, hours, people, *YEAR)["long_share"] == pytest.approx(1.0)


def test_an_open_continuation_runs_to_the_period_end_from_the_spells_first_day():
    # 1 – 30 Nov at 100 %, from 1 Dec at 50 % and still open on 31 Dec: 61 days, long, and
    # the person is long-term sick at the year end (the open row alone is 31 days).
    hours = [("a", dt.date(2025, 11, 1), 160.0), ("a", dt.date(2025, 12, 1), 150.0)]
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 11, 1), dt.date(2025, 11, 30), 100.0),
            ("a", dt.date(2025, 12, 1), None, 50.0),
        ],
        hours,
        [("a", "M", 1970)],
    )
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx((160 + 75) / 310)
    assert figures["long_share"] == pytest.approx(1.0)
    assert figures["long_term_sick"] == 1
    # From 15 Nov it is 47 days by 31 Dec: neither long nor long-term sick.
    later = spells.with_columns(
        pl.when(pl.col("end").is_not_null())
        .then(pl.lit(dt.date(2025, 11, 15)))
        .otherwise(pl.col("start"))
        .alias("start")
    )
    figures = kpi.sick_leave(later, hours, people, *YEAR)
    assert figures["long_share"] == 0.0 and figures["long_term_sick"] == 0


def test_a_row_before_the_period_lengthens_the_spell_it_continues():
    # 1 Nov – 31 Dec 2024, then 1 – 31 Jan 2025 at 50 %: 92 days; only January is in 2025.
    spells, hours, people = frames(
        [
            ("a", dt.date(2024, 11, 1), dt.date(2024, 12, 31), 100.0),
            ("a", dt.date(2025, 1, 1), dt.date(2025, 1, 31), 50.0),
        ],
        [("a", dt.date(2025, 1, 1), 160.0), ("a", dt.date(2025, 2, 1), 140.0)],
        [("a", "K", 1980)],
    )
    figures = kpi.sick_leave(spells, hours, people, *YEAR)
    assert figures["total"] == pytest.approx(80 / 300)
    assert figures["long_share"] == pytest.approx(1.0)


@settings(max_examples=150, deadline=None)
@given(populations(), st.data())
def test_splitting_a_spell_into_adjacent_rows_changes_neither_figure_1_nor_2(data, more):
    spells, hours, people = data
    rows = spells.rows()
    splittable = [i for i, r in enumerate(rows) if r[2] is None or r[2] > r[1]]
    if not splittable:
        return
    index = more.draw(st.sampled_from(splittable))
    person, start, end, extent = rows[index]
    # An open row is counted to the period's end: a cut after that end would turn an end not
    # yet known into a known one, which is another spell, not the same one split.
    longest = (end or max(YEAR[1], start + dt.timedelta(days=1))) - start
    cut = start + dt.timedelta(days=more.draw(st.integers(0, longest.days - 1)))
    kept = rows[:index] + rows[index + 1 :]
    pieces = [(person, start, cut, extent), (person, cut + dt.timedelta(days=1), end, extent)]
    # The order of the rows is no part of the data either.
    split_rows = more.draw(st.permutations(kept + pieces))
    split = pl.DataFrame(split_rows, schema=spells.schema, orient="row")
    before = kpi.sick_leave(spells, hours, people, *YEAR)
    after = kpi.sick_leave(split, hours, people, *YEAR)
    for name in ("total", "long_share", "long_term_sick"):
        assert after[name] == pytest.approx(before[name]), name


def test_a_spell_ending_after_the_period_counts_only_up_to_its_end():
    # 25 Dec 2025 – 22 Feb 2026 is 60 days in all (7 + 31 + 22), but 2025's figures count it
    # up to 31 December: 7 days, not long, the same as if its end were not yet known and
    # however it is written (one row, or two split at New Year).
    hours = [("a", dt.date(2025, 12, 1), 40.0)]
    people = [("a", "K", 1955)]
    one, hours, people = frames(
        [("a", dt.date(2025, 12, 25), dt.date(2026, 2, 22), 25.0)], hours, people
    )
    two, _, _ = frames(
        [
            ("a", dt.date(2026, 1, 1), dt.date(2026, 2, 22), 25.0),
            ("a", dt.date(2025, 12, 25), dt.date(2025, 12, 31), 25.0),
        ],
        [],
        [],
    )
    open_, _, _ = frames([("a", dt.date(2025, 12, 25), None, 25.0)], [], [])
    sick = 40 * 7 / 31 * 0.25  # 7 of December's 31 days at 25 %
    for spells in (one, two, open_):
        figures = kpi.sick_leave(spells, hours, people, *YEAR)
        assert figures["total"] == pytest.approx(sick / 40)
        assert figures["long_share"] == 0.0
    # The rows are still one spell, whose last known day early intervention reads.
    joined = kpi.continuous_spells(two, YEAR[1])
    assert joined.select("start", "spell_last", "long").rows() == [
        (dt.date(2025, 12, 25), dt.date(2026, 2, 22), False)
    ]


def test_a_closed_year_never_changes_when_next_years_rows_arrive():
    # The controller's smallest case: 1 Dec 2025 – 31 Jan 2026 at 100 %. For 2025 it is 31
    # days (short), as if it were open; for 2026 it is 62 days from its first day (long).
    hours, people = [("a", dt.date(2025, 12, 1), 150.0)], [("a", "M", 1970)]
    known, hours, people = frames(
        [("a", dt.date(2025, 12, 1), dt.date(2026, 1, 31), 100.0)], hours, people
    )
    still_open, _, _ = frames([("a", dt.date(2025, 12, 1), None, 100.0)], [], [])
    for spells in (known, still_open):
        figures = kpi.sick_leave(spells, hours, people, *YEAR)
        assert figures["total"] == 1.0 and figures["long_share"] == 0.0
        assert figures["long_term_sick"] == 0  # 31 days on 31 December
    # A year later the same spell counts from 1 December: 62 days by its end, long in 2026.
    _, january, _ = frames([], [("a", dt.date(2026, 1, 1), 160.0)], [])
    figures = kpi.sick_leave(known, january, people, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert figures["total"] == 1.0 and figures["long_share"] == 1.0
    # And a row of 2026 continuing a spell of 2025 changes nothing of 2025.
    rows = [
        ("a", dt.date(2025, 10, 20), dt.date(2025, 12, 10), 100.0),  # 52 days in 2025
        ("a", dt.date(2025, 12, 11), dt.date(2025, 12, 31), 50.0),  # … 73 by 31 December
        ("b", dt.date(2025, 11, 15), dt.date(2025, 12, 31), 100.0),  # 47 days
    ]
    later = [
        ("a", dt.date(2026, 1, 1), dt.date(2026, 3, 1), 50.0),
        ("b", dt.date(2026, 1, 1), dt.date(2026, 2, 28), 100.0),  # 106 days in all
    ]
    months = [("a", dt.date(2025, m, 1), 160.0) for m in (10, 11, 12)]
    months += [("b", dt.date(2025, m, 1), 160.0) for m in (11, 12)]
    staff = [("a", "K", 1980), ("b", "M", 1980)]
    before, hours, people = frames(rows, months, staff)
    after, _, _ = frames(rows + later, [], [])
    published = kpi.sick_leave(before, hours, people, *YEAR)
    assert kpi.sick_leave(after, hours, people, *YEAR) == published
    # By hand: a's 12 + 30 + 10 + 21 × 0.5 days are long; b's 16 + 31 days are not.
    a_days = [12 / 31, 30 / 30, 10 / 31 + 21 / 31 * 0.5]
    b_days = [16 / 30, 31 / 31]
    sick_a, sick_b = 160 * sum(a_days), 160 * sum(b_days)
    assert published["total"] == pytest.approx((sick_a + sick_b) / (5 * 160))
    assert published["long_share"] == pytest.approx(sick_a / (sick_a + sick_b))
    assert published["long_term_sick"] == 1  # a, 73 days on 31 December


@settings(max_examples=100, deadline=None)
@given(populations(), st.data())
def test_rows_starting_after_the_period_change_none_of_its_figures(data, more):
    """Next year's rows (continuing a spell of this year on 1 January, or not) leave every
    figure of a closed year as it was published."""
    spells, hours, people = data
    # And a row running over New Year, shorter or longer than 60 days by 31 December.
    last_start = YEAR[1] - dt.timedelta(days=more.draw(st.integers(0, 90)))
    last_end = more.draw(st.sampled_from([None, YEAR[1] + dt.timedelta(days=10)]))
    year_end = pl.DataFrame(
        [(people["person"][0], last_start, last_end, 100.0)], schema=spells.schema, orient="row"
    )
    spells = pl.concat([spells, year_end])
    # The day after a row's end, or any day of January: after a spell running past 31
    # December (known end or open) such a row continues it.
    starts = [
        (person, max(YEAR[1], end or YEAR[1]) + dt.timedelta(days=1))
        for person, _start, end, _extent in spells.rows()
        if end is None or end >= YEAR[1] - dt.timedelta(days=1)
    ]
    starts += [
        (person, YEAR[1] + dt.timedelta(days=n)) for person in people["person"] for n in (1, 9)
    ]
    later = []
    for _ in range(more.draw(st.integers(1, 4))):
        person, start = more.draw(st.sampled_from(starts))
        end = more.draw(st.sampled_from([None, start + dt.timedelta(days=70)]))
        later.append((person, start, end, float(more.draw(st.sampled_from([50, 100])))))
    arrived = pl.concat([spells, pl.DataFrame(later, schema=spells.schema, orient="row")])
    published = kpi.sick_leave(spells, hours, people, *YEAR)
    now = kpi.sick_leave(arrived, hours, people, *YEAR)
    assert now.keys() == published.keys()
    for name, value in published.items():  # the same sums, maybe added in another order
        assert now[name] == (value if value is None else pytest.approx(value)), name


def test_an_open_row_after_the_period_adds_no_day_to_the_spell_it_continues():
    # An open row counts up to the period's end, so one from 3 Nov is 59 days by 31 Dec: not
    # long. Written as 3 Nov – 31 Dec and an open row from 1 Jan 2026 it is the same.
    hours, people = [("a", dt.date(2025, 11, 1), 150.0)], [("a", "K", 1980)]
    one, hours, people = frames([("a", dt.date(2025, 11, 3), None, 100.0)], hours, people)
    two, _, _ = frames(
        [
            ("a", dt.date(2026, 1, 1), None, 100.0),
            ("a", dt.date(2025, 11, 3), dt.date(2025, 12, 31), 100.0),
        ],
        [],
        [],
    )
    for spells in (one, two):
        figures = kpi.sick_leave(spells, hours, people, *YEAR)
        assert figures["total"] == pytest.approx(28 / 30)  # 3 – 30 Nov
        assert figures["long_share"] == 0.0
    assert kpi.continuous_spells(two, YEAR[1]).select("start", "spell_last").rows() == [
        (dt.date(2025, 11, 3), dt.date(2025, 12, 31))
    ]


def test_spells_joined_up_to_a_later_date_give_the_same_long_term_count():
    # The key figures join ten years of spells once; a year's count must not change by it.
    spells, hours, people = frames(
        [
            ("a", dt.date(2025, 11, 1), dt.date(2025, 11, 30), 100.0),
            ("a", dt.date(2025, 12, 1), dt.date(2026, 1, 10), 50.0),
            ("a", dt.date(2026, 1, 11), None, 50.0),
            ("b", dt.date(2025, 12, 20), None, 100.0),
        ],
        [("a", dt.date(2025, 12, 1), 160.0), ("b", dt.date(2025, 12, 1), 160.0)],
        [("a", "K", 1980), ("b", "M", 1980)],
    )
    joined = kpi.continuous_spells(spells, dt.date(2026, 6, 30))
    months = kpi.sick_hours(joined, hours, *YEAR)
    assert kpi.figures(months, people, joined, YEAR[1])["long_term_sick"] == 1  # a only
    assert kpi.figures(months, people, spells, YEAR[1])["long_term_sick"] == 1
    assert months.columns == ["person", "month", "hours", "sick", "long"]
