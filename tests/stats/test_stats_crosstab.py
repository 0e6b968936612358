"""crosstab: counts, rates per 100 segments, intervals honest at zero, a test only where cells are independent."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats import cramers_v, crosstab


@pytest.fixture()
def seg():
    return pd.DataFrame({
        "channels": ["phone", "phone", "phone", "email", "phone", "email", "email", "email", ""],
        "lang": ["ru", "ru", "ru", "ru", "ro", "ro", "ro", "ro", "ro"],
    })


def test_counts_rates_and_exact_test_by_hand(seg):
    t = crosstab(seg, "channels", "lang")
    counts = t.attrs["counts"]
    assert counts.loc["phone", "ru"] == 3 and counts.loc["email", "ru"] == 1
    assert counts.loc["phone", "ro"] == 1 and counts.loc["email", "ro"] == 3
    row = t.set_index(["channels", "lang"])
    # ru has 4 segments, ro has 5 (one with no channel): rates per 100 segments
    assert row.loc[("phone", "ru"), "rate_per_100"] == 75.0
    assert row.loc[("email", "ro"), "rate_per_100"] == 60.0
    assert row.loc[("phone", "ro"), "n_segments"] == 5
    # single-label segments: the 2x2 table [[1, 3], [3, 1]] is tested with Fisher's exact test;
    # P(table) = C(4,a)C(4,4-a)/C(8,4): a=0..4 -> 1, 16, 36, 16, 1 (/70); two-sided p = (1+16+16+1)/70
    test = t.attrs["test"]
    assert test["method"].startswith("Fisher's exact")
    assert test["p"] == pytest.approx(34 / 70)
    assert list(t["channels"].unique()) == ["email", "phone"]


def test_wilson_intervals_do_not_collapse_at_zero():
    seg = pd.DataFrame({"channels": ["phone"] * 3 + [""] * 27, "lang": ["ru"] * 15 + ["ro"] * 15})
    t = crosstab(seg, "channels", "lang").set_index(["channels", "lang"])
    zero = t.loc[("phone", "ro")]
    assert zero["count"] == 0 and zero["ci_low"] == 0.0
    # Wilson upper bound for 0/15: z^2/(n+z^2) = 3.8415/18.8415 = 0.2039
    assert zero["ci_high"] == pytest.approx(20.39, abs=0.01)
    assert zero["ci_method"] == "Wilson score interval"


def test_cluster_bootstrap_intervals_are_seeded_and_wider_than_wilson():
    rng = np.random.default_rng(0)
    docs = np.repeat(np.arange(20), 10)
    has = np.repeat(rng.random(20) < 0.4, 10)  # channel talk clusters completely by document
    seg = pd.DataFrame({"channels": np.where(has, "phone", ""), "lang": np.where(docs < 10, "ru", "ro"),
                        "doc_id": docs})
    a = crosstab(seg, "channels", "lang", cluster="doc_id", n_boot=1000, seed=1)
    b = crosstab(seg, "channels", "lang", cluster="doc_id", n_boot=1000, seed=1)
    pd.testing.assert_frame_equal(a, b)
    w = crosstab(seg, "channels", "lang")
    width_cluster = (a["ci_high"] - a["ci_low"]).mean()
    width_wilson = (w["ci_high"] - w["ci_low"]).mean()
    assert width_cluster > 1.8 * width_wilson
    assert a["ci_method"].str.startswith("cluster bootstrap over doc_id").all()
    # only one channel label: nothing to test unless the unlabelled segments form a row of their own
    assert a.attrs["test"]["p"] is None and "only one" in a.attrs["test"]["note"]
    e = crosstab(seg, "channels", "lang", cluster="doc_id", empty_label="(none)", n_boot=200, n_perm=999)
    assert "lang permuted among 20 doc_id clusters" in e.attrs["test"]["method"]
    assert 0 < e.attrs["test"]["p"] <= 1


def test_multilabel_explodes_both_columns_and_refuses_a_table_test():
    seg = pd.DataFrame({"channels": ["phone;email", "email", "meeting"],
                        "temperaments": ["choleric", "phlegmatic;choleric", ""]})
    t = crosstab(seg, "channels", "temperaments").set_index(["channels", "temperaments"])
    assert t.loc[("email", "choleric"), "count"] == 2
    assert t.loc[("phone", "choleric"), "count"] == 1
    assert t.loc[("email", "phlegmatic"), "count"] == 1
    assert t.loc[("email", "choleric"), "n_segments"] == 2
    assert ("meeting", "choleric") in t.index and t.loc[("meeting", "choleric"), "count"] == 0
    test = t.attrs["test"]
    assert test["p"] is None and "label_tests" in test["note"]


def test_one_language_only_says_why():
    seg = pd.DataFrame({"temperaments": ["phlegmatic", "sanguine", "", ""], "lang": ["ru", "ru", "ro", "ro"]})
    test = crosstab(seg, "temperaments", "lang").attrs["test"]
    assert test["p"] is None
    assert test["note"] == "only one lang (ru) has any temperaments: nothing to compare"


def test_empty_label_and_errors(seg):
    t = crosstab(seg, "channels", "lang", empty_label="(none)")
    assert t.set_index(["channels", "lang"]).loc[("(none)", "ro"), "count"] == 1
    with pytest.raises(KeyError):
        crosstab(seg, "channel", "lang")
    assert cramers_v(2.0, 8, (2, 2)) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        cramers_v(2.0, 8, (1, 2))


def test_single_cluster_group_falls_back_to_a_labelled_within_cluster_interval():
    seg = pd.DataFrame({"channels": ["phone", "", "", "phone", "", "", "", ""],
                        "lang": ["ru"] * 4 + ["ro"] * 4, "doc_id": ["a", "a", "b", "b", "c", "c", "c", "c"]})
    t = crosstab(seg, "channels", "lang", cluster="doc_id", n_boot=200).set_index(["channels", "lang"])
    ro = t.loc[("phone", "ro")]
    assert ro["ci_method"].startswith("Wilson score interval within 1 doc_id")
    assert ro["ci_low"] == 0.0 and ro["ci_high"] > 40  # Wilson 0/4: z²/(4+z²) = 0.49
    assert t.loc[("phone", "ru"), "ci_method"].startswith("cluster bootstrap over doc_id")
