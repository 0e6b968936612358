"""Rule-based sentence splitting with character offsets (ru, ro, en, zh and mixed text).

Why not NLTK's Punkt: its models are NLTK data that must be downloaded, which
this project forbids at run time, and it has no Romanian or Chinese model. The
rules here are few and explainable:

* Alphabetic scripts: a run of ``. ! ? …`` (with closing quotes/brackets) ends
  a sentence when whitespace and a sentence opener follow — an upper-case
  letter or digit, or an opening quote or bullet followed by one (not a dash:
  inside a paragraph a dash after ``!`` closes a parenthesis or opens an
  author's remark; dialogue turns start on new lines). A lone ``.`` does
  not end a sentence after a listed abbreviation (``abbreviations/*.txt``:
  "never" kinds always, "may" kinds unless a capital follows), after an
  initial (``А. С. Пушкин``, ``K. Sewell``), after a single lower-case letter
  (``т. е.``) or after a list number at the start of a sentence (``1. Title``).
* Chinese: ``。！？；…`` end a sentence, and so do their ASCII lookalikes
  ``! ? ; . …`` right after a Han character; closing quotes ``” 」 』`` stay
  with the sentence; no whitespace is needed.
* Quotes: inside a quotation that opens in mid-sentence («…», „…”, “…”,
  "…", 「…」, 《…》) nothing is split, so a quoted title or remark stays in
  its sentence; a quotation that opens a sentence (dialogue) is split normally.
* Sentences never cross paragraphs (:func:`split_paragraphs`); flattened
  paragraphs get their lost heading boundaries back (:mod:`.headings`).

>>> t = "Это т. е. пример, см. выше. А. С. Пушкин писал: «Да. Нет.» Конец!"
>>> [t[s:e] for s, e in split_sentences(t, "ru")]
['Это т. е. пример, см. выше.', 'А. С. Пушкин писал: «Да. Нет.»', 'Конец!']
>>> t = "他說:“我知道了。”然後走了.我們怎么辦?"
>>> [t[s:e] for s, e in split_sentences(t, "zh-Hant")]
['他說:“我知道了。”', '然後走了.', '我們怎么辦?']
"""
from __future__ import annotations

import re

from ..language.scripts import HAN_RANGES, KANA_RANGES
from .headings import heading_boundaries
from .paragraphs import split_paragraphs, trim_span
from .rules import abbreviation_kind

__all__ = ["split_sentences", "sentence_spans_in", "is_han"]

_HAN_RANGES = HAN_RANGES + KANA_RANGES  # CJK sentence rules apply to Japanese too
_HAN_RE = re.compile(f"[{_HAN_RANGES}]")
_CJK_PUNCT = "。！？；，、：…「」『』《》〈〉（）【】“”"
_CLOSERS = "»\"”’)]」』】〕）›"
_OPEN_QUOTES = "«„“\"‚‘‹「『"
_DASHES = "—–-"
_BULLETS = "•·▪◦●*"

# Alphabetic: terminator run, optional closers (and terminators after them), then whitespace.
_ALPHA_END = re.compile(rf"[.!?…]+(?:[{re.escape(_CLOSERS)}]+[.!?…]*)*(?=\s)")
# Chinese: full-width terminators anywhere; ASCII lookalikes right after Han or CJK punctuation.
_CJK_END = re.compile(
    rf"(?:[。！？；]|(?<=[{_HAN_RANGES}{_CJK_PUNCT}])(?:[!?;]|\.(?![\d.])|…|\.\.\.))[。！？；!?;…]*"
    rf"[{re.escape(_CLOSERS)}]*")

_QUOTE_PAIRS = {"«": "»", "„": "“”", "“": "”", "\"": "\"", "「": "」", "『": "』", "《": "》", "‹": "›"}
_MAX_EMBEDDED_QUOTE = 300


def is_han(ch: str) -> bool:
    """True for a Han (or kana) character."""
    return bool(_HAN_RE.match(ch))


