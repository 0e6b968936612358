"""A folder of good and broken files: what is loaded, what the report says, the CLI's exit code."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from loaders_fixtures import telegram_message, whatsapp_line, write_mbox, write_telegram

import clientcomm
from clientcomm.loaders import detect_format, load, load_report

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4


@pytest.fixture()
def broken_dir(tmp_path):
    d = tmp_path / "inbox"
    d.mkdir()
    pd.DataFrame({"text": ["Где мой заказ?", "Mulțumesc!"], "sender": ["Иван", "Ana"],
                  "time": ["2023-01-02 10:00", "2023-01-02 11:00"]}).to_csv(d / "tickets.csv", index=False)
    (d / "chat.txt").write_text(whatsapp_line("eu24", "2023-01-02 15:45", "Ion", "Bună ziua!") + "\n"
                                + whatsapp_line("eu24", "2023-01-02 15:46", "Ana", "Salut") + "\n", encoding="utf-8")
    write_telegram(d / "result.json", [telegram_message(1, "Оля", "Спасибо!", "2023-01-03 09:00")])
    (d / "broken.json").write_text('{"name": "x", "messages": [{"id": 1,', encoding="utf-8")
    good = b"From: a@b.ro\nSubject: s\nDate: Mon, 02 Jan 2023 09:00:00 +0200\n\nPrimul mesaj.\n"
    write_mbox(d / "cut.mbox", [good, b"From: c@d.ru\nSubject: t\n\n\xd0\x9e\xd0\xb1\xd1\x80\xd1\x8b"])
    (d / "cut.mbox").write_bytes((d / "cut.mbox").read_bytes().rstrip(b"\n"))
    (d / "mixed.txt").write_bytes("Клиент позвонил утром.\n".encode() + "Жалоба на задержку доставки.\n".encode("cp1251")
                                  + "客户很满意。\n".encode())
    (d / "empty.txt").write_bytes(b"")
    (d / "photo.txt").write_bytes(PNG)
    (d / "notes.md").write_text("# notes", encoding="utf-8")
    (d / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    return d


def test_broken_folder_loads_every_good_message_and_reports_the_rest(broken_dir):
    out = load(broken_dir)
    rep = load_report(out)
    files = rep[rep["location"] == ""].set_index("file")
    assert files.loc["tickets.csv", ["status", "messages"]].tolist() == ["loaded", 2]
    assert files.loc["chat.txt", ["status", "messages"]].tolist() == ["loaded", 2]
    assert files.loc["result.json", ["status", "messages"]].tolist() == ["loaded", 1]
    assert files.loc["broken.json", ["status", "reason"]].tolist() == ["skipped", "invalid JSON"]
    assert files.loc["cut.mbox", ["status", "messages"]].tolist() == ["partial", 2]
    assert files.loc["mixed.txt", ["status", "messages", "encoding"]].tolist() == ["loaded", 1, "utf-8+cp1251"]
    assert files.loc["empty.txt", ["status", "reason"]].tolist() == ["skipped", "empty file"]
    assert files.loc["photo.txt", "status"] == "skipped" and "binary" in files.loc["photo.txt", "reason"]
    assert files.loc["notes.md", "status"] == "skipped" and "unsupported" in files.loc["notes.md", "reason"]
    assert files.loc[".DS_Store", ["status", "reason"]].tolist() == ["skipped", "hidden file"]
    assert rep.loc[(rep["file"] == "broken.json") & (rep["location"] != ""), "location"].str.startswith("line 1").all()
    assert rep["messages"].sum() == len(out) == 8
    texts = set(out["text"])
    assert {"Где мой заказ?", "Mulțumesc!", "Bună ziua!", "Salut", "Спасибо!", "Primul mesaj."} <= texts
    assert "Клиент позвонил утром.\nЖалоба на задержку доставки.\n客户很满意。\n" in texts
    assert out["doc_id"].is_unique
    assert set(out["channel"]) == {"", "messenger", "email"}


def test_cli_prints_report_and_exit_code(broken_dir, tmp_path):
    r = subprocess.run([sys.executable, "-m", "clientcomm", "corpus", str(broken_dir)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "load report: 8 messages" in r.stderr and "records: 8 seen = 8 loaded + 0 skipped" in r.stderr
    assert "skipped empty.txt: 0 records = 0 loaded + 0 skipped; empty file" in r.stderr
    assert "loaded tickets.csv: 2 records = 2 loaded + 0 skipped (utf-8)" in r.stderr
    assert "broken.json [line 1 column" in r.stderr
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    (nothing / "empty.txt").write_bytes(b"")
    (nothing / "photo.txt").write_bytes(PNG)
    r = subprocess.run([sys.executable, "-m", "clientcomm", "corpus", str(nothing)], capture_output=True,
                       text=True, timeout=300)
    assert r.returncode == 1 and "0 messages from 0 of 2 files" in r.stderr and "Traceback" not in r.stderr


def test_cli_output_and_redact(tmp_path):
    src = tmp_path / "t.csv"
    pd.DataFrame({"text": ["Пишите на ivan@example.ru или +7 916 123-45-67", "Scrieți la ivan@example.ru"],
                  "sender": ["ivan@example.ru", "Ana"]}).to_csv(src, index=False)
    out = tmp_path / "docs.parquet"
    from clientcomm.cli import main

    assert main(["corpus", str(src), "--output", str(out), "--redact"]) == 0
    back = pd.read_parquet(out)
    assert back["text"].tolist() == ["Пишите на <EMAIL_1> или <PHONE_1>", "Scrieți la <EMAIL_1>"]
    assert back["sender"].tolist() == ["<EMAIL_1>", "Ana"]
    assert not back.apply(lambda c: c.astype(str).str.contains("ivan@example.ru")).any().any()


def test_large_text_is_split_at_paragraphs_without_losing_a_character(tmp_path):
    paras = [f"Абзац {i}: клиент просит перезвонить после обеда." for i in range(200)]
    text = "\n\n".join(paras) + "\n"
    p = tmp_path / "big.txt"
    p.write_text(text, encoding="utf-8")
    out = load(p, part_chars=1000)
    assert len(out) > 5 and "".join(out["text"]) == text
    assert out["doc_id"].tolist()[:2] == ["big#1", "big#2"]
    assert all(t.startswith("Абзац") for t in out["text"])  # cut at paragraph starts
    assert "split into" in load_report(out).loc[0, "reason"]


def test_bundled_corpus_through_load_is_the_same_as_load_corpus():
    a, b = load(clientcomm.bundled_corpus_path()), clientcomm.load_corpus()
    assert a["doc_id"].tolist() == b["doc_id"].tolist()
    assert a["clean_text"].tolist() == b["clean_text"].tolist()
    assert (a["text"] == a["raw_text"]).all()


@pytest.mark.parametrize("name,content,expected", [
    ("a.eml", b"From: a@b.c\n", "eml"), ("x.mbox", b"", "mbox"), ("t.parquet", b"", "table"),
    ("result.json", b'{"name": "c", "type": "personal_chat", "id": 1, "messages": []}', "telegram"),
    ("dump.json", b'{"messages": [{"text": "x", "author": "y"}]}', "table"), ("rows.json", b'[{"text": "x"}]', "table"),
    ("Inbox", b"From a@b Mon Jan  2 15:45:00 2023\nFrom: a@b\n", "mbox"),
    ("chat.txt", "[02.01.23, 15:45:12] Ion: Salut\n".encode(), "whatsapp"), ("n.txt", b"Salut\n", "text"),
    ("x.docx", b"PK", None),
])
def test_detect_format(tmp_path, name, content, expected):
    p = tmp_path / name
    p.write_bytes(content)
    assert detect_format(p) == expected


@pytest.mark.parametrize("encoding", ["utf-16", "koi8-r", "gb18030", "big5", "utf-8-sig"])
def test_plain_text_encodings(tmp_path, encoding):
    text = {"koi8-r": "Клиент просит перезвонить завтра утром.\n", "gb18030": "客户要求明天上午回电话。\n",
            "big5": "客戶要求明天上午回電話。\n"}.get(encoding, "Clientul cere să fie sunat mâine.\n")
    p = tmp_path / "note.txt"
    p.write_bytes(text.encode(encoding))
    out = load(p)
    assert out["text"].tolist() == [text]


def test_redacted_messages_can_be_analyzed(broken_dir):
    from clientcomm.redact import redact_documents

    docs = redact_documents(load(broken_dir))
    seg = clientcomm.analyze(docs, steps=["language"])
    assert set(seg["doc_id"]) <= set(docs["doc_id"]) and "lang" in seg
