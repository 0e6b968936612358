"""Dictionary counts per 100 tokens (LIWC-style)."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats import dictionary_counts, per_100_tokens, token_counts


@pytest.fixture()
def seg():
    return pd.DataFrame({"doc_id": ["a", "a", "b"],
                         "text": ["Позвоните нам или напишите на почту", "Спасибо", "我明天给你打电话。"],
                         "lang": ["ru", "ru", "zh-Hans"]})


def test_token_counts(seg):
    assert token_counts(seg).tolist() == [6, 1, 5]  # 我 / 明天 / 给 / 你 / 打电话


def test_per_segment_rates(seg):
    r = per_100_tokens(seg, "channels")
    assert r.loc[0, "phone"] == pytest.approx(100 / 6) and r.loc[0, "email"] == pytest.approx(100 / 6)
    assert r.loc[1, "phone"] == 0.0
    assert r.loc[2, "phone"] == pytest.approx(20.0)


def test_grouped_rates_are_ratios_of_sums(seg):
    r = per_100_tokens(seg, "channels", by="doc_id")
    # doc a: 1 phone hit in 7 tokens
    assert r.loc["a", "n_tokens"] == 7
    assert r.loc["a", "phone"] == pytest.approx(100 / 7)
    c = dictionary_counts(seg, "temperaments")
    assert list(c.columns) == ["n_tokens", "sanguine", "choleric", "melancholic", "phlegmatic"]
    assert c[["sanguine", "choleric", "melancholic", "phlegmatic"]].to_numpy().sum() == 0
