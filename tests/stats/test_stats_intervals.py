"""Intervals for proportions: Wilson and Jeffreys by hand and at the edges."""
from __future__ import annotations

import numpy as np
import pytest

from clientcomm.stats.intervals import jeffreys_interval, proportion_ci, wilson_interval


def test_wilson_by_hand():
    # k = 5, n = 10, z = 1.95996: centre = (0.5 + z^2/20) / (1 + z^2/10) = 0.5;
    # half = z sqrt(0.025 + z^2/400) / (1 + z^2/10) = 1.95996 * sqrt(0.0346037) / 1.384146
    #      = 1.95996 * 0.186020 / 1.384146 = 0.26341
    lo, hi = wilson_interval(5, 10)
    assert (float(lo), float(hi)) == pytest.approx((0.23659, 0.76341), abs=1e-5)


def test_zero_and_full_counts_keep_a_width():
    lo, hi = wilson_interval(0, 15)
    # upper bound at k = 0 is z^2 / (n + z^2) = 3.84146 / 18.84146
    assert float(lo) == 0.0 and float(hi) == pytest.approx(3.84146 / 18.84146, abs=1e-5)
    jl, jh = jeffreys_interval(15, 15)
    assert jh == 1.0 and 0.8 < jl < 1.0
    jl, jh = jeffreys_interval(0, 15)
    assert jl == 0.0 and jh > 0.0


def test_vectorised_and_no_information_at_n_zero():
    lo, hi = proportion_ci(np.array([0, 3, 0]), np.array([10, 10, 0]), method="jeffreys")
    assert lo.tolist()[2] == 0.0 and hi.tolist()[2] == 1.0
    assert hi[0] > 0 and lo[1] > 0
    with pytest.raises(ValueError, match="0 <= k <= n"):
        wilson_interval(4, 3)
    with pytest.raises(ValueError, match="method"):
        proportion_ci(1, 2, method="wald")
