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
    if outcome.std() == 0 or varying.size == 0:
        raise TooFewAnswers("the outcome or every statement has one answer only")
    x = items[:, varying]
    correlations = np.corrcoef(np.column_stack([x, outcome]), rowvar=False)
    return _from_correlations(correlations, varying, p)


def _from_correlations(
    correlations: Matrix, varying: npt.NDArray[np.intp], p: int, *, betas: bool = True
) -> tuple[Matrix, Matrix, float]:
    """`relative_weights` from the correlation matrix of the varying statements and the
    outcome (last)."""
    weights = np.zeros(p)
    standardised = np.zeros(p)
    rxx, rxy = correlations[:-1, :-1], correlations[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    values = np.clip(values, 0.0, None)
    root = vectors @ np.diag(np.sqrt(values)) @ vectors.T  # R^(1/2)
    beta_z = np.linalg.lstsq(root, rxy, rcond=None)[0]  # the outcome on the orthogonal Z
    raw = (root**2) @ (beta_z**2)
    weights[varying] = raw
    if betas:
        standardised[varying] = np.linalg.lstsq(rxx, rxy, rcond=None)[0]
    return weights, standardised, float(raw.sum())


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
    boot = _bootstrap(items, outcome, draws, seed)
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


def _bootstrap(items: Matrix, outcome: Matrix, draws: int, seed: int) -> list[Matrix]:
    """Each resample's shares of R² (resamples where the analysis cannot run left out).

    A resample is n respondents drawn with replacement. Where the answers are whole numbers
    small enough that every sum below is exact in integers (a survey's scales always are),
    a resample is not copied: it is how many times each distinct answer pattern (statements
    and outcome) was drawn, and its correlations come from exact sums of products over the
    patterns, for many resamples in one matrix product. The same draws as copying the rows
    (`_bootstrap_by_rows`), and the same correlations but for the last bit of rounding (these
    are exact before the one division).
    """
    rng = np.random.default_rng(seed)
    n, p = items.shape
    data = np.column_stack([items, outcome])
    largest = float(np.abs(data).max()) if data.size else 0.0
    if (
        not np.isfinite(largest)
        or not np.array_equal(data, np.round(data))
        or n * int(largest) ** 2 >= 2**53
        or (n * n) * int(largest) ** 2 >= 2**62
    ):
        return _bootstrap_by_rows(items, outcome, draws, rng)
    patterns, inverse = _patterns(data)
    columns = p + 1
    upper = np.triu_indices(columns)
    # Each column as whole steps above its lowest value (an HME statement's 0, 25, …, 100 as
    # 0–4): the covariance does not move with the lowest value and scales with the steps,
    # exactly in integers. Where every sum of the smaller numbers stays below 2**24, they are
    # summed in single precision, as exactly and in half the time.
    whole = patterns.astype(np.int64)
    lowest = whole.min(axis=0) if len(whole) else np.zeros(columns, dtype=np.int64)
    steps = np.gcd.reduce(whole - lowest, axis=0) if len(whole) else np.ones(columns, np.int64)
    steps[steps == 0] = 1
    small = (whole - lowest) // steps
    single = n * int(small.max(initial=0)) ** 2 < 2**24 and n < 2**24
    if single:
        patterns, scale = small.astype(np.float32), steps[:, None] * steps[None, :]
    # Per pattern: its values and every product of two of them (upper triangle).
    products = np.column_stack([patterns, patterns[:, upper[0]] * patterns[:, upper[1]]])
    boot: list[Matrix] = []
    block = max(1, min(draws, 2**22 // max(len(patterns), 1)))  # ~32 MB of counts at once
    done = 0
    while done < draws:
        size = min(block, draws - done)
        counts = np.empty((size, len(patterns)), dtype=products.dtype)
        for d in range(size):
            counts[d] = np.bincount(inverse[rng.integers(0, n, size=n)], minlength=len(patterns))
        # Whole numbers below 2**53 (2**24 in single precision) throughout: exact in any
        # order of summation.
        sums = (counts @ products).astype(np.int64)
        first = sums[:, :columns]
        second = np.zeros((size, columns, columns), dtype=np.int64)
        second[:, upper[0], upper[1]] = sums[:, columns:]
        second[:, upper[1], upper[0]] = sums[:, columns:]
        # n² times the covariance, exactly: n Σxy − Σx Σy.
        scatter = n * second - first[:, :, None] * first[:, None, :]
        if single:
            scatter *= scale
        boot.extend(_resamples_weights(scatter, p))
        done += size
    return boot


def _resamples_weights(scatter: npt.NDArray[np.int64], p: int) -> list[Matrix]:
    """`_resample_weights` of many resamples (their scatter matrices stacked), those where
    everything varies together: each eigen-decomposition at once, and the outcome on the
    orthogonal variables through it (the least-squares solution `lstsq` gives)."""
    diagonal = np.diagonal(scatter, axis1=1, axis2=2)
    everything = (diagonal > 0).all(axis=1)
    weights: list[Matrix | None] = [None] * len(scatter)
    if everything.any():
        correlations = scatter[everything].astype(np.float64)
        spread = np.sqrt(np.diagonal(correlations, axis1=1, axis2=2))
        correlations /= spread[:, :, None]
        correlations /= spread[:, None, :]
        np.clip(correlations, -1, 1, out=correlations)
        rxx, rxy = correlations[:, :-1, :-1], correlations[:, :-1, -1]
        values, vectors = np.linalg.eigh(rxx)
        root_values = np.sqrt(np.clip(values, 0.0, None))
        transposed = np.swapaxes(vectors, 1, 2)
        root = vectors @ (root_values[:, :, None] * transposed)  # R^(1/2)
        # As `lstsq` solves it: singular values (those of R^(1/2) are its eigenvalues) at
        # most rcond times the largest count as zero.
        cutoff = np.finfo(np.float64).eps * p * root_values.max(axis=1, keepdims=True)
        inverse = np.divide(
            1.0, root_values, out=np.zeros_like(root_values), where=root_values > cutoff
        )
        beta_z = vectors @ (inverse[:, :, None] * (transposed @ rxy[:, :, None]))
        raw = (root**2) @ (beta_z**2)
        totals = raw.sum(axis=1)[:, 0]
        for index, row, total in zip(np.flatnonzero(everything), raw[:, :, 0], totals, strict=True):
            weights[index] = row / total if total > 0 else None
    for index in np.flatnonzero(~everything):
        weights[index] = _resample_weights(scatter[index], p)
    return [w for w in weights if w is not None]


def _resample_weights(scatter: npt.NDArray[np.int64], p: int) -> Matrix | None:
    """One resample's shares of R² from its exact scatter matrix (outcome last), as
    `relative_weights` would give them from its rows; None where it cannot run."""
    diagonal = np.diag(scatter)
    varying = np.flatnonzero(diagonal[:p] > 0)
    if diagonal[p] == 0 or varying.size == 0:
        return None
    kept = np.append(varying, p)
    correlations = scatter[np.ix_(kept, kept)].astype(np.float64)
    spread = np.sqrt(np.diag(correlations))
    correlations /= spread[:, None]
    correlations /= spread[None, :]
    np.clip(correlations, -1, 1, out=correlations)
    weights, _betas, total = _from_correlations(correlations, varying, p, betas=False)
    return weights / total if total > 0 else None


def _bootstrap_by_rows(
    items: Matrix, outcome: Matrix, draws: int, rng: np.random.Generator
) -> list[Matrix]:
    """The resamples copied row by row: for answers that are not small whole numbers."""
    n = len(outcome)
    boot = []
    for _ in range(draws):
        rows = rng.integers(0, n, size=n)
        try:
            w, _b, total = relative_weights(items[rows], outcome[rows])
        except TooFewAnswers:
            continue
        if total > 0:
            boot.append(w / total)
    return boot


def _patterns(data: Matrix) -> tuple[Matrix, npt.NDArray[np.intp]]:
    """The distinct rows of `data` and, per row, the index of its pattern: through one whole
    number per row (its columns' value codes in mixed radix) where that fits, as a survey's
    few answer values always do."""
    radix = 1
    key = np.zeros(len(data), dtype=np.int64)
    for column in data.T:
        values, code = np.unique(column, return_inverse=True)
        radix *= len(values)
        if radix >= 2**62:
            found, inverse = np.unique(data, axis=0, return_inverse=True)
            return found, inverse.reshape(-1)
        key = key * len(values) + code.reshape(-1)
    _keys, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    return data[first], inverse.reshape(-1)
