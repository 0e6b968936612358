"""Decode bytes of unknown encoding into text, or say clearly why not.

Uses charset-normalizer (a maintained detector) rather than guesswork; a BOM
always wins, and UTF-8 is tried strictly first because it is by far the most
common and cannot be confused with legacy code pages when it decodes cleanly.

>>> decode_bytes("Привет".encode("cp1251")).text
'Привет'
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Decoded", "DecodeError", "decode_bytes", "read_text"]

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]


class DecodeError(ValueError):
    """Raised when bytes are binary or cannot be decoded as text."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(4, len(sample) // 100)


def decode_bytes(data: bytes) -> Decoded:
    """Decode ``data`` to ``str``; raise :class:`DecodeError` for binary data."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{enc} byte-order mark but the bytes are not valid {enc}: {exc.reason}") from exc
    if _looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    # charset-normalizer alone mistakes short KOI8-R text for Shift-JIS and the
    # like, so its pick competes with the legacy code pages of our languages,
    # each judged by how plausible the decoded text looks (see _plausibility).
    candidates: dict[str, str] = {}
    if best is not None:
        candidates[best.encoding] = str(best)
    for enc in _LEGACY:
        if enc in candidates:
            continue
        try:
            candidates[enc] = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    if not candidates:
        raise DecodeError("no text encoding decodes these bytes")
    first = next(iter(candidates)) if best is not None else None
    scored = {
        enc: _plausibility(txt) + (1e-6 if enc == first else 0.0)
        for enc, txt in candidates.items()
    }
    enc = max(scored, key=scored.__getitem__)
    return Decoded(candidates[enc], _ALIASES.get(enc, enc))


_LEGACY = ("cp1251", "koi8_r", "gb18030", "big5", "cp1250", "iso8859_2", "iso8859_16")
_ALIASES = {"windows_1251": "cp1251", "koi8_r": "koi8-r", "iso8859_2": "iso-8859-2"}


@lru_cache(maxsize=65536)
def _common_han(ch: str) -> bool:
    """True for the frequent ideographs: GB2312 level 1 or Big5 level 1."""
    try:
        b = ch.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        return 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E
    except UnicodeEncodeError:
        return False


def _plausibility(text: str) -> float:
    """Share of characters typical of real text in our languages (0..1).

    Lower-case Cyrillic and Latin letters, digits, punctuation and common CJK
    ideographs count fully; upper-case Cyrillic counts less (KOI8-R read as
    cp1251 turns lower case into upper case); anything else counts nothing.
    """
    sample = text[:20000]
    if not sample:
        return 0.0
    total = 0.0
    for ch in sample:
        o = ord(ch)
        if o < 128:
            total += 1.0 if (ch.isprintable() or ch in "\n\r\t") else 0.0
        elif 0x430 <= o <= 0x44F or ch == "ё":
            total += 1.0
        elif 0x410 <= o <= 0x42F or ch == "Ё":
            total += 0.3
        elif 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF1F:
            total += 1.0
        elif 0x4E00 <= o <= 0x9FFF:
            total += 1.0 if _common_han(ch) else 0.2
        elif ch in "ăâîșțşţĂÂÎȘȚŞŢ«»–—…“”„’":
            total += 1.0
        elif ch.isalpha() and o < 0x250:
            total += 0.5
    return total / len(sample)


def read_text(path: str | Path) -> Decoded:
    """Read a file and decode it with :func:`decode_bytes`."""
    return decode_bytes(Path(path).read_bytes())
