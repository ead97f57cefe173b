"""The forecast band of small groups is calibrated when their rates rest on few exits (issue 14).

Many simulated truths: groups of about 40 people, each with its own constant exit hazard drawn
around the region's (sd 41 %), two years of history (about eight exits per group), a forecast
of the survivors five years on. The truth is drawn in plain numpy from the true hazards; the
band is the engine's, fitted on the history alone. A calibrated P10–P90 band holds the truth as
often as it holds its own draws (a little over 80 % for whole people, counted in plain numpy
from the draws); a band of the point estimates alone (binomial exits at the fitted hazards, as a
model without the rates' uncertainty would draw) holds far fewer.
"""

import datetime
from dataclasses import replace

import numpy as np
import polars as pl
from hypothesis import assume, given
from hypothesis import strategies as st
from scipy import stats

from bemanna.analysis.forecast import baseline, estimate_rates, simulate
from bemanna.analysis.forecast.shrinkage import shrink

AS_OF = datetime.date(2025, 12, 31)
FLAT = pl.DataFrame(schema={"group": pl.String, "year": pl.Int64, "index": pl.Float64})
GROUPS, SIZE, YEARS, HORIZON, DRAWS = 100, 40, 2, 5, 200
PARENT, SPREAD = 0.10, 6.0  # the region's hazard; groups' relative hazards ~ Gamma(6, 6)


def _history(seed):
    """Each of SIZE posts per group held in turn by people who leave at exponential times
    (the group's hazard) and are replaced 40 days later; everyone born 1994, so all stay in
    the 30–39 band and nobody retires. Returns the employments, the true hazards and the
    people on AS_OF per group."""
    rng = np.random.default_rng(seed)
    hazards = PARENT * rng.gamma(SPREAD, 1 / SPREAD, GROUPS)
    first = datetime.date(AS_OF.year - YEARS + 1, 1, 1).toordinal()
    last = AS_OF.toordinal()
    rows, cohort = [], np.zeros(GROUPS, dtype=np.int64)
    for g in range(GROUPS):
        for _post in range(SIZE):
            start, at = first - int(rng.integers(1, 2000)), first
            while start <= last:
                end = at + rng.exponential(365.25 / hazards[g])
                if end > last:
                    rows.append((f"G{g:03d}", start, None))
                    cohort[g] += 1
                    break
                rows.append((f"G{g:03d}", start, int(end)))
                at = start = int(end) + 40
    frame = pl.DataFrame(
        [
            (
                f"p{i}",
                group,
                1994,
                "permanent",
                100.0,
                datetime.date.fromordinal(start),
                None if end is None else datetime.date.fromordinal(end),
                None if end is None else "own_request",
            )
            for i, (group, start, end) in enumerate(rows)
        ],
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
    return frame, hazards, cohort


def test_a_small_groups_band_holds_the_truth_as_often_as_its_own_draws():
    inside, nominal, point_inside = [], [], []
    for seed in (1, 2, 3):
        staff, hazards, cohort = _history(seed)
        rates = estimate_rates(staff, AS_OF, YEARS)
        assert rates.other["events"].mean() < 10  # few exits behind each group's rate
        base = baseline(staff, AS_OF)
        assert base.groups == tuple(f"G{g:03d}" for g in range(GROUPS))
        assert base.headcount.sum(axis=1).tolist() == cohort.tolist()
        base = replace(base, hires_per_year=np.zeros(GROUPS))
        draws = simulate(base, rates, FLAT, horizon=AS_OF.year + HORIZON, draws=DRAWS, seed=seed)
        people = draws["supply_headcount"][:, :, HORIZON]  # [draws, groups]
        # Plain numpy from here: the truth, the band, and how often each holds what.
        truth = np.random.default_rng(seed + 1000).binomial(cohort, np.exp(-HORIZON * hazards))
        p10, p90 = np.quantile(people, [0.1, 0.9], axis=0)
        inside.append((p10 <= truth) & (truth <= p90))
        nominal.append(((p10 <= people) & (people <= p90)).mean(axis=0))
        fitted = dict(rates.other.select("group", "hazard").iter_rows())
        lam = np.array([fitted[g] for g in base.groups])
        point = np.random.default_rng(seed + 2000).binomial(
            cohort, np.exp(-HORIZON * lam), size=(DRAWS, GROUPS)
        )
        q10, q90 = np.quantile(point, [0.1, 0.9], axis=0)
        point_inside.append((q10 <= truth) & (truth <= q90))
    share, goal = float(np.mean(inside)), float(np.mean(nominal))
    # 300 truths: a standard error of about 0.02. Measured: 0.86 inside, 0.84 nominal; the
    # point estimates' band 0.73.
    assert 0.8 <= goal <= 0.9
    assert abs(share - goal) <= 0.05, (share, goal)
    assert float(np.mean(point_inside)) <= goal - 0.07, float(np.mean(point_inside))


def _cells(events, exposure):
    return pl.DataFrame(
        {
            "group": [f"g{i}" for i in range(len(events))],
            "band": ["30–39"] * len(events),
            "events": events,
            "exposure": exposure,
        },
        schema={"group": pl.String, "band": pl.String, "events": pl.Int64, "exposure": pl.Float64},
    )


def _relative_band(cells, k):
    """P90 / P10 of each cell's posterior hazard (scipy's gamma quantiles, not the engine's
    draws): how wide its band is, relative to its level."""
    out = shrink(cells, k=k)
    shape = out["shape"].to_numpy()
    return stats.gamma.ppf(0.9, shape) / stats.gamma.ppf(0.1, shape)


@given(
    st.lists(st.tuples(st.integers(0, 60), st.floats(5.0, 600.0)), min_size=2, max_size=8),
    st.integers(1, 60),
    st.floats(0.5, 200.0),
)
def test_a_cells_band_never_narrows_when_its_exits_get_fewer(cells, fewer, k):
    """Fewer exits behind a cell, at its exposure or at its rate (exposure cut alike), leave
    its hazard's relative band at least as wide: the band comes from the exits seen."""
    events = [d for d, _e in cells]
    exposure = [e for _d, e in cells]
    less = max(0, events[0] - fewer)
    # The cell has exits to lose, and its band keeps some (a band without exits stays at 0).
    assume(events[0] > 0 and less + sum(events[1:]) > 0)
    before = _relative_band(_cells(events, exposure), k)[0]
    same_exposure = _relative_band(_cells([less, *events[1:]], exposure), k)[0]
    cut = exposure[0] * less / events[0]
    same_rate = (
        _relative_band(_cells([less, *events[1:]], [max(cut, 1e-6), *exposure[1:]]), k)[0]
        if less
        else before
    )
    assert same_exposure >= before * (1 - 1e-12)
    assert same_rate >= before * (1 - 1e-12)
