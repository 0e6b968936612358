"""Messenger exports: Telegram Desktop JSON and WhatsApp text, in every export style."""
from __future__ import annotations

import pandas as pd
import pytest
from loaders_fixtures import MESSAGES, telegram_message, utc, whatsapp_line, write_telegram

from clientcomm.loaders import load, load_report


def test_telegram_round_trip_entities_and_service_messages(tmp_path):
    msgs = [telegram_message(i + 1, m["sender"], m["text"], m["time"]) for i, m in enumerate(MESSAGES)]
    msgs[1]["text"] = ["Bună ziua, am primit ", {"type": "bold", "text": "factura"},
                       ", dar suma nu corespunde cu oferta."]
    msgs[1]["text"] = msgs[1]["text"]
    service = {"id": 99, "type": "service", "date": "2023-01-06T10:00:00", "date_unixtime": "1672999200",
               "actor": "Анна Смирнова", "action": "pin_message", "text": ""}
    path = write_telegram(tmp_path / "result.json", msgs + [service])
    out = load(path)
    assert len(out) == len(MESSAGES) + 1
    expected_texts = [m["text"] for m in MESSAGES]
    assert out["text"].tolist()[:-1] == expected_texts
    assert out["sender"].tolist()[:-1] == [m["sender"] for m in MESSAGES]
    assert out["timestamp"].tolist()[:-1] == [utc(m["time"]) for m in MESSAGES]
    assert (out["channel"] == "messenger").all() and (out["thread_id"] == "4242").all()
    assert out["is_system"].tolist() == [False] * len(MESSAGES) + [True]
    assert out["text"].iloc[-1] == "[pin_message]" and out["sender"].iloc[-1] == "Анна Смирнова"
    assert out["title"].iloc[0] == "Поддержка"


def test_telegram_full_export_and_naive_dates_in_given_zone(tmp_path):
    chat = {"name": "Client", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2023-01-02T15:45:12",
                                                     "from": "Ion", "text": "Salut"}]}
    path = tmp_path / "result.json"
    path.write_text(__import__("json").dumps({"about": "x", "chats": {"list": [chat]}}), encoding="utf-8")
    out = load(path, tz="Europe/Chisinau")
    assert out.loc[0, "timestamp"] == pd.Timestamp("2023-01-02 15:45:12", tz="Europe/Chisinau")


def test_invalid_telegram_json_is_skipped_with_its_position(tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"name": "x", "messages": [{"id": 1, "text": "ok"}, {"id": 2, "text": "cut', encoding="utf-8")
    out = load(path)
    rep = load_report(out)
    assert len(out) == 0
    assert rep.loc[0, ["status", "reason"]].tolist() == ["skipped", "invalid JSON"]
    assert rep.loc[1, "location"].startswith("line 1 column")


def test_telegram_messages_that_are_not_objects_are_reported(tmp_path):
    path = write_telegram(tmp_path / "result.json", [telegram_message(1, "Ion", "Salut", "2023-01-02 10:00"), "junk", 5])
    out = load(path)
    rep = load_report(out)
    assert out["text"].tolist() == ["Salut"]
    assert rep.loc[0, "status"] == "partial" and (rep["location"][1:].str.contains("message")).all()
    assert len(rep) == 3


@pytest.mark.parametrize("style", ["us12", "eu24", "ios"])
def test_whatsapp_styles_round_trip(tmp_path, style):
    lines = [whatsapp_line(style, "2023-01-01 08:00:00", None, "Messages and calls are end-to-end encrypted.")]
    for m in MESSAGES:
        lines.append(whatsapp_line(style, m["time"], m["sender"], m["text"]))
    lines.append(whatsapp_line(style, "2023-01-13 21:07:00", "Ion Popescu", "Prima linie\na doua linie\n\na patra"))
    path = tmp_path / "WhatsApp Chat with Ion.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = load(path)
    assert len(out) == len(MESSAGES) + 2
    assert out["is_system"].tolist() == [True] + [False] * (len(MESSAGES) + 1)
    body = out.iloc[1:-1]
    assert body["text"].tolist() == [m["text"] for m in MESSAGES]
    assert body["sender"].tolist() == [m["sender"] for m in MESSAGES]
    assert body["timestamp"].tolist() == [utc(m["time"]) for m in MESSAGES]
    assert out["text"].iloc[-1] == "Prima linie\na doua linie\n\na patra"
    assert out["timestamp"].iloc[-1] == utc("2023-01-13 21:07:00")
    assert (out["channel"] == "messenger").all() and out["position"].iloc[1] == "line 2"


def test_whatsapp_day_month_order_is_read_from_the_file(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("03/04/2023, 10:00 - Ana: prima\n13/04/2023, 11:00 - Ana: a doua\n", encoding="utf-8")
    out = load(path)
    assert out["timestamp"].tolist() == [utc("2023-04-03 10:00"), utc("2023-04-13 11:00")]
    assert load(path, dayfirst=False)["timestamp"].iloc[0] == utc("2023-03-04 10:00")


def test_whatsapp_text_before_first_header_is_kept_and_reported(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("02.01.2023, 15:45 - Ana: Salut\n", encoding="utf-8")
    path.write_text("(începutul lipsește)\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    out = load(path, kind="whatsapp")
    assert out["text"].tolist() == ["(începutul lipsește)", "Salut"]
    rep = load_report(out)
    assert rep.loc[0, "status"] == "partial" and rep.loc[1, "location"] == "line 1"


def test_whatsapp_ios_system_lines_marked_by_direction_marks(tmp_path):
    path = tmp_path / "chat.txt"
    path.write_text("\u200e[02.01.23, 15:45:12] Clienți: \u200eAna added Ion\n"
                    "[02.01.23, 15:46:12] Ana: Bună, Ion!\n"
                    "\u200e[02.01.23, 15:47:12] Ana: \u200eimage omitted\n", encoding="utf-8")
    out = load(path)
    assert out["is_system"].tolist() == [True, False, False]
    assert out["text"].tolist()[:2] == ["Ana added Ion", "Bună, Ion!"]
