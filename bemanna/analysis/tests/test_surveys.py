"""Survey answers → forecast levers, and the disclosure rule for the groups."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bemanna.analysis import surveys
from bemanna.analysis.surveys import Answers


def test_the_part_time_lever_from_answers_by_hand():
    # 20 yes wanting 90 % on average, 10 maybe (8 gave 80 %), 30 no.
    answers = Answers(
        yes=20,
        maybe=10,
        no=30,
        number_n=28,
        number_sum=20 * 90 + 8 * 80,
        number_squares=20 * 90**2 + 8 * 80**2,
    )
    lever = surveys.part_time(answers)
    assert lever.share.value == pytest.approx(25 / 60)
    assert lever.target.value == pytest.approx((1800 + 640) / 28)
    assert 0 < lever.share.error < 0.1 and lever.target.error > 0


def test_the_retirement_shift_is_the_willing_share_times_the_years():
    answers = Answers(yes=6, maybe=4, no=10, number_n=10, number_sum=20, number_squares=44)
    shift = surveys.retirement_shift(answers)
    assert shift.value == pytest.approx((6 + 2) / 20 * 2.0)
    assert shift.error > 0
    assert surveys.retirement_shift(Answers()).value == 0.0


def test_a_small_group_falls_back_to_the_region_and_takes_a_neighbour_along():
    by_group = {
        "Sjuksköterskor": Answers(yes=30, no=20),
        "Undersköterskor": Answers(yes=4, no=8),
        "Läkare": Answers(yes=1, no=2),
    }
    levers = surveys.part_time_levers(by_group, k=5)
    # Läkare (3) is under k; Undersköterskor (12) is then the smallest shown and would give
    # Läkare away as region − the rest, so it falls back too.
    assert list(levers.groups) == ["Sjuksköterskor"]
    assert levers.fallback == ["Läkare", "Undersköterskor"]
    assert levers.region.share.n == 65


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.integers(0, 40), max_size=8),
    st.integers(5, 12),
)
def test_no_group_outside_the_shown_ones_can_be_worked_out(counts, k):
    shown = surveys.shown_groups(counts, k)
    assert all(counts[g] >= k for g in shown)
    residual = sum(n for g, n in counts.items() if g not in shown)
    # The region minus the shown groups is either nothing or at least k answers together.
    assert residual == 0 or residual >= k or not shown


@given(st.integers(0, 60), st.integers(0, 60), st.integers(0, 60))
def test_the_willing_share_is_a_share_and_its_error_shrinks_with_more_answers(yes, maybe, no):
    one = surveys.willing_share(Answers(yes=yes, maybe=maybe, no=no))
    assert 0.0 <= one.value <= 1.0 and one.error >= 0.0
    four = surveys.willing_share(Answers(yes=4 * yes, maybe=4 * maybe, no=4 * no))
    assert four.value == pytest.approx(one.value)
    assert four.error <= one.error + 1e-12
