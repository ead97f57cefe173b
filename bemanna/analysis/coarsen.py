"""What may be published of a group's score: exact from the distribution threshold, coarse below.

A group with at least k answers may show that it has an eNPS; only from k_text (the threshold
for answer distributions, default 10) may it show its promoter/passive/detractor split. Below
k_text every figure must be a function of what k allows, and nothing more, because exact
figures together give the split back: the eNPS and n give P − D, the interval's width gives
P + D (the variance is p + d − (p − d)²), the response rate and the number invited give n.

`publish` is the one function the pulse and the exit survey use to turn a score into what
may be shown. For a group whose split is shown (exact) it rounds to whole numbers only. For a
coarse group (k ≤ n, but its split is not shown):

* the eNPS is rounded to the nearest 10 (exactly, from the counts), and anything at 50 or
  above is shown as "≥ 50" (at −50 or below as "≤ −50");
* no interval, no significance test, no response rate;
* n is shown as a band: "k–(k_text − 1)", or "≥ k_text" for a group that has that many but
  whose split is hidden to protect a neighbour.

Why these steps. With P − D = j out of n answers, the split is unique only when |j| ≥ n − 1
(everyone, or all but one, on one side: (n, 0, 0), (n − 1, 1, 0)); every |j| ≤ n − 2 has at
least two splits with the same j (D = max(0, −j) and one more detractor and promoter with two
passives fewer). |j| ≥ n − 1 means |eNPS| ≥ 100·(n − 1)/n ≥ 66.7 for n ≥ 3 (and k is never
below 3), so it always lands in the extreme band. The band starts at 50, not 70, so that it
also holds j = n − 2 for every n ≥ 4 (100·(n − 2)/n ≥ 50): then even "nobody is a detractor"
stays open, not only the split. This holds even for an attacker who knows n exactly (an open
wave shows its response count at k): the test enumerates with n known and with n banded.
Rounding to 10 (and not to 1) is what keeps n itself in its band: 14.3 is 1/7.

A coarse group's shares (the exit survey's reasons) go to the nearest 10 per cent with the
ends as "≤ 20 %" and "≥ 80 %": for n ≥ 5, all and all but one (and none and one) look alike,
so no share says what every member answered.

Means (HME, extra questions) of a coarse group are rounded to the nearest 5 points and shown
only when every respondent of the group answered (a mean over fewer would give its own
count); shares to whole per cent in every format, so an export holds what the page shows.

Examples:
    >>> publish(9, 0, 0, exact=False, k=5, k_text=10).text
    '≥ 50'
    >>> shown = publish(4, 3, 2, exact=False, k=5, k_text=10)
    >>> shown.text, shown.n_text, shown.low, shown.n
    ('20', '5–9', None, None)
    >>> exact = publish(60, 11, 29, exact=True, k=5, k_text=10)
    >>> exact.text, exact.low, exact.high, exact.n_text
    ('31', 13, 47, '100')
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from bemanna.analysis import enps

STEP = 10  # a coarse eNPS is rounded to this
BAND = 50  # and shown as "≥ 50" / "≤ −50" from here out
MEAN_STEP = 5  # a coarse mean (0–100) is rounded to this
SHARE_BAND = 20  # a coarse share is shown as "≤ 20 %" / "≥ 80 %" at the ends
MINUS = "\u2212"
NBSP = "\u00a0"  # a share's per cent sign is never wrapped from its number


@dataclass(frozen=True)
class Published:
    """Everything that may be shown of one group's score, already rounded for every format."""

    exact: bool
    value: int  # to plot, colour and sort by: the shown number (a band's bound)
    text: str  # as the page and the export write it: "31", "40", "≥ 50", "≤ −50"
    n_text: str  # "12", "5–9", "≥ 10"
    n: int | None = None  # only when exact
    low: int | None = None  # the 95 % interval, only when exact
    high: int | None = None
    shares: tuple[float, float, float] | None = None  # P/passive/D, whole per cent, exact only

    @property
    def banded(self) -> bool:
        """Shown as "≥ 50" / "≤ −50": `value` is the band's bound, not a published number,
        so it may colour or sort but not be plotted or computed with."""
        return not self.exact and abs(self.value) >= BAND


def as_shown(value: float, digits: int) -> Decimal:
    """A number rounded as a page writes it: to `digits` decimals, half away from zero from
    the number as written (as `floatformat`).

    Examples:
        >>> as_shown(62.5, 0), as_shown(3.25, 1), as_shown(-0.5, 0)
        (Decimal('63'), Decimal('3.3'), Decimal('-1'))
    """
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def half_up(value: Fraction, step: int) -> int:
    """Round to the nearest multiple of `step`, halves away from zero (exactly, no floats).

    Examples:
        >>> [half_up(Fraction(v), 10) for v in (24, 25, -25, -24, 0)]
        [20, 30, -30, -20, 0]
    """
    sign = -1 if value < 0 else 1
    steps = (abs(value) / step + Fraction(1, 2)).__floor__()
    return sign * steps * step


