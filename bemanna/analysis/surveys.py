"""From survey answers to forecast levers: what staff say they would do, with its uncertainty.

Two targeted surveys (seed 001) feed the forecast:

* *Ökad sysselsättningsgrad* (part-timers): would you raise your employment rate (ja / kanske
  / nej), and to what rate. It sets the part-time lever: the share of part-timers who raise
  their rate (a "kanske" counts half) and the rate they would move to.
* *Senare pension* (staff 60+): would you work longer (ja / kanske / nej), and how many years.
  It sets the retirement-shift lever: the expected postponement in years (a "kanske" counts
  half).

Each estimate carries a standard error, which the Monte Carlo draws from, so a survey with
few answers widens the forecast's range instead of pretending to precision. A group's own
estimate is used only when it rests on at least `k` answers and survives the complementary
rule (no single hidden group that the region minus the shown groups would give away); other
groups fall back to the region's figure, and the result says which. The caller passes the
distribution threshold k_text as `k`: a share, its error and n give the ja/kanske/nej split.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from bemanna.analysis.disclosure import shown_parts
from bemanna.analysis.forecast.levers import LEVERS

YES, MAYBE, NO = "yes", "maybe", "no"
WEIGHT = {YES: 1.0, MAYBE: 0.5, NO: 0.0}


@dataclass(frozen=True)
class Answers:
    """What one group said: counts per reply, and for the yes/maybe answers the sum and sum of
    squares of the number asked (the rate wanted, or the years longer)."""

    yes: int = 0
    maybe: int = 0
    no: int = 0
    number_n: int = 0  # how many of the yes/maybe answers gave the number
    number_sum: float = 0.0
    number_squares: float = 0.0

    @property
    def n(self) -> int:
        return self.yes + self.maybe + self.no

    def __add__(self, other: Answers) -> Answers:
        return Answers(
            self.yes + other.yes,
            self.maybe + other.maybe,
            self.no + other.no,
            self.number_n + other.number_n,
            self.number_sum + other.number_sum,
            self.number_squares + other.number_squares,
        )


@dataclass(frozen=True)
class Estimate:
    value: float
    error: float  # standard error, in the value's own unit
    n: int


@dataclass(frozen=True)
class PartTimeLever:
    share: Estimate  # of part-timers who would raise their rate (0–1)
    target: Estimate  # the rate they would move to (%)


@dataclass
class SurveyLevers:
    """The region's lever, each shown group's own, and the groups that fell back."""

    region: PartTimeLever | Estimate
    groups: dict[str, PartTimeLever | Estimate] = field(default_factory=dict)
    fallback: list[str] = field(default_factory=list)
    # Shown groups whose number (rate wanted, years longer) is the region's: too few of them
    # gave one for a mean of their own.
    number_fallback: list[str] = field(default_factory=list)


def willing_share(answers: Answers) -> Estimate:
    """The share who would do it, a "kanske" counting half; its error is the binomial one
    with a "kanske" contributing a quarter of a yes's variance.

    Examples:
        >>> e = willing_share(Answers(yes=30, maybe=20, no=50))
        >>> round(e.value, 2), round(e.error, 3)
        (0.4, 0.044)
    """
    n = answers.n
    if n == 0:
        return Estimate(0.0, 0.0, 0)
    value = (answers.yes + 0.5 * answers.maybe) / n
    second = (answers.yes + 0.25 * answers.maybe) / n
    variance = max(second - value**2, 0.0) / max(n - 1, 1)
    return Estimate(value, math.sqrt(variance), n)


def number_mean(answers: Answers, default: float, k: int = 1) -> Estimate:
    """The mean of the number given (rate wanted, years longer), `default` when fewer than
    `k` gave one (a mean over a few would be their answers); the error is the sample
    standard deviation over √n.

    Examples:
        >>> number_mean(Answers(yes=2, number_n=2, number_sum=180, number_squares=16200), 90)
        Estimate(value=90.0, error=0.0, n=2)
        >>> number_mean(Answers(yes=2, number_n=2, number_sum=180, number_squares=16200), 75.0, 5)
        Estimate(value=75.0, error=0.0, n=0)
    """
    n = answers.number_n
    if n < max(k, 1):
        return Estimate(default, 0.0, 0)
    mean = answers.number_sum / n
    variance = max(answers.number_squares / n - mean**2, 0.0) * n / max(n - 1, 1)
    return Estimate(mean, math.sqrt(variance / n), n)


def part_time(answers: Answers, k: int = 1, target: Estimate | None = None) -> PartTimeLever:
    """The part-time lever from a group's answers: who would raise their rate, and to what
    (clipped to the lever's range, 50–100 %; `target`, else its default, when fewer than k
    named a rate)."""
    lever = LEVERS["part_time_target"]
    if target is None:
        target = number_mean(answers, lever.default, k)
    clipped = min(max(target.value, lever.low), lever.high)
    return PartTimeLever(willing_share(answers), Estimate(clipped, target.error, target.n))


def retirement_shift(answers: Answers, k: int = 1, years: Estimate | None = None) -> Estimate:
    """Expected years later: the willing share × the mean years longer they named (up to the
    lever's top, 5); `years` (else none) when fewer than k named a number.

    Examples:
        >>> shift = retirement_shift(Answers(yes=10, maybe=10, no=20, number_n=20,
        ...     number_sum=40, number_squares=100))
        >>> round(shift.value, 2)
        0.75
    """
    share = willing_share(answers)
    if years is None:
        years = number_mean(answers, 0.0, k)
    value = min(share.value * years.value, LEVERS["retirement_shift"].high)
    # The error of a product of two independent estimates (first order).
    error = math.sqrt((share.error * years.value) ** 2 + (years.error * share.value) ** 2)
    return Estimate(value, error, answers.n)


def shown_groups(
    counts: Mapping[str, int], k: int, within: AbstractSet[str] | None = None
) -> set[str]:
    """Groups whose own figure may be used and shown beside the total: the one rule for
    flat partitions, `disclosure.shown_parts` (complementary suppression).

    Examples:
        >>> sorted(shown_groups({"a": 40, "b": 12, "c": 3}, 5))
        ['a']
    """
    return shown_parts(counts, k, within)


def _shown(
    by_group: Mapping[str, Answers],
    k: int,
    within: AbstractSet[str] | None,
    number_within: AbstractSet[str] | None = None,
) -> tuple[set[str], set[str]]:
    """The groups whose own share may be shown, and of those the groups whose own mean of
    the number may be shown too. The mean is over those who gave a number (the yes and
    maybe answers), a population of its own: at least k of them, and the same
    complementary rule over the groups, or the share's n and error (which give the
    ja/kanske/nej split) and the region's mean would give a few people's numbers;
    `number_within` (when given) the groups whose numbers may be shown beside the units'
    means of the number (`pulse.targeted.number_segments`)."""
    shown = shown_groups({g: a.n for g, a in by_group.items()}, k, within)
    numbers = shown if number_within is None else shown & set(number_within)
    own_number = shown_groups({g: a.number_n for g, a in by_group.items()}, k, numbers)
    return shown, own_number


def part_time_levers(
    by_group: Mapping[str, Answers],
    k: int,
    within: AbstractSet[str] | None = None,
    number_within: AbstractSet[str] | None = None,
) -> SurveyLevers:
    """The part-time lever for the region and for each group whose answers allow it; a
    shown group with too few rates named takes the region's rate."""
    region = part_time(sum(by_group.values(), Answers()), k)
    shown, own_number = _shown(by_group, k, within, number_within)
    return SurveyLevers(
        region=region,
        groups={
            g: part_time(by_group[g], k, None if g in own_number else region.target)
            for g in sorted(shown)
        },
        fallback=sorted(set(by_group) - shown),
        number_fallback=sorted(shown - own_number),
    )


