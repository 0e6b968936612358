"""kwic: word and character windows, globs, lemmas, CJK across scripts."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats import kwic


@pytest.fixture()
def seg():
    return pd.DataFrame({
        "doc_id": ["000", "000", "003", "e"],
        "seg_id": [1, 2, 7, 1],
        "text": ["Если клиент из-за каждой мелочи звонит вам, это плохо.",
                 "Когда звонить клиенту? Когда писать письма?",
                 "我呆會兒再給他們一個電話.告訴他們",
                 "Please call our hotline or call me on my phone."],
        "lang": ["ru", "ru", "zh-Hant", "en"],
    })


def test_word_window_on_lemmas(seg):
    k = kwic(seg, "звонить", window=2, match_on="lemma")
    assert k[["doc_id", "seg_id", "pre", "keyword", "post"]].values.tolist() == [
        ["000", 1, "каждой мелочи", "звонит", "вам, это"],
        ["000", 2, "Когда", "звонить", "клиенту? Когда"],
    ]
    assert (k["from"].tolist(), k["to"].tolist()) == ([32, 6], [38, 13])


def test_glob_on_text_and_sequences(seg):
    assert kwic(seg, "звон*", window=1)["keyword"].tolist() == ["звонит", "звонить"]
    assert kwic(seg, "звонить")["keyword"].tolist() == ["звонить"]  # text, not lemma, by default
    k = kwic(seg, "call me", window=1)
    assert k[["pre", "keyword", "post"]].values.tolist() == [["or", "call me", "on"]]
    assert kwic(seg, "CALL", case_insensitive=False).empty


def test_cjk_character_window_and_scripts(seg):
    k = kwic(seg, "电话", window=4)  # Simplified pattern, Traditional text, auto unit = characters
    assert k[["doc_id", "pre", "keyword", "post"]].values.tolist() == [["003", "他們一個", "電話", ".告訴他"]]
    assert k.loc[0, "from"] == 10 and k.loc[0, "to"] == 12  # 我呆會兒再給他們一個 = 10 characters before
    assert kwic(seg, "給*電話", window=1)["keyword"].tolist() == ["給他們一個電話"]


def test_cjk_word_unit_uses_tokens(seg):
    k = kwic(seg, "他们", window=1, unit="word", match_on="lemma")
    assert k["keyword"].tolist() == ["他們", "他們"]


def test_series_input_and_regex():
    k = kwic(pd.Series(["a phone call", "phones"]), r"phones?", valuetype="regex", unit="word")
    assert k["keyword"].tolist() == ["phone", "phones"]
    assert list(k.columns) == ["row", "from", "to", "pre", "keyword", "post", "pattern"]
    with pytest.raises(ValueError):
        kwic(["x"], "x", unit="line")
