"""Common random numbers: a run with a lever meets the same random exits and hires as the
run without it, so each lever's effect in the waterfall is the lever's, not Monte Carlo's."""

import datetime

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import demo
from bemanna.analysis.forecast import (
    Levers,
    baseline,
    demo_projection,
    demographic_index,
    estimate_rates,
    project,
    simulate,
    weights_for,
)
from bemanna.analysis.forecast.frames import from_extract

AS_OF = datetime.date(2025, 12, 31)
HORIZON = 2035


@pytest.fixture(scope="module")
def region():
    extract = demo.build_region(1500, seed=9, today=datetime.date(2026, 6, 30)).employments
    staff = from_extract(extract)
    base = baseline(staff, AS_OF, hired_fte={"Läkare": 5.0}, vacancies={"Sjuksköterskor": 4.0})
    index = demographic_index(demo_projection(2025, 2040), weights_for(list(base.groups)), 2025)
    return base, estimate_rates(staff, AS_OF), index, staff


def horizon_gap(region, levers, seed, draws=40):
    base, rates, index, _staff = region
    run = simulate(base, rates, index, levers, horizon=HORIZON, draws=draws, seed=seed)
    return run["gap_fte"][:, :, -1].sum(axis=1)  # [D]


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), productivity=st.floats(0.2, 2.0))
def test_a_lever_that_only_lowers_demand_lowers_the_gap_in_every_draw(region, seed, productivity):
    base, _rates, index, _staff = region
    effect = horizon_gap(region, Levers(productivity=productivity), seed) - horizon_gap(
        region, Levers(), seed
    )
    # By hand: demand at the horizon is base FTE × index × (1 − p)^T, the supply is the same
    # people in both runs, so every draw's effect is the fall in demand and nothing else.
    years = HORIZON - base.year
    base_fte = (base.headcount * base.rate).sum(axis=1) / 100 + base.hired_fte + base.vacancies
    lookup = {(g, y): v for g, y, v in index.select("group", "year", "index").iter_rows()}
    fall = sum(
        fte * lookup.get((g, HORIZON), 1.0) * (1 - (1 - productivity / 100) ** years)
        for g, fte in zip(base.groups, base_fte, strict=True)
    )
    assert (effect < 0).all()
    assert effect == pytest.approx(np.full(effect.shape, -fall), abs=1e-6)


def test_the_effect_band_of_a_demand_lever_is_narrow_beside_the_gaps(region):
    gap = horizon_gap(region, Levers(), seed=3, draws=200)
    effect = horizon_gap(region, Levers(productivity_by_group={"Administration": 0.5}), 3, 200)
    effect = effect - gap
    width = np.quantile(effect, 0.9) - np.quantile(effect, 0.1)
    assert np.quantile(effect, 0.9) < 0
    assert width < 0.01 * (np.quantile(gap, 0.9) - np.quantile(gap, 0.1))


@pytest.mark.parametrize("seed", [1, 7, 2026])
def test_more_full_time_raises_supply_in_every_draw_even_with_a_surveys_error(region, seed):
    # The survey's error draws the willing share per draw: still no draw may lose FTE.
    levers = Levers(part_time_share=0.5, part_time_share_error=0.1)
    effect = horizon_gap(region, levers, seed) - horizon_gap(region, Levers(), seed)
    assert (effect < 0).all()


@pytest.mark.parametrize(
    "levers",
    [Levers(turnover_change=-0.2), Levers(retirement_shift=2.0)],
    ids=["lower turnover", "later retirement"],
)
def test_a_lever_that_keeps_people_longer_lowers_the_gap_in_every_draw(region, levers):
    # Fewer exits in every cell: with the same uniform per cell (inversion), no draw can
    # lose people to the lever, so none may see a larger gap.
    for seed in (1, 7):
        gap = horizon_gap(region, Levers(), seed, 100)
        effect = horizon_gap(region, levers, seed, 100) - gap
        assert (effect < 0).all()
        # The lever's own spread, not the gap's: well under a quarter of the gap's band.
        width = np.quantile(effect, 0.9) - np.quantile(effect, 0.1)
        assert width < 0.25 * (np.quantile(gap, 0.9) - np.quantile(gap, 0.1))


def test_the_baseline_is_unchanged_in_distribution(region):
    """Means pinned from the engine before the streams were split (one shared generator),
    4,000 draws, seed 1 (that engine, from 6abf1d3^, run again on the demo whose hires are at
    risk from their start day). Their Monte Carlo standard errors are about 0.75 FTE (gap, SD ≈ 47),
    1.3 people (headcount, SD ≈ 50), 0.06 (first year's retirements, SD ≈ 3.9) and 0.2
    (other leavers, SD ≈ 11): the tolerances are three to five standard errors of the
    difference between two such runs."""
    _base, rates, _index, staff = region
    base = baseline(staff, AS_OF)
    index = demographic_index(demo_projection(2025, 2040), weights_for(list(base.groups)), 2025)
    forecast = project(base, rates, index, horizon=HORIZON, draws=4000, seed=1)

    def mean(measure, year):
        bands = forecast.measure(measure)
        return bands.filter(bands["year"] == year)["mean"].item()

    assert mean("gap_fte", 2035) == pytest.approx(45.107, abs=3.5)
    assert mean("supply_headcount", 2035) == pytest.approx(1468.081, abs=5.5)
    assert mean("retirements", 2026) == pytest.approx(16.082, abs=0.3)
    assert mean("other_leavers", 2035) == pytest.approx(113.855, abs=1.0)
