"""E-mail: ``.eml`` files and ``.mbox`` archives, one row per message, channel ``email``.

Parsed with the standard library (:mod:`email` with ``policy.default``). The
body is the first ``text/plain`` part, or the first ``text/html`` part with
its tags stripped; its charset (koi8-r, windows-1251, gb2312 read as its
superset GB18030, big5, …) and transfer encoding (quoted-printable, base64)
are decoded, and a wrong or missing charset is detected and reported. The body
is then split (:func:`split_reply`) into ``text`` (what the sender wrote),
``quoted_text`` (the earlier message quoted below or ``>``-quoted inline) and
``signature``, so quoted words are not counted twice; ``raw_text`` keeps the
whole decoded body. ``sender``/``recipient`` are the decoded ``From``/``To``
headers, ``title`` the subject, ``thread_id`` the first ``References`` id (or
``In-Reply-To``, or the message's own id), ``position`` the byte offset of the
message in the file. Archives are read one message at a time.

>>> body = "Добрый день!\\nСчёт оплачен.\\n\\nС уважением,\\nИван\\n\\n02.01.2023 15:45, Анна пишет:\\n> Оплатите счёт"
>>> split_reply(body)
('Добрый день!\\nСчёт оплачен.', '02.01.2023 15:45, Анна пишет:\\n> Оплатите счёт', 'С уважением,\\nИван')
"""
from __future__ import annotations

import codecs
import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from .._yaml import load_yaml
from ..decoding import DecodeError, decode_bytes, mostly_utf8
from .base import to_frame
from .load_report import FileLog

__all__ = ["load_eml", "load_mbox", "parse_email", "split_reply", "html_to_text", "looks_like_mbox",
           "looks_like_eml"]

_CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "euc-cn": "gb18030",
                      "big5": "big5hkscs", "ks_c_5601-1987": "cp949", "windows-874": "cp874",
                      "iso-8859-1": "cp1252", "us-ascii": "utf-8", "ascii": "utf-8"}
_HEADER_LINE = re.compile(rb"^(Return-Path|Received|From|To|Subject|Date|Message-I[Dd]|MIME-Version|"
                          rb"Delivered-To|Content-Type|X-[\w-]+):", re.I)


@lru_cache(maxsize=1)
def _markers() -> dict:
    with open(Path(__file__).with_name("email_markers.yaml"), encoding="utf-8") as f:
        data = load_yaml(f)
    return {"quote": [re.compile(p, re.I) for p in data["quote_headers"]],
            "sign": [re.compile(p, re.I) for p in data["sign_offs"]],
            "max_sig": int(data.get("max_signature_lines", 8))}


def looks_like_mbox(head: bytes) -> bool:
    """An mbox archive starts with a ``From `` separator line followed by headers.

    >>> looks_like_mbox(b"From ana@example.ro Mon Jan  2 15:45:00 2023\\nFrom: ana@example.ro\\n")
    True
    """
    lines = head.lstrip(b"\r\n").split(b"\n", 2)
    return len(lines) >= 2 and lines[0].startswith(b"From ") and bool(_HEADER_LINE.match(lines[1]))


def looks_like_eml(head: bytes) -> bool:
    """A single message starts with header lines (``From:``, ``Received:``, …)."""
    lines = [ln for ln in head.lstrip(b"\r\n").split(b"\n", 6)[:6]]
    hits = sum(bool(_HEADER_LINE.match(ln)) for ln in lines)
    return bool(lines) and bool(_HEADER_LINE.match(lines[0])) and hits >= 2


