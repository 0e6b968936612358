"""Issue 12, classes 5 and 12 and the smaller items: WhatsApp senders, system lines, date notes, media; chat cleaning."""
from __future__ import annotations

import pandas as pd
import pytest
from loaders_fixtures import whatsapp_line

from clientcomm.loaders import load, load_report

QUOTED_SENDERS = ["Магазин «Ромашка»", 'Ivan "Vanya" Petrov', "ООО “Вектор”", "SRL „Flori”", "客服「小王」"]


@pytest.mark.parametrize("style", ["us12", "eu24", "ios"])
@pytest.mark.parametrize("sender", QUOTED_SENDERS)
def test_senders_with_quote_marks_keep_their_name(tmp_path, style, sender):
    lines = [whatsapp_line(style, "2024-01-15 10:00", sender, "Здравствуйте: заказ готов?"),
             whatsapp_line(style, "2024-01-15 10:05", "Ana", "Da, mulțumesc")]
    p = tmp_path / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p, kind="whatsapp")
    assert df["sender"].tolist() == [sender, "Ana"]
    assert df["text"].tolist() == ["Здравствуйте: заказ готов?", "Da, mulțumesc"]
    assert not df["is_system"].any()


@pytest.mark.parametrize("line", [
    "Ion a schimbat subiectul în „Livrări: martie”",
    "Ion a schimbat descrierea grupului: comenzi și livrări",
    'Ana changed the subject from "Orders" to "Orders: March"',
    "Иван изменил тему группы на «Заказы: март»",
])
def test_system_lines_with_a_colon_get_no_fake_sender(tmp_path, line):
    p = tmp_path / "chat.txt"
    p.write_text(whatsapp_line("eu24", "2024-01-15 10:00", None, line) + "\n"
                 + whatsapp_line("eu24", "2024-01-15 10:01", "Ion", "Salut") + "\n", encoding="utf-8")
    df = load(p)
    assert df["is_system"].tolist() == [True, False]
    assert df["sender"].tolist() == ["", "Ion"] and df.loc[0, "text"] == line


@pytest.mark.parametrize("ampm,dayfirst", [("am", True), ("pm", True), ("AM", False), ("PM", False)])
def test_ambiguous_am_pm_exports_are_noted(tmp_path, ampm, dayfirst):
    lines = [f"0{d}/0{d + 1}/24, 9:15 {ampm} - Priya: Order {d} delivered?" for d in range(1, 5)]
    p = tmp_path / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p)
    first = df.loc[0, "timestamp"]
    assert (first.day, first.month) == ((1, 2) if dayfirst else (2, 1))
    assert "ambiguous" in load_report(df).iloc[0]["reason"]
    forced = load(p, dayfirst=not dayfirst)
    assert "ambiguous" not in load_report(forced).iloc[0]["reason"]


def test_a_day_above_12_settles_the_order_without_a_note(tmp_path):
    lines = ["01/02/24, 9:15 am - Priya: hello", "25/02/24, 9:15 am - Priya: again"]
    p = tmp_path / "chat.txt"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    df = load(p)
    assert df.loc[0, "timestamp"].month == 2 and load_report(df).iloc[0]["reason"] == ""


@pytest.mark.parametrize("placeholder,kind", [
    ("<Media omitted>", "media"), ("<Media omise>", "media"), ("<Без медиафайлов>", "media"),
    ("\u200eimage omitted", "image"), ("\u200esticker omitted", "sticker"),
    ("\u200e<attached: 00000012-PHOTO-2024-01-15.jpg>", "attachment"),
    ("IMG-20240115-WA0001.jpg (file attached)", "attachment"), ("This message was deleted", "deleted"),
])
def test_media_placeholders_are_marked_and_leave_the_text(tmp_path, placeholder, kind):
    p = tmp_path / "chat.txt"
    p.write_text(whatsapp_line("ios", "2024-01-15 10:00", "Ana", placeholder) + "\n"
                 + whatsapp_line("ios", "2024-01-15 10:01", "Ana", "Bună") + "\n", encoding="utf-8")
    df = load(p)
    assert df["media"].tolist() == [kind, ""]
    assert df["text"].tolist() == ["", "Bună"] and placeholder in df.loc[0, "raw_text"]


@pytest.mark.parametrize("name,who", [("WhatsApp Chat with Анна Смирнова", "Анна Смирнова"),
                                      ("Чат WhatsApp с Иван", "Иван"),
                                      ("Conversație WhatsApp cu Ion Popescu", "Ion Popescu"), ("chat", None)])
def test_counterpart_from_the_file_name(tmp_path, name, who):
    p = tmp_path / f"{name}.txt"
    p.write_text(whatsapp_line("eu24", "2024-01-15 10:00", "Ion", "Salut") + "\n", encoding="utf-8")
    df = load(p)
    if who is None:
        assert "counterpart" not in df.columns
    else:
        assert df["counterpart"].tolist() == [who]


# --- class 12: web-page rules never run on chat or e-mail messages --------------------------------------

@pytest.mark.parametrize("text", ["Адрес доставки:", "Trimiteți-mi datele:", "Ok\nOk\nOk", "请告诉我：",
                                  "Поделиться:", "Главная | Контакты | Форум"])
def test_chat_messages_are_not_cleaned_like_web_pages(tmp_path, text):
    p = tmp_path / "chat.txt"
    p.write_text(whatsapp_line("eu24", "2024-01-15 10:00", "Ion", text) + "\n", encoding="utf-8")
    df = load(p)
    assert df.loc[0, "clean_text"] == text
    assert not any(e["rule"] in ("dangling_prompt", "duplicate_lines", "share_prompt", "site_menu")
                   for e in df.loc[0, "cleaning_log"])


def test_table_and_email_messages_keep_prompt_lines(tmp_path):
    p = tmp_path / "t.csv"
    pd.DataFrame({"text": ["Номер заказа:", "Поделиться:"]}).to_csv(p, index=False)
    assert load(p)["clean_text"].tolist() == ["Номер заказа:", "Поделиться:"]
    m = tmp_path / "m.eml"
    m.write_text("From: a@b.ro\nTo: c@d.ro\nSubject: x\nDate: Mon, 15 Jan 2024 10:00:00 +0200\n\n"
                 "Bună ziua,\nadresa mea este:\n", encoding="utf-8")
    assert load(m).loc[0, "clean_text"].endswith("adresa mea este:")


def test_articles_still_get_web_page_rules(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text("Главная | Форум | Контакты\n\nКлиент всегда прав.\n\nПоделиться:\n", encoding="utf-8")
    assert load(p).loc[0, "clean_text"] == "Клиент всегда прав."


def test_ambiguous_slash_dates_with_24_hour_clock_are_noted(tmp_path):
    p = tmp_path / "chat.txt"
    p.write_text("03/04/2024, 14:30 - Tom: hello\n05/04/2024, 15:00 - Tom: again\n", encoding="utf-8")
    df = load(p)
    assert df.loc[0, "timestamp"].month == 4 and "ambiguous" in load_report(df).iloc[0]["reason"]
