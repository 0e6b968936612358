"""crosstab: counts, rates per 100 segments, chi², Cramér's V, bootstrap CIs, multi-label columns."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats import cramers_v, crosstab


@pytest.fixture()
def seg():
    return pd.DataFrame({
        "channels": ["phone", "phone", "phone", "email", "phone", "email", "email", "email", ""],
        "lang": ["ru", "ru", "ru", "ru", "ro", "ro", "ro", "ro", "ro"],
    })


def test_counts_rates_chi2_by_hand(seg):
    t = crosstab(seg, "channels", "lang")
    counts = t.attrs["counts"]
    assert counts.loc["phone", "ru"] == 3 and counts.loc["email", "ru"] == 1
    assert counts.loc["phone", "ro"] == 1 and counts.loc["email", "ro"] == 3
    row = t.set_index(["channels", "lang"])
    # ru has 4 segments, ro has 5 (one with no channel): rates per 100 segments
    assert row.loc[("phone", "ru"), "rate_per_100"] == 75.0
    assert row.loc[("email", "ro"), "rate_per_100"] == 60.0
    assert row.loc[("phone", "ro"), "n_segments"] == 5
    # table [[3, 1], [1, 3]] (email row first in vocabulary order: [[1, 3], [3, 1]]), N = 8,
    # every expected count = 4 * 4 / 8 = 2; chi2 = 4 * (3 - 2)^2 / 2 = 2.0 (no continuity correction)
    assert t.attrs["chi2"] == pytest.approx(2.0)
    assert t.attrs["dof"] == 1
    # Cramér's V = sqrt(2.0 / (8 * 1)) = 0.5
    assert t.attrs["cramers_v"] == pytest.approx(0.5)
    # p = P(chi2_1 > 2) = 0.157299
    assert t.attrs["p"] == pytest.approx(0.157299, abs=1e-6)
    assert list(t["channels"].unique()) == ["email", "phone"]


def test_bootstrap_ci_seeded(seg):
    a = crosstab(seg, "channels", "lang", n_boot=2000, seed=1)
    b = crosstab(seg, "channels", "lang", n_boot=2000, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert (a["ci_low"] <= a["rate_per_100"]).all() and (a["rate_per_100"] <= a["ci_high"]).all()
    r = a.set_index(["channels", "lang"]).loc[("phone", "ru")]
    assert 0 <= r["ci_low"] < 75.0 < r["ci_high"] <= 100


def test_multilabel_explodes_both_columns():
    seg = pd.DataFrame({"channels": ["phone;email", "email", "meeting"],
                        "temperaments": ["choleric", "phlegmatic;choleric", ""]})
    t = crosstab(seg, "channels", "temperaments", n_boot=0).set_index(["channels", "temperaments"])
    assert t.loc[("email", "choleric"), "count"] == 2
    assert t.loc[("phone", "choleric"), "count"] == 1
    assert t.loc[("email", "phlegmatic"), "count"] == 1
    assert t.loc[("email", "choleric"), "n_segments"] == 2
    assert ("meeting", "choleric") in t.index and t.loc[("meeting", "choleric"), "count"] == 0


def test_empty_label_and_errors(seg):
    t = crosstab(seg, "channels", "lang", empty_label="(none)", n_boot=0)
    assert t.set_index(["channels", "lang"]).loc[("(none)", "ro"), "count"] == 1
    with pytest.raises(KeyError):
        crosstab(seg, "channel", "lang")
    assert cramers_v(2.0, 8, (2, 2)) == pytest.approx(0.5)


def test_bootstrap_ci_width_and_seed_on_larger_sample():
    # 200 segments, 74 with "phone": p = 0.37; the normal-approximation 95% interval is
    # 37 +/- 1.96 * sqrt(0.37 * 0.63 / 200) * 100 = 37 +/- 6.69 -> (30.3, 43.7)
    seg = pd.DataFrame({"channels": ["phone"] * 74 + ["email"] * 126, "lang": "ru"})
    a = crosstab(seg, "channels", "lang", n_boot=4000, seed=0).set_index("channels")
    c = crosstab(seg, "channels", "lang", n_boot=4000, seed=7).set_index("channels")
    assert a.loc["phone", "ci_low"] == pytest.approx(30.3, abs=1.0)
    assert a.loc["phone", "ci_high"] == pytest.approx(43.7, abs=1.0)
    assert (a.loc["phone", "ci_low"], a.loc["phone", "ci_high"]) != (c.loc["phone", "ci_low"], c.loc["phone", "ci_high"]) or \
        a.loc["email", "ci_low"] != c.loc["email", "ci_low"]
