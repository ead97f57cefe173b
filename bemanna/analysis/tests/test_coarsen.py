"""Below the distribution threshold nothing shown pins down the promoter/passive/detractor split:
every split consistent with what is shown is enumerated (splits.py, from the definitions)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from bemanna.analysis import coarsen
from bemanna.analysis.coarsen import coarse_share, publish, publish_mean
from bemanna.analysis.tests.splits import share_vectors, splits


@st.composite
def small_groups(draw):
    k = draw(st.integers(3, 6))
    k_text = draw(st.integers(k + 1, k + 8))
    n = draw(st.integers(k, k_text - 1))
    promoters = draw(st.integers(0, n))
    detractors = draw(st.integers(0, n - promoters))
    return k, k_text, promoters, n - promoters - detractors, detractors


def _seen(shown, *, n=None):
    return {"enps": shown.text, "coarse": not shown.exact, "n": n or shown.n_text}


@settings(max_examples=600, deadline=None)
@given(small_groups())
def test_a_coarse_group_leaves_more_than_one_split_open(group):
    k, k_text, promoters, passives, detractors = group
    n = promoters + passives + detractors
    shown = publish(promoters, passives, detractors, exact=False, k=k, k_text=k_text)
    assert shown.low is None and shown.n is None and shown.shares is None
    banded = splits(_seen(shown))
    assert (promoters, passives, detractors) in banded  # the attacker is honest
    assert len(share_vectors(banded)) > 1
    # Even an attacker who knows n exactly (an open wave shows its count at k) is left with
    # two splits, and for n ≥ 4 with no share of promoters, passives or detractors fixed.
    known = splits(_seen(shown, n=str(n)))
    assert len(known) > 1
    if n >= 4:
        for side in range(3):
            assert len({split[side] for split in known}) > 1, (group, known)


def test_the_mutation_exact_figures_below_k_text_give_the_split_away():
    """With the coarsening off, a group of 4 answers (of 9 invited) shows its n, its eNPS and
    its interval's ends: together they leave one split."""
    promoters, passives, detractors, invited = 2, 1, 1, 9
    shown = publish(promoters, passives, detractors, exact=True, k=3, k_text=6, population=9)
    seen = {
        "enps": shown.text,
        "n": shown.n_text,
        "low": shown.low,
        "high": shown.high,
        "invited": invited,
    }
    assert splits(seen) == {(2, 1, 1)}
    # ... and the coarse publication of the same group leaves several.
    coarse = publish(promoters, passives, detractors, exact=False, k=3, k_text=6)
    assert len(share_vectors(splits(_seen(coarse) | {"invited": invited}))) > 1


def test_exact_groups_round_to_whole_numbers_and_coarse_means_to_five():
    shown = publish(60, 11, 29, exact=True, k=5, k_text=10)
    assert (shown.text, shown.low, shown.high, shown.shares) == ("31", 13, 47, (0.6, 0.11, 0.29))
    assert publish(0, 1, 6, exact=False, k=5, k_text=10).text == "≤ \u221250"
    # 100·(2 − 1)/4 = 25 is a half: away from zero.
    assert publish(2, 1, 1, exact=False, k=3, k_text=6).text == "30"
    assert publish(1, 1, 2, exact=False, k=3, k_text=6).text == "\u221230"
    # A mean over all 6 (73.3 → 75), none over 5 of 6, and to whole numbers when exact.
    assert publish_mean(440.0, 6, 6, exact=False) == 75.0
    assert publish_mean(440.0, 5, 6, exact=False) is None
    assert publish_mean(440.0, 6, 12, exact=True) == 73.0


@settings(max_examples=300, deadline=None)
@given(st.integers(5, 9), st.data())
def test_a_coarse_share_never_says_what_everyone_or_nobody_answered(n, data):
    """A reason's share in a coarse exit group of 5–9: with n shown as the band, every text
    fits more than one count; even with n known, "all" looks like "all but one" and "none"
    like "one"."""
    count = data.draw(st.integers(0, n))
    _value, text = coarse_share(count, n)
    banded = {c for m in range(5, 10) for c in range(m + 1) if coarse_share(c, m)[1] == text}
    assert count in banded and len(banded) > 1
    known = {c for c in range(n + 1) if coarse_share(c, n)[1] == text}
    if count in (0, 1, n - 1, n):
        assert len(known) > 1


@given(invited=st.integers(1, 400), k=st.integers(1, 12))
def test_an_open_waves_band_holds_k_answers_from_when_it_is_first_shown(invited, k):
    """A unit's band is shown from its k-th answer (`pulse.results`): each band, counted
    from there, holds at least k answers (or every answer left), so no one's answer moves
    it alone. The first band held answers 0..k (k = 5 of 20: 0–30 %), shown at the fifth and
    left at the sixth: that pair's timing (an insider's eighth round)."""
    shown = range(min(k, invited), invited + 1)  # the counts a page shows a band for
    runs: dict[tuple[int, int], list[int]] = {}
    for answered in shown:
        runs.setdefault(coarsen.rate_bounds(answered, invited, k), []).append(answered)
    for counts in runs.values():
        assert counts == list(range(counts[0], counts[-1] + 1))  # bands follow each other
        assert len(counts) >= k or counts[-1] == invited
    if k > 1 and invited >= k:
        # By hand: the first band shown holds the k-th up to at least the (2k − 1)-th.
        first = coarsen.rate_bounds(k, invited, k)
        assert all(
            coarsen.rate_bounds(a, invited, k) == first for a in range(k, min(2 * k, invited + 1))
        )
