"""Reading and writing tables by extension."""
from __future__ import annotations

import ast
import json

import pandas as pd
import pytest

from clientcomm.io import read_table, write_table


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    df = pd.DataFrame({"id": ["007", "8"], "text": ["Привет, клиент!", "客戶很滿意"]})
    path = write_table(df, tmp_path / f"t{suffix}")
    back = read_table(path)
    assert list(back.columns) == ["id", "text"]
    assert list(back["text"]) == list(df["text"])
    assert back["id"].tolist() == ["007", "8"]  # ids stay text in every format: the leading zero is kept


def test_unknown_extension(tmp_path):
    with pytest.raises(ValueError, match="unsupported"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.doc")


# --- issue 12, class 14: every format round-trips time zones, control characters, Cyrillic and CJK ----

ALL = [".csv", ".tsv", ".jsonl", ".json", ".parquet", ".xlsx"]


def _hard_table() -> pd.DataFrame:
    return pd.DataFrame({
        "doc_id": ["a#1", "a#2", "a#3"],
        "timestamp": pd.to_datetime(["2024-01-15 10:00", "2024-07-15 10:00", None]).tz_localize("Europe/Chisinau"),
        "text": ["Счёт\x0bоплачен\x01", "客戶很滿意，謝謝", "lit _x0041_ tab\there"],
        "cleaning_log": [[{"rule": "spaces", "count": 1}], [], []],
        "is_system": [False, True, False],
    })


@pytest.mark.parametrize("suffix", ALL)
def test_hard_table_round_trips(tmp_path, suffix):
    df = _hard_table()
    back = read_table(write_table(df, tmp_path / f"out{suffix}"))
    assert back["text"].tolist() == df["text"].tolist()
    assert back["doc_id"].tolist() == df["doc_id"].tolist()
    times = pd.to_datetime(back["timestamp"].replace("", None), utc=True, format="ISO8601")
    expected = df["timestamp"].dt.tz_convert("UTC")
    assert times.isna().tolist() == expected.isna().tolist()
    assert (times[:2].to_numpy() == expected[:2].to_numpy()).all()
    log = back["cleaning_log"][0]
    if isinstance(log, str):
        log = json.loads(log) if suffix in (".parquet", ".xlsx") else ast.literal_eval(log)
    assert list(log)[0]["rule"] == "spaces"


@pytest.mark.parametrize("suffix", ALL)
def test_failed_write_leaves_no_partial_file(tmp_path, suffix, monkeypatch):
    target = tmp_path / f"out{suffix}"

    def boom(*a, **k):
        raise OSError("disk full")

    for method in ("to_csv", "to_json", "to_parquet", "to_excel"):
        monkeypatch.setattr(pd.DataFrame, method, boom)
    import openpyxl  # .xlsx is written with openpyxl directly (strings never become formulas)

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(OSError, match="disk full"):
        write_table(_hard_table(), target)
    assert list(tmp_path.iterdir()) == []


def test_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = write_table(pd.DataFrame({"text": ["old"]}), tmp_path / "out.csv")
    monkeypatch.setattr(pd.DataFrame, "to_csv", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_table(pd.DataFrame({"text": ["new"]}), target)
    assert read_table(target)["text"].tolist() == ["old"] and len(list(tmp_path.iterdir())) == 1
