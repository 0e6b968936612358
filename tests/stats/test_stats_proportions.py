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
