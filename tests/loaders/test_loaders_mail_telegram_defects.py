"""Issue 12, classes 8, 9 and 13 and the Telegram items: mbox separators, Mail.ru/Yandex quotes, full-account exports."""
from __future__ import annotations

import json

import pytest
from loaders_fixtures import telegram_message, write_telegram

from clientcomm.loaders import detect_format, load, load_report


def _msg(i: int, body: str, extra: str = "") -> str:
    return (f"From: client{i}@example.ru\nTo: support@example.com\nSubject: Заказ {i}\n"
            f"Date: Mon, 15 Jan 2024 10:0{i}:00 +0300\nMessage-ID: <m{i}@example.ru>\n{extra}"
            f"Content-Type: text/plain; charset=utf-8\n\n{body}\n")


# --- class 8: a From line in a body is not a separator ------------------------------------------------

@pytest.mark.parametrize("inner", ["From my side everything is paid.", "From 10:00 to 18:00 we are open, 2024.",
                                   "From Ana, with thanks", "From: the warehouse"])
@pytest.mark.parametrize("sep", ["From client@example.ru Mon Jan 15 10:00:00 2024",
                                 "From - Mon Jan 15 10:00:00 2024",
                                 "From 1789@xxx Mon Jan 15 10:00:00 +0000 2024"])
def test_unescaped_from_line_in_a_body_stays_in_the_body(tmp_path, inner, sep):
    body = f"Добрый день!\n\n{inner}\nСпасибо."
    p = tmp_path / "box.mbox"
    p.write_text(f"{sep}\n{_msg(1, body)}\n{sep}\n{_msg(2, 'Второе письмо.')}\n", encoding="utf-8")
    df = load(p)
    assert len(df) == 2
    assert inner in df.loc[0, "raw_text"] and df.loc[1, "text"] == "Второе письмо."
    rep = load_report(df).iloc[0]
    assert (rep["records"], rep["loaded"], rep["skipped"]) == (2, 2, 0)


# --- class 13: Mail.ru and Yandex quote headers --------------------------------------------------------

@pytest.mark.parametrize("header", [
    "Понедельник, 15 января 2024, 10:00 +03:00 от Иван Петров <ivan@mail.ru>:",
    "15.01.2024, 10:00 +03:00 от ivan@mail.ru:",
    '15.01.2024, 10:00, "Иван Петров" <ivan@yandex.ru>:',
    "15.01.2024, 10:00, Ion Popescu <ion@yandex.ru>:",
    "-------- Пересылаемое сообщение --------",
])
def test_mailru_and_yandex_quotes_go_to_quoted_text(tmp_path, header):
    body = f"Спасибо, получил.\n\n{header}\n> Ваш заказ отправлен.\n> Трек-номер придёт завтра."
    p = tmp_path / "m.eml"
    p.write_text(_msg(1, body), encoding="utf-8")
    df = load(p)
    assert df.loc[0, "text"] == "Спасибо, получил."
    assert df.loc[0, "quoted_text"].startswith(header)


def test_wrapped_mailru_header_is_found(tmp_path):
    body = "Da, mulțumesc.\n\nMarți, 16 ianuarie 2024, 10:00 +02:00 от Ion Popescu\n<ion@mail.ru>:\nText vechi"
    p = tmp_path / "m.eml"
    p.write_text(_msg(1, body), encoding="utf-8")
    assert load(p).loc[0, "text"] == "Da, mulțumesc."


def test_email_reply_to_and_thread_from_headers(tmp_path):
    d = tmp_path / "mail"
    d.mkdir()
    (d / "a.eml").write_text(_msg(1, "Где заказ?"), encoding="utf-8")
    (d / "b.eml").write_text(_msg(2, "Отправлен.", "In-Reply-To: <m1@example.ru>\nReferences: <m1@example.ru>\n"),
                             encoding="utf-8")
    (d / "c.eml").write_text(_msg(3, "Спасибо.", "In-Reply-To: <m2@example.ru>\n"
                                                 "References: <m1@example.ru> <m2@example.ru>\n"), encoding="utf-8")
    df = load(d).set_index("doc_id")
    assert df.loc["b.eml", "reply_to"] == "a.eml" and df.loc["c.eml", "reply_to"] == "b.eml"
    assert df.loc["a.eml", "reply_to"] == ""
    assert set(df["thread_id"]) == {"<m1@example.ru>"}


