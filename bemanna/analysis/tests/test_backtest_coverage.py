"""The backtest's coverage (issue 18): a group with nobody in it (hourly staff only) is no
hit, and the pooled share is the groups' tested years, counted here by hand."""

import datetime

import polars as pl

from bemanna.analysis.forecast.backtest import TOTAL, backtest, coverage, pooled, summary
from bemanna.analysis.tests.test_shrinkage import _simulated_region


def _with_hourly_only_group(staff: pl.DataFrame) -> pl.DataFrame:
    hourly = pl.DataFrame(
        {
            "person": [f"h{i}" for i in range(5)],
            "group": ["Vårdbiträde"] * 5,
            "birth_year": [1980] * 5,
            "form": ["hourly"] * 5,
            "rate": [None] * 5,
            "start": [datetime.date(2014, 1, 1)] * 5,
            "end": [None] * 5,
            "end_reason": [None] * 5,
        },
        schema=staff.schema,
    )
    return pl.concat([staff, hourly])


def test_a_group_with_nobody_is_not_a_hit_and_the_headline_is_the_pooled_row():
    staff = _with_hourly_only_group(_simulated_region(seed=7, groups=4, size=30))
    table = backtest(staff, 2021, years=3, draws=200, seed=3)
    # By hand: every group's year but the total's, tested where anyone is in it or forecast.
    hits = tested = 0
    for row in table.iter_rows(named=True):
        if row["group"] == TOTAL or (row["actual"] == 0 and row["p90"] == 0):
            continue
        tested += 1
        hits += row["p10"] <= row["actual"] <= row["p90"]
    empty = table.filter(pl.col("group") == "Vårdbiträde")
    # The hourly group is among the forecast's groups, with nobody in its cohort: no hit.
    assert empty.height == 3 and empty["within_band"].is_null().all()
    assert "Vårdbiträde" not in summary(table)["group"].to_list()
    assert tested == 4 * 3
    assert pooled(table) == (hits, tested)
    assert coverage(table) == hits / tested
    rows = summary(table).filter(pl.col("group") != TOTAL)
    assert rows["inside"].sum() == hits and rows["years"].sum() == tested
