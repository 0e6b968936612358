"""Coding sheets: stratified seeded samples, context, csv/xlsx round trip through read()."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.coding import code_column, read, sample, write_sheet


@pytest.fixture()
def segs():
    texts = ["Клиент позвонил.", "Мы ответили письмом.", "Он доволен.", "Встреча в пятницу.",
             "Clientul a sunat.", "Am scris un e-mail.", "Totul e bine.", "客戶來電。", "我們回覆了郵件。", "他很滿意。"]
    return pd.DataFrame({"seg_id": [f"s{i:02d}" for i in range(10)],
                         "doc_id": ["a"] * 4 + ["b"] * 3 + ["c"] * 3,
                         "lang": ["ru"] * 4 + ["ro"] * 3 + ["zh-Hant"] * 3, "text": texts})


def test_proportional_and_equal_allocation(segs):
    prop = sample(segs, 5, stratify_by="lang", seed=0)
    # 4/3/3 of 10 → exact 2.0/1.5/1.5: floors 2/1/1, the one left goes to the largest remainder (ro, first in order)
    assert prop["lang"].value_counts().to_dict() == {"ru": 2, "ro": 2, "zh-Hant": 1}
    eq = sample(segs, 6, stratify_by="lang", seed=0, allocation="equal")
    assert eq["lang"].value_counts().to_dict() == {"ru": 2, "ro": 2, "zh-Hant": 2}
    assert sample(segs, 5, stratify_by="lang", seed=0).equals(prop)
    assert not sample(segs, 5, stratify_by="lang", seed=1)["unit_id"].equals(prop["unit_id"])


def test_sheet_columns_and_context(segs):
    sheet = sample(segs, 10, seed=2, label_sets=["channels", "sentiment"], coders=["A", "B"])
    assert list(sheet.columns[:5]) == ["unit_id", "doc_id", "lang", "text", "context"]
    assert [c for c in sheet.columns if ":" in c] == ["channels:A", "channels:B", "sentiment:A", "sentiment:B"]
    row = sheet.set_index("unit_id").loc["s01"]
    # the neighbours come from the same document only
    assert row["context"] == "Клиент позвонил. [>>> UNIT <<<] Он доволен."
    assert sheet.set_index("unit_id").loc["s04", "context"] == "[>>> UNIT <<<] Am scris un e-mail."
    assert sheet.attrs["vocabulary"]["sentiment"] == ("negative", "neutral", "positive")
    with pytest.raises(ValueError, match="n must be"):
        sample(segs, 11)
    with pytest.raises(ValueError):
        code_column("a:b", "A")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_through_read(segs, tmp_path, suffix):
    sheet = sample(segs, 4, seed=0, label_sets=["channels"], coders=["A", "B"])
    sheet["channels:A"] = ["phone", "none", "email; phone", ""]
    sheet["channels:B"] = ["phone", "email", "Email", "none"]
    path = write_sheet(sheet, tmp_path / f"coded{suffix}")
    codes = read(path)
    ids = sheet["unit_id"].tolist()
    a = codes[codes["coder"] == "A"].set_index("unit_id")["labels"].to_dict()
    # the empty cell (not coded) gives no row; 'none' gives an empty label; labels sorted in vocabulary order
    assert a == {ids[0]: "phone", ids[1]: "", ids[2]: "email;phone"}
    b = codes[codes["coder"] == "B"].set_index("unit_id")["labels"].to_dict()
    assert b == {ids[0]: "phone", ids[1]: "email", ids[2]: "email", ids[3]: ""}
    assert set(codes["lang"]) <= {"ru", "ro", "zh-Hant"} and (codes["source"] == path.name).all()
    if suffix == ".xlsx":
        book = pd.read_excel(path, sheet_name=None)
        assert set(book) == {"units", "codebook"}


def test_one_file_per_coder(segs, tmp_path):
    sheet = sample(segs, 3, seed=0, label_sets=["channels"], coders=["A", "B"])
    path = write_sheet(sheet, tmp_path / "A.csv", coder="A")
    cols = pd.read_csv(path, encoding="utf-8-sig").columns.tolist()
    assert "channels:A" in cols and "channels:B" not in cols
    with pytest.raises(ValueError, match="no code columns for coder"):
        write_sheet(sheet, tmp_path / "Z.csv", coder="Z")
    with pytest.raises(ValueError, match=".csv or .xlsx"):
        write_sheet(sheet, tmp_path / "sheet.txt")
