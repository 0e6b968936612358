"""Lost boundaries after headings glued to the next sentence in flattened paragraphs.

Some pages reach us as one long line: "…функциям. 1. Уделяйте внимание деталям
Нужно постоянно…". Two rules put the boundaries back:

* an inline numbered heading (``N.`` after a sentence end, then a capital)
  ends at the first "lower-case word, capitalised word, lower-case word"
  junction within its first 12 words, if no punctuation came before it and
  at least three words follow; outside flattened paragraphs the capitalised
  word must be a sentence opener from ``openers.yaml`` (so "1. Позвонить
  Ивану Петрову завтра" is not cut at a name);
* in a *flattened* paragraph (≥ 1,500 characters with ≥ 2 inline numbered
  headings, or ≥ 4,000 characters) a closed-class word from ``openers.yaml``
  capitalised right after a lower-case word starts a sentence
  ("…прямо сейчас Многие люди думают…").

>>> p = "Вступление. 1. Уделяйте внимание деталям Нужно постоянно следить за этим."
>>> cut = sorted(heading_boundaries(p, [12], "ru"))
>>> [p[c:c + 5] for c in cut]
['Нужно']
"""
from __future__ import annotations

import re

from .rules import openers

__all__ = ["heading_boundaries", "is_flattened"]

_INLINE_NUM = re.compile(r"\s*(\d{1,2})\.\s+(?=[^\W\d_])")
_TOKEN = re.compile(r"\S+")
_PUNCT = re.compile(r"[,.;:!?«»\"“”„()…—–]")
_WORD = re.compile(r"(?<=[^\W\d_]{2})[ \t]+([^\W\d_]+)(?=[ \t]+[^\W\d_])")


def _inline_numbered(para: str, cuts: list[int]) -> list[int]:
    """Positions (after the marker) of numbered headings that start at a sentence cut."""
    out = []
    for c in cuts:
        if c <= 0:
            continue
        m = _INLINE_NUM.match(para, c)
        if m and (para[m.end()].isupper() or para[m.end()].istitle()):
            out.append(m.end())
    return out


def is_flattened(para: str, cuts: list[int]) -> bool:
    """Is this paragraph a page flattened into one line (long, with inline numbered headings)?"""
    return (len(para) >= 1500 and len(_inline_numbered(para, cuts)) >= 2) or len(para) >= 4000


def _junction(para: str, pos: int, allowed: frozenset[str] | None) -> int | None:
    """Start of the sentence glued after a heading beginning at ``pos`` (or None).

    The junction is an all-lower-case word followed by a capitalised word that
    is followed by at least three more words; ``allowed`` (when given) limits
    the capitalised word to sentence openers.
    """
    toks = list(_TOKEN.finditer(para, pos))[:16]
    for i in range(1, min(len(toks) - 3, 13)):
        prev, cur, nxt = toks[i - 1].group(), toks[i].group(), toks[i + 1].group()
        if _PUNCT.search(prev):
            return None  # a heading has no punctuation before the junction
        if not (prev.isalpha() and prev.islower()):
            continue
        if not (cur[0].isupper() or cur[0].istitle()) or (len(cur) > 1 and cur.isupper()):
            continue
        if allowed is not None and cur.strip(",;:") not in allowed:
            continue
        if nxt[0].islower():
            return toks[i].start()
    return None


def heading_boundaries(para: str, cuts: list[int], lang: str | None = None,
                       quotes: list[tuple[int, int]] | None = None) -> set[int]:
    """Extra sentence cuts (offsets into ``para``) after glued headings."""
    quotes = quotes or []
    extra: set[int] = set()
    flat = is_flattened(para, cuts)
    words = openers(lang)
    for pos in _inline_numbered(para, cuts):
        j = _junction(para, pos, None if flat else words)
        if j is not None:
            extra.add(j)
    if flat:
        for m in _WORD.finditer(para):
            w = m.group(1)
            if w in words and not any(o < m.start(1) <= c for o, c in quotes):
                extra.add(m.start(1))
    return extra
