"""Line-level rules for web-page chrome: menus, prompts, copyright, link lists, repeats.

Every rule is general (a pattern or a phrase from ``phrases.yaml``), works on
whole lines, and is ``rule(text, lang) -> (text, [log entries])``. Removed
lines leave an empty line behind; whitespace normalisation tidies up after.

>>> site_menu("Home | About | Contact\\nMySite\\n\\nBody text.", None)[0]
'\\n\\n\\nBody text.'
>>> copyright_lines("Body.\\n© 2024 Example Ltd", None)[0]
'Body.\\n'
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .result import log_entry

__all__ = ["site_menu", "share_search_prompts", "copyright_lines", "related_links",
           "dangling_prompts", "title_repeat", "repeated_captions", "duplicate_lines", "load_phrases"]

Rule = tuple[str, list[dict]]
_TERMINAL = tuple(".!?…。！？")
_MENU_SEP = re.compile(r"\s*[|¦]\s*|\s+[·•]\s+")


@lru_cache(maxsize=1)
def load_phrases() -> dict:
    """The phrase lists of ``phrases.yaml`` (cached)."""
    from .._yaml import load_yaml

    with resources.files(__package__).joinpath("phrases.yaml").open(encoding="utf-8") as f:
        return load_yaml(f)


def _phrases(kind: str) -> list[str]:
    data = load_phrases()[kind]
    if isinstance(data, dict):
        return [p for lst in data.values() for p in lst]
    return list(data)


def _key(line: str) -> str:
    """Comparison key: case-folded, single-spaced, without trailing ``:…. `` marks."""
    return re.sub(r"\s+", " ", line).strip().rstrip(":：…. ").casefold()


def _nwords(line: str) -> int:
    return len(line.split())


def _ends_sentence(line: str) -> bool:
    s = line.rstrip().rstrip("»\"”’)」』")
    return s.endswith(_TERMINAL)


def _is_menu(line: str) -> bool:
    if len(line) > 200 or not _MENU_SEP.search(line):
        return False
    items = [x for x in _MENU_SEP.split(line.strip()) if x.strip()]
    return len(items) >= 3 and all(_nwords(x) <= 6 for x in items)


def site_menu(text: str, lang: str | None = None) -> Rule:
    """Navigation menus (``A | B | C``: ≥3 short items) and the short brand lines in their block."""
    lines = text.split("\n")
    menus, brand = [], []
    for i, line in enumerate(lines):
        if line.strip() and _is_menu(line):
            menus.append(line.strip())
            # the block (no blank line) around the menu: short unpunctuated lines are site chrome
            j = i
            while j > 0 and lines[j - 1].strip():
                j -= 1
            k = i
            while k + 1 < len(lines) and lines[k + 1].strip():
                k += 1
            for n in range(j, k + 1):
                s = lines[n].strip()
                if n != i and s and not _is_menu(s) and _nwords(s) <= 3 and len(s) <= 40 \
                        and not _ends_sentence(s) and not s.endswith(":"):
                    brand.append(s)
                    lines[n] = ""
            lines[i] = ""
    log = []
    if menus:
        log.append(log_entry("site_menu", "removed", len(menus), menus))
    if brand:
        log.append(log_entry("site_header", "removed", len(brand), brand))
    return ("\n".join(lines), log) if log else (text, [])


def share_search_prompts(text: str, lang: str | None = None) -> Rule:
    """Whole lines that are a share prompt or a "search the site" prompt (phrase list)."""
    kinds = {"share": {_key(p) for p in _phrases("share")}, "search": {_key(p) for p in _phrases("search")}}
    lines = text.split("\n")
    hits: dict[str, list[str]] = {"share": [], "search": []}
    for i, line in enumerate(lines):
        k = _key(line)
        if not k or len(k) > 60:
            continue
        for kind, keys in kinds.items():
            if k in keys:
                hits[kind].append(line.strip())
                lines[i] = ""
                break
    log = [log_entry(f"{kind}_prompt", "removed", len(v), v) for kind, v in hits.items() if v]
    return ("\n".join(lines), log) if log else (text, [])


_COPY_START = re.compile(r"^\s*(?:©|\(c\)\s|\(c\)\d|copyright\b)", re.I)


def copyright_lines(text: str, lang: str | None = None) -> Rule:
    """Lines starting with ``©``/``(c)``/``Copyright``, or short lines with an "all rights reserved" phrase."""
    rights = [p.casefold() for p in _phrases("rights")]
    lines = text.split("\n")
    found = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s or len(s) > 300:
            continue
        low = s.casefold()
        if _COPY_START.match(s) or (_nwords(s) <= 25 and any(r in low for r in rights)):
            found.append(s)
            lines[i] = ""
    if not found:
        return text, []
    return "\n".join(lines), [log_entry("copyright", "removed", len(found), found)]


@lru_cache(maxsize=1)
def _related_re() -> re.Pattern:
    alts = "|".join(re.escape(p) for p in sorted(_phrases("related"), key=len, reverse=True))
    # at a line start or right after the end of a sentence; the marker must be followed by a colon
    return re.compile(rf"(?:^|(?<=[.!?…»\"”。！？]\s)|(?<=[.!?…»\"”。！？]))[ \t]*(?:{alts})[ \t]*[:：]",
                      re.I | re.M)


def related_links(text: str, lang: str | None = None) -> Rule:
    """A "related materials:" list in the second half of a document, inline or as a list of lines.

    From the marker to the end of its line is removed, then the short lines
    (≤ 20 words) that follow it without a blank line.
    """
    half = len(text) // 2
    for m in _related_re().finditer(text):
        if m.start() < half:
            continue
        eol = text.find("\n", m.end())
        eol = len(text) if eol < 0 else eol
        removed = [text[m.start():eol].strip()]
        end = eol
        while end < len(text):
            nxt = text.find("\n", end + 1)
            nxt = len(text) if nxt < 0 else nxt
            line = text[end + 1:nxt]
            if not line.strip() or _nwords(line) > 20:
                break
            removed.append(line.strip())
            end = nxt
        n_items = max(1, len(removed))
        new = text[:m.start()].rstrip(" \t") + text[end:]
        return new, [log_entry("related_links", "removed", n_items, removed)]
    return text, []


def dangling_prompts(text: str, lang: str | None = None) -> Rule:
    """Short lines ending in ``:`` at the very end of a document (a prompt with nothing after it)."""
    lines = text.split("\n")
    found = []
    for _ in range(5):
        idx = [i for i, l in enumerate(lines) if l.strip()]
        if not idx:
            break
        last = lines[idx[-1]].strip()
        if last.endswith((":", "：")) and _nwords(last) <= 6:
            found.append(last)
            lines[idx[-1]] = ""
        else:
            break
    if not found:
        return text, []
    return "\n".join(lines), [log_entry("dangling_prompt", "removed", len(found), found)]


def title_repeat(text: str, lang: str | None = None) -> Rule:
    """The first line (the title) repeated as the last line of the document."""
    lines = text.split("\n")
    idx = [i for i, l in enumerate(lines) if l.strip()]
    if len(idx) < 3:
        return text, []
    first, last = lines[idx[0]], lines[idx[-1]]
    if _key(first) == _key(last) and _nwords(first) >= 3:
        lines[idx[-1]] = ""
        return "\n".join(lines), [log_entry("title_repeat", "removed", 1, [last.strip()])]
    return text, []


def repeated_captions(text: str, lang: str | None = None) -> Rule:
    """A short unpunctuated line (4–15 words) occurring ≥3 times: an image caption or banner.

    All occurrences go, except the first when it is the first line of the
    document (then it is the title). Lines ending in ``:`` (speaker labels)
    and sentences are never captions.
    """
    lines = text.split("\n")
    counts: dict[str, int] = {}
    for line in lines:
        s = line.strip()
        if s and 4 <= _nwords(s) <= 15 and len(s) <= 150 and not _ends_sentence(s) \
                and not s.endswith((":", "：")):
            counts[_key(s)] = counts.get(_key(s), 0) + 1
    caps = {k for k, n in counts.items() if n >= 3}
    if not caps:
        return text, []
    first = next((i for i, l in enumerate(lines) if l.strip()), -1)
    removed = []
    for i, line in enumerate(lines):
        if line.strip() and _key(line) in caps and i != first:
            removed.append(line.strip())
            lines[i] = ""
    return "\n".join(lines), [log_entry("repeated_caption", "removed", len(removed), removed)]


def duplicate_lines(text: str, lang: str | None = None) -> Rule:
    """A heading-like line (≥2 words, no final punctuation) repeated right after itself."""
    lines = text.split("\n")
    prev_i = None
    removed = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if prev_i is not None and _key(line) == _key(lines[prev_i]) and _nwords(line) >= 2 \
                and not _ends_sentence(line):
            removed.append(line.strip())
            lines[i] = ""
            continue
        prev_i = i
    if not removed:
        return text, []
    return "\n".join(lines), [log_entry("duplicate_line", "removed", len(removed), removed)]
