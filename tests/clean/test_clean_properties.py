"""Property tests: cleaning never raises on arbitrary Unicode and its output is tidy."""
from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientcomm.clean import clean_text, clean_with_log

# Arbitrary Unicode, plus text built from the characters the rules look for.
_special = st.sampled_from(list("<>/?&;#()|©:\n \u00a0\t\r發業(fā)yèp«»“”。.!") +
                           ["<p>", "</p>", "?/p>", "&amp;", "&nbsp;", "(fā)", "Поделиться:", " | ", "© ",
                            "Материалы по теме: ", "\n\n\n", "Ã©", "e\u0301"])
texts = st.one_of(st.text(max_size=300), st.lists(st.one_of(_special, st.text(max_size=8)), max_size=40).map("".join))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, st.sampled_from([None, "ru", "ro", "zh-Hant", "en"]))
def test_clean_never_raises_and_output_is_tidy(text, lang):
    res = clean_with_log(text, lang)
    out = res.text
    assert isinstance(out, str)
    assert out == out.strip("\n ")
    assert "\n\n\n" not in out and "\r" not in out
    assert all(not line.endswith((" ", "\t")) for line in out.split("\n"))
    for e in res.log:
        assert e["action"] in ("removed", "changed") and e["count"] >= 1 and len(e["examples"]) <= 3


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_clean_is_deterministic_and_nfc(text):
    out = clean_text(text)
    assert out == clean_text(text)
    assert unicodedata.is_normalized("NFC", out)