def coarse_enps(promoters: int, detractors: int, n: int) -> tuple[int, str]:
    """(value, text) of a coarse eNPS: nearest 10, the extremes as a band.

    Examples:
        >>> coarse_enps(3, 1, 7), coarse_enps(4, 0, 5), coarse_enps(0, 3, 6)
        ((30, '30'), (50, '≥ 50'), (-50, '≤ −50'))
    """
    value = half_up(Fraction(100 * (promoters - detractors), n), STEP)
    if value >= BAND:
        return BAND, f"≥ {BAND}"
    if value <= -BAND:
        return -BAND, f"≤ {MINUS}{BAND}"
    return value, _signed(value)


def n_band(n: int, k: int, k_text: int) -> str:
    """How a coarse group's answer count is shown.

    Examples:
        >>> n_band(7, 5, 10), n_band(14, 5, 10), n_band(3, 3, 4)
        ('5–9', '≥ 10', '3')
    """
    if n >= k_text:
        return f"≥ {k_text}"
    return str(k) if k == k_text - 1 else f"{k}–{k_text - 1}"


RATE_STEP = 10  # an open wave's response rate, in bands of this many percentage points


def rate_band(answered: int, invited: int, k: int = 1) -> str:
    """An open wave's response rate as a band: the count that moves as answers arrive is not
    shown (one more answer between two looks, compared with who said they had just answered,
    would be a person's timing), only the band it is in. A band is ten percentage points, or
    wider where ten points hold fewer than `k` answers (a small unit), so that a band never
    moves with each answer: with 8 invited and k = 5 no band can, and it is 0–100 %. A unit's
    band is shown from its k-th answer, so the first band holds 2k: with 20 invited and k = 5
    a first band of 0–30 % appeared at the fifth answer and left at the sixth (an insider's
    eighth round: when those two answered).

    Examples:
        >>> rate_band(7, 20), rate_band(8, 20), rate_band(20, 20), rate_band(0, 20)
        ('30–40\xa0%', '40–50\xa0%', '90–100\xa0%', '0–10\xa0%')
        >>> rate_band(5, 20, k=5), rate_band(9, 20, k=5), rate_band(10, 20, k=5)
        ('0–50\xa0%', '0–50\xa0%', '50–100\xa0%')
        >>> rate_band(5, 8, k=5), rate_band(11, 60, k=5), rate_band(12, 60, k=5)
        ('0–100\xa0%', '0–20\xa0%', '20–30\xa0%')
    """
    low, high = rate_bounds(answered, invited, k)
    return f"{low}–{high}{NBSP}%"


def rate_bounds(answered: int, invited: int, k: int = 1) -> tuple[int, int]:
    """The band of `rate_band` as per cent (low, high)."""
    invited = max(invited, 1)
    # The fewest whole tens of per cent that hold k answers: ceil(100 k / invited / 10) tens;
    # the first band's, 2k (it is shown from the k-th; k = 1 is a count shown from none).
    step = min(_tens_holding(k, invited), 100)
    first = min(max(step, _tens_holding(2 * k, invited) if k > 1 else step), 100)
    lows = [0, *range(first, 100, step)]
    if len(lows) > 1 and 100 - lows[-1] < step:
        lows.pop()  # a last band narrower than the others joins the one before it
    bands = [(low, lows[i + 1] if i + 1 < len(lows) else 100) for i, low in enumerate(lows)]
    rate = 100 * answered / invited
    low, high = next(((a, b) for a, b in bands if a <= rate < b), bands[-1])
    return low, high


