"""Unicode script analysis: which writing systems a text uses (ISO 15924 codes).

The script decides before any statistics run: Hangul means Korean, kana means
Japanese, Han alone means Chinese, Cyrillic and Latin narrow the candidates.

>>> script_counts("Привет, мир! Hello")
{'Cyrl': 9, 'Latn': 5}
>>> dominant_script("こんにちは世界")
'Jpan'
"""
from __future__ import annotations

import re
import unicodedata

__all__ = ["char_script", "script_counts", "dominant_script", "letters_only", "HAN_RANGES", "KANA_RANGES",
           "HAN_RE", "has_han"]

#: Han ideographs as a regex character-class body: CJK Unified Ideographs, Extension A, the
#: Compatibility Ideographs and the supplementary ideographic planes (Extensions B-F and the
#: compatibility supplement). The one definition for the package: cleaning, segmentation,
#: tokens, dictionaries and statistics all import it from here.
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
#: Hiragana and katakana (Japanese text shares Han characters and sentence punctuation).
KANA_RANGES = "\u3040-\u30ff"
#: One Han ideograph.
HAN_RE = re.compile(f"[{HAN_RANGES}]")


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Han ideograph (any plane).

    >>> has_han("客户 client"), has_han("клиент"), has_han("\U00020000")
    (True, False, True)
    """
    return HAN_RE.search(text) is not None

# First word of the Unicode character name -> ISO 15924 code.
_NAME_PREFIX = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "GREEK": "Grek", "ARMENIAN": "Armn",
    "HEBREW": "Hebr", "ARABIC": "Arab", "DEVANAGARI": "Deva", "BENGALI": "Beng",
    "THAI": "Thai", "GEORGIAN": "Geor", "HANGUL": "Hang", "HIRAGANA": "Hira",
    "KATAKANA": "Kana", "CJK": "Hani", "BOPOMOFO": "Bopo", "TAMIL": "Taml",
    "ETHIOPIC": "Ethi", "KHMER": "Khmr", "LAO": "Laoo", "MYANMAR": "Mymr",
}


def char_script(ch: str) -> str | None:
    """ISO 15924 code of one letter, or None for digits, punctuation, symbols, emoji.

    >>> char_script("ж"), char_script("ă"), char_script("中"), char_script("7")
    ('Cyrl', 'Latn', 'Hani', None)
    """
    return _SCRIPT_OF[ch]


def _script_by_name(ch: str) -> str | None:
    """:func:`char_script` worked out from the character's Unicode name (cached in ``_SCRIPT_OF``)."""
    if not ch.isalpha():
        return None
    if ch == "\u30fc":  # katakana-hiragana prolonged sound mark
        return "Kana"
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return None
    first = name.split(" ", 1)[0]
    if first == "HALFWIDTH" and "KATAKANA" in name:
        return "Kana"
    if first in ("FULLWIDTH", "HALFWIDTH"):
        return "Latn" if "LATIN" in name else ("Hang" if "HANGUL" in name else None)
    return _NAME_PREFIX.get(first, "Zyyy")


def script_counts(text: str) -> dict[str, int]:
    """Number of letters per script, most frequent first (ties: first seen).

    >>> script_counts("Ce mai faci? 你好")
    {'Latn': 9, 'Hani': 2}
    """
    tags = text.translate(_SCRIPT_TAGS)  # one character per letter standing for its script
    kinds = set(tags)
    if len(kinds) < 2:
        return {_TAGGED[tags[0]]: len(tags)} if tags else {}
    order = sorted(kinds, key=tags.index)  # first seen first
    order.sort(key=tags.count, reverse=True)  # most frequent first; a stable sort keeps ties in that order
    return {_TAGGED[t]: tags.count(t) for t in order}


