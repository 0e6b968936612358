"""Issue 12, gaps left by the adversarial check: empty-text rows are counted, not hidden."""
from __future__ import annotations

import json

import pytest

from clientcomm.loaders import load, load_report


def _file_reason(df) -> str:
    rep = load_report(df)
    return rep[rep["location"] == ""].iloc[0]["reason"]


# --- empty text: kept, and named in the load report -------------------------------------------------

@pytest.mark.parametrize("blank", ["", "   "])
def test_csv_rows_with_empty_text_are_kept_and_noted_with_their_lines(tmp_path, blank):
    p = tmp_path / "tickets.csv"
    p.write_text("text,sender\nГде мой заказ?,Иван\n" f"{blank},Анна\nBună ziua,Ion\n" f"{blank},Ли\n",
                 encoding="utf-8")
    df = load(p)
    assert len(df) == 4  # never dropped
    reason = _file_reason(df)
    assert "2 record(s) with empty text" in reason
    empty_positions = df.loc[df["text"].str.strip() == "", "position"].tolist()
    assert len(empty_positions) == 2
    for pos in empty_positions:
        assert pos in reason


def test_json_records_with_null_text_are_kept_and_noted(tmp_path):
    p = tmp_path / "crm.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "请问退款什么时候到？", "sender": "王芳"}, {"text": None, "sender": "陳先生"},
        {"text": "Mulțumesc!", "sender": "Ion"}]) + "\n", encoding="utf-8")
    df = load(p)
    assert df["sender"].tolist() == ["王芳", "陳先生", "Ion"]
    assert "1 record(s) with empty text: line 2" in _file_reason(df)


