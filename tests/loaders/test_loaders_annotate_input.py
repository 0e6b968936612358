"""Issue 12, class 16: `clientcomm annotate` reads its input with the same readers as load()."""
from __future__ import annotations

import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

from clientcomm.io import read_table
from clientcomm.loaders import read_records


def _annotate(path, out):
    return subprocess.run([sys.executable, "-m", "clientcomm", "annotate", str(path), "--output", str(out),
                           "--steps", "language"], capture_output=True, text=True, timeout=300)


def test_every_excel_sheet_is_annotated(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["id", "text"])
    wb.active.append([1, "Здравствуйте, где мой заказ?"])
    ws = wb.create_sheet("ro")
    ws.append(["id", "text", "agent"])
    ws.append([2, "Bună ziua, comanda a plecat.", "Elena"])
    ws.append([3, "Mulțumesc frumos!", "Elena"])
    p = tmp_path / "in.xlsx"
    wb.save(p)
    r = _annotate(p, tmp_path / "out.csv")
    assert r.returncode == 0, r.stderr
    out = read_table(tmp_path / "out.csv")
    assert out["text"].tolist() == ["Здравствуйте, где мой заказ?", "Bună ziua, comanda a plecat.", "Mulțumesc frumos!"]
    assert list(out.columns[:4]) == ["id", "text", "sheet", "agent"] and "lang" in out.columns


@pytest.mark.parametrize("encoding,text", [("cp1251", "Клиент недоволен задержкой доставки"),
                                           ("koi8-r", "Спасибо, всё пришло вовремя"),
                                           ("gb18030", "客户对服务很满意"), ("utf-16", "Mulțumesc pentru ajutor")])
def test_legacy_encoded_csv_is_read(tmp_path, encoding, text):
    p = tmp_path / "in.csv"
    p.write_bytes(f"id;text;note\n1;{text};x\n2;{text} - 2;y\n".encode(encoding))
    r = _annotate(p, tmp_path / "out.csv")
    assert r.returncode == 0, r.stderr
    out = read_table(tmp_path / "out.csv")
    assert out["text"].tolist() == [text, f"{text} - 2"] and list(out.columns[:3]) == ["id", "text", "note"]


def test_malformed_jsonl_line_is_reported_with_its_line_number(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text('{"text": "Bună ziua"}\n{"text": "oops"\n{"text": "Salut", "extra": 1}\n', encoding="utf-8")
    r = _annotate(p, tmp_path / "out.jsonl")
    assert r.returncode == 0, r.stderr
    assert "[line 2]" in r.stderr and "invalid JSON" in r.stderr
    out = read_table(tmp_path / "out.jsonl")
    assert out["text"].tolist() == ["Bună ziua", "Salut"]


def test_read_records_accounting(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n3\n4,5\n", encoding="utf-8")
    df = read_records(p)
    rep = df.attrs["load_report"][0]
    assert df.values.tolist() == [["1", "2"], ["4", "5"]]
    assert (rep["records"], rep["loaded"], rep["skipped"]) == (3, 2, 1)


def test_unreadable_input_is_one_line_error(tmp_path):
    p = tmp_path / "in.json"
    p.write_text('{"broken": ', encoding="utf-8")
    r = _annotate(p, tmp_path / "out.csv")
    assert r.returncode == 2 and "Traceback" not in r.stderr and r.stderr.count("\n") == 1
