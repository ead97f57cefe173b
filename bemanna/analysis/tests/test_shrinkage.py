"""Empirical-Bayes shrinkage of exit rates, and the backtest band's coverage it is for."""

import datetime

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis.forecast import shrinkage
from bemanna.analysis.forecast.backtest import TOTAL, backtest, coverage

CELLS = [
    # group, band, exits, person-years
    ("A", "<30", 3, 20.0),
    ("B", "<30", 30, 240.0),
    ("C", "<30", 9, 150.0),
    ("D", "<30", 1, 35.0),
    ("A", "30–39", 6, 40.0),
    ("B", "30–39", 12, 300.0),
    ("C", "30–39", 10, 90.0),
    ("D", "30–39", 0, 15.0),
]


def _frame(cells):
    return pl.DataFrame(
        cells,
        schema={"group": pl.String, "band": pl.String, "events": pl.Int64, "exposure": pl.Float64},
        orient="row",
    )


def _by_hand(cells):
    """The moment estimator (Marshall 1991, with DerSimonian & Laird's degrees of freedom for
    the parent estimated from the same cells) and the gamma posterior means, in plain Python."""
    bands = sorted({c[1] for c in cells})
    parent = {}
    for band in bands:
        d = sum(c[2] for c in cells if c[1] == band)
        e = sum(c[3] for c in cells if c[1] == band)
        parent[band] = d / e
    expected = [c[3] * parent[c[1]] for c in cells]
    q = sum(e * (c[2] / e - 1) ** 2 for c, e in zip(cells, expected, strict=True))
    scale = sum(expected)
    for band in bands:
        inside = [e for c, e in zip(cells, expected, strict=True) if c[1] == band]
        scale -= sum(e * e for e in inside) / sum(inside)
    between = (q - (len(cells) - len(bands))) / scale
    k = 200.0 if between <= 0 else min(max(1 / between, 0.5), 200.0)
    shrunk = {
        (c[0], c[1]): parent[c[1]] * (c[2] + k) / (e + k)
        for c, e in zip(cells, expected, strict=True)
    }
    return k, shrunk


def test_the_estimator_agrees_with_a_plain_python_computation():
    k, shrunk = _by_hand(CELLS)
    out = shrinkage.shrink(_frame(CELLS))
    assert out["strength"][0] == pytest.approx(k)
    for group, band, hazard, shape, rate in out.select(
        "group", "band", "hazard", "shape", "rate"
    ).iter_rows():
        assert hazard == pytest.approx(shrunk[(group, band)])
        assert shape / rate == pytest.approx(hazard)  # the posterior's mean is the hazard


def test_groups_no_more_different_than_chance_lean_fully_on_the_parent():
    # Every group exactly at the band's rate: the spread is below Poisson noise, k is capped.
    cells = [(g, "<30", n, n * 10.0) for g, n in (("A", 2), ("B", 5), ("C", 20))]
    assert shrinkage.strength(_frame(cells)) == shrinkage.MAX_STRENGTH


cells_strategy = st.lists(
    st.tuples(st.integers(0, 40), st.floats(1.0, 500.0)), min_size=2, max_size=12
)


@settings(max_examples=200, deadline=None)
@given(cells_strategy, st.floats(0.5, 200.0))
def test_the_shrunk_rate_lies_between_the_groups_own_rate_and_the_parents(cells, k):
    frame = _frame([(f"G{i}", "<30", d, e) for i, (d, e) in enumerate(cells)])
    parent = sum(d for d, _e in cells) / sum(e for _d, e in cells)
    out = shrinkage.shrink(frame, k=k)
    for (d, e), hazard in zip(cells, out["hazard"].to_list(), strict=True):
        raw = d / e
        low, high = min(raw, parent), max(raw, parent)
        if parent > 0:
            assert low - 1e-12 <= hazard <= high + 1e-12


@settings(max_examples=100, deadline=None)
@given(st.floats(0.02, 0.3), st.floats(0.02, 0.3), st.floats(0.5, 200.0))
def test_a_group_with_much_exposure_keeps_its_own_rate(own, other, k):
    # 10 million person-years: the prior's k pseudo-exits are nothing beside them.
    big, small = 10_000_000.0, 100.0
    frame = _frame(
        [("big", "<30", round(own * big), big), ("small", "<30", round(other * small), small)]
    )
    hazard = shrinkage.shrink(frame, k=k).filter(pl.col("group") == "big")["hazard"].item()
    assert hazard == pytest.approx(round(own * big) / big, rel=1e-3)


