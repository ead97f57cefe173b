"""The effects' steps (`effects.step_draws`) reuse runs they need not repeat (issue 19): a
step with the scenario's own levers is the scenario's run, and a step the caller kept is not
simulated again. Either way every step is the very draws a fresh simulation gives."""

import datetime

import numpy as np
import pytest

from bemanna.analysis import demo
from bemanna.analysis.forecast import (
    Levers,
    baseline,
    demo_projection,
    demographic_index,
    effects,
    estimate_rates,
    model,
    project,
    simulate,
    weights_for,
)
from bemanna.analysis.forecast.frames import from_extract

AS_OF = datetime.date(2025, 12, 31)
HORIZON, DRAWS, SEED = 2032, 30, 11


@pytest.fixture(scope="module")
def region():
    extract = demo.build_region(600, seed=4, today=datetime.date(2026, 6, 30)).employments
    staff = from_extract(extract)
    base = baseline(staff, AS_OF)
    index = demographic_index(demo_projection(2025, 2040), weights_for(list(base.groups)), 2025)
    return base, estimate_rates(staff, AS_OF), index


def fresh(region, levers):
    """The horizon's gap of every draw, simulated on its own."""
    base, rates, index = region
    run = simulate(base, rates, index, levers, horizon=HORIZON, draws=DRAWS, seed=SEED)
    return run["gap_fte"][:, :, -1]


def steps(region, levers, monkeypatch, remember=None):
    """step_draws of the scenario `levers`, and the levers of each run it simulated."""
    base, rates, index = region
    scenario = project(base, rates, index, levers, horizon=HORIZON, draws=DRAWS, seed=SEED)
    simulated = []
    real = model.simulate

    def counted(base, rates, index, chosen, **kwargs):
        simulated.append(chosen)
        return real(base, rates, index, chosen, **kwargs)

    monkeypatch.setattr(effects, "simulate", counted)
    found = effects.step_draws(
        base,
        rates,
        index,
        levers,
        scenario.gap_draws,
        horizon=HORIZON,
        draws=DRAWS,
        seed=SEED,
        remember=remember,
    )
    monkeypatch.undo()
    return found, simulated


def test_a_scenario_of_one_lever_simulates_only_the_baseline(region, monkeypatch):
    levers = Levers(productivity=1.0)
    found, simulated = steps(region, levers, monkeypatch)
    assert simulated == [Levers()]
    assert list(found) == ["baseline", "productivity", "scenario"]
    assert np.array_equal(found["productivity"], fresh(region, levers))
    assert np.array_equal(found["baseline"], fresh(region, Levers()))
    # The lever moved the gap: the step is not the baseline's by accident.
    assert not np.array_equal(found["productivity"], found["baseline"])


def test_a_scenario_without_levers_simulates_nothing_more(region, monkeypatch):
    found, simulated = steps(region, Levers(), monkeypatch)
    assert simulated == []
    assert np.array_equal(found["baseline"], fresh(region, Levers()))


def test_kept_steps_are_not_simulated_again_and_are_the_same_draws(region, monkeypatch):
    kept: dict[str, np.ndarray] = {}  # as the shared cache keeps them: copies
    asked = []

    def remember(levers, compute):
        key = repr(levers)
        asked.append(levers)
        if key not in kept:
            kept[key] = compute().copy()
        return kept[key]

    first = Levers(productivity=1.0, turnover_change=-0.1)
    found, simulated = steps(region, first, monkeypatch, remember)
    alone = [Levers(), first.single("productivity"), first.single("turnover_change")]
    assert simulated == alone and asked == alone
    # One lever moved: the baseline and the other lever alone are kept, the moved one is new.
    moved = Levers(productivity=1.5, turnover_change=-0.1)
    again, simulated = steps(region, moved, monkeypatch, remember)
    assert simulated == [moved.single("productivity")]
    unkept = {}
    for name in ("baseline", "productivity", "turnover_change"):
        chosen = Levers() if name == "baseline" else moved.single(name)
        unkept[name] = fresh(region, chosen)
        assert np.array_equal(again[name], unkept[name]), name
    # The waterfall's means too, to the last bit (the sums over groups follow the layout).
    unkept["scenario"] = fresh(region, moved)
    assert effects.effects(again).equals(effects.effects(unkept))
    assert np.array_equal(again["baseline"], found["baseline"])
    assert not np.array_equal(again["productivity"], found["productivity"])
