"""Confidence intervals for proportions that stay honest at zero counts: Wilson and Jeffreys.

>>> lo, hi = proportion_ci(0, 30)
>>> float(lo), round(float(hi), 3)
(0.0, 0.114)

A percentile bootstrap of 0 successes in 30 gives [0, 0], as if a rate of
zero were certain; the Wald interval does the same. Wilson's score interval
(Wilson 1927) and the Jeffreys interval (Beta(k+½, n−k+½) quantiles) are the
two recommended by Brown, Cai & DasGupta (2001, Statistical Science 16:101–133)
and keep a positive upper bound at k = 0.
"""
from __future__ import annotations

import numpy as np

__all__ = ["proportion_ci", "wilson_interval", "jeffreys_interval"]


def wilson_interval(k, n, ci: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval of k/n (vectorised); n = 0 gives the whole [0, 1] (no information).

    >>> lo, hi = wilson_interval(5, 10)
    >>> round(float(lo), 4), round(float(hi), 4)
    (0.2366, 0.7634)
    """
    from scipy.stats import norm

    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("counts must satisfy 0 <= k <= n")
    z = norm.ppf(1.0 - (1.0 - ci) / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(n > 0, k / n, 0.0)
        denom = 1.0 + z * z / n
        centre = (p + z * z / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
        lo = np.where(n > 0, np.clip(centre - half, 0.0, 1.0), 0.0)
        hi = np.where(n > 0, np.clip(centre + half, 0.0, 1.0), 1.0)
    lo = np.where(k == 0, 0.0, lo)
    hi = np.where((k == n) & (n > 0), 1.0, hi)
    return lo, hi


def jeffreys_interval(k, n, ci: float = 0.95):
    """Jeffreys interval for k/n: Beta(k + ½, n − k + ½) quantiles; 0 at k = 0, 1 at k = n (vectorised).

    Scalars in, a pair of floats out:

    >>> lo, hi = jeffreys_interval(0, 20)
    >>> lo, round(hi, 4)
    (0.0, 0.1166)
    """
    from scipy.stats import beta

    scalar = np.ndim(k) == 0 and np.ndim(n) == 0
    k, n = np.asarray(k, dtype=float), np.asarray(n, dtype=float)
    if np.any(k < 0) or np.any(k > n):
        raise ValueError("counts must satisfy 0 <= k <= n")
    a = (1.0 - ci) / 2.0
    with np.errstate(divide="ignore", invalid="ignore"):
        lo = np.where(k <= 0, 0.0, beta.ppf(a, k + 0.5, n - k + 0.5))
        hi = np.where(k >= n, 1.0, beta.ppf(1.0 - a, k + 0.5, n - k + 0.5))
    lo, hi = np.where(n > 0, lo, 0.0), np.where(n > 0, hi, 1.0)
    if scalar:
        return float(lo), float(hi)
    return lo, hi


def proportion_ci(k, n, ci: float = 0.95, method: str = "wilson"):
    """Interval of the proportion k/n by ``method`` ``"wilson"`` (default) or ``"jeffreys"``."""
    if method == "wilson":
        return wilson_interval(k, n, ci)
    if method == "jeffreys":
        return jeffreys_interval(k, n, ci)
    raise ValueError(f"method must be 'wilson' or 'jeffreys', not {method!r}")