def _embedded_quotes(para: str) -> list[tuple[int, int]]:
    """Spans (open, close) of quotations that open in mid-sentence (suppress splits inside)."""
    stack: list[tuple[str, int]] = []
    spans = []
    for i, ch in enumerate(para):
        if stack and ch in _QUOTE_PAIRS[stack[-1][0]]:
            q, o = stack.pop()
            if i - o <= _MAX_EMBEDDED_QUOTE:
                before = para[:o].rstrip(" \t\n" + _DASHES)
                if before and not before.endswith(tuple(".!?…。！？；")):
                    spans.append((o, i))
            continue
        if ch in _QUOTE_PAIRS and ch != "\"":
            stack.append((ch, i))
        elif ch == "\"":
            # ASCII quote opens when it is not glued to a word on its left
            if i == 0 or not (para[i - 1].isalnum() or para[i - 1] in ".,!?…;:"):
                stack.append((ch, i))
        if len(stack) > 20:
            stack.pop(0)
    return spans


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(o < pos <= c for o, c in spans)


def _upper(ch: str) -> bool:
    return ch.isupper() or ch.istitle()


def _opener_at(para: str, j: int) -> str | None:
    """What starts at ``para[j]``: 'upper', 'digit', 'han', or None (not a sentence start)."""
    if j >= len(para):
        return None
    ch = para[j]
    if _upper(ch):
        return "upper"
    if ch.isdigit():
        return "digit"
    if is_han(ch):
        return "han"
    # A dash after a sentence end inside a paragraph closes a parenthesis or opens
    # an author's remark ("- ura! - Îți poți..."); dialogue turns start new lines.
    if ch in _OPEN_QUOTES or ch in _BULLETS or ch == "(":
        k = j + 1
        while k < len(para) and (para[k].isspace() or para[k] in _OPEN_QUOTES or para[k] in _DASHES):
            k += 1
        if k < len(para) and (_upper(para[k]) or para[k].isdigit() or is_han(para[k])):
            return "upper" if ch != "(" else None
    return None


def _word_before(para: str, dot: int) -> str:
    k = dot
    while k > 0 and (para[k - 1].isalnum() or para[k - 1] in "-'’"):
        k -= 1
    return para[k:dot]


def _alpha_ok(para: str, m: re.Match, sent_start: int, lang: str | None) -> bool:
    run = m.group(0)
    j = m.end()
    while j < len(para) and para[j].isspace():
        j += 1
    kind = _opener_at(para, j)
    if kind is None:
        return False
    if run.rstrip(_CLOSERS) != ".":
        return True  # ! ? … ... and their combinations: no abbreviation question
    dot = m.start()
    word = _word_before(para, dot)
    abbr = abbreviation_kind(para[max(0, dot - 40):dot + 1], lang)
    if abbr == "never":
        return False
    if abbr == "may":
        return kind == "upper"
    if len(word) == 1 and word.isalpha():
        return False  # initial (А. С. Пушкин, K. Sewell) or т. е.-style shortening
    if word.isdigit() and len(word) <= 3 and not para[sent_start:dot - len(word)].strip(" \t" + _BULLETS + _DASHES):
        return False  # "1. Title": a list number at the start of a sentence
    return True


def sentence_spans_in(text: str, start: int, end: int, lang: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph ``text[start:end]`` (offsets into ``text``)."""
    para = text[start:end]
    if not para.strip():
        return []
    quotes = _embedded_quotes(para)
    cuts: set[int] = set()
    last = 0
    for m in _ALPHA_END.finditer(para):
        if _inside(quotes, m.end()):
            continue
        if _alpha_ok(para, m, last, lang):
            cuts.add(m.end())
            last = m.end()
    for m in _CJK_END.finditer(para):
        if m.end() >= len(para) or _inside(quotes, m.end()):
            continue
        cuts.add(m.end())
    cuts |= heading_boundaries(para, sorted(cuts), lang, quotes)
    spans = []
    prev = 0
    for c in sorted(cuts) + [len(para)]:
        s, e = trim_span(para, prev, c)
        if s < e:
            spans.append((start + s, start + e))
        prev = max(prev, c)
    return spans


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``.

    ``lang`` (``ru``, ``ro``, ``en``, ``zh-Hans``…) picks the abbreviation list;
    None uses all lists. Spans are stripped, never empty, in order, and never
    cross a paragraph.
    """
    if not isinstance(text, str) or not text:
        return []
    out: list[tuple[int, int]] = []
    for ps, pe in split_paragraphs(text):
        out.extend(sentence_spans_in(text, ps, pe, lang))
    return out
