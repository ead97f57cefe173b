"""Key drivers: which statements move an outcome (eNPS) most, over respondents' own answers.

Relative weights (Johnson 2000, "A heuristic method for estimating the relative weight of
predictor variables in multiple regression"): the statements are correlated (a good manager
lifts all three leadership items), so plain regression coefficients share the credit
arbitrarily. Relative weights split the explained variance R² into one non-negative part per
statement that adds up to R², by regressing the outcome on the orthogonal variables closest to
the statements and carrying the weights back. Each statement's weight is shown as its share of
R², with a percentile bootstrap 95 % interval over respondents; the standardised regression
coefficient is given beside it.

A statement that matters more than an equal share (1/p of R²) is a *strength* where its mean is
at or above the median of the statements' means, a *priority* where it is below.

Examples:
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> items = rng.integers(1, 6, size=(200, 3)).astype(float)
    >>> outcome = 2 * items[:, 0] + items[:, 1] + rng.normal(0, 1, 200)
    >>> result = key_drivers(items, outcome, ["a", "b", "c"], draws=50)
    >>> [d.key for d in result.ranked()]
    ['a', 'b', 'c']
    >>> round(sum(d.weight for d in result.drivers) * result.r2, 6) == round(result.r2, 6)
    True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MIN_RESPONDENTS = 30  # nine statements need several answers each to be told apart

Matrix = npt.NDArray[np.float64]


class TooFewAnswers(ValueError):
    """The analysis cannot run: too few complete answers, or an outcome that does not vary."""


@dataclass(frozen=True)
class Driver:
    key: str
    weight: float  # share of the explained variance, 0–1 (the weights add up to 1)
    low: float  # bootstrap 95 % interval of the share
    high: float
    beta: float  # standardised regression coefficient
    mean: float  # the statement's mean answer, on the scale given


@dataclass(frozen=True)
class Drivers:
    n: int
    r2: float
    drivers: tuple[Driver, ...]

    def ranked(self) -> list[Driver]:
        return sorted(self.drivers, key=lambda d: -d.weight)

    def _important(self) -> list[Driver]:
        return [d for d in self.ranked() if d.weight >= 1 / len(self.drivers)]

    def _median_mean(self) -> float:
        return float(np.median([d.mean for d in self.drivers]))

    def strengths(self) -> list[Driver]:
        """Statements that matter more than an equal share and score at or above the median."""
        return [d for d in self._important() if d.mean >= self._median_mean()]

    def priorities(self) -> list[Driver]:
        """Statements that matter more than an equal share and score below the median."""
        return [d for d in self._important() if d.mean < self._median_mean()]


def relative_weights(items: Matrix, outcome: Matrix) -> tuple[Matrix, Matrix, float]:
    """(raw relative weights adding up to R², standardised betas, R²).

    Statements that do not vary get weight and beta 0 (they cannot explain anything).

    Examples:
        >>> import numpy as np
        >>> x = np.array([[1.0, 2], [2, 1], [3, 4], [4, 3], [5, 5]])
        >>> weights, betas, r2 = relative_weights(x, x[:, 0] * 1.0)
        >>> round(float(weights.sum()), 6) == round(r2, 6) == 1.0
        True
    """
    p = items.shape[1]
    spread = items.std(axis=0)
    varying = np.flatnonzero(spread > 0)
    weights = np.zeros(p)
    betas = np.zeros(p)
    if outcome.std() == 0 or varying.size == 0:
        raise TooFewAnswers("the outcome or every statement has one answer only")
    x = items[:, varying]
    correlations = np.corrcoef(np.column_stack([x, outcome]), rowvar=False)
    rxx, rxy = correlations[:-1, :-1], correlations[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    values = np.clip(values, 0.0, None)
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T  # R^(1/2)
    beta_z = np.linalg.lstsq(root, rxy, rcond=None)[0]  # the outcome on the orthogonal Z
    raw = (root**2) @ (beta_z**2)
    weights[varying] = raw
    betas[varying] = np.linalg.lstsq(rxx, rxy, rcond=None)[0]
    return weights, betas, float(raw.sum())


def key_drivers(
    items: Matrix,
    outcome: Matrix,
    keys: Sequence[str],
    *,
    draws: int = 200,
    seed: int = 0,
    minimum: int = MIN_RESPONDENTS,
) -> Drivers:
    """Relative weights of each statement (columns of `items`) for the outcome, per
    respondent (rows), with percentile bootstrap intervals of their shares of R²."""
    items = np.asarray(items, dtype=np.float64)
    outcome = np.asarray(outcome, dtype=np.float64)
    n, p = items.shape
    if len(keys) != p or outcome.shape != (n,):
        raise ValueError("one key per statement and one outcome per respondent")
    if n < max(minimum, p + 2):
        raise TooFewAnswers(f"{n} complete answers; the analysis needs {max(minimum, p + 2)}")
    weights, betas, r2 = relative_weights(items, outcome)
    if r2 <= 0:
        raise TooFewAnswers("the statements explain nothing of the outcome")
    shares = weights / r2
    rng = np.random.default_rng(seed)
    boot = []
    for _ in range(draws):
        rows = rng.integers(0, n, size=n)
        try:
            w, _b, total = relative_weights(items[rows], outcome[rows])
        except TooFewAnswers:
            continue
        if total > 0:
            boot.append(w / total)
    if boot:
        low, high = np.percentile(np.array(boot), [2.5, 97.5], axis=0)
    else:
        low, high = shares, shares
    means = items.mean(axis=0)
    return Drivers(
        n=n,
        r2=r2,
        drivers=tuple(
            Driver(
                key,
                float(shares[j]),
                float(low[j]),
                float(high[j]),
                float(betas[j]),
                float(means[j]),
            )
            for j, key in enumerate(keys)
        ),
    )
