"""Stream the lines of a text file of unknown, possibly mixed, encoding.

The encoding is chosen once from the first megabyte with
:func:`clientcomm.decoding.decode_bytes` (BOM, strict UTF-8, then
charset-normalizer against the legacy code pages of our languages); each line
is then decoded on its own, so a file whose lines come in two encodings (a
UTF-8 export with a few windows-1251 lines pasted in) is read correctly. Lines
that decode in no encoding are decoded with U+FFFD replacements and reported.
Memory stays bounded: one line at a time.

>>> import tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "m.txt")
>>> _ = open(p, "wb").write("привет\\n".encode() + "мир\\n".encode("cp1251"))
>>> log = FileLog(); [t for _, _, t in iter_lines(p, log)], log.encoding
(['привет', 'мир'], 'utf-8+cp1251')
"""
from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from ..decoding import DecodeError, count_replaced, decode_bytes
from .load_report import FileLog

__all__ = ["EmptyFileError", "sniff_encoding", "iter_lines", "read_head", "read_whole_text"]

SAMPLE_BYTES = 1 << 20
_WIDE = ("utf-16", "utf-32")


class EmptyFileError(ValueError):
    """The file has no bytes (or only whitespace)."""


def read_head(path: str | Path, n: int = SAMPLE_BYTES) -> bytes:
    with open(path, "rb") as f:
        return f.read(n)


def sniff_encoding(path: str | Path, log: FileLog | None = None) -> tuple[str, str | None]:
    """``(main, secondary)`` Python codec names of the file's encodings.

    ``secondary`` is the encoding of the lines of the first megabyte that are
    not valid in the main one (None when all are). UTF-8 is the main encoding
    whenever any non-ASCII line of the sample is valid UTF-8 (legacy
    Cyrillic or Chinese text is practically never valid UTF-8 by chance).
    The sample window never cuts a character (a file without a line end in
    its first megabyte is decoded as a partial sample). The confidence of
    the decision goes to ``log.confidence`` when a log is given.
    Raises :class:`EmptyFileError` or :class:`clientcomm.decoding.DecodeError`.
    """
    head = read_head(path, SAMPLE_BYTES + 1)
    if not head.strip():
        raise EmptyFileError("empty file" if not head else "file holds only whitespace")
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):  # wide encodings: never cut their bytes at b"\n"
            return enc, None
    partial = len(head) > SAMPLE_BYTES
    if partial:  # cut at a line end; with no line end, decode_bytes(partial=True) drops a cut character
        cut = head.rfind(b"\n", 0, SAMPLE_BYTES)
        head = head[: cut + 1] if cut > 0 else head[:SAMPLE_BYTES]
    decoded = decode_bytes(head, partial=partial)  # raises DecodeError for binary content
    main = _codec(decoded.encoding)
    if log is not None:
        log.confidence = decoded.confidence
    if main.startswith(_WIDE) or main == "utf-8":
        return main, None
    utf8, bad = [], []
    for line in head.split(b"\n"):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(line)
        except UnicodeDecodeError:
            bad.append(line)
    if not utf8:
        return main, None
    try:
        secondary = _codec(decode_bytes(b"\n".join(bad)).encoding)
    except DecodeError:
        secondary = None
    return "utf-8", secondary