class _Stripper(HTMLParser):
    _BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "blockquote", "hr",
              "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.quote = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag == "blockquote":
            self.quote += 1
        if tag in self._BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)
        if tag in self._BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if self.skip:
            return
        if self.quote:
            data = "\n".join("> " * self.quote + ln if ln.strip() else ln for ln in data.split("\n"))
        self.out.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML body; ``<blockquote>`` lines get ``> `` so they count as quoted.

    >>> html_to_text("<p>Bună ziua,</p><p>mulțumesc!</p><blockquote>Întrebarea</blockquote>")
    'Bună ziua,\\n\\nmulțumesc!\\n\\n> Întrebarea'
    """
    p = _Stripper()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - HTMLParser can fail on pathological input; fall back to a regex
        return re.sub(r"<[^>]*>", " ", html)
    text = "".join(p.out).replace("\xa0", " ")
    text = "\n".join(ln.strip() for ln in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def split_reply(body: str) -> tuple[str, str, str]:
    """``(text, quoted_text, signature)`` of a plain-text e-mail body.

    Quoted: from the first reply header (``On … wrote:``, ``… пишет:``,
    ``… a scris:``, ``…写道：``, ``-----Original Message-----``, an Outlook
    ``From:`` block; see ``email_markers.yaml``) to the end, plus ``>`` lines
    above it. Signature: after a ``-- `` line, or from a closing line (``Best
    regards,``, ``С уважением,``, ``Cu stimă,``, ``此致``) followed by at
    most a few short lines.
    """
    m = _markers()
    lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cut = len(lines)
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or s.startswith(">"):
            continue
        joined = s + " " + lines[i + 1].strip() if i + 1 < len(lines) else s
        if any(p.match(s) for p in m["quote"]) or (
                s.lower().startswith(("on ", "în ", "pe ")) and any(p.match(joined) for p in m["quote"][2:6])) or (
                joined.endswith(":") and "@" in joined and any(p.match(joined) for p in m["quote"][8:11])):
            if i == 0 and s.lower().startswith(("from", "от", "de la", "发件人", "寄件者")):
                continue
            cut = i
            break
    head, quoted = lines[:cut], lines[cut:]
    inline = [ln for ln in head if ln.lstrip().startswith(">")]
    kept = [ln for ln in head if not ln.lstrip().startswith(">")]
    if inline:
        quoted = inline + ([""] if quoted else []) + quoted
    while kept and not kept[-1].strip():
        kept.pop()
    sig_at = None
    for i in range(len(kept) - 1, -1, -1):
        if kept[i].rstrip() in ("--", "-- "):
            sig_at = i
            break
    if sig_at is None:
        lo = max(1, len(kept) - m["max_sig"] - 1)
        for i in range(lo, len(kept)):
            s = kept[i].strip()
            if s and any(p.match(s) for p in m["sign"]) and all(len(x.strip()) <= 80 for x in kept[i + 1:]):
                sig_at = i
                break
    signature: list[str] = []
    if sig_at is not None and any(x.strip() for x in kept[:sig_at]):
        signature = kept[sig_at:]
        if signature and signature[0].rstrip() in ("--", "-- "):
            signature = signature[1:]
        kept = kept[:sig_at]
    return "\n".join(kept).strip("\n").rstrip(), "\n".join(quoted).strip("\n"), "\n".join(signature).strip("\n")


def _header(msg, name: str, log: FileLog, where: str) -> str:
    try:
        v = msg.get(name)
        return "" if v is None else str(v)
    except Exception as exc:  # noqa: BLE001 - malformed headers raise many kinds of errors
        log.repair(f"unreadable {name} header ({type(exc).__name__}): left empty", where)
        return ""


def _decode_part(part, log: FileLog, where: str) -> str:
    payload = part.get_payload(decode=True)
    if payload is None:
        p = part.get_payload()
        return p if isinstance(p, str) else ""
    declared = (part.get_content_charset() or "").lower()
    enc = _CHARSET_SUPERSETS.get(declared, declared)
    if enc and not enc.startswith("utf") and not payload.isascii():
        try:  # a legacy charset declared on a UTF-8 body decodes "fine" into mojibake: check first
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None and sum(ord(c) > 127 for c in text) >= 2:
            log.repair(f"body declared {declared} but it is valid UTF-8: decoded as UTF-8", where)
            return text
        damaged = mostly_utf8(payload) if text is None else None
        if damaged is not None:  # UTF-8 under a wrong label, with a few bad bytes: keep UTF-8, replace those
            log.replaced_bytes += damaged.replaced
            log.repair(f"body declared {declared} but it is UTF-8 with {damaged.replaced} invalid byte(s): "
                       "decoded as UTF-8, those bytes replaced by U+FFFD", where)
            return damaged.text
    if enc:
        try:
            codecs.lookup(enc)
            return payload.decode(enc)
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        d = decode_bytes(payload)
    except DecodeError:
        log.repair(f"body is not text in charset {declared or '(none)'}: undecodable bytes replaced", where)
        return payload.decode("utf-8", errors="replace")
    if d.replaced:  # the body is in its charset but for a few bad bytes: keep it, say how many were replaced
        log.replaced_bytes += d.replaced
        log.repair(f"{d.replaced} invalid byte(s) in the {declared or d.encoding} body replaced by U+FFFD", where)
    elif declared and declared not in ("us-ascii", "ascii"):
        log.repair(f"body is not valid {declared}: decoded as {d.encoding} (confidence {d.confidence:.2f})", where)
    return d.text


def _body(msg, log: FileLog, where: str) -> tuple[str, list[str]]:
    attachments = []
    try:
        for part in msg.walk():
            fn = part.get_filename()
            if fn:
                attachments.append(str(fn))
    except Exception as exc:  # noqa: BLE001 - malformed MIME trees raise many kinds of errors; the body is still read
        log.repair(f"attachment names unreadable ({type(exc).__name__}): not listed", where)
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - malformed MIME trees
        part = None
    if part is None and msg.is_multipart():
        part = next((p for p in msg.walk() if p.get_content_maintype() == "text" and not p.is_attachment()), None)
    if part is None or part.get_content_maintype() != "text":
        kind = msg.get_content_type() if part is None else part.get_content_type()
        log.repair(f"no text body (content type {kind}): text left empty", where)
        return "", attachments
    text = _decode_part(part, log, where)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text.replace("\r\n", "\n"), attachments


def _lang_tag(value: str) -> str:
    """Content-Language → the project's BCP-47 codes: ``ru-RU`` → ``ru``, ``zh-TW`` → ``zh-Hant``.

    >>> _lang_tag("zh-TW, en"), _lang_tag("ro-RO"), _lang_tag("zh-CN")
    ('zh-Hant', 'ro', 'zh-Hans')
    """
    tag = value.split(",")[0].strip()
    if not tag:
        return ""
    parts = tag.replace("_", "-").split("-")
    lang = parts[0].lower()
    if lang == "zh":
        rest = {p.lower() for p in parts[1:]}
        if rest & {"hant", "tw", "hk", "mo"}:
            return "zh-Hant"
        if rest & {"hans", "cn", "sg"}:
            return "zh-Hans"
        return "zh"
    return lang


def _msgid(v: str) -> str:
    ids = re.findall(r"<[^<>\s]+>", v or "")
    return ids[0] if ids else (v or "").strip()


def parse_email(raw: bytes, log: FileLog, where: str, *, tz: str = "UTC") -> dict:
    """One message's bytes → a row dict of the documents table (without ids)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [type(d).__name__ for p in msg.walk() for d in getattr(p, "defects", [])]
    serious = [d for d in defects if d in ("CloseBoundaryNotFoundDefect", "StartBoundaryNotFoundDefect",
                                           "MissingHeaderBodySeparatorDefect", "InvalidBase64LengthDefect",
                                           "InvalidBase64PaddingDefect", "MultipartInvariantViolationDefect")]
    if serious:
        log.repair("malformed or truncated message (" + ", ".join(sorted(set(serious))) + "): read as far as it goes",
                   where)
    body, attachments = _body(msg, log, where)
    text, quoted, signature = split_reply(body)
    date = _header(msg, "Date", log, where)
    stamp = None
    if date:
        try:
            stamp = email.utils.parsedate_to_datetime(date)
        except (TypeError, ValueError, IndexError):
            log.repair(f"unreadable Date header {date!r}: timestamp left empty", where)
    refs = _header(msg, "References", log, where).split()
    own = _msgid(_header(msg, "Message-ID", log, where))
    parent = _msgid(_header(msg, "In-Reply-To", log, where)) or (_msgid(refs[-1]) if refs else "")
    thread = _msgid(refs[0]) if refs else parent or own
    return {
        "title": _header(msg, "Subject", log, where), "sender": _header(msg, "From", log, where),
        "recipient": _header(msg, "To", log, where), "timestamp": stamp, "thread_id": thread,
        "declared_lang": _lang_tag(_header(msg, "Content-Language", log, where)),
        "channel": "email", "text": text, "raw_text": body, "quoted_text": quoted, "signature": signature,
        "message_id": own, "in_reply_to": parent, "attachments": "; ".join(attachments),
    }


