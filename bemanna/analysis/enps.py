"""Employee Net Promoter Score and SKR's HME index, with honest uncertainty.

Scores on "Hur troligt är det att du skulle rekommendera din arbetsgivare till en vän eller
bekant?" (0–10): promoters 9–10, passives 7–8, detractors 0–6; eNPS = 100·(P − D)/n.

Uncertainty uses the adjusted Wald interval (Rocks 2016, MeasuringU), with a finite-population
correction when the unit's size N is known: a unit of 12 where 10 answered knows its eNPS far
better than a random sample of 10 would.

Example (DOMAIN.md: 60 % promoters and 29 % detractors give 31):
    >>> score = enps(promoters=60, passives=11, detractors=29)
    >>> score.value
    31.0
    >>> round(score.low, 1), round(score.high, 1)
    (13.0, 47.2)
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

Z95 = 1.959964  # two-sided 95 %

HME_ITEMS: dict[str, tuple[str, ...]] = {
    "motivation": (
        "Mitt arbete känns meningsfullt.",
        "Jag lär nytt och utvecklas i mitt dagliga arbete.",
        "Jag ser fram emot att gå till arbetet.",
    ),
    "leadership": (
        "Min närmaste chef visar uppskattning för mina arbetsinsatser.",
        "Min närmaste chef visar förtroende för mig som medarbetare.",
        "Min närmaste chef ger mig förutsättningar att ta ansvar i mitt arbete.",
    ),
    "governance": (
        "Jag är insatt i min arbetsplats mål.",
        "Min arbetsplats mål följs upp och utvärderas på ett bra sätt.",
        "Jag vet vad som förväntas av mig i mitt arbete.",
    ),
}
HME_ITEMS_EN: dict[str, tuple[str, ...]] = {
    "motivation": (
        "My work feels meaningful.",
        "I learn new things and develop in my daily work.",
        "I look forward to going to work.",
    ),
    "leadership": (
        "My immediate manager shows appreciation for my work.",
        "My immediate manager shows confidence in me as an employee.",
        "My immediate manager gives me the means to take responsibility in my work.",
    ),
    "governance": (
        "I am familiar with my workplace's goals.",
        "My workplace's goals are followed up and evaluated well.",
        "I know what is expected of me at work.",
    ),
}
ENPS_ITEM_EN = (
    "How likely is it that you would recommend your employer to a friend or acquaintance?"
)
ENPS_ITEM = (
    "Hur troligt är det att du skulle rekommendera din arbetsgivare till en vän eller bekant?"
)


@dataclass(frozen=True)
class Score:
    """An eNPS with its counts, its 95 % interval and its variance (for comparisons)."""

    n: int
    promoters: int
    passives: int
    detractors: int
    value: float  # −100 … 100
    low: float  # adjusted-Wald 95 % interval, clipped to ±100
    high: float
    variance: float  # of the eNPS itself (in eNPS² units), finite-population corrected

    @property
    def shares(self) -> tuple[float, float, float]:
        return (self.promoters / self.n, self.passives / self.n, self.detractors / self.n)


# The nine statements keyed as answers are stored (hme_<sub-index>_<n>) → the Swedish text.
HME_KEYS: dict[str, str] = {
    f"hme_{group}_{i}": text
    for group, items in HME_ITEMS.items()
    for i, text in enumerate(items, start=1)
}


def classify(score: int) -> str:
    """'promoter', 'passive' or 'detractor' for an answer 0–10.

    Examples:
        >>> [classify(s) for s in (10, 9, 8, 7, 6, 0)]
        ['promoter', 'promoter', 'passive', 'passive', 'detractor', 'detractor']
    """
    if not 0 <= score <= 10:
        raise ValueError(f"an eNPS answer is 0–10, not {score}")
    return "promoter" if score >= 9 else "passive" if score >= 7 else "detractor"


def fpc(n: int, population: int | None) -> float:
    """Finite-population correction (N − n)/(N − 1) for the variance; 1 when N is unknown.

    Examples:
        >>> fpc(10, None), fpc(10, 10), round(fpc(10, 40), 3)
        (1.0, 0.0, 0.769)
    """
    if population is None:
        return 1.0
    if population < n:
        raise ValueError(f"a unit of {population} cannot give {n} answers")
    if population <= 1:
        return 0.0
    return (population - n) / (population - 1)


def enps(promoters: int, passives: int, detractors: int, population: int | None = None) -> Score:
    """eNPS with its adjusted-Wald 95 % interval (finite-population corrected when N is given).

    Examples:
        >>> enps(5, 0, 0).value, enps(0, 0, 5).value
        (100.0, -100.0)
        >>> whole = enps(6, 3, 1, population=10)  # everyone answered: no sampling error
        >>> whole.low == whole.value == whole.high
        True
    """
    n = promoters + passives + detractors
    if n <= 0 or min(promoters, passives, detractors) < 0:
        raise ValueError("an eNPS needs at least one answer and no negative counts")
    correction = fpc(n, population)
    p, d = promoters / n, detractors / n
    variance = (p + d - (p - d) ** 2) / n * correction * 100**2
    adjusted_n = n + 3
    pa, da = (promoters + 0.75) / adjusted_n, (detractors + 0.75) / adjusted_n
    centre = pa - da
    spread = Z95 * math.sqrt((pa + da - centre**2) / adjusted_n * correction)
    value = 100.0 * (p - d)
    if correction == 0.0:
        low = high = value
    else:
        low = max(-100.0, 100.0 * (centre - spread))
        high = min(100.0, 100.0 * (centre + spread))
    return Score(n, promoters, passives, detractors, value, low, high, variance)


def from_answers(answers: list[int], population: int | None = None) -> Score:
    """eNPS from raw 0–10 answers.

    Examples:
        >>> from_answers([10, 9, 8, 3]).value
        25.0
    """
    kinds = [classify(a) for a in answers]
    return enps(
        kinds.count("promoter"), kinds.count("passive"), kinds.count("detractor"), population
    )


@dataclass(frozen=True)
class Comparison:
    difference: float
    z: float

    @property
    def significant(self) -> bool:
        """Two-sided 95 %: |z| > 1.96 (not the one-sided 1.645)."""
        return abs(self.z) > 1.96


def compare(first: Score, second: Score) -> Comparison:
    """Two-sample z test between two pulses or two units (independent samples).

    Examples:
        >>> before, after = enps(30, 40, 30), enps(50, 30, 20)
        >>> result = compare(after, before)
        >>> result.difference, round(result.z, 2), result.significant
        (30.0, 2.73, True)
    """
    difference = first.value - second.value
    spread = math.sqrt(first.variance + second.variance)
    if spread == 0:
        return Comparison(difference, math.inf if difference else 0.0)
    return Comparison(difference, difference / spread)


def compare_with_rest(unit: Score, parent: Score) -> Comparison:
    """A unit against the rest of its parent (the parent contains the unit, so comparing the
    two directly would compare a sample with itself).

    Examples:
        >>> result = compare_with_rest(enps(2, 3, 5), enps(52, 33, 15))
        >>> round(result.difference, 1)  # −30 against the rest's 44.4, not the parent's 37
        -74.4
    """
    rest = enps(
        parent.promoters - unit.promoters,
        parent.passives - unit.passives,
        parent.detractors - unit.detractors,
    )
    return compare(unit, rest)


def hme_item_score(answer: int) -> float:
    """An agree-scale answer 1–5 on SKR's 0–100 scale: 1→0, 2→25, 3→50, 4→75, 5→100.

    Examples:
        >>> [hme_item_score(a) for a in (1, 2, 3, 4, 5)]
        [0.0, 25.0, 50.0, 75.0, 100.0]
    """
    if not 1 <= answer <= 5:
        raise ValueError(f"an HME answer is 1–5, not {answer}")
    return (answer - 1) * 25.0


def hme_of_statements(statements: Iterable[tuple[int, int]]) -> Fraction | None:
    """A group's HME index (or sub-index) from its statements: the mean of the statements'
    means (0–100), over the statements someone answered; each statement given as (its
    answers' scores summed, its answers). None where no one answered.

    Where everyone answered every statement this is `hme`'s mean over respondents of their
    item means. Where some skipped, the respondents' means weigh a skipper's few answers
    more than the statements do, and that index beside the statements' distributions gave
    a skipper's answer back (an insider's twenty-fourth round: 11 answered all nine, one
    only "Mitt arbete känns meningsfullt."). This one is a function of the statements'
    distributions alone, exactly (no float sums).

    Examples:
        >>> hme_of_statements([(200, 2), (150, 2)])  # 100 and 75
        Fraction(175, 2)
        >>> hme_of_statements([(0, 0)]) is None
        True
    """
    means = [Fraction(int(total), int(n)) for total, n in statements if n]
    return sum(means, Fraction(0)) / len(means) if means else None


@dataclass(frozen=True)
class HME:
    total: float
    motivation: float
    leadership: float
    governance: float
    n: int


def hme(respondents: list[dict[str, int]]) -> HME:
    """HME and its three sub-indices: the mean over respondents of their item means (0–100).

    Each respondent maps item text to an answer 1–5; an item left unanswered is skipped, and a
    sub-index uses the respondents who answered at least one of its items.

    Examples:
        >>> items = [item for group in HME_ITEMS.values() for item in group]
        >>> result = hme([dict.fromkeys(items, 5), dict.fromkeys(items, 3)])
        >>> result.total, result.motivation, result.n
        (75.0, 75.0, 2)
    """

    def index(items: tuple[str, ...]) -> float:
        means = []
        for answers in respondents:
            scores = [hme_item_score(answers[i]) for i in items if answers.get(i) is not None]
            if scores:
                means.append(sum(scores) / len(scores))
        return sum(means) / len(means) if means else math.nan

    every = tuple(item for group in HME_ITEMS.values() for item in group)
    return HME(
        total=index(every),
        motivation=index(HME_ITEMS["motivation"]),
        leadership=index(HME_ITEMS["leadership"]),
        governance=index(HME_ITEMS["governance"]),
        n=len(respondents),
    )