def test_chat_media_only_messages_are_not_empty_text_problems(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("[02.01.23, 15:45:12] Ion: Bună ziua!\n"
                 "[02.01.23, 15:46:00] Ion: \u200esticker omitted\n"
                 "[02.01.23, 15:47:00] Ana: <attached: 00000012-PHOTO.jpg>\n"
                 "[02.01.23, 15:48:00] Ana: \n"
                 "[02.01.23, 15:49:00] Ion: Mulțumesc\n", encoding="utf-8")
    df = load(p)
    assert len(df) == 5
    assert (df["media"] != "").sum() == 2
    reason = _file_reason(df)
    assert "1 record(s) with empty text: line 4" in reason


def test_file_without_empty_text_has_no_such_note(tmp_path):
    p = tmp_path / "ok.csv"
    p.write_text("text,sender\nЗдравствуйте,Анна\n", encoding="utf-8")
    assert "empty text" not in _file_reason(load(p))


# --- Telegram is detected by its shape, not by a "messages" key ------------------------------------

@pytest.mark.parametrize("records", [
    [{"text": "Где мой заказ?", "author": "Иван"}, {"text": "Bună ziua", "author": "Ion"}],
    [{"id": 1, "date": "2024-01-05 10:00", "text": "Где мой заказ?", "author": "Иван"},
     {"id": 2, "date": "2024-01-05 10:05", "text": "Bună ziua", "author": "Ion"}],
    [{"type": "note", "text": "Где мой заказ?", "author": "Иван"}, {"type": "note", "text": "Bună ziua",
                                                                   "author": "Ion"}],
])
def test_messages_key_that_is_not_telegram_is_read_as_a_table(tmp_path, records):
    from clientcomm.loaders import detect_format

    p = tmp_path / "dump.json"
    p.write_text(json.dumps({"messages": records}, ensure_ascii=False), encoding="utf-8")
    df = load(p)
    assert df["sender"].tolist() == ["Иван", "Ion"]
    assert df["text"].tolist() == ["Где мой заказ?", "Bună ziua"]
    assert load_report(df).iloc[0]["status"] == "loaded"
    assert detect_format(p) in ("table", "telegram")  # the loader falls back on the shape either way


def test_non_telegram_messages_json_in_a_manifest_folder_is_read_as_a_table(tmp_path):
    (tmp_path / "dump.json").write_text(json.dumps({"messages": [{"type": "note", "text": "请问退款", "author": "王芳"}]},
                                                   ensure_ascii=False), encoding="utf-8")
    (tmp_path / "manifest.csv").write_text("file,declared_lang\ndump.json,zh-Hans\n", encoding="utf-8")
    df = load(tmp_path)
    assert df["sender"].tolist() == ["王芳"]


@pytest.mark.parametrize("chat", [
    {"name": "Support", "type": "personal_chat", "id": 7,
     "messages": [{"id": 1, "type": "message", "date": "2023-01-02T15:45:12", "from": "Анна", "text": "Спасибо"}]},
    {"messages": [{"id": 1, "type": "message", "date": "2023-01-02T15:45:12", "from": "Анна", "text": "Спасибо"}]},
])
def test_telegram_exports_are_still_read_as_telegram(tmp_path, chat):
    p = tmp_path / "result.json"
    p.write_text(json.dumps(chat, ensure_ascii=False), encoding="utf-8")
    df = load(p)
    assert df["sender"].tolist() == ["Анна"]
    assert df["channel"].tolist() == ["messenger"]


# --- WhatsApp "message was edited" markers ----------------------------------------------------------

@pytest.mark.parametrize("marker", ["<This message was edited>", "<Это сообщение было изменено>",
                                    "<Acest mesaj a fost editat>", "<此消息已编辑>", "<已編輯此訊息>"])
@pytest.mark.parametrize("style", ["android", "ios"])
def test_whatsapp_edited_marker_leaves_text_and_marks_the_message(tmp_path, marker, style):
    if style == "android":
        lines = ["12.03.2024, 10:15 - Иван: Где мой заказ?",
                 f"12.03.2024, 10:16 - Ana: Comanda a plecat azi {marker}",
                 "12.03.2024, 10:17 - 王芳: 第一行", f"第二行 {marker}",
                 "12.03.2024, 10:18 - Ion: Mulțumesc"]
    else:
        lines = ["[12.03.24, 10:15:00] Иван: Где мой заказ?",
                 f"[12.03.24, 10:16:00] Ana: Comanda a plecat azi \u200e{marker}",
                 "[12.03.24, 10:17:00] 王芳: 第一行", f"第二行 \u200e{marker}",
                 "[12.03.24, 10:18:00] Ion: Mulțumesc"]
    p = tmp_path / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p)
    assert df["text"].tolist() == ["Где мой заказ?", "Comanda a plecat azi", "第一行\n第二行", "Mulțumesc"]
    assert df["edited"].tolist() == [False, True, True, False]
    assert marker in df.loc[1, "raw_text"] and marker in df.loc[2, "raw_text"]
    assert marker not in df.loc[1, "clean_text"]
    assert df["sender"].tolist() == ["Иван", "Ana", "王芳", "Ion"]


def test_whatsapp_angle_brackets_written_by_a_person_stay(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("12.03.2024, 10:15 - Ana: Scrieți <urgent> în subiect\n"
                 "12.03.2024, 10:16 - Ana: Acest mesaj a fost editat de mine\n", encoding="utf-8")
    df = load(p)
    assert df["text"].tolist() == ["Scrieți <urgent> în subiect", "Acest mesaj a fost editat de mine"]
    assert not df["edited"].any()


# --- a cleaner failure: the file is kept with its raw text, and the report says so ------------------

def test_a_cleaner_failure_keeps_the_raw_text_and_is_reported_as_a_repair(tmp_path, monkeypatch):
    import clientcomm.loaders as loaders

    p = tmp_path / "tickets.csv"
    p.write_text("text\nКлиент ждёт ответа третий день\n", encoding="utf-8")

    def broken(df, kind="message"):
        raise RuntimeError("cleaner bug")

    monkeypatch.setattr(loaders, "add_clean_text", broken)
    df = load(p)
    assert df["clean_text"].tolist() == df["text"].tolist() == ["Клиент ждёт ответа третий день"]
    rep = load_report(df)
    entry = rep[rep["location"] == ""].iloc[0]
    assert entry["status"] == "partial" and entry["repaired"] == 1
    assert "cleaning failed (RuntimeError: cleaner bug)" in " ".join(rep["reason"].astype(str))
