"""The history figures of a unit count each person once, in their main job in the region: a
nurse with 80 % in ward A and 20 % as a psychologist in ward B counts in A only (with her
100 %), so that A's and B's headcount, FTE, ages and pyramids add up to their clinic's, and
B shows no psychologist. Counted in the subtree's own employments, she was in both wards
(A + B − clinic = her) and B's psychologists were her alone. Every figure here by hand."""

import datetime

import polars as pl

from bemanna.analysis.forecast import history
from bemanna.analysis.stock import main_jobs

YEAR = 2024
END = datetime.date(YEAR, 12, 31)
START = datetime.date(2020, 1, 1)
# person, unit, group, born, sex, rate, start
ROWS = [
    ("a", "A", "SSK", 1964, "K", 80.0, START),  # her main job; 60 in 2024
    ("a", "B", "PSY", 1964, "K", 20.0, START),  # her second job
    ("b", "A", "SSK", 1990, "M", 100.0, START),
    ("c", "B", "SSK", 1980, "K", 50.0, datetime.date(YEAR, 3, 1)),  # hired in 2024
]
REGION = pl.DataFrame(
    [(*row, "permanent", None, None) for row in ROWS],
    schema={
        "person": pl.String,
        "unit_id": pl.String,
        "group": pl.String,
        "birth_year": pl.Int64,
        "sex": pl.String,
        "rate": pl.Float64,
        "start": pl.Date,
        "form": pl.String,
        "end": pl.Date,
        "end_reason": pl.String,
    },
    orient="row",
)
SUBTREES = {"clinic": {"A", "B"}, "A": {"A"}, "B": {"B"}}


def _people(units):
    return lambda day: main_jobs(REGION, day).filter(pl.col("unit_id").is_in(list(units)))


def _row(code, group=history.ALL):
    units = SUBTREES[code]
    staff = REGION.filter(pl.col("unit_id").is_in(list(units)))
    table = history.yearly(staff, YEAR, YEAR, _people(units))
    rows = table.filter(pl.col("group") == group).to_dicts()
    return rows[0] if rows else None


def test_a_person_with_two_jobs_counts_once_in_her_main_job():
    # A: a (80 % + 20 % = 100 %, aged 60) and b (100 %): 2 people, 2.0 FTE, half 60+.
    a = _row("A")
    assert (a["headcount"], a["fte"], a["share_60_plus"]) == (2, 2.0, 0.5)
    # B: c alone (50 %, aged 44), hired in 2024; nobody there at the start of the year.
    b = _row("B")
    assert (b["headcount"], b["fte"], b["share_60_plus"]) == (1, 0.5, 0.0)
    assert (b["headcount_start"], b["hires"]) == (0, 1)
    # The clinic: the three, 2.5 FTE, one of three 60+: A + B, nobody twice.
    clinic = _row("clinic")
    assert (clinic["headcount"], clinic["fte"]) == (3, 2.5)
    assert clinic["share_60_plus"] == 1 / 3
    assert a["headcount"] + b["headcount"] == clinic["headcount"]
    assert a["fte"] + b["fte"] == clinic["fte"]
    # B has no psychologist: a's second job counts nowhere as a group of its own.
    assert _row("B", "PSY") is None
    assert _row("B", "SSK")["headcount"] == 1


def test_the_pyramids_add_up_over_the_wards():
    def pyramid(code):
        rows = history.pyramid(_people(SUBTREES[code])(END), YEAR).rows(named=True)
        return {(r["band"], r["sex"]): r["headcount"] for r in rows}

    # a 60 (60–64, woman), b 34 (30–34, man) in A; c 44 (40–44, woman) in B.
    assert pyramid("A") == {("60–64", "K"): 1, ("30–34", "M"): 1}
    assert pyramid("B") == {("40–44", "K"): 1}
    assert pyramid("clinic") == pyramid("A") | pyramid("B")


def test_the_months_count_her_once_too():
    units = SUBTREES["B"]
    staff = REGION.filter(pl.col("unit_id").is_in(list(units)))
    months = history.monthly(staff, END, months=12, stock=_people(units))
    # B: nobody (a's 20 % is no one of B's) until c starts in March at 50 %.
    assert months.select("month", "headcount", "fte").rows()[1:3] == [
        ("2024-02", 0, 0.0),
        ("2024-03", 1, 0.5),
    ]