def load_eml(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC") -> pd.DataFrame:
    """Read one ``.eml`` file."""
    path = Path(path)
    source = source or path.name
    raw = path.read_bytes()
    log.encoding = "mime"
    log.record()
    row = parse_email(raw, log, "offset 0", tz=tz)
    row.update(doc_id=source, source=source, position="offset 0")
    return to_frame([row], tz=tz)


#: the shape of an mbox separator: ``From <address> <asctime date>`` (``From - Mon Jan  2 15:45:00 2023``,
#: ``From MAILER-DAEMON Fri Jul  8 12:08:34 2011``, Gmail's ``… Mon Jan 02 15:45:00 +0000 2023``)
_SEPARATOR = re.compile(rb"^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,? +(?:\w+ +){1,2}\d{1,2}:\d{2}"
                        rb"(?::\d{2})?(?: +\S+){0,2} *\r?\n?$")


def is_separator(line: bytes, next_line: bytes = b"") -> bool:
    """True for a ``From `` line shaped like an mbox separator, or followed by a header line.

    >>> is_separator(b"From ana@firma.ro Mon Jan  2 15:45:00 2023\\n"), is_separator(b"From my experience, no.\\n")
    (True, False)
    """
    return line.startswith(b"From ") and (bool(_SEPARATOR.match(line)) or bool(_HEADER_LINE.match(next_line)))


def iter_mbox(path: str | Path, log: FileLog) -> Iterator[tuple[int, bytes]]:
    """Yield ``(byte_offset, message_bytes)`` for every message of an mbox file, one at a time.

    A message starts at a ``From `` line at the start of the file or after a
    blank line that has the separator's shape (``From address date``, as
    mailbox tools check) or is followed by a header line; any other ``From ``
    line is body text (unescaped ``From `` in a message). ``>From `` lines are
    unescaped (mboxrd). Bytes before the first separator are reported, as is
    a file that ends in the middle of a line.
    """
    start = None
    buf: list[bytes] = []
    offset = 0
    prev_blank = True
    last = b"\n"
    junk_at = None
    with open(path, "rb") as f:
        lines = iter(f)
        nxt = next(lines, None)
        while nxt is not None:
            line, nxt = nxt, next(lines, None)
            size = len(line)
            if line.startswith(b"From ") and (prev_blank or start is None) and (
                    start is None or is_separator(line, nxt or b"")):
                if start is not None:
                    yield start, b"".join(buf)
                start, buf = offset, []
            elif start is None:
                if line.strip() and junk_at is None:
                    junk_at = offset
            else:
                if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
                    line = line[1:]
                buf.append(line)
            prev_blank = not line.strip()
            offset += size
            last = line
    if junk_at is not None:
        log.record()
        log.skip("text before the first 'From ' separator line is not part of any message", f"offset {junk_at}")
    if start is not None:
        if not last.endswith(b"\n"):
            log.repair("file ends in the middle of a line: the last message is probably truncated",
                       f"offset {start}")
        yield start, b"".join(buf)


def load_mbox(path: str | Path, log: FileLog, *, source: str | None = None, tz: str = "UTC") -> pd.DataFrame:
    """Read an mbox archive message by message."""
    path = Path(path)
    source = source or path.name
    log.encoding = "mime"
    rows = []
    for k, (offset, raw) in enumerate(iter_mbox(path, log), start=1):
        where = f"offset {offset}"
        log.record()
        if not raw.strip():
            log.skip("empty message (separator line only)", where)
            continue
        try:
            row = parse_email(raw, log, where, tz=tz)
        except Exception as exc:  # noqa: BLE001 - one broken message must not stop the archive
            log.skip(f"message could not be parsed ({type(exc).__name__}: {exc})", where)
            continue
        row.update(doc_id=f"{source}#{k}", source=source, position=where)
        rows.append(row)
    return to_frame(rows, tz=tz)
