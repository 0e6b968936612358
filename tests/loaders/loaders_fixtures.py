"""Writers of message files for the loader tests: every fixture is generated in tmp_path.

Kept beside the tests (not a conftest) so each test file states which fixtures it writes.
"""
from __future__ import annotations

import base64
import json
import quopri
import zlib
from pathlib import Path

import pandas as pd

#: Known messages (real sentences of client communication) used for round trips.
MESSAGES = [
    {"sender": "Анна Смирнова", "text": "Здравствуйте! Заказ № 1542 пришёл без инструкции, пришлите её, пожалуйста.",
     "time": "2023-01-02 09:15:00", "channel": "email"},
    {"sender": "Ion Popescu", "text": "Bună ziua, am primit factura, dar suma nu corespunde cu oferta.",
     "time": "2023-01-02 10:40:00", "channel": "chat"},
    {"sender": "王芳", "text": "你们的客服态度很好，问题当天就解决了，谢谢！", "time": "2023-01-03 14:05:00",
     "channel": "phone"},
    {"sender": "陳先生", "text": "請問我的退款什麼時候會到帳？已經等了兩個星期。", "time": "2023-01-04 16:30:00",
     "channel": "sms"},
    {"sender": "John Carter", "text": "Thanks, the replacement arrived today and works fine.",
     "time": "2023-01-05 08:00:00", "channel": "email"},
]


def messages_frame() -> pd.DataFrame:
    return pd.DataFrame(MESSAGES)


def utc(t: str) -> pd.Timestamp:
    return pd.Timestamp(t, tz="UTC")


def write_eml(path: Path, *, body: str, subject: str = "Вопрос по заказу", sender: str = "ivan@example.ru",
              to: str = "support@example.com", date: str = "Mon, 02 Jan 2023 15:45:00 +0300",
              charset: str = "utf-8", cte: str = "8bit", subtype: str = "plain", extra_headers: str = "",
              header_charset: str | None = None) -> Path:
    """One message, encoded by hand so charset and transfer encoding are exactly those asked."""
    data = body.encode(charset)
    if cte == "base64":
        payload = base64.encodebytes(data)
    elif cte == "quoted-printable":
        payload = quopri.encodestring(data)
    else:
        payload = data
    if header_charset:
        subj = f"=?{header_charset}?B?{base64.b64encode(subject.encode(header_charset)).decode()}?="
    else:
        subj = subject
    head = (f"From: {sender}\nTo: {to}\nSubject: {subj}\nDate: {date}\nMessage-ID: <{zlib.crc32(body.encode())}@example.ru>\n"
            f"MIME-Version: 1.0\nContent-Type: text/{subtype}; charset={charset}\n"
            f"Content-Transfer-Encoding: {cte}\n{extra_headers}\n")
    path.write_bytes(head.encode("utf-8") + payload)  # raw 8-bit headers happen in real mail
    return path


def multipart_alternative(plain: str, html: str, charset: str = "utf-8") -> bytes:
    b = "BOUNDARY42"
    return (f"From: Ana <ana@firma.ro>\nTo: suport@firma.ro\nSubject: Re: comanda\n"
            f"Date: Tue, 03 Jan 2023 11:00:00 +0200\nMIME-Version: 1.0\n"
            f"Content-Type: multipart/alternative; boundary=\"{b}\"\n\n--{b}\n"
            f"Content-Type: text/plain; charset={charset}\nContent-Transfer-Encoding: base64\n\n").encode() + \
        base64.encodebytes(plain.encode(charset)) + \
        (f"\n--{b}\nContent-Type: text/html; charset={charset}\nContent-Transfer-Encoding: base64\n\n").encode() + \
        base64.encodebytes(html.encode(charset)) + f"\n--{b}--\n".encode()


def write_mbox(path: Path, messages: list[bytes]) -> Path:
    with open(path, "wb") as f:
        for i, m in enumerate(messages):
            f.write(f"From sender{i}@example.ru Mon Jan  2 15:45:00 2023\n".encode())
            body = b"\n".join(b">" + ln if ln.lstrip(b">").startswith(b"From ") else ln for ln in m.split(b"\n"))
            f.write(body.rstrip(b"\n") + b"\n\n")
    return path


def write_telegram(path: Path, messages: list[dict], name: str = "Поддержка", chat_id: int = 4242) -> Path:
    path.write_text(json.dumps({"name": name, "type": "personal_chat", "id": chat_id, "messages": messages},
                               ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def telegram_message(i: int, sender: str, text, when: str, **extra) -> dict:
    ts = pd.Timestamp(when, tz="UTC")
    return {"id": i, "type": "message", "date": ts.tz_localize(None).isoformat(), "date_unixtime": str(int(ts.timestamp())),
            "from": sender, "from_id": f"user{i}", "text": text, **extra}


def whatsapp_line(style: str, when: str, sender: str | None, text: str) -> str:
    """A message in one export style: 'us12' (1/2/23, 3:45 PM), 'eu24' (02.01.2023, 15:45), 'ios' ([02.01.23, 15:45:12])."""
    t = pd.Timestamp(when)
    if style == "us12":
        hour = t.hour % 12 or 12
        head = f"{t.month}/{t.day}/{t.year % 100:02d}, {hour}:{t.minute:02d}\u202f{'AM' if t.hour < 12 else 'PM'} - "
    elif style == "eu24":
        head = f"{t.day:02d}.{t.month:02d}.{t.year}, {t.hour:02d}:{t.minute:02d} - "
    else:
        head = f"[{t.day:02d}.{t.month:02d}.{t.year % 100:02d}, {t.hour:02d}:{t.minute:02d}:{t.second:02d}] "
    return head + (f"{sender}: {text}" if sender is not None else text)
