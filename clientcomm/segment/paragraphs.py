"""Paragraphs: blocks between blank lines, split again at line breaks that end a paragraph.

Web extracts put one paragraph (or one list item) per line; e-mails wrap
long lines. A single line break therefore ends a paragraph unless it looks
like a soft wrap: the line before does not end a sentence or a label and the
next line starts in lower case and is not a list item.

>>> t = "Title\\n\\nFirst line wraps\\nhere. Next.\\n- item one\\n- item two"
>>> [t[s:e] for s, e in split_paragraphs(t)]
['Title', 'First line wraps\\nhere. Next.', '- item one', '- item two']
"""
from __future__ import annotations

import re

__all__ = ["split_paragraphs", "trim_span", "LIST_ITEM"]

#: A list item at the start of a line: bullet, dash or "1." / "1)" / "a)".
LIST_ITEM = re.compile(r"^\s*(?:[-–—•·▪◦*●]|\d{1,3}[.)]|[a-zа-я][)])\s")
_HARD_END = tuple(".!?…:;。！？；：»\"”)]」』》")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _soft_wrap(prev: str, nxt: str) -> bool:
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n or p.endswith(_HARD_END) or LIST_ITEM.match(nxt):
        return False
    return n[0].islower()


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the paragraphs of ``text`` (stripped, never empty)."""
    if not isinstance(text, str) or not text:
        return []
    spans: list[tuple[int, int]] = []
    cur_start: int | None = None
    cur_end = 0
    prev_line = ""
    pos = 0
    for line in text.split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        if not line.strip():
            if cur_start is not None:
                spans.append((cur_start, cur_end))
                cur_start = None
            prev_line = ""
            continue
        if cur_start is not None and not _soft_wrap(prev_line, line):
            spans.append((cur_start, cur_end))
            cur_start = None
        if cur_start is None:
            cur_start = ls
        cur_end = le
        prev_line = line
    if cur_start is not None:
        spans.append((cur_start, cur_end))
    out = []
    for s, e in spans:
        s, e = trim_span(text, s, e)
        if s < e:
            out.append((s, e))
    return out
