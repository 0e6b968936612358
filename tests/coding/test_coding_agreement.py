"""Agreement coefficients against published and hand-computed values; bootstrap CIs over units."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.coding import agreement


def _codes(by_coder: dict, label_set: str = "x") -> pd.DataFrame:
    return pd.DataFrame([{"unit_id": f"u{i:03d}", "label_set": label_set, "coder": c, "labels": str(v)}
                         for c, vals in by_coder.items() for i, v in enumerate(vals) if v is not None])


def _row(table, measure, coders=None):
    t = table[(table["measure"] == measure) & (table["label"] == "(all)")]
    if coders:
        t = t[t["coders"] == coders]
    assert len(t) == 1
    return t.iloc[0]


def test_krippendorff_alpha_published_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: nominal data,
    # four observers, twelve units, missing values; the paper gives alpha = 0.743.
    data = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
    t = agreement(_codes(data), per_label=False, n_boot=500, seed=0)
    a = _row(t, "Krippendorff's alpha")
    assert round(a["estimate"], 3) == 0.743
    assert a["n_units"] == 11  # unit 12 has a single value and is not pairable
    assert a["low"] < a["estimate"] < a["high"] <= 1.0


def test_cohens_kappa_by_hand():
    # 50 units: both yes 20, A yes/B no 5, A no/B yes 10, both no 15.
    # p_o = 35/50 = 0.70; A says yes 25/50, B 30/50: p_e = 0.5*0.6 + 0.5*0.4 = 0.50;
    # kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40
    a = ["yes"] * 20 + ["yes"] * 5 + ["no"] * 10 + ["no"] * 15
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    t = agreement(_codes({"A": a, "B": b}), per_label=False, n_boot=300)
    assert _row(t, "Cohen's kappa", "A–B")["estimate"] == pytest.approx(0.40)
    # with two coders Fleiss' kappa is Scott's pi: p_e = ((25+30)/100)^2 + ((25+20)/100)^2 = 0.505
    assert _row(t, "Fleiss' kappa")["estimate"] == pytest.approx((0.70 - 0.505) / (1 - 0.505))


def test_fleiss_kappa_worked_example():
    # The worked example of the Wikipedia article "Fleiss' kappa" (10 subjects, 14 raters, 5 categories):
    # P-bar = 0.378, P_e = 0.213, kappa = 0.210.
    counts = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
              [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    coders = {f"r{j:02d}": [] for j in range(14)}
    for row in counts:
        labels = [c + 1 for c, k in enumerate(row) for _ in range(k)]
        for j, lab in enumerate(labels):
            coders[f"r{j:02d}"].append(lab)
    codes = _codes(coders)
    t = agreement(codes, coders=sorted(coders)[:14], per_label=False, n_boot=50)
    assert round(_row(t, "Fleiss' kappa")["estimate"], 3) == 0.210


def test_bootstrap_is_seeded_and_per_label_is_binary():
    rng = np.random.default_rng(0)
    truth = rng.choice(["phone", "email", "", "phone;email"], size=40)
    a = list(truth)
    b = [t if rng.random() < 0.8 else "phone" for t in truth]
    codes = _codes({"A": a, "B": b}, "channels")
    t1 = agreement(codes, n_boot=300, seed=4)
    t2 = agreement(codes, n_boot=300, seed=4)
    pd.testing.assert_frame_equal(t1, t2)
    assert set(t1["label"]) == {"(all)", "email", "phone"}
    phone = t1[(t1["label"] == "phone") & (t1["measure"] == "Cohen's kappa")].iloc[0]
    assert "binary: phone present or absent" in phone["method"]


def test_no_variation_and_one_coder_say_why():
    t = agreement(_codes({"A": ["neutral"] * 5, "B": ["neutral"] * 5}), per_label=False, n_boot=50)
    assert t["estimate"].isna().all()
    assert t["note"].str.startswith("no variation").all()
    one = agreement(_codes({"A": ["neutral", "positive"], "adjudicated": ["neutral", "neutral"]}), n_boot=50)
    assert one.loc[0, "note"] == "agreement needs at least two coders"
