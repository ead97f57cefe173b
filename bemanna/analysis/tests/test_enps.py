import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bemanna.analysis import enps

counts = st.tuples(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300)).filter(
    lambda c: sum(c) > 0
)


def test_the_worked_example_of_the_domain_brief():
    assert enps.enps(promoters=60, passives=11, detractors=29).value == 31.0


@given(counts)
def test_the_score_and_its_interval_stay_within_plus_minus_100(c):
    score = enps.enps(*c)
    assert -100 <= score.low <= score.high <= 100
    assert -100 <= score.value <= 100
    assert score.variance >= 0


@given(counts, st.integers(0, 500))
def test_a_known_unit_size_never_widens_the_interval(c, extra):
    n = sum(c)
    open_ended = enps.enps(*c)
    known = enps.enps(*c, population=n + extra)
    assert known.high - known.low <= open_ended.high - open_ended.low + 1e-9
    if extra == 0:
        assert known.low == known.value == known.high


@given(counts, counts)
def test_comparisons_are_antisymmetric(a, b):
    first, second = enps.enps(*a), enps.enps(*b)
    forward, backward = enps.compare(first, second), enps.compare(second, first)
    assert forward.difference == -backward.difference
    assert forward.significant == backward.significant
    if math.isfinite(forward.z):
        assert forward.z == pytest.approx(-backward.z)


def test_the_interval_covers_the_truth_about_95_percent_of_the_time():
    rng = np.random.default_rng(2016)
    truth_p, truth_d, n, trials = 0.45, 0.25, 40, 4000
    draws = rng.multinomial(n, [truth_p, 1 - truth_p - truth_d, truth_d], size=trials)
    hits = 0
    for promoters, passives, detractors in draws:
        score = enps.enps(int(promoters), int(passives), int(detractors))
        hits += score.low <= 100 * (truth_p - truth_d) <= score.high
    assert 0.93 <= hits / trials <= 0.97


def test_a_unit_is_compared_with_the_rest_of_its_parent():
    unit, parent = enps.enps(2, 3, 5), enps.enps(52, 33, 15)
    against_rest = enps.compare_with_rest(unit, parent)
    assert against_rest.difference == pytest.approx(-30 - 100 * (50 - 10) / 90)
    assert against_rest.significant


def test_answers_outside_the_scales_are_refused():
    with pytest.raises(ValueError):
        enps.classify(11)
    with pytest.raises(ValueError):
        enps.hme_item_score(0)
    with pytest.raises(ValueError):
        enps.enps(0, 0, 0)
    with pytest.raises(ValueError):
        enps.enps(5, 0, 0, population=3)


def test_hme_sub_indices_by_hand():
    motivation, leadership, governance = (
        enps.HME_ITEMS[k] for k in ("motivation", "leadership", "governance")
    )
    first = {
        **dict.fromkeys(motivation, 5),
        **dict.fromkeys(leadership, 1),
        **dict.fromkeys(governance, 3),
    }
    second = {**dict.fromkeys(motivation, 4), **dict.fromkeys(leadership, 2)}  # no governance
    result = enps.hme([first, second])
    assert result.motivation == (100 + 75) / 2
    assert result.leadership == (0 + 25) / 2
    assert result.governance == 50
    assert result.total == pytest.approx(((100 + 0 + 50) / 3 + (75 + 25) / 2) / 2)
