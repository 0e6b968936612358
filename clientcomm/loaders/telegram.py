"""Telegram Desktop JSON exports (``result.json``): one row per message, channel ``messenger``.

Both a single-chat export (``{"name": …, "messages": [...]}``) and a full
account export (``{"chats": {"list": [...]}}``) are read. A message's ``text``
is a string or a list of strings and entity objects (``{"type": "bold",
"text": …}``); the pieces are joined in order. Service messages (``"type":
"service"``: joins, pins, calls) have ``is_system`` True, ``sender`` the actor
and ``text`` the message text or, when empty, the action name in brackets
(``[pin_message]``). The time comes from ``date_unixtime`` (exact, UTC) when
present, else from ``date`` (the exporting computer's local time, taken to be
in ``tz``). ``thread_id`` is the chat id; ``reply_to`` keeps the id of the
message answered. The export is one JSON document, so it is read whole.

>>> import json, tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "result.json")
>>> chat = {"name": "Support", "id": 7, "messages": [{"id": 1, "type": "message",
...     "date": "2023-01-02T15:45:12", "from": "Анна", "text": ["Счёт ", {"type": "bold", "text": "оплачен"}]}]}
>>> _ = open(p, "w").write(json.dumps(chat))
>>> df = load_telegram(p, FileLog())
>>> df.loc[0, ["sender", "text", "thread_id"]].tolist()
['Анна', 'Счёт оплачен', '7']
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .base import to_frame
from .report import FileLog
from .textio import read_whole_text

__all__ = ["load_telegram", "looks_like_telegram", "TelegramFormatError"]


class TelegramFormatError(ValueError):
    """The file is JSON but not a Telegram export."""


def looks_like_telegram(head: str) -> bool:
    """Cheap test on the first characters of a ``.json`` file.

    >>> looks_like_telegram('{"name": "x", "type": "personal_chat", "id": 1, "messages": []}')
    True
    """
    h = head.lstrip("\ufeff \t\r\n")
    return h.startswith("{") and ('"messages"' in h or '"chats"' in h)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(_text(v) for v in value)
    if isinstance(value, dict):
        return _text(value.get("text", ""))
    return str(value)


def _chats(data) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [data]
    if isinstance(data, dict) and isinstance(data.get("chats"), dict) and isinstance(data["chats"].get("list"), list):
        return [c for c in data["chats"]["list"] if isinstance(c, dict)]
    raise TelegramFormatError("JSON without a 'messages' list or 'chats.list': not a Telegram Desktop export")


def load_telegram(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC",
                  encoding: str | None = None) -> pd.DataFrame:
    """Read one Telegram export; raises ``json.JSONDecodeError`` / :class:`TelegramFormatError` for a bad file."""
    path = Path(path)
    source = source or path.name
    data = json.loads(read_whole_text(path, log, encoding))
    rows: list[dict] = []
    for ci, chat in enumerate(_chats(data)):
        chat_id = str(chat.get("id", ci))
        title = _text(chat.get("name")) or chat_id
        for mi, msg in enumerate(chat["messages"]):
            where = f"chat {chat_id} message {mi + 1}"
            if not isinstance(msg, dict):
                log.skip(f"message is a JSON {type(msg).__name__}, not an object", where)
                continue
            if "id" in msg:
                where = f"chat {chat_id} message id {msg['id']}"
            system = msg.get("type") == "service"
            text = _text(msg.get("text"))
            if system and not text and msg.get("action"):
                text = f"[{msg['action']}]"
            when = msg.get("date_unixtime")
            when = int(when) if isinstance(when, (str, int)) and str(when).lstrip("-").isdigit() else msg.get("date")
            if when in (None, ""):
                log.repair("message without a date: timestamp left empty", where)
            sender = _text(msg.get("from") if not system else (msg.get("actor") or msg.get("from")))
            rows.append({
                "doc_id": f"{source}#{chat_id}/{msg.get('id', mi + 1)}", "source": source,
                "position": where, "title": title, "channel": "messenger", "sender": sender,
                "timestamp": when, "thread_id": chat_id, "text": text, "is_system": system,
                "reply_to": "" if msg.get("reply_to_message_id") is None else str(msg["reply_to_message_id"]),
            })
    df = to_frame(rows, tz=tz)
    bad = df["timestamp"].isna() & pd.Series([r["timestamp"] not in (None, "") for r in rows], dtype=bool)
    for i in df.index[bad.to_numpy()] if len(df) else []:
        log.repair(f"unreadable date {rows[i]['timestamp']!r}: timestamp left empty", rows[i]["position"])
    return df
