"""clientcomm._series: the shared coercion of an annotator's arguments."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm._series import as_series, per_text


def test_per_text_aligns_one_value_per_text():
    texts = pd.Series(["a", "b", "c"], index=[7, 8, 9])
    assert per_text("ru", texts) == ["ru"] * 3
    assert per_text(None, texts) == [None] * 3
    assert per_text(("ru", "ro", "en"), texts) == ["ru", "ro", "en"]
    # same index: by label (equal to position); same length, other index: by position
    assert per_text(pd.Series(["ru", "ro", "en"], index=[7, 8, 9]), texts) == ["ru", "ro", "en"]
    assert per_text(pd.Series(["ru", "ro", "en"]), texts) == ["ru", "ro", "en"]
    # a longer Series (the column of a larger table) is aligned on the labels
    whole = pd.Series({6: "zh-Hans", 9: "en", 8: "ro", 7: "ru"})
    assert per_text(whole, texts) == ["ru", "ro", "en"]


def test_per_text_refuses_values_that_do_not_fit():
    texts = pd.Series(["a", "b"])
    with pytest.raises(ValueError, match="lang has 3 values for 2 texts"):
        per_text(["ru", "ro", "en"], texts)
    with pytest.raises(ValueError, match="does not hold every text's label"):
        per_text(pd.Series({0: "ru", 5: "ro", 6: "en"}), texts, "lang")


def test_as_series_keeps_a_series_and_wraps_the_rest():
    s = pd.Series(["x"], index=[4])
    assert as_series(s) is s
    assert as_series("x").tolist() == ["x"] and as_series(iter(["x", "y"])).tolist() == ["x", "y"]


def test_a_dataframe_is_refused_not_read_as_its_column_names():
    from clientcomm import detect_language, score_sentiment

    df = pd.DataFrame({"text": ["Всё отлично, спасибо", "Nu merge nimic"], "lang": ["ru", "ro"]})
    for fn in (score_sentiment, detect_language):
        with pytest.raises(TypeError, match="df\\['text'\\]"):
            fn(df)
    assert len(score_sentiment(df["text"], df["lang"])) == 2
