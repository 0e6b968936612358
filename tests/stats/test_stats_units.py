"""passages(): sentences aggregated into paragraphs, label unions and means."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats import passages


def test_passages_union_majority_and_means():
    seg = pd.DataFrame({"doc_id": ["a"] * 3 + ["b"], "paragraph": [0, 0, 0, 0], "seg_id": list("1234"),
                        "lang": ["ru", "ru", "uk", "ro"], "temperaments": ["", "phlegmatic", "phlegmatic", ""],
                        "channels": ["email", "", "phone;email", ""], "p_negative": [0.1, 0.2, 0.6, 0.5]})
    p = passages(seg).set_index("doc_id")
    assert p.loc["a", "temperaments"] == "phlegmatic" and p.loc["a", "channels"] == "email;phone"
    assert p.loc["a", "lang"] == "ru" and p.loc["a", "sentences"] == 3
    assert p.loc["a", "p_negative"] == pytest.approx(0.3)
    assert "sentiment" not in p.columns
    with pytest.raises(KeyError, match="not found"):
        passages(seg.drop(columns="channels"))
