"""Streaming a file chunk by chunk writes what annotating it whole would write."""
from __future__ import annotations

import gzip

import pandas as pd
import pytest

from clientcomm.pipeline import annotate
from clientcomm.streaming import CachedAnnotator, annotate_file, is_streamable, iter_table
from clientcomm.io import read_table, write_table

MESSAGES = [
    "Здравствуйте! Спасибо за быстрый ответ, всё отлично.",
    "Третий день не могу дозвониться в банк, оператор не отвечает.",
    "Vă mulțumesc pentru ajutor, problema a fost rezolvată rapid.",
    "Comanda a întârziat o săptămână și nimeni nu răspunde la telefon.",
    "客戶打電話來投訴，說送貨太慢了。",
    "客服电话一直打不通，太失望了。",
    "Thank you, the refund arrived today.",
    "",
]


@pytest.fixture()
def table():
    texts = [MESSAGES[i % len(MESSAGES)] for i in range(45)]
    return pd.DataFrame({"id": [f"m{i:02d}" for i in range(45)], "channel": ["email", "chat", "sms"] * 15,
                         "text": texts})


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".csv.gz"])
def test_streamed_output_equals_whole_file_output(tmp_path, table, suffix):
    src = tmp_path / f"in{suffix}"
    write_table(table, src) if not suffix.endswith(".gz") else table.to_csv(src, index=False)
    streamed, whole = tmp_path / f"streamed{suffix}", tmp_path / f"whole{suffix}"
    n = annotate_file(src, streamed, steps=["language", "sentiment"], chunksize=10)
    assert n == len(table)
    expected = annotate(read_table(src), steps=["language", "sentiment"])
    if suffix.endswith(".gz"):
        expected.to_csv(whole, index=False)
    else:
        write_table(expected, whole)
    got, want = read_table(streamed), read_table(whole)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert got["id"].tolist() == table["id"].tolist()


def test_chunks_are_bounded(tmp_path, table):
    src = tmp_path / "in.csv"
    table.to_csv(src, index=False)
    sizes = [len(c) for c in iter_table(src, chunksize=7)]
    assert max(sizes) == 7 and sum(sizes) == 45
    write_table(table, tmp_path / "in.parquet")
    assert [len(c) for c in iter_table(tmp_path / "in.parquet", chunksize=20)] == [20, 20, 5]


def test_cache_answers_repeated_texts_across_chunks(tmp_path, table):
    from clientcomm.parallel import AnnotationPool

    cached = CachedAnnotator(AnnotationPool(1, ["language"]), max_texts=100)
    a = cached.annotate_unique(MESSAGES[:4])
    b = cached.annotate_unique(MESSAGES[2:6])
    assert cached.misses == 6 and cached.hits == 2
    assert b["lang"].tolist()[:2] == a["lang"].tolist()[2:]
    small = CachedAnnotator(AnnotationPool(1, ["language"]), max_texts=3)
    for i in range(3):
        small.annotate_unique([f"Сообщение номер {i}{j}" for j in range(3)])
    assert len(small._cache) == 3  # bounded


def test_compressed_output_is_one_readable_file(tmp_path, table):
    src = tmp_path / "in.csv"
    table.to_csv(src, index=False)
    annotate_file(src, tmp_path / "out.jsonl.gz", steps=["language"], chunksize=8)
    with gzip.open(tmp_path / "out.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = pd.read_json(fh, lines=True)
    assert len(rows) == 45 and rows.loc[0, "lang"] == "ru"


def test_errors(tmp_path, table):
    src = tmp_path / "in.csv"
    table.to_csv(src, index=False)
    with pytest.raises(FileNotFoundError):
        annotate_file(tmp_path / "missing.csv", tmp_path / "o.csv")
    with pytest.raises(KeyError, match="body"):
        annotate_file(src, tmp_path / "o.csv", text_column="body", steps=["language"])
    with pytest.raises(ValueError, match="unsupported"):
        annotate_file(src, tmp_path / "o.xlsx", steps=["language"])
    with pytest.raises(ValueError, match="different file"):
        annotate_file(src, src, steps=["language"])
    assert is_streamable("a.tsv") and not is_streamable("a.parquet.gz")


def test_cli_streams_with_chunksize(tmp_path, table):
    from clientcomm.cli import main

    src = tmp_path / "in.csv"
    table.to_csv(src, index=False)
    out = tmp_path / "out.parquet"
    assert main(["annotate", str(src), "-o", str(out), "--steps", "language", "--chunksize", "16"]) == 0
    res = read_table(out)
    assert res["id"].tolist() == table["id"].tolist() and res.loc[1, "lang"] == "ru"


def test_text_column_found_by_name_as_load_finds_it(tmp_path, table, capsys):
    src = tmp_path / "in.csv"
    table.rename(columns={"text": "Mesaj"}).to_csv(src, index=False)
    n = annotate_file(src, tmp_path / "o.csv", steps=["language"], chunksize=16)
    res = read_table(tmp_path / "o.csv")
    assert n == len(table) and "Mesaj" in res and res.loc[2, "lang"] == "ro"
    assert "'Mesaj'" in capsys.readouterr().err
    table.rename(columns={"text": "notes"}).to_csv(src, index=False)
    with pytest.raises(KeyError, match="no text column"):
        annotate_file(src, tmp_path / "o.csv", steps=["language"])


def test_streamed_csv_from_workers_has_the_bytes_of_the_whole_file(tmp_path, table):
    """Two workers send the hits as text for a CSV output: the file is the one write_table writes."""
    from clientcomm import parallel

    src, streamed, whole = tmp_path / "in.csv", tmp_path / "streamed.csv", tmp_path / "whole.csv"
    write_table(table, src)
    try:
        annotate_file(src, streamed, steps=["sentiment"], chunksize=10, jobs=2)
        assert 2 in parallel._EXECUTORS  # the workers ran
    finally:
        parallel.shutdown()
    expected = annotate(read_table(src), steps=["sentiment"])
    assert any(expected["sentiment_hits"].map(len))
    assert streamed.read_bytes() == write_table(expected, whole).read_bytes()
