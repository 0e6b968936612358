"""The bundled corpus and user folders of .txt files."""
from __future__ import annotations

import pandas as pd
import pytest

import clientcomm
from clientcomm.corpus import load_corpus


def test_bundled_corpus_has_four_documents():
    docs = load_corpus()
    assert list(docs["doc_id"]) == ["000", "001", "002", "003"]
    assert list(docs["declared_lang"]) == ["ru", "ru", "ro", "zh-Hant"]
    for col in ("doc_id", "source", "title", "declared_lang", "raw_text", "clean_text", "genre", "description"):
        assert col in docs.columns
    assert docs["raw_text"].str.len().min() > 2000
    report = docs.attrs["load_report"]
    listed = [r for r in report if r["file"] in set(docs["file"])]
    assert len(listed) == 4 and all(r["status"] == "loaded" for r in listed)
    # files beside the manifest that it does not list are reported, not read
    assert all(r["status"] == "skipped" and "not listed in manifest.csv" in r["reason"]
               for r in report if r not in listed)


def test_raw_text_is_kept_byte_for_byte():
    docs = load_corpus()
    folder = clientcomm.bundled_corpus_path()
    for row in docs.itertuples():
        assert row.raw_text == (folder / row.file).read_text(encoding="utf-8")


def test_folder_without_manifest_in_several_encodings(tmp_path):
    (tmp_path / "a.txt").write_bytes("Клиент позвонил и попросил перенести встречу на завтра.".encode("koi8-r"))
    (tmp_path / "b.txt").write_bytes("Клиент написал письмо с жалобой на задержку доставки.".encode("cp1251"))
    (tmp_path / "c.txt").write_bytes("客户打电话要求提前三天交付预算报告。".encode("gb18030"))
    (tmp_path / "d.txt").write_bytes("客戶打電話要求提前三天交付預算報告。".encode("big5"))
    (tmp_path / "e.txt").write_bytes("Clientul a sunat și a cerut o întâlnire.".encode("utf-16"))
    (tmp_path / "f.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    docs = load_corpus(tmp_path)
    assert list(docs["doc_id"]) == ["a", "b", "c", "d", "e"]
    assert docs.loc[0, "raw_text"].startswith("Клиент позвонил")
    assert docs.loc[1, "raw_text"].startswith("Клиент написал")
    assert docs.loc[2, "raw_text"].startswith("客户打电话")
    assert docs.loc[3, "raw_text"].startswith("客戶打電話")
    assert docs.loc[4, "raw_text"].startswith("Clientul a sunat")
    assert (docs["declared_lang"] == "").all()
    report = pd.DataFrame(docs.attrs["load_report"])
    skipped = report[report.status == "skipped"]
    assert list(skipped["file"]) == ["f.txt"] and "binary" in skipped["reason"].iloc[0]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="no such folder"):
        load_corpus(tmp_path / "nope")