# --- class 9: Telegram full-account exports are found however long the contact list ---------------------

@pytest.mark.parametrize("contacts", [0, 100, 5000])
def test_full_account_export_is_read_as_telegram(tmp_path, contacts):
    export = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1, "first_name": "Елена", "last_name": "Русу", "phone_number": "+373 69 000 000"},
        "contacts": {"about": "contacts", "list": [{"first_name": f"Contact {i}", "last_name": "",
                                                   "phone_number": f"+7900{i:07d}", "date": "2023-01-01T00:00:00"}
                                                  for i in range(contacts)]},
        "chats": {"about": "chats", "list": [
            {"name": "Ion Popescu", "type": "personal_chat", "id": 11, "messages": [
                telegram_message(1, "Ion Popescu", "Bună ziua, comanda mea?", "2024-01-15 10:00"),
                telegram_message(2, "Елена Русу", "Livrăm mâine.", "2024-01-15 10:05", reply_to_message_id=1),
                telegram_message(3, "Ion Popescu", "", "2024-01-15 10:06", media_type="sticker", sticker_emoji="👍",
                                 file="(File not included)"),
                telegram_message(4, "Ion Popescu", "", "2024-01-15 10:07",
                                 poll={"question": "Când?", "answers": [{"text": "Azi"}, {"text": "Mâine"}]}),
                telegram_message(5, "Елена Русу", "Vezi mai jos", "2024-01-15 10:08", forwarded_from="Depozit"),
            ]}]},
    }
    p = tmp_path / "result.json"
    p.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    assert detect_format(p) == "telegram"
    df = load(p)
    assert len(df) == 5 and load_report(df).iloc[0]["status"] == "loaded"
    assert df["owner"].unique().tolist() == ["Елена Русу"]
    assert df["counterpart"].unique().tolist() == ["Ion Popescu"]
    assert df.loc[1, "reply_to"] == df.loc[0, "doc_id"]
    assert df["media"].tolist() == ["", "", "sticker", "poll", ""]
    assert df.loc[3, "text"].startswith("Când?")
    assert df.loc[4, "forwarded_from"] == "Depozit"


def test_json_object_that_is_not_telegram_is_read_as_a_table(tmp_path):
    p = tmp_path / "data.json"
    p.write_text(json.dumps({"meta": {"x": "y" * 5000}, "messages_table": 1,
                             "records": [{"text": "Bună", "sender": "Ana"}]}), encoding="utf-8")
    df = load(p)
    assert df["text"].tolist() == ["Bună"]


def test_single_chat_reply_to_is_a_doc_id(tmp_path):
    p = write_telegram(tmp_path / "result.json", [telegram_message(1, "Оля", "Вопрос", "2024-01-15 10:00"),
                                                  telegram_message(2, "Shop", "Ответ", "2024-01-15 10:01",
                                                                   reply_to_message_id=1)])
    df = load(p)
    assert df["reply_to"].tolist() == ["", df.loc[0, "doc_id"]]
    assert df["counterpart"].unique().tolist() == ["Поддержка"]


def test_left_chats_of_a_full_export_are_read(tmp_path):
    export = {"personal_information": {"first_name": "Ana"},
              "chats": {"list": [{"name": "A", "type": "personal_chat", "id": 1,
                                  "messages": [telegram_message(1, "A", "unu", "2024-01-15 10:00")]}]},
              "left_chats": {"list": [{"name": "Grup", "type": "private_supergroup", "id": 2,
                                       "messages": [telegram_message(1, "B", "doi", "2024-01-15 11:00")]}]}}
    p = tmp_path / "result.json"
    p.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    assert load(p)["text"].tolist() == ["unu", "doi"]
