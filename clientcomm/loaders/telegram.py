"""Telegram Desktop JSON exports (``result.json``): one row per message, channel ``messenger``.

Both a single-chat export (``{"name": …, "messages": [...]}``) and a full
account export (``{"chats": {"list": [...]}}``) are read. A message's ``text``
is a string or a list of strings and entity objects (``{"type": "bold",
"text": …}``); the pieces are joined in order. Service messages (``"type":
"service"``: joins, pins, calls) have ``is_system`` True, ``sender`` the actor
and ``text`` the message text or, when empty, the action name in brackets
(``[pin_message]``). The time comes from ``date_unixtime`` (exact, UTC) when
present, else from ``date`` (the exporting computer's local time, taken to be
in ``tz``). ``thread_id`` is the chat id; ``reply_to`` is the ``doc_id`` of
the message answered (``reply_to_message_id``); ``forwarded_from`` is kept.
Stickers, polls, photos and files are marked in ``media`` (``sticker``,
``poll``, ``photo``, the ``media_type`` …); a poll's text is its question and
options. A full-account export names its owner (``personal_information``):
column ``owner``; a personal chat names the other person: column
``counterpart``. The export is one JSON document, so it is read whole.

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
from .load_report import FileLog
from .textio import read_whole_text

__all__ = ["load_telegram", "looks_like_telegram", "sniff_telegram", "is_telegram_chat", "TelegramFormatError"]


class TelegramFormatError(ValueError):
    """The file is JSON but not a Telegram export."""


#: top-level keys of a Telegram Desktop full-account export (any one of them in the first kilobytes)
_ACCOUNT_KEYS = ('"personal_information"', '"profile_pictures"', '"frequent_contacts"', '"contacts"',
                 '"other_data"', '"left_chats"', '"about"')


def looks_like_telegram(head: str) -> bool:
    """Cheap test on the first characters of a ``.json`` file.

    A ``"messages"`` key alone is not enough (many chat dumps have one): Telegram
    writes a ``"type"`` beside it (the chat's, or each message's). The loader then
    checks the shape itself (:func:`is_telegram_chat`).

    >>> looks_like_telegram('{"name": "x", "type": "personal_chat", "id": 1, "messages": []}')
    True
    >>> looks_like_telegram('{"about": "Here is the data you requested", "personal_information": {')
    True
    >>> looks_like_telegram('{"messages": [{"text": "Salut", "author": "Ion"}]}')
    False
    """
    h = head.lstrip("\ufeff \t\r\n")
    return h.startswith("{") and (('"messages"' in h and '"type"' in h) or '"chats"' in h
                                  or any(k in h for k in _ACCOUNT_KEYS))


def sniff_telegram(path: str | Path, head_bytes: int = 4096, chunk: int = 1 << 20) -> bool:
    """True when a ``.json`` file is a Telegram export, reading past the first kilobytes when needed.

    A full-account export lists contacts (many kilobytes) before ``"chats"``:
    a JSON object whose head has no marker is scanned chunk by chunk for a
    ``"chats"`` or ``"messages"`` key (memory: one chunk).
    """
    with open(path, "rb") as f:
        head = f.read(head_bytes).decode("utf-8", errors="replace")
        if looks_like_telegram(head):
            return True
        if not head.lstrip("\ufeff \t\r\n").startswith("{"):
            return False
        tail = b""
        while True:
            block = f.read(chunk)
            if not block:
                return False
            hay = tail + block
            if b'"chats"' in hay or (b'"messages"' in hay and b'"type"' in hay):
                return True
            tail = hay[-16:]


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


#: message types Telegram Desktop writes in ``"type"``
_MESSAGE_TYPES = ("message", "service")


def is_telegram_chat(chat) -> bool:
    """True when ``chat`` has Telegram's shape: a ``messages`` list, and the export's ``id`` and ``type`` at its
    top level or messages with ``id`` and a ``type`` of ``message``/``service`` (the first 20 looked at).

    >>> is_telegram_chat({"name": "Support", "type": "personal_chat", "id": 7, "messages": []})
    True
    >>> is_telegram_chat({"messages": [{"id": 1, "type": "message", "date": "2023-01-02T10:00:00", "text": "x"}]})
    True
    >>> is_telegram_chat({"messages": [{"id": 1, "date": "2023-01-02", "text": "Salut", "author": "Ion"}]})
    False
    """
    if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
        return False
    if "id" in chat and "type" in chat:
        return True
    sample = [m for m in chat["messages"][:20] if isinstance(m, dict)]
    return bool(sample) and all("id" in m and m.get("type") in _MESSAGE_TYPES for m in sample)


def _chats(data) -> list[dict]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        if not is_telegram_chat(data):
            raise TelegramFormatError("a 'messages' list without Telegram's id/type fields: not a Telegram export")
        return [data]
    if isinstance(data, dict) and isinstance(data.get("chats"), dict) and isinstance(data["chats"].get("list"), list):
        chats = [c for c in data["chats"]["list"] if isinstance(c, dict)]
        left = data.get("left_chats")  # groups the owner left: their messages are part of the export too
        if isinstance(left, dict) and isinstance(left.get("list"), list):
            chats += [c for c in left["list"] if isinstance(c, dict)]
        return chats
    raise TelegramFormatError("JSON without a 'messages' list or 'chats.list': not a Telegram Desktop export")


def _media(msg: dict) -> str:
    if "poll" in msg:
        return "poll"
    kind = msg.get("media_type")
    if kind:
        return "sticker" if kind == "sticker" else str(kind)
    if "photo" in msg:
        return "photo"
    if "file" in msg:
        return "file"
    if "location_information" in msg:
        return "location"
    if "contact_information" in msg:
        return "contact"
    return ""


def _poll_text(poll) -> str:
    if not isinstance(poll, dict):
        return ""
    answers = [_text(a.get("text")) for a in poll.get("answers") or [] if isinstance(a, dict)]
    return "\n".join([_text(poll.get("question"))] + [f"- {a}" for a in answers]).strip()


def _owner(data) -> str:
    info = data.get("personal_information") if isinstance(data, dict) else None
    if not isinstance(info, dict):
        return ""
    return " ".join(_text(info.get(k)) for k in ("first_name", "last_name") if info.get(k)).strip()


def load_telegram(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC",
                  encoding: str | None = None) -> pd.DataFrame:
    """Read one Telegram export; raises ``json.JSONDecodeError`` / :class:`TelegramFormatError` for a bad file."""
    path = Path(path)
    source = source or path.name
    data = json.loads(read_whole_text(path, log, encoding))
    rows: list[dict] = []
    owner = _owner(data)
    for ci, chat in enumerate(_chats(data)):
        chat_id = str(chat.get("id", ci))
        title = _text(chat.get("name")) or chat_id
        personal = chat.get("type") == "personal_chat"
        messages = chat.get("messages")
        if not isinstance(messages, list):
            log.note(f"chat {chat_id} has no list of messages")
            continue
        for mi, msg in enumerate(messages):
            where = f"chat {chat_id} message {mi + 1}"
            log.record()
            if not isinstance(msg, dict):
                log.skip(f"message is a JSON {type(msg).__name__}, not an object", where)
                continue
            if "id" in msg:
                where = f"chat {chat_id} message id {msg['id']}"
            system = msg.get("type") == "service"
            text = _text(msg.get("text"))
            media = "" if system else _media(msg)
            if media == "poll" and not text:
                text = _poll_text(msg.get("poll"))
            if system and not text and msg.get("action"):
                text = f"[{msg['action']}]"
            when = msg.get("date_unixtime")
            when = int(when) if isinstance(when, (str, int)) and str(when).lstrip("-").isdigit() else msg.get("date")
            if when in (None, ""):
                log.repair("message without a date: timestamp left empty", where)
            sender = _text(msg.get("from") if not system else (msg.get("actor") or msg.get("from")))
            reply = msg.get("reply_to_message_id")
            row = {
                "doc_id": f"{source}#{chat_id}/{msg.get('id', mi + 1)}", "source": source,
                "position": where, "title": title, "channel": "messenger", "sender": sender,
                "timestamp": when, "thread_id": chat_id, "text": text, "is_system": system,
                "reply_to": "" if reply is None else f"{source}#{chat_id}/{reply}", "media": media,
                "forwarded_from": _text(msg.get("forwarded_from")),
            }
            if owner:
                row["owner"] = owner
            if personal:
                row["counterpart"] = title
            rows.append(row)
    df = to_frame(rows, tz=tz)
    bad = df["timestamp"].isna() & pd.Series([r["timestamp"] not in (None, "") for r in rows], dtype=bool)
    for i in df.index[bad.to_numpy()] if len(df) else []:
        log.repair(f"unreadable date {rows[i]['timestamp']!r}: timestamp left empty", rows[i]["position"])
    return df