def retirement_levers(
    by_band: Mapping[str, Answers],
    k: int,
    within: AbstractSet[str] | None = None,
    number_within: AbstractSet[str] | None = None,
) -> SurveyLevers:
    """The retirement shift for all respondents, and per age band where the answers allow
    (shown beside it; the forecast uses the region's, as its retirement model is by age); a
    shown band with too few numbers named takes the region's mean years."""
    total = sum(by_band.values(), Answers())
    years = number_mean(total, 0.0, k)
    shown, own_number = _shown(by_band, k, within, number_within)
    return SurveyLevers(
        region=retirement_shift(total, k),
        groups={
            g: retirement_shift(by_band[g], k, None if g in own_number else years)
            for g in sorted(shown)
        },
        fallback=sorted(set(by_band) - shown),
        number_fallback=sorted(shown - own_number),
    )


# Which forecast levers speak to each exit reason (the reasons' codes, see the exit survey).
REASON_LEVERS: dict[str, tuple[str, ...]] = {
    "lon": ("turnover_change", "recruitment_change"),
    "arbetsbelastning": ("turnover_change", "sick_leave_pp", "productivity"),
    "arbetstid": ("part_time_share", "turnover_change"),
    "chef": ("turnover_change", "sick_leave_pp"),
    "arbetsmiljo": ("turnover_change", "sick_leave_pp"),
    "utveckling": ("study_grants", "education"),
    "pension": ("retirement_shift",),
}


def levers_that_matter(main_reasons: Mapping[str, int]) -> list[tuple[str, float]]:
    """The levers ranked by the share of leavers whose main reason they speak to.

    Examples:
        >>> levers_that_matter({"pension": 6, "arbetstid": 3, "flytt": 1})
        [('retirement_shift', 0.6), ('part_time_share', 0.3), ('turnover_change', 0.3)]
    """
    total = sum(main_reasons.values())
    if not total:
        return []
    shares: dict[str, float] = {}
    for reason, count in main_reasons.items():
        for lever in REASON_LEVERS.get(reason, ()):
            shares[lever] = shares.get(lever, 0.0) + count / total
    return sorted(shares.items(), key=lambda item: (-item[1], item[0]))