def _tens_holding(answers: int, invited: int) -> int:
    """The fewest whole tens of per cent of `invited` that hold `answers` (at least one)."""
    return max(RATE_STEP, -(-100 * answers // (invited * RATE_STEP)) * RATE_STEP)


def publish(
    promoters: int,
    passives: int,
    detractors: int,
    *,
    exact: bool,
    k: int,
    k_text: int,
    population: int | None = None,
) -> Published:
    """What may be shown of a group's eNPS: exact (rounded to whole numbers) when its split
    may be shown, coarse otherwise. The caller has already decided that the group has k."""
    n = promoters + passives + detractors
    if exact:
        score = enps.enps(promoters, passives, detractors, population)
        value = half_up(Fraction(100 * (promoters - detractors), n), 1)
        return Published(
            exact=True,
            value=value,
            text=_signed(value),
            n_text=str(n),
            n=n,
            low=round(score.low),
            high=round(score.high),
            shares=(
                publish_share(promoters, n),
                publish_share(passives, n),
                publish_share(detractors, n),
            ),
        )
    value, text = coarse_enps(promoters, detractors, n)
    return Published(exact=False, value=value, text=text, n_text=n_band(n, k, k_text))


def publish_mean(
    total: float, answered: int, group_n: int, *, exact: bool, digits: int = 0
) -> float | None:
    """A mean of a group as it may be shown: to `digits` decimals when exact; for a coarse
    group to the nearest 5 and only when everyone in the group answered.

    Examples:
        >>> publish_mean(371.0, 5, 5, exact=False), publish_mean(300.0, 4, 5, exact=False)
        (75.0, None)
        >>> publish_mean(371.0, 5, 12, exact=True)
        74.0

        Halves away from zero, whatever the order the floats were added in:
        >>> a, b, c = 58.333333333333336, 66.66666666666667, 62.5
        >>> publish_mean(a + b + c, 3, 12, exact=True), publish_mean(c + b + a, 3, 12, exact=True)
        (63.0, 63.0)
        >>> publish_mean(-2.5, 2, 12, exact=True, digits=1), publish_mean(125.0, 2, 12, exact=True)
        (-1.3, 63.0)
    """
    if not answered:
        return None
    # The sum is of floats (an HME index is a third of 25s), added in whatever order the
    # database reads the rows: the nearest small fraction is the exact mean, so that a mean
    # of 62.5 is 63 whatever the order (half away from zero, as the statements round; by
    # `round` it was 62 or 63 by the rows' order, an insider's twenty-third round).
    mean = (Fraction(total) / answered).limit_denominator(10**7)
    if exact:
        scale: int = 10**digits
        return half_up(mean * scale, 1) / scale
    if answered != group_n:
        return None
    return float(half_up(mean, MEAN_STEP))


def publish_index(
    index: Fraction | None, answered: int, group_n: int, *, exact: bool
) -> float | None:
    """An index (0–100, exact) of a group as it may be shown: to whole numbers when exact,
    halves away from zero; for a coarse group to the nearest 5 and only when everyone in
    the group answered (as `publish_mean`).

    Examples:
        >>> publish_index(Fraction(125, 2), 5, 12, exact=True)
        63.0
        >>> publish_index(Fraction(125, 2), 5, 5, exact=False)
        65.0
        >>> publish_index(Fraction(60), 4, 5, exact=False) is None
        True
    """
    if index is None or not answered:
        return None
    if exact:
        return float(half_up(index, 1))
    if answered != group_n:
        return None
    return float(half_up(index, MEAN_STEP))


def publish_share(part: int, whole: int) -> float:
    """A share as every format shows it: whole per cent, halves away from zero, exactly (a
    float's `round` sent 12.5 % to 12 and 37.5 % to 38 by the binary digits of the
    quotient, and the page's per cent and the export's fraction of the same rate apart).

    Examples:
        >>> publish_share(1, 3), publish_share(1, 8), publish_share(3, 8), publish_share(23, 40)
        (0.33, 0.13, 0.38, 0.58)
    """
    return float(half_up(Fraction(100 * part, whole), 1)) / 100 if whole else 0.0


def coarse_share(part: int, whole: int) -> tuple[float, str]:
    """A coarse group's share (of a reason, say): to the nearest 10 per cent, and "≤ 20 %" /
    "≥ 80 %" at the ends, so that none, one, all but one and all (for n ≥ 5) look alike.

    Examples:
        >>> coarse_share(0, 5), coarse_share(3, 7), coarse_share(7, 7)
        ((0.2, '≤ 20\xa0%'), (0.4, '40\xa0%'), (0.8, '≥ 80\xa0%'))
    """
    value = half_up(Fraction(100 * part, whole), STEP)
    if value <= SHARE_BAND:
        return SHARE_BAND / 100, f"≤ {SHARE_BAND}{NBSP}%"
    if value >= 100 - SHARE_BAND:
        return (100 - SHARE_BAND) / 100, f"≥ {100 - SHARE_BAND}{NBSP}%"
    return value / 100, f"{value}{NBSP}%"


def exact_share(part: int, whole: int) -> tuple[float, str]:
    """An exact group's share, as every format shows it: whole per cent.

    Examples:
        >>> exact_share(1, 3)
        (0.33, '33\xa0%')
    """
    value = publish_share(part, whole)
    return value, f"{half_up(Fraction(100 * part, whole), 1)}{NBSP}%"


def _signed(value: int) -> str:
    return f"{MINUS}{-value}" if value < 0 else str(value)
