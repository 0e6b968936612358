"""The statistics layer's shared input handling: segment tables from any input, languages per segment, tokens."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats._common import as_segments, segment_langs, segment_tokens


def test_as_segments_accepts_a_table_a_series_a_list_or_one_string():
    table = pd.DataFrame({"text": ["a"]})
    assert as_segments(table) is table
    assert as_segments("Один текст")["text"].tolist() == ["Один текст"]
    assert as_segments(pd.Series([1, "b"], index=[7, 8]))["text"].to_dict() == {7: "1", 8: "b"}
    with pytest.raises(KeyError, match="text column 'body' not found; columns are: text"):
        as_segments(table, text_column="body")


def test_segment_langs_from_the_argument_or_the_column():
    seg = pd.DataFrame({"text": ["a", "b", "c"], "lang": ["ru", "und", None]})
    assert segment_langs(seg) == ["ru", None, None]  # und and missing mean: not known
    assert segment_langs(seg, "ro") == ["ro"] * 3
    assert segment_langs(seg, ["en", "ro", "ru"]) == ["en", "ro", "ru"]
    assert segment_langs(seg[["text"]]) == [None, None, None]


def test_segment_tokens_of_unknown_language_chinese_is_word_segmented():
    words = [t.text for t in segment_tokens("客户打电话投诉", None)]
    assert "".join(words) == "客户打电话投诉" and 1 < len(words) < 7  # jieba words: not one token, not characters
    assert segment_tokens(None, "ru") == ()