def _codec(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:  # pragma: no cover - decode_bytes only names known codecs
        return "utf-8"


def _decode_line(raw: bytes, encodings: tuple[str, ...]) -> tuple[str, str | None, int]:
    """(text, encoding used when not the first one or 'replace', bytes replaced by U+FFFD).

    A line that is UTF-8 but for a few invalid bytes keeps UTF-8 with those
    bytes replaced (never the whole line re-decoded in a legacy code page).
    """
    for i, enc in enumerate(encodings):
        try:
            return raw.decode(enc), (None if i == 0 else enc), 0
        except UnicodeDecodeError:
            continue
    if encodings[0] == "utf-8":  # a UTF-8 line with a few bad bytes stays UTF-8
        text = raw.decode("utf-8", errors="replace")
        bad = count_replaced(raw, text)
        if sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd") >= bad:
            return text, "replace", bad
    else:  # a legacy file: a byte the code page leaves undefined (0x98 in cp1251) is replaced, not re-guessed
        text = raw.decode(encodings[0], errors="replace")
        bad = count_replaced(raw, text)
        if bad <= max(1, len(raw) // 100):
            return text, "replace", bad
    try:
        d = decode_bytes(raw)
    except DecodeError:
        text = raw.decode(encodings[0], errors="replace")
        return text, "replace", max(1, count_replaced(raw, text))
    if d.replaced:
        return d.text, "replace", d.replaced
    return d.text, _codec(d.encoding), 0


def _cr_lines(f, chunk: int = 1 << 16) -> Iterator[bytes]:
    """The lines of a binary file whose lines end with ``\\r`` alone, each with its ``\\r``."""
    rest = b""
    while True:
        block = f.read(chunk)
        if not block:
            break
        parts = (rest + block).split(b"\r")
        rest = parts.pop()
        for part in parts:
            yield part + b"\r"
    if rest:
        yield rest


def iter_lines(path: str | Path, log: FileLog, encoding: str | None = None) -> Iterator[tuple[int, int, str]]:
    """Yield ``(line_number, byte_offset, text)`` for every line, without its line end.

    Lines end at ``\\n`` only (a ``\\r`` before it is dropped; a file with no ``\\n`` in its
    first 64 KiB but ``\\r`` is read with ``\\r`` line ends, as old Mac exports write), so characters
    such as U+2028 inside a message never split it. ``log.encoding`` is set to
    the encoding used (``utf-8+cp1251`` for a mixed file); lines in another
    encoding or undecodable are recorded in ``log``.
    """
    primary, secondary = (encoding, None) if encoding else sniff_encoding(path, log)
    encodings = tuple(dict.fromkeys(e for e in (primary, secondary, "utf-8") if e))
    log.encoding = primary
    if primary.startswith(_WIDE):  # BOM-marked UTF-16/32: bytes cannot be split on b"\n"
        with open(path, encoding=primary, newline="") as f:
            for n, line in enumerate(_split_text_lines(f), start=1):
                yield n, -1, line
        return
    others: dict[str, list[int]] = {}
    head = read_head(path, 65536)
    cr_only = b"\r" in head and b"\n" not in head  # classic Mac line ends (Excel for Mac "CSV (Macintosh)")
    with open(path, "rb") as f:
        offset = 0
        first = True
        for n, raw in enumerate(_cr_lines(f) if cr_only else f, start=1):
            size = len(raw)
            if first and primary == "utf-8" and raw.startswith(codecs.BOM_UTF8):
                raw = raw[3:]
            first = False
            raw = raw[:-1] if raw.endswith(b"\n") else raw
            raw = raw[:-1] if raw.endswith(b"\r") else raw
            text, used, replaced = _decode_line(raw, encodings)
            if used is not None:
                others.setdefault(used, []).append(n)
                if used == "replace":
                    log.replaced_bytes += replaced
                    log.repair(f"{replaced} invalid byte(s) replaced by U+FFFD", f"line {n}")
            if "\x00" in text:  # a stray NUL (a binary file never gets here: decode_bytes refuses it)
                log.repair(f"{text.count(chr(0))} NUL character(s) removed", f"line {n}")
                text = text.replace("\x00", "")
            yield n, offset, text
            offset += size
    found = [e for e in others if e != "replace"]
    if found:
        log.encoding = "+".join([primary, *found])
        for e in found:
            lines = others[e]
            shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
            log.note(f"{len(lines)} line(s) decoded as {e}, not {primary} (lines {shown})")


def read_whole_text(path: str | Path, log: FileLog, encoding: str | None = None) -> str:
    """The whole file as text (for one-document formats such as JSON), in its sniffed encoding.

    Invalid bytes are replaced by U+FFFD, counted in ``log.replaced_bytes``
    and reported with the offset of the first one; the file is decoded once.
    """
    enc = encoding or sniff_encoding(path, log)[0]
    log.encoding = enc
    data = Path(path).read_bytes()
    try:
        return data.decode(enc)
    except UnicodeDecodeError as exc:
        first = exc.start
    text = data.decode(enc, errors="replace")
    bad = max(1, count_replaced(data, text))
    log.replaced_bytes += bad
    log.repair(f"{bad} invalid byte(s) replaced by U+FFFD (first at byte {first})", f"offset {first}")
    return text


def _split_text_lines(f: io.TextIOBase) -> Iterator[str]:
    rest = ""
    while True:
        chunk = f.read(1 << 16)
        if not chunk:
            break
        rest += chunk
        *lines, rest = rest.split("\n")
        for line in lines:
            yield line[:-1] if line.endswith("\r") else line
    if rest:
        yield rest[:-1] if rest.endswith("\r") else rest
