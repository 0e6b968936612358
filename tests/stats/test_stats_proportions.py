"""expected_proportions: mean calibrated probabilities per group, whole documents resampled."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats import expected_proportions


def test_means_differences_and_single_document_note():
    seg = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"], "lang": ["ru", "ru", "ru", "ru", "ro"],
                        "p_negative": [0.5, 0.1, 0.2, 0.2, 0.9], "p_neutral": [0.4, 0.8, 0.7, 0.7, 0.1],
                        "p_positive": [0.1, 0.1, 0.1, 0.1, 0.0]})
    t = expected_proportions(seg, "lang", "doc_id", reference="ru", n_boot=300).set_index(["lang", "class"])
    assert t.loc[("ru", "negative"), "estimate"] == pytest.approx(0.25)
    assert t.loc[("ro", "negative"), "diff"] == pytest.approx(0.65)
    assert "only 1 doc_id in ro" in t.loc[("ro", "negative"), "note"]
    # probabilities of a row sum to 1, so the expected proportions of a group do too
    assert t.xs("ru", level="lang")["estimate"].sum() == pytest.approx(1.0)


def test_missing_probabilities_are_counted_and_columns_required():
    seg = pd.DataFrame({"doc_id": ["a", "b", "c"], "lang": "ru", "p_negative": [0.2, np.nan, 0.4],
                        "p_neutral": [0.8, np.nan, 0.6], "p_positive": [0.0, np.nan, 0.0]})
    t = expected_proportions(seg, "lang", "doc_id", n_boot=100)
    assert t.attrs["dropped"] == 1 and t.loc[t["class"] == "negative", "n_obs"].item() == 2
    with pytest.raises(KeyError, match="score_sentiment"):
        expected_proportions(seg.drop(columns="p_neutral"), "lang", "doc_id")


def test_describe_differences_verdicts():
    from clientcomm.stats import describe_differences

    t = pd.DataFrame({"lang": ["ro", "ru", "zh-Hant", "en"], "class": "negative", "reference": "ro",
                      "estimate": [0.1, 0.6, 0.15, 0.3], "diff": [0.0, 0.5, 0.05, 0.2],
                      "diff_low": [np.nan, 0.45, -0.02, np.nan], "diff_high": [np.nan, 0.55, 0.12, np.nan],
                      "note": ["reference group", "", "", "only 1 doc_id in en: no interval"]})
    acc = pd.DataFrame({"macro_f1_cv": [0.74, 0.62, 0.70]}, index=["ro", "ru", "zh-Hant"])
    lines = describe_differences(t, acc)
    assert len(lines) == 3
    assert lines[0].endswith("a finding (CI excludes 0 and the difference exceeds the engine error 0.38)")
    assert lines[1].endswith("not a finding (CI includes 0)")
    assert "en not measured" in lines[2] and lines[2].endswith("not a finding: only 1 doc_id in en: no interval")
