"""Property tests: splitting never raises on arbitrary Unicode and offsets are always valid."""
from __future__ import annotations

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientcomm.clean import clean_text
from clientcomm.segment import segment, split_paragraphs, split_sentences

_pieces = st.sampled_from(["т. д. ", "и т. д. ", "г. ", "dl. ", "ș.a.m.d. ", "А. С. ", "1. ", "«", "»", "„", "”", "“",
                           "\"", "。", "！", "？", ";", ".", "…", "...", " ", "\n", "\n\n", " — ", " - ", "(", ")",
                           "Он", "Вас", "Клиент", "нужно", "Apoi", "客戶", "發(fā)", "《", "》", "?!", "• "])
texts = st.one_of(st.text(max_size=300), st.lists(st.one_of(_pieces, st.text(max_size=6)), max_size=60).map("".join))
langs = st.sampled_from([None, "ru", "ro", "en", "zh-Hant", "zh-Hans", "xx"])


def _check(text: str, spans: list[tuple[int, int]]) -> None:
    prev_end = 0
    for s, e in spans:
        assert 0 <= prev_end <= s < e <= len(text)
        piece = text[s:e]
        assert piece.strip() and piece == piece.strip()
        prev_end = e


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, langs)
def test_split_sentences_offsets_always_valid(text, lang):
    spans = split_sentences(text, lang)
    _check(text, spans)
    # every non-space character is in exactly one sentence
    covered = sum(e - s for s, e in spans)
    assert covered <= len(text)
    non_space = sum(1 for c in text if not c.isspace())
    assert sum(1 for s, e in spans for c in text[s:e] if not c.isspace()) == non_space


@settings(max_examples=200, deadline=None)
@given(texts)
def test_split_paragraphs_offsets_always_valid(text):
    _check(text, split_paragraphs(text))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texts, min_size=1, max_size=3), langs, st.sampled_from(["sentence", "paragraph"]))
def test_clean_then_segment_keeps_the_offset_invariant(raw, lang, level):
    docs = pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(raw))], "declared_lang": [lang] * len(raw),
                         "clean_text": [clean_text(t) for t in raw]})
    segs = segment(docs, level=level)
    text = dict(zip(docs["doc_id"], docs["clean_text"]))
    for r in segs.itertuples():
        assert text[r.doc_id][r.start:r.end] == r.text and r.text == r.text.strip() and r.text
    assert segs["seg_id"].is_unique
