"""The command-line contract: clear one-line errors, annotate keeps every input column and row."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from clientcomm.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clientcomm", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture()
def messages(tmp_path):
    df = pd.DataFrame({
        "id": ["m1", "m2", "m3", "m4", "m5"],
        "channel": ["email", "phone", "sms", "email", "chat"],
        "text": [
            "Здравствуйте! Спасибо за быстрый ответ, всё отлично.",
            "Vă mulțumesc pentru ajutor, problema a fost rezolvată rapid.",
            "客戶打電話來投訴，說送貨太慢了。",
            "",
            "Thank you, the refund arrived today.",
        ],
        "score": ["1", "2", "3", "4", "5"],
    })
    path = tmp_path / "in.csv"
    df.to_csv(path, index=False)
    return df, path


def test_annotate_keeps_columns_rows_and_order(messages, tmp_path):
    df, path = messages
    out = tmp_path / "out.csv"
    assert main(["annotate", str(path), "--text-column", "text", "--output", str(out), "--steps", "language"]) == 0
    res = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(res.columns[: len(df.columns)]) == list(df.columns)
    assert {"lang", "lang_score"} <= set(res.columns)
    assert list(res["id"]) == list(df["id"]) and list(res["text"]) == list(df["text"])
    assert res.loc[0, "lang"] == "ru" and res.loc[3, "lang"] == "und"


@pytest.mark.parametrize("suffix", [".jsonl", ".parquet", ".tsv"])
def test_annotate_other_formats(messages, tmp_path, suffix):
    df, path = messages
    out = tmp_path / f"out{suffix}"
    assert main(["annotate", str(path), "--output", str(out), "--steps", "language"]) == 0
    from clientcomm.io import read_table

    assert len(read_table(out)) == len(df)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_annotate_writes_the_file_of_write_table_over_annotate(messages, tmp_path, monkeypatch, jobs):
    """The CLI gets the hits as text from its workers for a CSV, nested for JSON lines: the files of the API."""
    import json

    from clientcomm import cli, parallel
    from clientcomm.io import write_table
    from clientcomm.loaders import read_records
    from clientcomm.pipeline import annotate

    _, path = messages
    expected = annotate(read_records(path), steps=["sentiment"], lang="ru")
    monkeypatch.setattr(cli, "PARALLEL_MIN_BYTES", 0)  # with --jobs 2 the workers run even for 5 texts
    try:
        for suffix in (".csv", ".jsonl"):
            out = tmp_path / f"cli{suffix}"
            assert main(["annotate", str(path), "--output", str(out), "--steps", "sentiment", "--lang", "ru",
                         "--jobs", jobs]) == 0
            assert out.read_bytes() == write_table(expected, tmp_path / f"api{suffix}").read_bytes()
    finally:
        parallel.shutdown()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert isinstance(rows[0]["sentiment_hits"], list) and rows[0]["sentiment_hits"]


def test_annotate_default_steps_fill_every_available_column(messages, tmp_path):
    from clientcomm.pipeline import available_steps

    df, path = messages
    out = tmp_path / "all.csv"
    assert main(["annotate", str(path), "--output", str(out)]) == 0
    cols = set(pd.read_csv(out, dtype=str, keep_default_na=False).columns)
    expected = {"language": {"lang", "lang_score"}, "sentiment": {"sentiment", "sentiment_label"},
                "dictionaries": {"temperaments", "channels"}}
    for step in available_steps():
        assert expected[step] <= cols


def test_errors_are_one_line_with_nonzero_exit(messages, tmp_path):
    _, path = messages
    r = _run("annotate", str(tmp_path / "missing.csv"), "--output", str(tmp_path / "o.csv"))
    assert r.returncode != 0 and "Traceback" not in r.stderr
    assert r.stderr.strip().count("\n") == 0 and "no such file" in r.stderr
    r = _run("annotate", str(path), "--text-column", "body", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "body" in r.stderr and "Traceback" not in r.stderr
    r = _run("annotate", str(path), "--steps", "magic", "--output", str(tmp_path / "o.csv"))
    assert r.returncode == 2 and "unknown step" in r.stderr
    r = _run("annotate", str(path), "--output", str(tmp_path / "o.docx"), "--steps", "language")
    assert r.returncode == 2 and "unsupported" in r.stderr


def test_corpus_command_prints_summary(capsys):
    assert main(["corpus"]) == 0
    out = capsys.readouterr().out
    for doc_id in ("000", "001", "002", "003"):
        assert doc_id in out


def test_analyze_writes_segment_table(tmp_path):
    out = tmp_path / "segments.csv"
    assert main(["analyze", "--output", str(out), "--steps", "language"]) == 0
    seg = pd.read_csv(out, dtype={"doc_id": str})
    assert list(seg.columns[:6]) == ["doc_id", "seg_id", "level", "start", "end", "text"]
    assert set(seg["doc_id"]) == {"000", "001", "002", "003"}


def test_annotate_jobs_on_a_big_file_starts_workers_first_and_writes_the_one_process_table(messages, tmp_path,
                                                                                           monkeypatch):
    """Over PARALLEL_MIN_BYTES the workers start before reading and annotate even a few texts: same file out."""
    from clientcomm import cli, parallel

    df, path = messages
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["annotate", str(path), "--output", str(one)]) == 0
    parallel.shutdown()
    monkeypatch.setattr(cli, "PARALLEL_MIN_BYTES", 0)
    try:
        assert main(["annotate", str(path), "--output", str(two), "--jobs", "2"]) == 0
        assert 2 in parallel._EXECUTORS  # the workers ran (5 texts: without the early start, this process would)
    finally:
        parallel.shutdown()
    assert one.read_bytes() == two.read_bytes()


def test_corpus_command_lists_a_big_chat_per_file_not_per_message(tmp_path, capsys):
    chat = tmp_path / "WhatsApp Chat with Shop.txt"
    lines = [f"12.03.2024, 10:{i % 60:02d} - {'Ion' if i % 2 else 'Shop'}: mesajul numărul {i}" for i in range(150)]
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "note.txt").write_text("Clientul a sunat din nou.\n", encoding="utf-8")
    assert main(["corpus", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "151 documents/messages: one line per file" in out
    assert "mesajul numărul" not in out and len(out.splitlines()) < 20
    row = next(line for line in out.splitlines() if "WhatsApp Chat with Shop.txt" in line)
    assert " 150 " in f" {row} "


def test_annotate_names_rows_with_empty_text(tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text("body,n\nВсё хорошо,1\n,2\n   ,3\nMulțumesc,4\n", encoding="utf-8")
    assert main(["annotate", str(src), "--text-column", "body", "-o", str(tmp_path / "o.csv"),
                 "--steps", "language"]) == 0
    assert "2 record(s) with empty text: row 2, row 3 in column 'body'" in capsys.readouterr().err
    assert len(pd.read_csv(tmp_path / "o.csv")) == 4
