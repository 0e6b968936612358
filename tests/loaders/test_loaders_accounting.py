"""The accounting guarantee (issue 12): for every file, records seen = rows loaded + rows skipped,
each skipped record listed with its file and location. Checked on generated damaged files of every format."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clientcomm.loaders import load, load_report

SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
words = st.text(st.characters(whitelist_categories=("L", "N"), max_codepoint=0x9FFF), min_size=1, max_size=10)
# each record: (text, damaged?)
records = st.lists(st.tuples(words, st.booleans()), min_size=1, max_size=12)


def _tmp() -> Path:
    return Path(tempfile.mkdtemp(prefix="cc_acc_"))


def _check(df: pd.DataFrame, n_records: int, n_skipped: int) -> None:
    rep = load_report(df)
    files = rep[rep["location"] == ""]
    assert len(files) == 1
    f = files.iloc[0]
    assert (int(f["records"]), int(f["loaded"]), int(f["skipped"])) == (n_records, n_records - n_skipped, n_skipped)
    assert int(f["loaded"]) == len(df) and int(f["loaded"]) + int(f["skipped"]) == int(f["records"])
    items = rep[(rep["location"] != "") & (rep["status"] == "skipped")]
    assert len(items) == n_skipped and (items["file"] == f["file"]).all()
    assert "accounting mismatch" not in f["reason"]


@SETTINGS
@given(recs=records, sep=st.sampled_from([",", ";", "\t"]))
def test_csv_rows_with_wrong_field_counts(recs, sep):
    lines = [sep.join(["id", "sender", "text"])]
    for i, (w, bad) in enumerate(recs):
        lines.append(sep.join([str(i), "Ana", w] + (["extra", "more"] if bad else [])))
    p = _tmp() / ("t.tsv" if sep == "\t" else "t.csv")
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _check(load(p, delimiter=sep), len(recs), sum(b for _, b in recs))


@SETTINGS
@given(recs=records, junk=st.sampled_from(["{broken", "[1, 2]", "42", '"text"']))
def test_jsonl_malformed_lines(recs, junk):
    p = _tmp() / "t.jsonl"
    p.write_text("\n".join(junk if bad else json.dumps({"text": w}, ensure_ascii=False) for w, bad in recs) + "\n",
                 encoding="utf-8")
    _check(load(p), len(recs), sum(b for _, b in recs))


@SETTINGS
@given(recs=records)
def test_json_records_that_are_not_objects(recs):
    p = _tmp() / "t.json"
    p.write_text(json.dumps([7 if bad else {"text": w} for w, bad in recs], ensure_ascii=False), encoding="utf-8")
    _check(load(p), len(recs), sum(b for _, b in recs))


@SETTINGS
@given(recs=records)
def test_excel_rows_of_a_sheet_without_text(recs):
    wb = openpyxl.Workbook()
    good = wb.active
    good.append(["text", "sender"])
    other = wb.create_sheet("prices")
    other.append(["sku", "price"])
    for w, bad in recs:
        (other if bad else good).append([w, "x"])
    p = _tmp() / "t.xlsx"
    wb.save(p)
    n_bad = sum(b for _, b in recs)
    if n_bad == len(recs):
        df = load(p)  # no row has a text column: the file is skipped, every record counted as skipped
        f = load_report(df).iloc[0]
        assert f["status"] == "skipped" and (f["records"], f["loaded"], f["skipped"]) == (len(recs), 0, len(recs))
        return
    _check(load(p), len(recs), n_bad)


@SETTINGS
@given(recs=records)
def test_parquet_rows(recs):
    p = _tmp() / "t.parquet"
    pd.DataFrame({"text": [w for w, _ in recs]}).to_parquet(p, index=False)
    _check(load(p), len(recs), 0)


@SETTINGS
@given(recs=records)
def test_telegram_messages_that_are_not_objects(recs):
    msgs = [["junk"] if bad else {"id": i, "type": "message", "date": "2024-01-15T10:00:00", "from": "Ana", "text": w}
            for i, (w, bad) in enumerate(recs)]
    p = _tmp() / "result.json"
    p.write_text(json.dumps({"name": "c", "id": 1, "messages": msgs}, ensure_ascii=False), encoding="utf-8")
    _check(load(p), len(recs), sum(b for _, b in recs))


@SETTINGS
@given(recs=records, preamble=st.booleans())
def test_whatsapp_messages_and_damaged_dates(recs, preamble):
    lines = ["exported by a phone"] if preamble else []
    for i, (w, bad) in enumerate(recs):
        day = 31 if bad else (i % 28) + 1  # 31.02: impossible date, kept with a repair
        lines.append(f"{day:02d}.02.2024, 10:{i:02d} - Ana: {w}")
    p = _tmp() / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p, kind="whatsapp")
    _check(df, len(recs) + preamble, 0)
    assert int(load_report(df).iloc[0]["repaired"]) == sum(b for _, b in recs) + preamble


@SETTINGS
@given(recs=records, junk=st.booleans())
def test_mbox_empty_messages_and_junk_before_the_first_separator(recs, junk):
    parts = ["stray text before any separator\n"] if junk else []
    for i, (w, bad) in enumerate(recs):
        parts.append(f"From a{i}@example.ru Mon Jan 15 10:00:00 2024\n")
        if not bad:
            parts.append(f"From: a{i}@example.ru\nSubject: s{i}\nDate: Mon, 15 Jan 2024 10:00:00 +0200\n\n{w}\n")
        parts.append("\n")
    p = _tmp() / "box.mbox"
    p.write_text("".join(parts), encoding="utf-8")
    _check(load(p), len(recs) + junk, sum(b for _, b in recs) + junk)


@SETTINGS
@given(n_good=st.integers(1, 4), n_bad=st.integers(0, 3))
def test_folder_totals_add_up(n_good, n_bad):
    d = _tmp()
    for i in range(n_good):
        (d / f"note{i}.txt").write_text(f"Клиент {i} звонил.\n", encoding="utf-8")
    pd.DataFrame({"text": ["a", "b"]}).to_csv(d / "t.csv", index=False)
    with open(d / "t.csv", "a", encoding="utf-8") as f:
        f.write("x,y,z\n" * n_bad)
    (d / "empty.csv").write_bytes(b"")
    df = load(d)
    files = load_report(df).query("location == ''")
    assert int(files["loaded"].sum()) == len(df) == n_good + 2
    assert int(files["records"].sum()) == int(files["loaded"].sum()) + int(files["skipped"].sum())
    assert int(files["skipped"].sum()) == n_bad


@SETTINGS
@given(body=words, cut=st.integers(0, 120), junk=st.binary(max_size=20))
def test_eml_truncated_or_with_junk_is_one_record(body, cut, junk):
    raw = (f"From: a@example.ru\nTo: b@example.ru\nSubject: s\nDate: Mon, 15 Jan 2024 10:00:00 +0200\n"
           f"Content-Type: text/plain; charset=utf-8\n\n{body}\n").encode()
    p = _tmp() / "m.eml"
    p.write_bytes(raw[: max(1, len(raw) - cut)] + junk)
    df = load(p)
    f = load_report(df).query("location == ''").iloc[0]
    assert int(f["records"]) == int(f["loaded"]) + int(f["skipped"]) == len(df) + int(f["skipped"])
    assert int(f["records"]) in (0, 1)


@SETTINGS
@given(paras=st.lists(words, min_size=1, max_size=30), part=st.integers(20, 200))
def test_text_parts_are_records(paras, part):
    p = _tmp() / "note.txt"
    p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    df = load(p, part_chars=part)
    _check(df, len(df), 0)
    assert "".join(df["text"]).replace("\n", "") == "".join(paras)
