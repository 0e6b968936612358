"""Tests of association: published and hand-computed values, the method chosen by the counts, reasons in words."""
from __future__ import annotations

import itertools
from math import comb

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats.association import (benjamini_hochberg, cluster_permutation_test, contingency_test,
                                          cramers_v_corrected, expected_counts)


def test_fisher_lady_tasting_tea():
    # Fisher (1935), The Design of Experiments, ch. II; worked in Agresti (2002), Categorical Data Analysis,
    # 2nd ed., §3.5.2, Table 3.8: 8 cups, 4 with milk first; the lady names 3 of the 4 correctly.
    # Hypergeometric P(n11 = k) = C(4,k) C(4,4-k) / C(8,4) = 1, 16, 36, 16, 1 (/70) for k = 0..4.
    # Agresti's one-sided P = P(3) + P(4) = 17/70 = 0.243; the two-sided p (tables as or less likely) = 34/70.
    from scipy.stats import fisher_exact

    assert fisher_exact([[3, 1], [1, 3]], alternative="greater").pvalue == pytest.approx(17 / 70)
    r = contingency_test([[3, 1], [1, 3]])
    assert r["method"] == "Fisher's exact test (2×2, two-sided)"
    assert r["p"] == pytest.approx(34 / 70) and round(r["p"], 4) == 0.4857
    # all four named correctly: one-sided 1/70 = 0.0143 (Fisher's own figure), two-sided 2/70
    assert contingency_test([[4, 0], [0, 4]])["p"] == pytest.approx(2 / 70)


def test_bias_corrected_cramers_v_worked_example():
    # Table [[20, 10], [10, 20]], n = 60, r = c = 2.
    # chi2 = n (ad - bc)^2 / (row and column totals) = 60 * (400 - 100)^2 / 30^4 = 6.6667; phi^2 = 0.11111
    # Bergsma (2013): phi~^2 = max(0, 0.11111 - 1*1/59) = 0.094162; r~ = c~ = 2 - 1/59 = 1.983051
    # V~ = sqrt(0.094162 / 0.983051) = sqrt(0.095786) = 0.30949 (uncorrected V = sqrt(0.11111) = 0.3333)
    assert cramers_v_corrected([[20, 10], [10, 20]]) == pytest.approx(0.30949, abs=1e-5)
    # a table with no association is corrected to exactly 0 (the uncorrected V of noise is positive)
    assert cramers_v_corrected([[10, 10], [10, 10]]) == 0.0
    with pytest.raises(ValueError):
        cramers_v_corrected([[3, 4]])


def test_chi2_when_expected_counts_allow():
    # rows 60 / 90, columns 50 / 50 / 50, n = 150: expected 20 and 30 per cell;
    # chi2 = 2 * 10^2/20 + 2 * 10^2/30 = 16.667, dof 2, p = exp(-16.667 / 2) = 2.40e-4
    r = contingency_test([[30, 20, 10], [20, 30, 40]])
    assert r["method"].startswith("Pearson chi²")
    assert r["statistic"] == pytest.approx(16.6667, abs=1e-4) and r["dof"] == 2
    assert r["p"] == pytest.approx(np.exp(-16.6667 / 2), rel=1e-3)
    assert r["min_expected"] == pytest.approx(20.0)


def _exact_chi2_p_2xk(table) -> float:
    """Exact conditional p of chi² for a 2×k table: enumerate first rows with the margins, hypergeometric weights."""
    t = np.asarray(table)
    cols, r1, n = t.sum(axis=0), t[0].sum(), t.sum()
    e = expected_counts(t)

    def chi2(a):
        x = np.vstack([a, cols - a])
        return float(((x - e) ** 2 / e).sum())

    obs = chi2(t[0])
    total = 0.0
    for a in itertools.product(*[range(c + 1) for c in cols]):
        if sum(a) != r1:
            continue
        w = np.prod([comb(int(c), int(x)) for c, x in zip(cols, a)]) / comb(int(n), int(r1))
        if chi2(np.array(a)) >= obs - 1e-9:
            total += w
    return total