def dominant_script(text: str, counts: dict[str, int] | None = None) -> str:
    """The text's main script; CJK mixtures are named as a whole: Jpan, Kore; ``Zyyy`` if no letters.

    Han characters count double (one character is often a whole word).

    >>> dominant_script("한국어 텍스트"), dominant_script("简体中文"), dominant_script("123 :)")
    ('Hang', 'Hani', 'Zyyy')
    >>> dominant_script("iPhone 很好用")
    'Hani'
    """
    counts = script_counts(text) if counts is None else counts
    if not counts:
        return "Zyyy"
    if counts.get("Hira") or counts.get("Kana"):
        kana = counts.get("Hira", 0) + counts.get("Kana", 0)
        if kana + counts.get("Hani", 0) >= max(counts.values()):
            return "Jpan"
    if counts.get("Hang"):
        if counts.get("Hang", 0) + counts.get("Hani", 0) >= max(counts.values()):
            return "Kore" if counts.get("Hani") else "Hang"
    # A Han character carries about a word's worth of text: weigh it double against alphabets.
    weighted = {k: v * (2 if k == "Hani" else 1) for k, v in counts.items()}
    return max(weighted, key=lambda k: (weighted[k], k == "Hani"))


_APOSTROPHES = "'’ʼ"
#: Apostrophes at the start of the text or after a space (once letters of other scripts are spaces).
_LOOSE_APOSTROPHES = re.compile(f"(?<![^ ])[{_APOSTROPHES}]+")


class _ScriptOf(dict):
    """``char → its script``, filled on first use (a plain dict look-up is faster than ``lru_cache``)."""

    def __missing__(self, ch: str) -> str | None:
        out = self[ch] = _script_by_name(ch)
        return out


class _KeepScript(dict):
    """``str.translate`` table for one script: its letters and apostrophes kept, anything else a space."""

    def __init__(self, script: str) -> None:
        super().__init__()
        self.script = script

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        out = self[code] = ch if ch in _APOSTROPHES or _SCRIPT_OF[ch] == self.script else " "
        return out


class _ScriptTags(dict):
    """``str.translate`` table: a letter → one ASCII letter standing for its script (``_TAGGED``
    maps it back), anything else → None (dropped); filled on first use. ASCII in, ASCII out or
    dropped: ``str.translate`` then takes its fast path on ASCII text."""

    def __missing__(self, code: int) -> str | None:
        script = _SCRIPT_OF[chr(code)]
        out = self[code] = None if script is None else _TAG_OF[script]
        return out


# All grow with the distinct characters seen (at most a few thousand in practice).
_SCRIPT_OF = _ScriptOf()
_KEEP: dict[str, _KeepScript] = {}
_SCRIPT_TAGS = _ScriptTags()
#: Every script ``_script_by_name`` gives → its tag (fixed here, so threads never disagree), and back.
_TAG_OF = {script: chr(ord("A") + i)
           for i, script in enumerate(sorted({*_NAME_PREFIX.values(), "Kana", "Latn", "Hang", "Zyyy"}))}
_TAGGED = {tag: script for script, tag in _TAG_OF.items()}


def _letters_only_by_char(text: str, script: str) -> str:
    """:func:`letters_only` one character at a time (the definition; used for scripts owning an apostrophe)."""
    out: list[str] = []
    for ch in text:
        if char_script(ch) == script or (ch in _APOSTROPHES and out and out[-1] != " "):
            out.append(ch)
        else:
            out.append(" ")
    return "".join(out)


def letters_only(text: str, script: str) -> str:
    """Keep letters of ``script`` (plus apostrophes inside words); everything else becomes a space.

    An apostrophe is kept only after a kept letter (or after such an apostrophe).

    >>> letters_only("Он сказал: OK, 42!", "Cyrl")
    'Он сказал         '
    >>> letters_only("'l'art d’aujourd'hui ' 7'", "Latn")
    " l'art d’aujourd'hui     "
    """
    table = _KEEP.get(script)
    if table is None:
        if any(char_script(a) == script for a in _APOSTROPHES):  # "ʼ" is a letter (Zyyy): kept anywhere
            return _letters_only_by_char(text, script)
        table = _KEEP[script] = _KeepScript(script)
    out = text.translate(table)
    if "'" in out or "’" in out or "ʼ" in out:
        out = _LOOSE_APOSTROPHES.sub(lambda m: " " * len(m.group()), out)
    return out
