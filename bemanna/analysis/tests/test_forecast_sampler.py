"""The projection's binomial draws (`model._Binomial`): numpy's numbers where numpy inverts,
the binomial distribution everywhere, one uniform per cell, each year's probabilities with the
years' swing, and batches of draws that give what the whole chunk would."""

import dataclasses
import datetime
import math

import numpy as np
import pytest

from bemanna.analysis import demo
from bemanna.analysis.forecast import (
    baseline,
    demo_projection,
    demographic_index,
    dispersion,
    estimate_rates,
    simulate,
    weights_for,
)
from bemanna.analysis.forecast import model as forecast_model
from bemanna.analysis.forecast.frames import from_extract


def test_the_same_numbers_as_numpys_binomial_where_every_cell_is_searched():
    rng = np.random.default_rng(11)
    n = rng.integers(0, 60, size=(40, 6, 52))
    p = rng.uniform(0.0, 1.0, size=n.shape)
    p[:, :, 0], p[:, :, 1], p[:, :, -1] = 0.0, 0.5, 1.0
    p = np.where(n * np.minimum(p, 1 - p) > 30, 0.3, p)  # numpy inverts all of these
    ours = forecast_model._Binomial(p).draw(n, np.random.default_rng(5)).copy()
    # numpy takes no uniform for an empty cell or p = 0; given one (n ≥ 1, p > 0), it takes
    # one per cell, as ours does for every cell.
    theirs = np.random.default_rng(5).binomial(np.maximum(n, 1), np.maximum(p, 1e-300))
    assert (ours == np.where(n == 0, 0, theirs)).all()
    assert (ours[:, :, -1] == n[:, :, -1]).all()  # p = 1: everyone
    assert (ours[:, :, 0] == 0).all()  # p = 0: no one


@pytest.mark.parametrize(
    ("n", "p"),
    [(12, 0.07), (40, 0.35), (25, 0.8), (400, 0.2), (300, 0.9)],
    ids=["small", "searched long", "complement", "BTPE", "BTPE complement"],
)
def test_the_counts_follow_the_binomial_distribution(n, p):
    draws = 200_000
    table = forecast_model._Binomial(np.full((draws,), p))
    counts = table.draw(np.full((draws,), n), np.random.default_rng(n)).copy()
    frequency = np.bincount(counts, minlength=n + 1) / draws
    # By hand: P(X = k) = C(n, k) p^k (1 − p)^(n − k); every value with 0.5 % or more of the
    # mass within five standard errors of its frequency.
    for k in range(n + 1):
        mass = math.comb(n, k) * p**k * (1 - p) ** (n - k)
        if mass >= 0.005:
            assert abs(frequency[k] - mass) < 5 * math.sqrt(mass * (1 - mass) / draws), k
    assert counts.mean() == pytest.approx(n * p, abs=5 * math.sqrt(n * p * (1 - p) / draws))


