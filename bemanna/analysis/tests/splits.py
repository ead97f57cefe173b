"""The attacker's second tool: from everything shown of one group, every promoter/passive/
detractor split it could have. Written from the definitions (DOMAIN.md), not with the engine.

An observation is a dict of what was seen, each key optional:
    enps: "31" (to the nearest whole number), or with coarse=True "30" (to the nearest 10),
          "≥ 50", "≤ −50"
    n: "7" exact, "5–9" a band, "≥ 10"
    low, high: the 95 % interval's ends as shown (whole numbers)
    rate: the response rate in whole per cent; invited: the number invited (N)
    shares: (promoters, passives, detractors) in whole per cent
"""

from __future__ import annotations

import math
from fractions import Fraction

Z = 1.959964


def number(text: str) -> int:
    """'−12' or '-12' or '12 %' → an int."""
    cleaned = text.replace("\u2212", "-").replace("%", "").replace("\xa0", "").strip()
    return int(cleaned.replace(" ", ""))


def _rounds_to(value: Fraction, shown: int, step: int) -> bool:
    """Halves away from zero, as the page says."""
    half = Fraction(step, 2)
    if shown > 0:
        return shown - half <= value < shown + half
    if shown < 0:
        return shown - half < value <= shown + half
    return -half < value < half


def _enps_fits(text: str, coarse: bool, value: Fraction) -> bool:
    text = text.replace("\u2212", "-").strip()
    if text.startswith("≥"):
        return value >= number(text[1:]) - 5
    if text.startswith("≤"):
        return value <= number(text[1:]) + 5
    return _rounds_to(value, number(text), 10 if coarse else 1)


def interval(
    promoters: int, detractors: int, n: int, population: int | None
) -> tuple[float, float]:
    """Adjusted-Wald 95 % interval, finite-population corrected (DOMAIN.md)."""
    correction = 1.0
    if population is not None:
        correction = 0.0 if population <= 1 else (population - n) / (population - 1)
    value = 100 * (promoters - detractors) / n
    if correction == 0:
        return value, value
    m = n + 3
    p, d = (promoters + 0.75) / m, (detractors + 0.75) / m
    spread = Z * math.sqrt((p + d - (p - d) ** 2) / m * correction)
    return max(-100.0, 100 * (p - d - spread)), min(100.0, 100 * (p - d + spread))


def candidate_ns(seen: dict, ceiling: int) -> range:
    text = seen.get("n")
    if text is None:
        return range(1, ceiling + 1)
    text = text.replace("\u2013", "-").replace("–", "-").strip()
    if text.startswith("≥"):
        return range(number(text[1:]), ceiling + 1)
    if "-" in text[1:]:
        low, high = text.split("-", 1)
        return range(number(low), number(high) + 1)
    return range(number(text), number(text) + 1)


def splits(seen: dict, ceiling: int = 40) -> set[tuple[int, int, int]]:
    """Every (promoters, passives, detractors) consistent with everything seen of a group."""
    invited = seen.get("invited")
    found = set()
    for n in candidate_ns(seen, invited or ceiling):
        if invited is not None and n > invited:
            continue
        if (
            "rate" in seen
            and invited
            and abs(Fraction(100 * n, invited) - seen["rate"]) > Fraction(1, 2)
        ):
            continue
        for promoters in range(n + 1):
            for detractors in range(n + 1 - promoters):
                value = Fraction(100 * (promoters - detractors), n)
                if "enps" in seen and not _enps_fits(seen["enps"], seen.get("coarse"), value):
                    continue
                if "low" in seen:
                    low, high = interval(promoters, detractors, n, max(invited or n, n))
                    if abs(low - seen["low"]) > 0.5 + 1e-9 or abs(high - seen["high"]) > 0.5 + 1e-9:
                        continue
                if "shares" in seen:
                    actual = (promoters, n - promoters - detractors, detractors)
                    if any(
                        abs(Fraction(100 * c, n) - s) > Fraction(1, 2) + Fraction(1, 10**6)
                        for c, s in zip(actual, seen["shares"], strict=True)
                    ):
                        continue
                found.add((promoters, n - promoters - detractors, detractors))
    return found


def share_vectors(found: set[tuple[int, int, int]]) -> set[tuple[Fraction, ...]]:
    return {tuple(Fraction(c, sum(split)) for c in split) for split in found}
