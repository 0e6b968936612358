"""WhatsApp chat exports (``.txt``): one row per message, channel ``messenger``.

Three header styles are read, in 12- and 24-hour time::

    1/2/23, 3:45 PM - Ana: text          (Android, US)
    02.01.2023, 15:45 - Ana: text        (Android, Europe)
    [02.01.23, 15:45:12] Ana: text       (iOS)

A line without such a header continues the message before it (multi-line
messages). The sender ends at the first ``: `` outside quotation marks, so
``Магазин «Ромашка»: …``, ``Ivan "Vanya" Petrov: …`` and ``ООО “Вектор”: …``
keep their names, while ``Ion a schimbat subiectul în „Livrări: martie”``
stays a system line. A header without ``Name:`` (``… - Messages and calls are
end-to-end encrypted``, ``… - Ana added Ion``), or whose would-be name is a
sentence about the chat (``Ion a schimbat descrierea: …``), is a system
message: ``is_system`` True, ``sender`` empty; so is an iOS line marked with
U+200E marks (``‎[…] Group: ‎Ana added Ion``, sender = the group), except media
notes. Media placeholders (``<Media omitted>``, ``<Media omise>``, ``image
omitted``, ``<attached: …>``, ``… (file attached)``) are marked in the
``media`` column (``image``, ``media``, ``sticker`` …) and leave ``text``
(``raw_text`` keeps them). The "message was edited" marker WhatsApp appends
(``<This message was edited>``, ``<Это сообщение было изменено>``, ``<Acest
mesaj a fost editat>``, ``<此消息已编辑>`` …; see :data:`EDITED_MARKERS`) is taken
out of ``text`` and the message has ``edited`` True (``raw_text`` keeps it).
A file named like ``WhatsApp Chat with X.txt``,
``Чат WhatsApp с X.txt`` or ``Conversație WhatsApp cu X.txt`` puts X in a
``counterpart`` column.

Whether ``1/2/23`` is 1 February or 2 January is decided per file: a day
above 12 anywhere settles it; otherwise a ``.`` separator, 24-hour time or
lower-case am/pm (en-IN, en-GB exports) mean day first and upper-case AM/PM
means month first (US), and the load report notes that the order was a
guess. The ``dayfirst`` argument overrides it. Times are local: naive, taken
to be in ``tz``.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "chat.txt")
>>> _ = open(p, "w").write("02.01.2023, 15:45 - Ana: Bună ziua!\\nMai am o întrebare.\\n")
>>> df = load_whatsapp(p, FileLog())
>>> df.loc[0, ["sender", "text"]].tolist(), str(df.loc[0, "timestamp"])
(['Ana', 'Bună ziua!\\nMai am o întrebare.'], '2023-01-02 15:45:00+00:00')
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .base import to_frame
from .load_report import FileLog
from .textio import iter_lines

__all__ = ["load_whatsapp", "looks_like_whatsapp", "counterpart_from_name"]

_DATE = r"(?P<d1>\d{1,4})(?P<sep>[./-])(?P<d2>\d{1,2})(?P=sep)(?P<d3>\d{1,4})"
_TIME = r"(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?"
_AMPM = r"(?:[\s\u202f\u00a0]?(?P<ampm>[AaPp]\.?[\s\u202f]?[Mm]\.?))?"
_LRM = "\u200e\u200f\ufeff"
#: the part of day written before the time by Chinese exports (``2024/3/12 下午2:05``)
_ZH_AMPM = r"(?P<zhap>上午|下午|中午|晚上|凌晨|早上)?"
_IOS = re.compile(rf"^[{_LRM}]?\[{_DATE},?\s{_ZH_AMPM}{_TIME}{_AMPM}\]\s(?P<rest>.*)$", re.S)
_ANDROID = re.compile(rf"^[{_LRM}]?{_DATE},?\s{_ZH_AMPM}{_TIME}{_AMPM}\s[-–]\s(?P<rest>.*)$", re.S)
_IOS_MEDIA = re.compile(r"<attached: |\somitted$|^\u200e?(image|video|audio|sticker|GIF|document) omitted", re.I)
_SENDER = re.compile(r"^(?P<sender>[^:\n]{1,80}?):(?: (?P<text>.*))?$", re.S)
_QUOTES = re.compile("[\"«»“”„‘‚]")
#: opening quotation mark -> its closing marks; ’ alone is an apostrophe (O’Neil), so only ‘ and ‚ open
_CLOSE = {"\"": "\"", "«": "»", "“": "”", "„": "”“", "‘": "’", "‚": "’‘"}
#: verbs of WhatsApp service lines (en, ru, ro): a would-be sender holding one is a sentence, not a name
_SYSTEM_VERBS = re.compile(
    r"\s(?:changed|added|removed|created|left|joined|deleted|pinned|turned|set|updated|"
    r"изменил\w*|добавил\w*|удалил\w*|создал\w*|вышел|вышла|закрепил\w*|"
    r"a (?:schimbat|adăugat|eliminat|creat|ieșit|părăsit|șters|fixat|setat|activat|dezactivat)|"
    r"te-a adăugat|s-a alăturat)\b", re.I)
#: media placeholders of Android exports (en, ru, ro) and iOS, the whole first line of a message
_MEDIA = [(re.compile(p, re.I), kind) for p, kind in [
    (r"^<(?:media omitted|медиа (?:отсутствуют|файл пропущен)|без медиафайлов|media omise|fișier media omis)>$",
     "media"),
    (r"^(image|video|audio|sticker|gif|document|contact card)\s+omitted$", None),
    # zh Android / zh iOS, ru and ro iOS wordings
    (r"^<(?:省略影音内容|省略影音內容|媒体已省略|媒體已省略|已略過媒體)>$", "media"),
    (r"^(?:图片|圖片)已省略$", "image"), (r"^(?:视频|影片|視訊)已省略$", "video"),
    (r"^(?:音频|音訊|语音)已省略$", "audio"), (r"^(?:贴纸|貼圖)已省略$", "sticker"),
    (r"^(?:文档|文件)已省略$", "document"), (r"^GIF\s?已省略$", "gif"),
    (r"^изображение отсутствует$", "image"), (r"^видео отсутствует$", "video"),
    (r"^(?:аудио|аудиофайл) отсутствует$", "audio"), (r"^стикер отсутствует$", "sticker"),
    (r"^документ отсутствует$", "document"), (r"^GIF отсутствует$", "gif"),
    (r"^imagine omisă$", "image"), (r"^video omis$", "video"), (r"^audio omis$", "audio"),
    (r"^autocolant omis$", "sticker"), (r"^document omis$", "document"),
    (r"^<attached: [^>]*>$", "attachment"),
    (r"^\S.{0,200}\s\((?:file attached|файл прикреплён|fișier atașat)\)$", "attachment"),
    (r"^(?:this message was deleted|you deleted this message|сообщение удалено|данное сообщение удалено|"
     r"вы удалили это сообщение|acest mesaj a fost șters|ai șters acest mesaj)$", "deleted"),
]]
#: "This message was edited" markers, the last thing on a message. OUR list, assembled from exports we have
#: seen and the interface wordings we know (en, ru, ro, zh-Hans, zh-Hant; the first of each language is the
#: one we are surest of, the shorter ones are variants we guard against). WhatsApp publishes no list: a
#: wording missing here stays in ``text`` (add it here). Only ``<…>`` at the very end of a message matches.
EDITED_MARKERS = (
    "This message was edited", "Message edited", "Edited",
    "Это сообщение было изменено", "Сообщение изменено", "Сообщение было изменено", "Изменено",
    "Acest mesaj a fost editat", "Mesaj editat", "Editat",
    "此消息已编辑", "此消息已被编辑", "消息已编辑", "已编辑",
    "已編輯此訊息", "此訊息已編輯", "此訊息已被編輯", "訊息已編輯", "已編輯",
)
_EDITED = re.compile(r"[ \t\u200e\u200f]*<(?:" + "|".join(re.escape(m) for m in EDITED_MARKERS) + r")>[\s\u200e\u200f]*\Z",
                     re.I)
_COUNTERPART = re.compile(r"^(?:WhatsApp Chat with|WhatsApp Chat -|Чат WhatsApp с|Conversa[țţ]ie WhatsApp cu|"
                          r"Chat WhatsApp cu)\s+(?P<x>.+?)\s*$", re.I)


def _split_sender(rest: str) -> tuple[str, str] | None:
    """(sender, text) when ``rest`` is ``Name: text`` with the colon outside quotation marks, else None."""
    s = _SENDER.match(rest)
    if s is None:
        return None
    name = s.group("sender")
    if _QUOTES.search(name):  # the first colon may sit inside a quotation: scan with quote state
        open_q = None
        for i, ch in enumerate(rest[:120]):
            if open_q is None:
                if ch in _CLOSE:
                    open_q = ch
                elif ch == ":" and (i + 1 == len(rest) or rest[i + 1] == " "):
                    name, text = rest[:i], rest[i + 2:]
                    break
            elif ch in _CLOSE[open_q]:
                open_q = None
            if ch == "\n":
                return None
        else:
            return None
        if open_q is not None or not name.strip():
            return None
    else:
        text = s.group("text") or ""
    if _SYSTEM_VERBS.search(" " + name) and len(name.split()) >= 3:
        return None
    return name, text


def _media(first: str) -> str:
    line = first.strip(_LRM + " ")
    if not line or len(line) > 220:
        return ""
    for pat, kind in _MEDIA:
        m = pat.match(line)
        if m:
            return kind or m.group(1).lower().replace("contact card", "contact")
    return ""


def counterpart_from_name(stem: str) -> str:
    """X of an export named ``WhatsApp Chat with X`` (or its ru/ro forms); empty otherwise.

    >>> counterpart_from_name("Чат WhatsApp с Анна Смирнова"), counterpart_from_name("chat")
    ('Анна Смирнова', '')
    """
    m = _COUNTERPART.match(stem)
    return m.group("x") if m else ""


def _match(line: str):
    return _ANDROID.match(line) or _IOS.match(line)


def looks_like_whatsapp(lines: list[str]) -> bool:
    """True when the first non-empty line is a WhatsApp message header.

    >>> looks_like_whatsapp(["[02.01.23, 15:45:12] Ion: Salut"]), looks_like_whatsapp(["Salut"])
    (True, False)
    """
    for line in lines:
        if line.strip():
            return bool(_match(line)) and _plausible(_match(line))
    return False


def _plausible(m) -> bool:
    parts = [int(m.group(g)) for g in ("d1", "d2", "d3")]
    return int(m.group("h")) < 24 and int(m.group("m")) < 60 and sum(p > 31 for p in parts) <= 1


def _decide_dayfirst(path: Path, log: FileLog, encoding: str | None = None) -> bool:
    """Scan headers until one shows the date order; fall back on separator and clock style (noted in ``log``)."""
    dot = False
    seps: set[str] = set()
    upper = lower = 0
    for _, _, line in iter_lines(path, FileLog(), encoding=encoding):
        m = _match(line)
        if not m:
            continue
        a, b = int(m.group("d1")), int(m.group("d2"))
        if len(m.group("d1")) == 4:  # year first: 2023-01-02
            return False
        if a > 12 >= b:
            return True
        if b > 12 >= a:
            return False
        dot |= m.group("sep") == "."
        seps.add(m.group("sep"))
        ap = m.group("ampm")
        if ap:
            upper += ap[0].isupper()
            lower += ap[0].islower()
    if dot:
        return True
    if not (upper or lower):
        log.note(f"dates are ambiguous (no day above 12, '{''.join(sorted(seps))}' separator): read day first because of the "
                 "24-hour clock; pass dayfirst=False if they are month first")
        return True
    if lower >= upper:
        log.note("dates are ambiguous (no day above 12): read day first because of the lower-case am/pm of "
                 "en-IN/en-GB exports; pass dayfirst=False if they are month first")
        return True
    log.note("dates are ambiguous (no day above 12): read month first because of the AM/PM of US exports; "
             "pass dayfirst=True if they are day first (en-IN, en-GB, …)")
    return False


def _to_time(m, dayfirst: bool):
    d1, d2, d3 = (int(m.group(g)) for g in ("d1", "d2", "d3"))
    if len(m.group("d1")) == 4:
        year, month, day = d1, d2, d3
    else:
        day, month = (d1, d2) if dayfirst else (d2, d1)
        year = d3 + 2000 if d3 < 100 else d3
    hour, minute, second = int(m.group("h")), int(m.group("m")), int(m.group("s") or 0)
    ampm = (m.group("ampm") or "").lower().replace(".", "").replace(" ", "").replace("\u202f", "")
    zh = m.group("zhap")
    if zh:  # 下午/晚上: afternoon, evening; 中午 1:00 is 13:00; 上午/凌晨/早上 12:xx is 0:xx
        ampm = "pm" if zh in ("下午", "晚上") or (zh == "中午" and hour < 11) else "" if zh == "中午" else "am"
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return pd.Timestamp(year=year, month=month, day=day, hour=hour, minute=minute, second=second)
    except (ValueError, OverflowError):
        return None


def load_whatsapp(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC",
                  dayfirst: bool | None = None, encoding: str | None = None,
                  batch_size: int = 50_000) -> pd.DataFrame:
    """Read one WhatsApp export; problems go to ``log``."""
    path = Path(path)
    source = source or path.name
    if dayfirst is None:
        dayfirst = _decide_dayfirst(path, log, encoding)
    chat = path.stem if path.stem != "_chat" else path.parent.name  # iOS exports are all called _chat.txt
    counterpart = counterpart_from_name(chat)
    rows: list[dict] = []
    frames: list[pd.DataFrame] = []
    cur: dict | None = None
    count = 0

    def flush():
        nonlocal rows, count
        if cur is not None:
            count += 1
            lines = cur.pop("lines")
            raw = "\n".join(lines)
            media = _media(lines[0]) if lines else ""
            if media:  # the placeholder is not what the person wrote; a caption after it is
                cur["raw_text"], cur["media"] = raw, media
                raw = "\n".join(lines[1:])
            edited = _EDITED.search(raw) if raw.rstrip(_LRM + " \t\n").endswith(">") else None  # fast path
            if edited:  # the marker is WhatsApp's, not the sender's words: raw_text keeps it
                cur["raw_text"] = cur.get("raw_text") or "\n".join(lines)
                raw = raw[:edited.start()]
            cur["text"] = raw
            cur["edited"] = bool(edited)
            cur.update(doc_id=f"{source}#{count}", source=source, channel="messenger", thread_id=chat, title=chat)
            if counterpart:
                cur["counterpart"] = counterpart
            rows.append(cur)
            if len(rows) >= batch_size:  # bounded memory: message dicts become table batches
                frames.append(to_frame(rows, tz=tz))
                rows = []

    for n, _, line in iter_lines(path, log, encoding=encoding):
        m = _match(line)
        if m and not _plausible(m):
            m = None
        if m is None:
            if cur is None:
                if not line.strip():
                    continue
                cur = {"position": f"line {n}", "lines": [], "timestamp": None, "sender": "", "is_system": False}
                log.record()
                log.repair("text before the first message header: kept as a message without sender or time",
                           f"line {n}")
            cur["lines"].append(line)
            continue
        flush()
        log.record()
        stamp = _to_time(m, dayfirst)
        if stamp is None:
            log.repair(f"impossible date {m.group('d1')}{m.group('sep')}{m.group('d2')}{m.group('sep')}"
                       f"{m.group('d3')}: timestamp left empty", f"line {n}")
        rest = m.group("rest")
        s = _split_sender(rest)
        if s:
            sender, first, system = s[0].strip(_LRM + " ~\u202f"), s[1], False
            if first.startswith("\u200e") and not _IOS_MEDIA.search(first) and not _media(first.split("\n")[0]):
                # iOS marks generated lines with U+200E: "‎[…] Group: ‎Ana added Ion",
                # "[…] Ivan: ‎Messages and calls are end-to-end encrypted."
                system, first = True, first.lstrip(_LRM)
        else:
            sender, first, system = "", rest.lstrip(_LRM), True
        cur = {"position": f"line {n}", "lines": [first], "timestamp": stamp, "sender": sender,
               "is_system": system}
    flush()
    if rows or not frames:
        frames.append(to_frame(rows, tz=tz))
    return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
