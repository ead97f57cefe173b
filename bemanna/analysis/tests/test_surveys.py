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


def test_a_mean_over_fewer_than_k_numbers_is_the_regions():
    # The insider's case: 12 midwives answered (3 yes, 2 maybe, 7 no) and the five willing
    # named a rate: their own mean would be five people's answers, under k_text = 10.
    by_group = {
        "Barnmorskor": Answers(
            yes=3, maybe=2, no=7, number_n=5, number_sum=420, number_squares=35400
        ),
        "Sjuksköterskor": Answers(
            yes=20, maybe=10, no=30, number_n=30, number_sum=2550, number_squares=217500
        ),
        "Undersköterskor": Answers(
            yes=10, maybe=4, no=16, number_n=14, number_sum=1176, number_squares=99000
        ),
    }
    levers = surveys.part_time_levers(by_group, k=10)
    assert sorted(levers.groups) == ["Barnmorskor", "Sjuksköterskor", "Undersköterskor"]
    # Midwives keep their own share, (3 + 1) / 12, but take the region's rate: all 49
    # numbers, (420 + 2550 + 1176) / 49.
    region_rate = (420 + 2550 + 1176) / 49
    assert levers.region.target.value == pytest.approx(region_rate)
    midwives = levers.groups["Barnmorskor"]
    assert midwives.share.value == pytest.approx(4 / 12)
    assert midwives.target.value == pytest.approx(region_rate)
    # Undersköterskor (14 numbers) goes along: the region's mean minus the two others'
    # would give the midwives' five. Sjuksköterskor keep their own, 2550 / 30.
    assert levers.number_fallback == ["Barnmorskor", "Undersköterskor"]
    assert levers.groups["Undersköterskor"].target.value == pytest.approx(region_rate)
    assert levers.groups["Undersköterskor"].share.value == pytest.approx(12 / 30)
    assert levers.groups["Sjuksköterskor"].target.value == pytest.approx(85.0)


def test_the_retirement_years_of_a_band_with_few_numbers_are_the_regions():
    by_band = {
        "60–64": Answers(yes=12, maybe=6, no=12, number_n=18, number_sum=36, number_squares=90),
        "65+": Answers(yes=2, maybe=2, no=8, number_n=4, number_sum=12, number_squares=40),
    }
    levers = surveys.retirement_levers(by_band, k=10)
    region_years = (36 + 12) / 22
    # 65+: their share (2 + 1) / 12 times the region's mean years, not their own 3.0; and
    # 60–64 too, or the region's mean minus theirs would give the four numbers of 65+.
    assert levers.groups["65+"].value == pytest.approx(3 / 12 * region_years)
    assert levers.groups["60–64"].value == pytest.approx(15 / 30 * region_years)
    assert levers.number_fallback == ["60–64", "65+"]
    # The region's own shift: (14 + 4) / 42 willing times the mean of all 22 numbers.
    assert levers.region.value == pytest.approx(18 / 42 * region_years)


@given(
    st.dictionaries(
        st.sampled_from(["a", "b", "c", "d", "e"]),
        st.tuples(st.integers(0, 30), st.integers(0, 30), st.integers(0, 30)),
        max_size=5,
    ),
    st.integers(3, 12),
)
def test_no_groups_number_rests_on_fewer_than_k_or_on_a_remainder(replies, k):
    by_group = {
        g: Answers(
            yes=y,
            maybe=m,
            no=n,
            number_n=y + m,
            number_sum=80.0 * (y + m),
            number_squares=6400.0 * (y + m),
        )
        for g, (y, m, n) in replies.items()
    }
    levers = surveys.part_time_levers(by_group, k=k)
    own = set(levers.groups) - set(levers.number_fallback)
    assert all(by_group[g].number_n >= k for g in own)
    rest = sum(a.number_n for g, a in by_group.items() if g not in own)
    assert rest == 0 or rest >= k or not own
