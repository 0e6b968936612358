"""Notebook helpers: fixed display options, language filter, reuse of a stored segment table."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm import plotting


def test_setup_notebook_fixes_display_and_seeds():
    import random

    plotting.setup_notebook(seed=0)
    a = random.random()
    plotting.setup_notebook(seed=0)
    assert random.random() == a
    assert pd.get_option("display.precision") == 3


def test_select_languages():
    seg = pd.DataFrame({"lang": ["ru", "ro", "zh-Hant", "ru"], "text": ["а", "b", "中", "в"]})
    assert plotting.select_languages(seg, None) is seg
    assert plotting.select_languages(seg, ["ru"])["text"].tolist() == ["а", "в"]
    assert plotting.select_languages(seg, "ro, zh-Hant")["lang"].tolist() == ["ro", "zh-Hant"]


def test_load_segments_reuses_a_stored_table(tmp_path):
    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Клиент позвонил утром. Мы ответили сразу.", encoding="utf-8")
    stored = pd.DataFrame({"doc_id": ["a"], "seg_id": ["a-s0000"], "text": ["Клиент позвонил утром."],
                           "lang": ["ru"], "sentiment_hits": [[]]})
    stored.to_pickle(tmp_path / "segs.pkl")
    docs, segs = plotting.load_segments(corpus, segments_path=tmp_path / "segs.pkl")
    assert docs["doc_id"].tolist() == ["a"]
    assert segs.equals(stored)


def test_readable_never_shows_nan():
    t = pd.DataFrame({"p": [0.0123, float("nan")], "method": ["Fisher", None], "n": [3, 4], "ok": [True, False]})
    out = plotting.readable(t, digits=2)
    assert out.values.tolist() == [["0.01", "Fisher", "3", "True"], ["—", "—", "4", "False"]]
    assert "nan" not in out.to_string().lower()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx", ".jsonl"])
def test_load_segments_reads_a_table_written_by_clientcomm_analyze(tmp_path, suffix):
    from clientcomm.io import write_table

    corpus = tmp_path / "texts"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Спасибо, всё отлично.", encoding="utf-8")
    hits = [{"term": "отлично", "lemma": "отлично", "start": 13, "end": 20, "valence": 2.0,
             "weight_after_rules": 2.0, "rules": []}]
    stored = pd.DataFrame({"doc_id": ["a", "a"], "text": ["Спасибо, всё отлично.", "Да."], "lang": ["ru", "ru"],
                           "sentiment_hits": [hits, []]})
    write_table(stored, tmp_path / f"segs{suffix}")
    _, segs = plotting.load_segments(corpus, segments_path=tmp_path / f"segs{suffix}")
    assert segs["sentiment_hits"].tolist() == [hits, []]  # the hits come back as lists of dicts, not text
