"""Whose employments a subtree's forecast stands on (`shown.staff_of`), checked by hand."""

import datetime

import polars as pl

from bemanna.analysis.forecast.shown import headcount, staff_of
from bemanna.analysis.stock import people_on

ON = datetime.date(2025, 12, 31)
# A clinic "k" with wards "a" and "b". p: a nurse at 80 % in a with a 20 % manager's job in
# b; q: a nurse in b; r: left b in 2022; s: hired in b in 2026, after the base date; t: a
# doctor in a whose earlier job (ended 2019) was in b.
ROWS = [
    ("p", "a", "Sjuksköterskor", 80.0, datetime.date(2015, 1, 1), None),
    ("p", "b", "Chefer", 20.0, datetime.date(2016, 1, 1), None),
    ("q", "b", "Sjuksköterskor", 100.0, datetime.date(2015, 1, 1), None),
    ("r", "b", "Sjuksköterskor", 100.0, datetime.date(2015, 1, 1), datetime.date(2022, 6, 30)),
    ("s", "b", "Läkare", 100.0, datetime.date(2026, 2, 1), None),
    ("t", "b", "Läkare", 50.0, datetime.date(2012, 1, 1), datetime.date(2019, 12, 31)),
    ("t", "a", "Läkare", 100.0, datetime.date(2020, 1, 1), None),
]
STAFF = pl.DataFrame(
    [(*row[:3], 1970, "K", "permanent", *row[3:]) for row in ROWS],
    schema=["person", "unit_id", "group", "birth_year", "sex", "form", "rate", "start", "end"],
    orient="row",
)


def rows(frame):
    return sorted((r["person"], r["unit_id"]) for r in frame.iter_rows(named=True))


def test_a_person_goes_with_their_main_job():
    # a: p's two jobs, t's two jobs (the old one in b too); nothing of q, r, s.
    assert rows(staff_of(STAFF, {"a"}, ON)) == [
        ("p", "a"),
        ("p", "b"),
        ("t", "a"),
        ("t", "b"),
    ]
    # b: q, and the history of r (left) and s (hired later); no row of p or t.
    assert rows(staff_of(STAFF, {"b"}, ON)) == [("q", "b"), ("r", "b"), ("s", "b")]
    # The clinic (and any set of units holding every row) is the whole extract.
    assert staff_of(STAFF, {"k", "a", "b"}, ON).equals(STAFF)


def test_the_wards_share_out_the_clinics_people():
    # On the base date: a has p (a nurse at 80 + 20 = 100 %) and t; b has q. As the decision
    # counts them: (a, nurses) 1, (a, doctors) 1, (b, nurses) 1, and no manager anywhere.
    assert headcount(STAFF, ON) == {
        ("a", "Sjuksköterskor"): 1,
        ("a", "Läkare"): 1,
        ("b", "Sjuksköterskor"): 1,
    }
    a = people_on(staff_of(STAFF, {"a"}, ON), ON)
    b = people_on(staff_of(STAFF, {"b"}, ON), ON)
    assert sorted(a.select("person", "group", "rate").rows()) == [
        ("p", "Sjuksköterskor", 100.0),
        ("t", "Läkare", 100.0),
    ]
    assert b.select("person", "group", "rate").rows() == [("q", "Sjuksköterskor", 100.0)]
    # 2 + 1 people and 2.0 + 1.0 FTE: the clinic's 3 and 3.0.
    assert a.height + b.height == 3 and a["rate"].sum() + b["rate"].sum() == 300.0