def test_permutation_test_when_counts_are_small_matches_exact_enumeration():
    table = [[5, 1, 0], [2, 4, 6]]
    r = contingency_test(table, n_perm=19999, seed=3)
    assert r["method"].startswith("Monte Carlo permutation test of chi²")
    exact = _exact_chi2_p_2xk(table)
    # Monte Carlo standard error with 19999 draws is below 0.004 here
    assert r["p"] == pytest.approx(exact, abs=0.012)
    assert contingency_test(table, n_perm=999, seed=3) == contingency_test(table, n_perm=999, seed=3)


def test_untestable_tables_say_why():
    r = contingency_test(pd.DataFrame([[4, 0, 0], [2, 0, 0]], index=["phlegmatic", "sanguine"],
                                      columns=["ru", "ro", "zh-Hant"]), row_name="temperament", col_name="language")
    assert r["p"] is None and r["computed"] is False
    assert r["note"] == "only one language (ru) has any temperament: nothing to compare"
    assert contingency_test([[0, 0], [0, 0]])["note"].startswith("no ")


def test_cluster_permutation_exact_with_four_documents():
    # documents a, b (ru) name phlegmatic in every passage; c (ro) and d (zh-Hant) never.
    # 4!/2! = 12 ways to give the labels {ru, ru, ro, zh-Hant} to the documents. The observed
    # separation is perfect (chi2 = n = 8). Perfect too: ru = {a, b} with c, d given ro/zh-Hant either
    # way round (2 arrangements, the observed one among them) and ru = {c, d} with a, b in ro and
    # zh-Hant (2 more). Every arrangement with ru = one of a, b plus one of c, d is weaker. Exact p = 4/12.
    df = pd.DataFrame({"doc": list("aabbccdd"), "lang": ["ru"] * 4 + ["ro"] * 2 + ["zh-Hant"] * 2,
                       "phleg": [1, 1, 1, 1, 0, 0, 0, 0]})
    r = cluster_permutation_test(df, "phleg", "lang", "doc")
    assert r["p"] == pytest.approx(4 / 12)
    assert r["statistic"] == pytest.approx(8.0)
    assert "12 arrangements" in r["method"] and r["smallest_possible_p"] == pytest.approx(1 / 12)
    # the same passages as independent units would give a far smaller (wrong) p
    naive = contingency_test(pd.crosstab(df["phleg"], df["lang"]))
    assert naive["p"] < r["p"]


def test_cluster_permutation_within_clusters_finds_a_real_association():
    rng = np.random.default_rng(1)
    doc = np.repeat(np.arange(10), 20)
    channel = rng.random(200) < 0.5
    temper = np.where(channel, rng.random(200) < 0.8, rng.random(200) < 0.2)
    df = pd.DataFrame({"doc": doc, "channel": channel, "temper": temper})
    r = cluster_permutation_test(df, "temper", "channel", "doc", n_perm=499, seed=0)
    assert "permuted within each of 10 doc clusters" in r["method"]
    assert r["p"] == pytest.approx(1 / 500)
    null = df.assign(temper=rng.random(200) < 0.5)
    assert cluster_permutation_test(null, "temper", "channel", "doc", n_perm=499, seed=0)["p"] > 0.01


def test_benjamini_hochberg_by_hand():
    # sorted p: 0.005, 0.01, 0.03, 0.04 (m = 4): p*m/rank = 0.02, 0.02, 0.04, 0.04 (already monotone)
    out = benjamini_hochberg([0.01, 0.04, 0.03, 0.005])
    assert out.tolist() == pytest.approx([0.02, 0.04, 0.04, 0.02])
    # a test that could not be run is not part of the family
    out = benjamini_hochberg([0.01, None, 0.04])
    assert np.isnan(out[1]) and out[[0, 2]].tolist() == pytest.approx([0.02, 0.04])