def test_draws_of_a_rate_centre_on_its_posterior_and_are_wider_for_a_small_group():
    out = shrinkage.shrink(_frame(CELLS), k=10.0)
    rng = np.random.default_rng(3)
    draws = shrinkage.draw_rates(out, ("A", "B", "Z"), ("<30", "30–39"), 20_000, rng)
    means = shrinkage.draw_rates(out, ("A", "B", "Z"), ("<30", "30–39"), 1, None)[0]
    assert draws.mean(axis=0) == pytest.approx(means, rel=0.03)
    # Relative spread of the posterior Gamma(d + k) times the parent's Gamma(D, D), D = 43
    # exits under 30: √((1 + 1/(d + k))(1 + 1/D) − 1). A has 3 exits under 30, B 30.
    relative = draws.std(axis=0) / draws.mean(axis=0)
    for g, exits in ((0, 3), (1, 30)):
        spread = ((1 + 1 / (exits + 10)) * (1 + 1 / 43) - 1) ** 0.5
        assert relative[g, 0] == pytest.approx(spread, rel=0.05)
    assert relative[0, 0] > 1.3 * relative[1, 0]  # the small group is the less certain
    parent = 43 / 445  # Z was never seen: its parent's rate, under 30
    assert means[2, 0] == pytest.approx(parent)


def _simulated_region(seed, groups=16, size=60):
    """Groups of about `size` people from 2012 to 2025, each with its own constant yearly
    exit hazard drawn around 10 % (sd 58 %): exits at exponential times within each
    calendar year, every leaver replaced by a hire, so each group stays near its size."""
    rng = np.random.default_rng(seed)
    hazards = 0.10 * rng.gamma(3.0, 1 / 3.0, groups)
    epoch = datetime.date(2012, 1, 1).toordinal()
    rows = []
    count = 0

    def hire(group, day):
        nonlocal count
        count += 1
        birth = 2012 + (day - epoch) // 365 - int(rng.integers(22, 45))
        return [f"p{count}", f"G{group:02d}", birth, day, None]

    people = [
        hire(g, epoch - int(rng.integers(1, 3000))) for g in range(groups) for _ in range(size)
    ]
    for year in range(2012, 2026):
        first = datetime.date(year, 1, 1).toordinal()
        last = datetime.date(year, 12, 31).toordinal()
        hires = []
        for person in people:
            if person[4] is not None:
                continue
            begin = max(person[3], first)
            at = begin + rng.exponential(365.25 / hazards[int(person[1][1:])])
            if at <= last:
                person[4] = int(at)
                hires.append(hire(int(person[1][1:]), int(rng.integers(int(at), last + 1))))
        people += hires
    for person, group, birth, start, end in people:
        rows.append(
            (
                person,
                group,
                birth,
                "permanent",
                100.0,
                datetime.date.fromordinal(start),
                datetime.date.fromordinal(end) if end else None,
                "own_request" if end else None,
            )
        )
    return pl.DataFrame(
        rows,
        schema={
            "person": pl.String,
            "group": pl.String,
            "birth_year": pl.Int64,
            "form": pl.String,
            "rate": pl.Float64,
            "start": pl.Date,
            "end": pl.Date,
            "end_reason": pl.String,
        },
        orient="row",
    )


def test_the_band_of_small_groups_holds_about_80_percent_of_actual_values():
    staff = _simulated_region(seed=2026)
    tables = [
        backtest(staff, fit, years=3, draws=400, seed=fit) for fit in (2019, 2020, 2021, 2022)
    ]
    shares = [coverage(table) for table in tables]
    assert all(t.filter(pl.col("group") != TOTAL)["actual"].max() < 100 for t in tables)
    share = sum(shares) / len(shares)
    # 0.82 with this seed (0.80–0.85 over other seeds). Leaning fully on the parent (k → ∞)
    # gives 0.62 here (0.55–0.70 over the same seeds): groups this different need their own rate.
    assert 0.7 <= share <= 0.95, shares
