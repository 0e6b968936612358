"""Surface rules that do not depend on the language: emoji and emoticons,
exclamation, repeated letters, ALL-CAPS, sentence and clause boundaries.

>>> [m[0] for m in find_emoticons("Спасибо))) 👍", {})]
[')))', '👍']
>>> elongation_candidates("отличноооо")
['отличноо', 'отлично']
>>> is_shouted("УЖАС", "это УЖАС просто")
True
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from ..matching import collapse_elongation
from .resources import load_lexicon

__all__ = ["find_emoticons", "elongation_candidates", "is_shouted", "sentence_spans",
           "count_exclamations", "CLAUSE_BREAK"]

#: Characters that end a clause: negation scope and concessive clauses stop here.
CLAUSE_BREAK = re.compile(r"[,.;:!?…()\[\]\n\"«»，。！？；：、（）]")
_SENT_END = re.compile(r"[.!?…。！？\n]+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.IGNORECASE)
# Russian/Romanian chat smileys: "))" and "((" after a word; the usual faces.
_PARENS = re.compile(r"(?<![\(\)])(\){2,}|\({2,})(?![\(\)])")
_BASE_EMOTICONS = {
    ":)": 1.5, ":-)": 1.5, ":]": 1.2, "=)": 1.2, ":d": 2.0, ":-d": 2.0, "xd": 1.5, ";)": 1.2, ";-)": 1.2,
    ":p": 1.0, ":*": 1.8, "<3": 2.0, ":(": -1.8, ":-(": -1.8, ":'(": -2.0, ":/": -1.0, ":-/": -1.0,
    ":|": -0.4, ">:(": -2.4, "d:": -1.5,
}


class _EmoticonMatcher(NamedTuple):
    """The emoticon table of one ``extra`` mapping, compiled for :func:`find_emoticons`."""

    pattern: re.Pattern        #: every face, longest first (what a match means)
    table: dict                #: face (lower case) → valence
    trigger: frozenset         #: the faces' first characters (either case) and parens: a text without one has none
    trigger_scan: re.Pattern   #: finds ``trigger`` characters, and any character beyond the BMP (checked after)
    first_char: re.Pattern     #: one character a face can start with, as ``pattern`` reads it (ignoring case)
    scan: re.Pattern           #: finds ``first_char`` characters, and any character beyond the BMP (checked after)
    by_first: dict             #: first character in the text → the faces that can start there (filled on use)


#: Characters beyond the BMP as one range: a character class listing dozens of emoji one by one
#: makes the regex engine compare each text character with every one of them.
_ASTRAL = "\U00010000-\U0010ffff"


@lru_cache(maxsize=32)
def _emoticon_regex(extra_items: tuple) -> _EmoticonMatcher:
    table = dict(_BASE_EMOTICONS)
    for k, (v, _term) in load_lexicon("emoji").items():
        table[k] = v
    table.update(dict(extra_items))
    keys = sorted(table, key=len, reverse=True)
    trigger = frozenset({k[0] for k in keys} | {k[0].upper() for k in keys} | {"(", ")"})
    firsts = {k[0] for k in keys}
    # the BMP part of the scans keeps the exact characters (and case rule); beyond it, every character
    bmp_trigger = "".join(sorted(c for c in trigger if ord(c) < 0x10000))
    bmp_firsts = "".join(sorted(c for c in firsts | {c.lower() for c in firsts} | {c.upper() for c in firsts}
                                if len(c) == 1 and ord(c) < 0x10000))
    return _EmoticonMatcher(
        re.compile(_faces_regex(keys), re.IGNORECASE), table, trigger,
        re.compile("[" + re.escape(bmp_trigger) + _ASTRAL + "]"),
        re.compile("[" + re.escape("".join(sorted(firsts))) + "]", re.IGNORECASE),
        re.compile("[" + re.escape(bmp_firsts) + _ASTRAL + "]", re.IGNORECASE),
        {})


def _has_trigger(em: _EmoticonMatcher, text: str) -> bool:
    """Whether ``text`` holds one of ``em.trigger`` (same answer as a search for that character class)."""
    pos = 0
    while True:
        m = em.trigger_scan.search(text, pos)
        if m is None:
            return False
        if m.group() in em.trigger:
            return True
        pos = m.end()


def _faces_regex(keys: list[str]) -> str:
    """One alternation of the faces ``keys`` in their order; ASCII faces must stand alone (":d" not
    inside "http://d…")."""
    parts = []
    for k in keys:
        esc = re.escape(k)
        if k.isascii():
            esc = r"(?<![\w/:;=<>])" + esc + r"(?![\w/:;=<>])"
        parts.append(esc)
    return "|".join(parts)


def _faces_starting_with(em: _EmoticonMatcher, ch: str) -> re.Pattern:
    """The alternation of only the faces whose first character matches ``ch`` (ignoring case), in the
    order of ``em.pattern``: at a position holding ``ch`` it matches exactly what ``em.pattern`` would."""
    pat = em.by_first.get(ch)
    if pat is None:  # at most one entry per character that em.first_char accepts
        keys = sorted(em.table, key=len, reverse=True)
        keys = [k for k in keys if re.fullmatch(re.escape(k[0]), ch, re.IGNORECASE)]
        pat = em.by_first[ch] = re.compile(_faces_regex(keys) if keys else "(?!)", re.IGNORECASE)
    return pat


def find_emoticons(text: str, extra: dict) -> list[tuple[str, int, int, float]]:
    """Emoji, emoticons and ``)))``/``(((`` in ``text``: ``(match, start, end, valence)``.

    The table is ``lexicons/emoji.tsv`` plus ASCII faces plus the language's
    ``EXTRA_EMOTICONS``. The text is scanned for characters a face can start
    with, and only the faces starting with that character are tried there
    (the same matches as one search with all faces, much faster).
    """
    if not text:
        return []
    em = _emoticon_regex(tuple(sorted(extra.items())))
    if not _has_trigger(em, text):
        return []
    if "@" in text or "://" in text or "www." in text.lower():  # _URL cannot match otherwise
        text = _URL.sub(lambda m: " " * len(m.group()), text)  # same length: offsets stay valid
    out = []
    taken = []
    table, scan, first_char = em.table, em.scan, em.first_char
    pos = 0
    while True:
        t = scan.search(text, pos)
        if t is None:
            break
        at = t.start()
        m = _faces_starting_with(em, t.group()).match(text, at) if first_char.match(t.group()) else None
        if m is None:
            pos = at + 1
            continue
        pos = m.end()
        val = table.get(m.group().lower())
        if val is None:
            continue
        out.append((m.group(), m.start(), m.end(), val))
        taken.append((m.start(), m.end()))
    if "))" in text or "((" in text:  # _PARENS needs two in a row
        for m in _PARENS.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            n = len(m.group())
            val = min(1.0 + 0.25 * (n - 2), 2.0)
            out.append((m.group(), m.start(), m.end(), val if m.group()[0] == ")" else -val))
    out.sort(key=lambda x: x[1])
    return out


def elongation_candidates(word: str) -> list[str]:
    """Candidate spellings of an elongated word: runs cut to two letters, then to one (none if not elongated)."""
    two = collapse_elongation(word, keep=2)
    one = collapse_elongation(word, keep=1)
    return [w for w in dict.fromkeys([two, one]) if w != word]


def is_shouted(word: str, text: str) -> bool:
    """ALL-CAPS word in a text that is not itself all caps (VADER's emphasis rule)."""
    if len(word) < 2 or not word.isupper():
        return False
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if not letters:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) < 0.6


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence (split after . ! ? … and newlines, punctuation kept)."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def count_exclamations(text: str, start: int, end: int) -> int:
    """Number of ``!`` in ``text[start:end]`` (at most 4)."""
    return min(text.count("!", start, end) + text.count("！", start, end), 4)
