"""Decode bytes of unknown encoding into text, or say clearly why not.

Uses charset-normalizer (a maintained detector) rather than guesswork; a BOM
always wins, and UTF-8 is tried strictly first because it is by far the most
common and cannot be confused with legacy code pages when it decodes cleanly.

Three guarantees (issue 12):

- a *sample* (``partial=True``: the first bytes of a longer file) never
  fails because its last character was cut: an incomplete multi-byte
  sequence at its end is ignored;
- text that is UTF-8 except for a few invalid bytes stays UTF-8: the bad
  bytes become U+FFFD and are counted in ``Decoded.replaced`` (never a
  re-decode of the whole text in a legacy code page);
- every decision carries a ``confidence`` (1.0 for a BOM or clean UTF-8,
  otherwise the plausibility margin of the chosen code page).

>>> decode_bytes("Привет".encode("cp1251")).text
'Привет'
>>> d = decode_bytes("Счёт оплачен, спасибо".encode() + bytes([0xff]))
>>> d.encoding, d.replaced, d.text.endswith("спасибо" + chr(0xfffd))
('utf-8', 1, True)
>>> decode_bytes("Привет".encode()[:-1], partial=True).text
'Приве'
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["Decoded", "DecodeError", "decode_bytes", "mostly_utf8", "read_text", "complete_prefix", "count_replaced"]

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
    """Decoded text, the codec used, how sure the choice is (0..1) and how many bytes were replaced."""
    text: str
    encoding: str
    confidence: float = 1.0
    replaced: int = 0


def complete_prefix(data: bytes) -> bytes:
    """``data`` without a UTF-8 multi-byte sequence cut at its end (a sample window never cuts a character).

    >>> complete_prefix("жё".encode()[:-1]) == "ж".encode()
    True
    """
    n = len(data)
    for back in range(1, min(4, n) + 1):
        b = data[n - back]
        if b < 0x80:
            return data
        if b >= 0xC0:  # lead byte: is its sequence complete?
            need = 2 if b < 0xE0 else 3 if b < 0xF0 else 4
            return data if back >= need else data[: n - back]
    return data


def count_replaced(data: bytes, text: str) -> int:
    """Bytes replaced by U+FFFD when ``text`` was decoded from ``data`` with ``errors="replace"``."""
    return text.count("\ufffd") - data.count("\ufffd".encode())


def mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid bytes replaced, when the rest is clearly UTF-8; else None.

    Valid multi-byte UTF-8 sequences almost never occur by chance in legacy
    code-page text, so at least two of them, and at least two for each
    damaged place (a run of replaced bytes), mean UTF-8 with damage.

    >>> d = mostly_utf8("Один".encode() + b"\\xc3" + " два".encode() + b"\\x80\\x80" + " три".encode())
    >>> d.encoding, d.replaced, d.text.replace(chr(0xfffd), "")
    ('utf-8', 3, 'Один два три')
    >>> mostly_utf8("Привет, как дела".encode("cp1251")) is None
    True
    """
    text = data.decode("utf-8", errors="replace")
    bad = count_replaced(data, text)
    if not bad:
        return None
    runs = len(re.findall("\ufffd+", text)) - len(re.findall("\ufffd+", data.decode("utf-8", errors="ignore")))
    good = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if good >= 2 and good >= 2 * max(runs, 1):
        return Decoded(text, "utf-8", round(good / (good + bad), 3), bad)
    return None


_mostly_utf8 = mostly_utf8


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    # binary formats (zip, images) and BOM-less UTF-16 are full of NULs; a stray NUL or two in a text
    # export must not make the whole file unreadable (the line holding it is reported by its reader)
    if sample.count(b"\x00") > max(2, len(sample) // 1000):
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control > max(4, len(sample) // 100)


def decode_bytes(data: bytes, *, partial: bool = False) -> Decoded:
    """Decode ``data`` to ``str``; raise :class:`DecodeError` for binary data.

    ``partial``: ``data`` is the start of something longer (a sniffing
    window), so a character cut at its end is not an error.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                if partial:
                    return Decoded(codecs.getincrementaldecoder(enc)().decode(data, final=False),
                                   enc.replace("-sig", ""))
                return Decoded(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"{enc} byte-order mark but the bytes are not valid {enc}: {exc.reason}") from exc
    if _looks_binary(data):
        raise DecodeError("binary content (NUL or control bytes), not text")
    if partial:
        data = complete_prefix(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
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
            if partial:  # a double-byte character may be cut at the end of the window
                candidates[enc] = codecs.getincrementaldecoder(enc)().decode(data, final=False)
            else:
                candidates[enc] = data.decode(enc)
        except LookupError:
            continue
        except UnicodeDecodeError:  # a byte the code page leaves undefined (0x98 in cp1251): allowed if rare
            text = data.decode(enc, errors="replace")
            if count_replaced(data, text) <= max(1, len(data) // 500):
                candidates[enc] = text
    if not candidates:
        raise DecodeError("no text encoding decodes these bytes")
    first = next(iter(candidates)) if best is not None else None
    scored = {
        enc: _plausibility(txt) + (1e-6 if enc == first else 0.0)
        for enc, txt in candidates.items()
    }
    ranked = sorted(scored.values(), reverse=True)
    enc = max(scored, key=scored.__getitem__)
    margin = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
    confidence = round(min(1.0, ranked[0] * (0.5 + min(margin, 0.5))), 3)
    return Decoded(candidates[enc], _ALIASES.get(enc, enc), confidence, count_replaced(data, candidates[enc]))


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
    ideographs count fully, and so does a Cyrillic capital before a lower-case
    letter; other upper-case Cyrillic counts less (KOI8-R read as cp1251 turns
    lower case into upper case); anything else counts nothing.
    """
    sample = text[:20000]
    if not sample:
        return 0.0
    total = 0.0
    for i, ch in enumerate(sample):
        o = ord(ch)
        if o < 128:
            total += 1.0 if (ch.isprintable() or ch in "\n\r\t") else 0.0
        elif 0x430 <= o <= 0x44F or ch == "ё":
            total += 1.0
        elif 0x410 <= o <= 0x42F or ch == "Ё":
            # a capital starting a lower-case word ("Здравствуйте") is normal; KOI8-R read as cp1251
            # inverts the case ("зДРАВСТВУЙТЕ"), so other capitals count less
            nxt = sample[i + 1] if i + 1 < len(sample) else ""
            total += 1.0 if ("\u0430" <= nxt <= "\u044f" or nxt == "ё") else 0.3
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
