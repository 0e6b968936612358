"""Issue 12, classes 1 and 2: files decoded right whatever the sniffing window cuts; bad bytes replaced and counted."""
from __future__ import annotations

import json

import pytest

from clientcomm.loaders import load, load_report
from clientcomm.loaders.textio import SAMPLE_BYTES

RU = "Здравствуйте, счёт оплачен, ждём доставку. "
ZH = "您好，请问我的退款什么时候能到账？"
RO = "Bună ziua, aș dori să modific adresa de livrare. "


def _records(text: str, target: int) -> list[dict]:
    n = target // len(json.dumps({"text": text}, ensure_ascii=False).encode()) + 1
    return [{"id": i, "sender": "Анна", "text": f"{text} {i}"} for i in range(n)]


@pytest.mark.parametrize("text,shift", [(RU, 0), (RU, 1), (ZH, 0), (ZH, 1), (ZH, 2), (RO, 1)])
def test_minified_json_longer_than_the_window_is_not_mojibake(tmp_path, text, shift):
    """One line, no newline within the first megabyte: the window cuts a character for some shift."""
    recs = _records(text, SAMPLE_BYTES + 5000)
    recs[0]["text"] = "x" * (shift + 3) + recs[0]["text"]  # moves every character boundary
    p = tmp_path / "export.json"
    p.write_text(json.dumps(recs, ensure_ascii=False), encoding="utf-8")
    df = load(p)
    assert df["text"].tolist()[1:] == [r["text"] for r in recs][1:]
    rep = load_report(df).iloc[0]
    assert rep["status"] == "loaded" and rep["encoding"] == "utf-8"


@pytest.mark.parametrize("size", [SAMPLE_BYTES - 3, SAMPLE_BYTES, SAMPLE_BYTES + 1, SAMPLE_BYTES + 7])
def test_long_single_line_text_keeps_utf8(tmp_path, size):
    body = (RU * (size // len(RU.encode()) + 2)).encode()[:size]
    body = body.decode("utf-8", errors="ignore").encode()
    p = tmp_path / "long.txt"
    p.write_bytes(body)
    df = load(p)
    assert "".join(df["text"]) == body.decode("utf-8")
    assert load_report(df).iloc[0]["encoding"] == "utf-8"


@pytest.mark.parametrize("text", [RU, ZH, RO])
def test_one_bad_byte_in_a_csv_row_is_replaced_not_the_file_redecoded(tmp_path, text):
    rows = [f"Анна,\"{text}{i}\"\n".encode() for i in range(50)]
    rows[20] = rows[20][:-4] + b"\xff" + rows[20][-4:]
    p = tmp_path / "t.csv"
    p.write_bytes("sender,text\n".encode() + b"".join(rows))
    df = load(p)
    assert len(df) == 50 and (df["sender"] == "Анна").all()
    assert df.loc[20, "text"].count("\ufffd") == 1
    rep = load_report(df)
    assert rep.iloc[0]["status"] == "partial" and rep.iloc[0]["encoding"] == "utf-8"
    assert "line 22" in rep["location"].tolist()


@pytest.mark.parametrize("charset", ["utf-8", None])
def test_one_bad_byte_in_an_email_body_keeps_utf8(tmp_path, charset):
    body = ("Добрый день! Счёт № 15 оплачен, ждём отгрузку до пятницы.\n" * 3).encode()
    i = body.index(b" 15 ")
    body = body[:i] + b"\xfe" + body[i:]
    ctype = f"text/plain; charset={charset}" if charset else "text/plain"
    head = (f"From: ivan@example.ru\nTo: support@example.com\nSubject: test\n"
            f"Date: Mon, 02 Jan 2023 15:45:00 +0300\nContent-Type: {ctype}\nContent-Transfer-Encoding: 8bit\n\n")
    p = tmp_path / "m.eml"
    p.write_bytes(head.encode() + body)
    df = load(p)
    assert "15 оплачен" in df.loc[0, "text"] and df.loc[0, "text"].count("\ufffd") == 1
    assert any("1 invalid byte" in r for r in load_report(df)["reason"])


@pytest.mark.parametrize("declared", ["koi8-r", "windows-1251", "iso-8859-2", "gb2312"])
def test_utf8_body_with_a_wrong_legacy_charset_is_read_as_utf8_and_reported(tmp_path, declared):
    body = "Bună ziua! Счёт оплачен. 谢谢".encode()
    head = (f"From: ivan@example.ru\nTo: support@example.com\nSubject: test\n"
            f"Date: Mon, 02 Jan 2023 15:45:00 +0300\nContent-Type: text/plain; charset={declared}\n"
            "Content-Transfer-Encoding: 8bit\n\n")
    p = tmp_path / "m.eml"
    p.write_bytes(head.encode() + body)
    df = load(p)
    assert df.loc[0, "text"] == "Bună ziua! Счёт оплачен. 谢谢"
    assert any("valid UTF-8" in r for r in load_report(df)["reason"])


def test_legacy_body_with_its_charset_is_unchanged(tmp_path):
    text = "Добрый день! Счёт оплачен, ждём отгрузку."
    head = ("From: ivan@example.ru\nTo: support@example.com\nSubject: test\n"
            "Date: Mon, 02 Jan 2023 15:45:00 +0300\nContent-Type: text/plain; charset=koi8-r\n"
            "Content-Transfer-Encoding: 8bit\n\n")
    p = tmp_path / "m.eml"
    p.write_bytes(head.encode() + text.encode("koi8-r"))
    df = load(p)
    assert df.loc[0, "text"] == text and load_report(df).iloc[0]["status"] == "loaded"


@pytest.mark.parametrize("text", ["Клиент доволен, спасибо", "Жалоба на задержку доставки, ждём ответа"])
def test_an_undefined_byte_in_a_legacy_file_is_replaced_in_that_code_page(tmp_path, text):
    lines = [f"{text} {i}".encode("cp1251") for i in range(40)]
    lines[7] = lines[7] + b" \x98"  # undefined in cp1251
    p = tmp_path / "notes.txt"
    p.write_bytes(b"\n".join(lines) + b"\n")
    df = load(p)
    body = df.loc[0, "text"].split("\n")
    assert body[7].startswith(f"{text} 7 ") and len(body[7]) == len(text) + 4 and body[8] == f"{text} 8"
    assert all(b == f"{text} {i}" for i, b in enumerate(body[:40]) if i != 7)
    # cp1251 with the byte replaced, or a cp1251 superset that defines it (ptcp154): never another alphabet
    assert load_report(df).iloc[0]["encoding"] in ("cp1251", "ptcp154")
