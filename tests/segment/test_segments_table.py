"""The segment table on the bundled corpus: offsets, ids, levels, the 001 long line."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd
import pytest

import clientcomm
from clientcomm.segment import segment


@lru_cache(maxsize=1)
def _docs() -> pd.DataFrame:
    return clientcomm.load_corpus()


@pytest.mark.parametrize("level", ["sentence", "paragraph"])
def test_offsets_hold_for_every_segment_of_every_seed(level):
    docs = _docs()
    segs = segment(docs, level=level)
    assert list(segs.columns) == ["doc_id", "seg_id", "level", "start", "end", "text", "paragraph"]
    assert set(segs["doc_id"]) == set(docs["doc_id"])
    text = dict(zip(docs["doc_id"], docs["clean_text"]))
    for r in segs.itertuples():
        assert text[r.doc_id][r.start:r.end] == r.text
        assert r.text and r.text == r.text.strip()
    assert segs["seg_id"].is_unique
    assert (segs["level"] == level).all()
    for _, g in segs.groupby("doc_id"):
        assert list(g["seg_id"]) == sorted(g["seg_id"])
        assert (g["start"].diff().dropna() > 0).all()
        assert (g["start"].iloc[1:].to_numpy() >= g["end"].iloc[:-1].to_numpy()).all()


def test_sentences_nest_in_paragraphs():
    docs = _docs()
    paras = segment(docs, level="paragraph")
    sents = segment(docs, level="sentence")
    for r in sents.itertuples():
        p = paras[(paras.doc_id == r.doc_id) & (paras.paragraph == r.paragraph)].iloc[0]
        assert p.start <= r.start and r.end <= p.end


def test_seed_001_long_line_becomes_sentences_and_sections():
    segs = segment(_docs())
    s = segs[segs.doc_id == "001"]
    texts = list(s["text"])
    assert len(texts) > 50 and max(map(len, texts)) < 600
    for heading in ["Подумайте, что вы можете сделать для клиента прямо сейчас", "Старые клиенты ждут инициативы от вас",
                    "1. Уделяйте внимание деталям", "2. С пониманием относитесь к претензиям",
                    "3. Чаще приезжайте в гости", "4. Продолжайте удивлять"]:
        assert heading in texts, heading
    i = texts.index("1. Уделяйте внимание деталям")
    assert texts[i + 1].startswith("Нужно постоянно отслеживать любые изменения")


def test_seed_003_chinese_sentences():
    s = segment(_docs())
    texts = list(s[s.doc_id == "003"]["text"])
    assert "如果這樣,我們根本就來不及。”" in texts
    assert "我們合同簽字后" in texts[6] and texts[6].endswith("電話.")
    assert all(len(t) < 200 for t in texts)


def test_segment_contract_errors_and_edge_rows():
    with pytest.raises(ValueError, match="level"):
        segment(_docs(), level="word")
    with pytest.raises(KeyError, match="nope"):
        segment(_docs(), text_column="nope")
    df = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": ["Salut. Ce faci?", "", None]})
    out = segment(df, text_column="text")
    assert out[["doc_id", "seg_id", "text"]].values.tolist() == [["a", "a-s0000", "Salut."], ["a", "a-s0001", "Ce faci?"]]
    empty = segment(df.iloc[1:], text_column="text")
    assert list(empty.columns) == ["doc_id", "seg_id", "level", "start", "end", "text", "paragraph"] and empty.empty


def test_analyze_returns_the_sentence_table():
    s = clientcomm.analyze(_docs(), steps=[])
    assert list(s.columns[:6]) == ["doc_id", "seg_id", "level", "start", "end", "text"]
    assert s.groupby("doc_id").size().min() > 50


def test_package_level_names():
    t = "Dl. Popescu a venit. Apoi a plecat."
    assert clientcomm.segment.split_sentences(t, "ro") == clientcomm.split_sentences(t, "ro") == [(0, 20), (21, 35)]
    assert clientcomm.segment.split_paragraphs("a\n\nb") == [(0, 1), (3, 4)]
    df = pd.DataFrame({"doc_id": ["x"], "clean_text": [t]})
    pd.testing.assert_frame_equal(clientcomm.segment(df), clientcomm.segment.segment(df))
