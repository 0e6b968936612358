"""kwic pattern kinds: glob character classes, fixed strings, regexes on characters, bad options, empty rows."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.stats import kwic

SEG = pd.DataFrame({
    "doc_id": ["a", "b", "c", "d"],
    "text": ["The client and the klient both called (twice).", "", "客户说：快递3天都没到，客服也不回。", None],
    "lang": ["en", "en", "zh-Hans", "en"],
})


def test_glob_character_classes_match_one_of_the_letters():
    assert kwic(SEG, "[ck]lient", window=1)["keyword"].tolist() == ["client", "klient"]
    assert kwic(SEG, "[!c]lient", window=1)["keyword"].tolist() == ["klient"]


def test_fixed_strings_are_literal_on_words_and_characters():
    assert kwic(SEG, "(twice).", valuetype="fixed", unit="char", window=0)["keyword"].tolist() == ["(twice)."]
    assert kwic(SEG, "c*ent", valuetype="fixed").empty  # '*' is a character here, not a glob
    assert kwic(SEG, "客服", valuetype="fixed", window=2)[["pre", "keyword", "post"]].values.tolist() == [
        ["到，", "客服", "也不"]]


def test_a_regex_on_characters_and_a_glob_star_that_matches_nothing():
    k = kwic(SEG, r"\d天", valuetype="regex", window=2)
    assert k[["doc_id", "keyword"]].values.tolist() == [["c", "3天"]]
    # the character glob's star is lazy: "客*" is the one character, never the rest of the text
    assert kwic(SEG, "客*", window=0)["keyword"].tolist() == ["客", "客"]
    stars = kwic(SEG, "*", unit="char", window=0)
    assert len(stars) and (stars["to"] > stars["from"]).all()  # an empty match is never a row


def test_empty_and_missing_texts_give_no_rows():
    k = kwic(SEG, "*", valuetype="glob", unit="word")
    assert set(k["doc_id"]) == {"a", "c"}


@pytest.mark.parametrize("option,value,message", [("match_on", "stem", "match_on"), ("valuetype", "like", "valuetype")])
def test_unknown_options_are_errors(option, value, message):
    with pytest.raises(ValueError, match=message):
        kwic(SEG, "client", **{option: value})
