"""E-mail loaders: charsets, transfer encodings, HTML fallback, quoted replies and signatures, mbox archives."""
from __future__ import annotations

import pandas as pd
import pytest
from loaders_fixtures import multipart_alternative, write_eml, write_mbox

from clientcomm.loaders import load, load_report
from clientcomm.loaders.email import split_reply


@pytest.mark.parametrize("charset,cte,body", [
    ("koi8-r", "quoted-printable", "Добрый день! Прошу вернуть деньги за заказ."),
    ("windows-1251", "base64", "Спасибо, менеджер всё объяснил очень терпеливо."),
    ("gb2312", "base64", "您好，请尽快安排发货，我们急需这批货。"),
    ("big5", "quoted-printable", "您好，請問發票什麼時候寄出？"),
    ("iso-8859-2", "quoted-printable", "Bună ziua, aștept confirmarea comenzii."),
    ("utf-8", "8bit", "Thanks for the quick answer."),
])
def test_eml_charsets_and_transfer_encodings_round_trip(tmp_path, charset, cte, body):
    if charset == "iso-8859-2":
        body = body.replace("ș", "ş").replace("ț", "ţ")  # iso-8859-2 has the cedilla forms only
    path = write_eml(tmp_path / "m.eml", body=body + "\n", charset=charset, cte=cte, subject="Заказ 15",
                     header_charset="koi8-r")
    out = load(path)
    row = out.iloc[0]
    assert row["text"] == body
    assert row["channel"] == "email"
    assert row["sender"] == "ivan@example.ru" and row["recipient"] == "support@example.com"
    assert row["title"] == "Заказ 15"  # RFC 2047 encoded-word in koi8-r
    assert row["timestamp"] == pd.Timestamp("2023-01-02 12:45", tz="UTC")
    assert load_report(out)["status"].tolist() == ["loaded"]


def test_wrong_declared_charset_is_detected_and_reported(tmp_path):
    path = tmp_path / "m.eml"
    write_eml(path, body="Здравствуйте, счёт оплачен.\n", charset="utf-8")
    path.write_bytes(path.read_bytes().replace("Здравствуйте, счёт оплачен.".encode(),
                                               "Здравствуйте, счёт оплачен.".encode("cp1251")))
    out = load(path)
    assert out.loc[0, "text"] == "Здравствуйте, счёт оплачен."
    rep = load_report(out)
    assert rep.loc[0, "status"] == "partial" and "decoded as" in rep.loc[1, "reason"]


def test_multipart_prefers_plain_and_html_only_is_stripped(tmp_path):
    p = tmp_path / "alt.eml"
    p.write_bytes(multipart_alternative("Mulțumesc, am primit coletul.\n",
                                        "<p>Mulțumesc, am primit <b>coletul</b>.</p>"))
    assert load(p).loc[0, "text"] == "Mulțumesc, am primit coletul."
    h = write_eml(tmp_path / "html.eml", subtype="html", charset="utf-8", cte="base64",
                  body="<html><head><style>p{}</style></head><body><p>Спасибо за&nbsp;помощь!</p>"
                       "<blockquote>Ваш запрос принят</blockquote></body></html>")
    row = load(h).iloc[0]
    assert row["text"] == "Спасибо за помощь!"
    assert row["quoted_text"] == "> Ваш запрос принят"


@pytest.mark.parametrize("body,text,quoted,signature", [
    ("Добрый день!\nСчёт оплачен.\n\nС уважением,\nИван Петров\nООО «Ромашка»\n\n"
     "02.01.2023 15:45, Анна пишет:\n> Оплатите, пожалуйста, счёт.",
     "Добрый день!\nСчёт оплачен.", "02.01.2023 15:45, Анна пишет:\n> Оплатите, пожалуйста, счёт.",
     "С уважением,\nИван Петров\nООО «Ромашка»"),
    ("Bună ziua,\nam primit coletul.\n-- \nAna Pop | Firma SRL\n\nÎn lun., 2 ian. 2023 la 15:45, Ion <ion@firma.ro> a scris:\n"
     "> Coletul a fost expediat.", "Bună ziua,\nam primit coletul.",
     "În lun., 2 ian. 2023 la 15:45, Ion <ion@firma.ro> a scris:\n> Coletul a fost expediat.", "Ana Pop | Firma SRL"),
    ("收到，谢谢！\n\n此致\n张伟\n\n2023年1月2日 15:45，李娜 写道：\n请确认收货。", "收到，谢谢！",
     "2023年1月2日 15:45，李娜 写道：\n请确认收货。", "此致\n张伟"),
    ("Thanks for the quick reply, it works now.\n\nBest regards,\nJohn\n\n-----Original Message-----\nFrom: Support\n"
     "Please restart the router.", "Thanks for the quick reply, it works now.",
     "-----Original Message-----\nFrom: Support\nPlease restart the router.", "Best regards,\nJohn"),
    ("> Did the refund arrive?\nYes, yesterday.\n> Anything else?\nNo, thank you.",
     "Yes, yesterday.\nNo, thank you.", "> Did the refund arrive?\n> Anything else?", ""),
    ("Спасибо, всё получили.", "Спасибо, всё получили.", "", ""),
])
def test_split_reply(body, text, quoted, signature):
    assert split_reply(body) == (text, quoted, signature)