def test_one_uniform_per_cell_gives_fewer_exits_where_the_probability_or_cell_is_smaller():
    rng = np.random.default_rng(3)
    n = rng.integers(0, 61, size=(200, 52))  # n·p ≤ 30: searched, not BTPE (as in numpy)
    low = rng.uniform(0.0, 0.3, size=n.shape)
    high = np.minimum(low + rng.uniform(0.0, 0.2, size=n.shape), 0.5)
    fewer = forecast_model._Binomial(low).draw(n, np.random.default_rng(8)).copy()
    more = forecast_model._Binomial(high).draw(n, np.random.default_rng(8)).copy()
    assert (fewer <= more).all() and (fewer < more).any()
    smaller = forecast_model._Binomial(high).draw(n // 2, np.random.default_rng(8)).copy()
    assert (smaller <= more).all()


def test_a_table_set_to_a_new_years_probabilities_draws_numpys_numbers_for_them():
    rng = np.random.default_rng(21)
    n = rng.integers(0, 50, size=(30, 4, 20))
    first = rng.uniform(0.0, 0.6, size=n.shape)
    table = forecast_model._Binomial(first)
    table.draw(n, np.random.default_rng(1))
    for year, high in ((2, 0.4), (3, 1.0)):  # the second year: no cell over 1/2, no complement
        p = rng.uniform(0.0, high, size=n.shape)
        p[:, :, -1] = 1.0 if high == 1.0 else p[:, :, -1]
        p = np.where(n * np.minimum(p, 1 - p) > 30, 0.2, p)  # numpy inverts all of these
        table.set(p)
        ours = table.draw(n, np.random.default_rng(year)).copy()
        theirs = np.random.default_rng(year).binomial(np.maximum(n, 1), np.maximum(p, 1e-300))
        assert (ours == np.where(n == 0, 0, theirs)).all(), year
        fresh = forecast_model._Binomial(p).draw(n, np.random.default_rng(year))
        assert (ours == fresh).all(), year


def test_a_years_hazards_are_each_kinds_survival_to_the_power_of_its_multiplier():
    p_ret = np.array([[0.0, 0.0, 0.1, 1.0], [0.0, 0.0, 0.3, 1.0]])  # [D, A]
    p_oth = np.array([[[0.05, 0.1, 0.2, 0.0]], [[0.02, 0.0, 0.4, 0.0]]])  # [D, G, A]
    shocks = (np.array([[1.0, 2.0], [0.5, 1.5]]), np.array([[1.0, 0.5], [3.0, 1.0]]))  # [D, T]
    hazards = forecast_model._YearHazards(p_ret, p_oth, shocks, slice(2, None))
    for t in (1, 2):
        p_year, split = hazards(t)
        batch = hazards.batch(slice(1, 2))(t)  # the second draw alone
        for d in (0, 1):
            for a in range(4):
                # By hand: each kind's survival to the power of its multiplier.
                ret = 1 - (1 - p_ret[d, a]) ** shocks[0][d, t - 1]
                oth = 1 - (1 - p_oth[d, 0, a]) ** shocks[1][d, t - 1]
                total = 1 - (1 - ret) * (1 - oth)
                assert p_year[d, 0, a] == pytest.approx(total, abs=1e-12), (t, d, a)
                if a >= 2:
                    share = ret / total if total > 0 else 0.0
                    assert split[d, 0, a - 2] == pytest.approx(share, abs=1e-12), (t, d, a)
            if d == 1:
                assert (batch[0][0] == p_year[1]).all() and (batch[1][0] == split[1]).all()


@pytest.mark.parametrize("swing", [False, True], ids=["no swing", "years' swing"])
def test_batches_of_draws_give_the_numbers_of_the_whole_chunk(monkeypatch, swing):
    extract = demo.build_region(600, seed=4, today=datetime.date(2026, 6, 30)).employments
    staff = from_extract(extract)
    as_of = datetime.date(2025, 12, 31)
    base = baseline(staff, as_of)
    index = demographic_index(demo_projection(2025, 2035), weights_for(list(base.groups)), 2025)
    rates = dataclasses.replace(
        estimate_rates(staff, as_of),
        retirement_years=dispersion.YearEffect(0.04, 0.01) if swing else dispersion.YearEffect(),
        other_years=dispersion.YearEffect(0.02, 0.004) if swing else dispersion.YearEffect(),
    )

    def run(cells):
        monkeypatch.setattr(forecast_model, "_BATCH_CELLS", cells)
        return simulate(base, rates, index, horizon=2035, draws=60, seed=9)

    whole, batched = run(10**9), run(len(base.groups) * forecast_model.A * 7)  # 7 draws a batch
    for measure in forecast_model.MEASURES:
        assert np.allclose(whole[measure], batched[measure], rtol=0, atol=1e-9), measure
    assert (whole["supply_headcount"] == batched["supply_headcount"]).all()
