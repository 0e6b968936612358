"""Tables of messages (CSV, TSV, JSONL, JSON, Excel, Parquet): exact round trips and reported defects."""
from __future__ import annotations

import json

import pandas as pd
import pytest
from loaders_fixtures import MESSAGES, messages_frame, utc

import clientcomm
from clientcomm.loaders import load, load_report


def _check_round_trip(df: pd.DataFrame) -> None:
    assert len(df) == len(MESSAGES)
    for row, msg in zip(df.itertuples(index=False), MESSAGES):
        assert row.text == msg["text"]
        assert row.sender == msg["sender"]
        assert row.channel == msg["channel"]
        assert row.timestamp == utc(msg["time"])
    assert df["doc_id"].is_unique
    assert str(df["timestamp"].dt.tz) == "UTC"


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".json", ".xlsx", ".parquet"])
def test_table_round_trip_with_guessed_columns(tmp_path, suffix):
    df = messages_frame().rename(columns={"sender": "From", "text": "Message", "time": "Date"})
    path = tmp_path / f"tickets{suffix}"
    if suffix == ".csv":
        df.to_csv(path, index=False)
    elif suffix == ".tsv":
        df.to_csv(path, index=False, sep="\t")
    elif suffix == ".jsonl":
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".json":
        df.to_json(path, orient="records", force_ascii=False)
    elif suffix == ".xlsx":
        df.assign(Date=pd.to_datetime(df["Date"])).to_excel(path, index=False)
    else:
        df.assign(Date=pd.to_datetime(df["Date"])).to_parquet(path, index=False)
    out = load(path)
    _check_round_trip(out)
    assert load_report(out)["status"].tolist() == ["loaded"]
    assert (out["source"] == path.name).all()


def test_named_columns_constant_channel_and_time_zone(tmp_path):
    path = tmp_path / "export.csv"
    pd.DataFrame({"autor": ["Ion"], "corp": ["Mulțumesc pentru răspuns!"], "cand": ["02.01.2023 15:45"],
                  "nota": ["5"]}).to_csv(path, index=False)
    out = load(path, text_column="corp", sender_column="autor", time_column="cand", channel="email",
               dayfirst=True, tz="Europe/Bucharest")
    assert out.loc[0, ["text", "sender", "channel"]].tolist() == ["Mulțumesc pentru răspuns!", "Ion", "email"]
    assert out.loc[0, "timestamp"] == pd.Timestamp("2023-01-02 15:45", tz="Europe/Bucharest")
    assert out.loc[0, "nota"] == "5"  # other columns are kept


def test_semicolon_csv_and_aware_times_are_converted(tmp_path):
    path = tmp_path / "excel_export.csv"
    path.write_text("text;sender;timestamp\nГде мой заказ?;Иван;2023-01-02T15:45:00+03:00\n", encoding="utf-8")
    out = load(path)
    assert out.loc[0, "text"] == "Где мой заказ?"
    assert out.loc[0, "timestamp"] == pd.Timestamp("2023-01-02 12:45", tz="UTC")


def test_malformed_rows_are_reported_with_line_and_good_rows_kept(tmp_path):
    path = tmp_path / "broken.csv"
    path.write_text('text,sender,time\n"Bună ziua",Ana,2023-01-02 10:00\nprea,multe,câmpuri,aici\n'
                    '"Mesaj pe\ndouă rânduri",Ion,not a time\nOK,Maria,2023-01-03 11:00\n', encoding="utf-8")
    out = load(path)
    assert out["text"].tolist() == ["Bună ziua", "Mesaj pe\ndouă rânduri", "OK"]
    rep = load_report(out)
    assert rep.iloc[0][["status", "messages"]].tolist() == ["partial", 3]
    items = rep[rep["location"] != ""]
    assert ("skipped", "line 3") in list(zip(items["status"], items["location"]))
    assert ("partial", "line 4") in list(zip(items["status"], items["location"]))  # unreadable time kept, NaT
    assert pd.isna(out.loc[1, "timestamp"])


def test_jsonl_bad_lines_reported(tmp_path):
    path = tmp_path / "chat.jsonl"
    path.write_text(json.dumps({"message": "Спасибо!", "author": "Оля"}, ensure_ascii=False) + "\n{broken\n[1, 2]\n"
                    + json.dumps({"message": "Пожалуйста", "author": "Оператор"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    out = load(path)
    assert out["text"].tolist() == ["Спасибо!", "Пожалуйста"]
    assert out["sender"].tolist() == ["Оля", "Оператор"]
    items = load_report(out).query("location != ''")
    assert items["location"].tolist() == ["line 2", "line 3"]
    assert (items["status"] == "skipped").all()


def test_table_without_text_column_is_skipped_with_reason(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    out = load(path)
    assert len(out) == 0
    rep = load_report(out)
    assert rep.loc[0, "status"] == "skipped" and "no text column" in rep.loc[0, "reason"]
    with pytest.raises(FileNotFoundError):
        load(tmp_path / "missing.csv")


def test_analyze_runs_on_loaded_messages(tmp_path):
    path = tmp_path / "m.csv"
    messages_frame().to_csv(path, index=False)
    seg = clientcomm.analyze(load(path), steps=["language"])
    assert set(seg["doc_id"]) <= set(load(path)["doc_id"]) and len(seg) >= len(MESSAGES)