def test_quoted_reply_and_signature_are_separate_columns(tmp_path):
    body = ("Спасибо, вопрос решён.\n\nС уважением,\nОльга\n\n02.01.2023 15:45, Служба поддержки пишет:\n"
            "> Спасибо, вопрос решён?\n")
    out = load(write_eml(tmp_path / "r.eml", body=body, charset="koi8-r", cte="quoted-printable"))
    row = out.iloc[0]
    assert row["text"] == "Спасибо, вопрос решён."
    assert row["signature"] == "С уважением,\nОльга"
    assert row["quoted_text"].endswith("> Спасибо, вопрос решён?")
    assert row["raw_text"] == body
    assert "пишет" not in row["clean_text"]


def test_mbox_round_trip_threads_and_from_escaping(tmp_path):
    m1 = ("From: Ana <ana@firma.ro>\nTo: suport@firma.ro\nSubject: Comanda 77\nDate: Mon, 02 Jan 2023 09:00:00 +0200\n"
          "Message-ID: <a1@firma.ro>\nContent-Type: text/plain; charset=utf-8\n\nCând ajunge comanda?\n"
          "From now on I will wait.\n").encode()
    m2 = ("From: =?koi8-r?B?" + __import__("base64").b64encode("Иван".encode("koi8-r")).decode() + "?= <ivan@example.ru>\n"
          "To: ana@firma.ro\nSubject: Re: Comanda 77\nDate: Mon, 02 Jan 2023 10:00:00 +0300\nMessage-ID: <b2@example.ru>\n"
          "In-Reply-To: <a1@firma.ro>\nReferences: <a1@firma.ro>\nContent-Type: text/plain; charset=windows-1251\n"
          "Content-Transfer-Encoding: base64\n\n").encode() + __import__("base64").encodebytes(
        "Завтра.\n".encode("cp1251"))
    path = write_mbox(tmp_path / "inbox.mbox", [m1, m2])
    out = load(path)
    assert out["text"].tolist() == ["Când ajunge comanda?\nFrom now on I will wait.", "Завтра."]
    assert out["sender"].tolist() == ["Ana <ana@firma.ro>", "Иван <ivan@example.ru>"]
    assert out["thread_id"].nunique() == 1
    assert out["timestamp"].tolist() == [pd.Timestamp("2023-01-02 07:00", tz="UTC")] * 2
    assert out["position"].iloc[0] == "offset 0" and out["position"].iloc[1].startswith("offset ")
    assert load_report(out)["status"].tolist() == ["loaded"]


def test_truncated_mbox_keeps_good_messages_and_reports_the_cut(tmp_path):
    good = ("From: a@b.ro\nSubject: x\nDate: Mon, 02 Jan 2023 09:00:00 +0200\nContent-Type: text/plain; charset=utf-8\n\n"
            "Primul mesaj.\n").encode()
    cut = ("From: c@d.ru\nSubject: y\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"XX\"\n\n--XX\n"
           "Content-Type: text/plain; charset=utf-8\n\nВторое сообщение обрыва").encode()
    path = tmp_path / "cut.mbox"
    write_mbox(path, [good, good.replace(b"Primul", b"Al doilea"), cut])
    path.write_bytes(path.read_bytes().rstrip(b"\n"))  # the file ends mid-line, as a cut download does
    out = load(path)
    assert out["text"].tolist()[:2] == ["Primul mesaj.", "Al doilea mesaj."]
    rep = load_report(out)
    assert rep.loc[0, "status"] == "partial"
    reasons = " ".join(rep["reason"])
    assert "truncated" in reasons
    assert rep.loc[rep["location"] != "", "location"].str.startswith("offset").all()


def test_mbox_without_separator_is_detected_by_content(tmp_path):
    p = tmp_path / "Inbox"  # Thunderbird keeps mbox files without an extension
    write_mbox(p, [b"From: a@b.ro\nSubject: s\n\nSalut!\n"])
    assert load(p)["text"].tolist() == ["Salut!"]
