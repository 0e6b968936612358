"""Keyword in context over a segment table, by words or by characters (CJK).

>>> import pandas as pd
>>> seg = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Клиент звонит нам каждый день.", "我呆會兒再給他們一個電話。"],
...                     "lang": ["ru", "zh-Hant"]})
>>> kwic(seg, "звонить", window=2, match_on="lemma")[["pre", "keyword", "post"]].values.tolist()
[['Клиент', 'звонит', 'нам каждый']]
>>> kwic(seg, "电话", window=3, unit="char")[["pre", "keyword", "post"]].values.tolist()
[['們一個', '電話', '。']]

Patterns are globs (``звон*``, ``*phone``, ``[ck]lient``: :func:`clientcomm.matching.glob_to_regex`), regexes (``valuetype="regex"``)
or fixed strings; several space-separated words match a token sequence.
``match_on="lemma"`` matches lemmas (``звонить`` finds ``звонит``). Chinese is
matched on the Simplified view, so a Simplified pattern finds Traditional text.
With ``unit="auto"`` (default) Chinese segments use characters and the others
words; ``window`` counts those units on each side.
"""
from __future__ import annotations

import re

import pandas as pd

from ..matching import glob_to_regex
from ._common import _HAN, as_segments, segment_langs, segment_tokens

__all__ = ["kwic"]

KWIC_COLUMNS = ["row", "from", "to", "pre", "keyword", "post", "pattern"]


def _is_cjk(lang: str | None, text: str) -> bool:
    from ..tokens import is_cjk_lang

    return is_cjk_lang(lang) if lang else bool(_HAN.search(text))


def _word_regex(word: str, valuetype: str, flags: int) -> re.Pattern:
    if valuetype == "regex":
        return re.compile(word, flags)
    if valuetype == "fixed":
        return re.compile(re.escape(word), flags)
    return re.compile(glob_to_regex(word), flags)


def _char_regex(pattern: str, valuetype: str, flags: int) -> re.Pattern:
    if valuetype == "regex":
        return re.compile(pattern, flags)
    if valuetype == "fixed":
        return re.compile(re.escape(pattern), flags)
    return re.compile(glob_to_regex(pattern, any_char=r"\w", lazy=True), flags)


def kwic(segments, pattern: str, window: int = 5, unit: str = "auto", match_on: str = "text",
         valuetype: str = "glob", case_insensitive: bool = True, text_column: str = "text",
         lang=None, lang_column: str = "lang") -> pd.DataFrame:
    """Every match of ``pattern`` with ``window`` words (or characters) of context on each side.

    Returns one row per match: the segment's id columns (``doc_id``, ``seg_id``
    when present), ``row`` (index label of the segment), ``from``/``to``
    (character offsets in the segment text), ``pre``, ``keyword``, ``post``
    and ``pattern``.
    """
    from ..tokens import to_simplified

    if unit not in ("auto", "word", "char"):
        raise ValueError("unit must be 'auto', 'word' or 'char'")
    if match_on not in ("text", "lemma"):
        raise ValueError("match_on must be 'text' or 'lemma'")
    if valuetype not in ("glob", "regex", "fixed"):
        raise ValueError("valuetype must be 'glob', 'regex' or 'fixed'")
    seg = as_segments(segments, text_column)
    langs = segment_langs(seg, lang, lang_column)
    flags = re.IGNORECASE if case_insensitive else 0
    simp_pattern = to_simplified(pattern)
    words = [_word_regex(to_simplified(w), valuetype, flags) for w in pattern.split()] or [_word_regex(pattern, valuetype, flags)]
    char_rx = _char_regex(simp_pattern, valuetype, flags)
    id_cols = [c for c in ("doc_id", "seg_id") if c in seg.columns]
    rows = []
    for k, (idx, text) in enumerate(seg[text_column].items()):
        text = text if isinstance(text, str) else ""
        if not text:
            continue
        lg = langs[k]
        cjk = _is_cjk(lg, text)
        use_chars = unit == "char" or (unit == "auto" and cjk)
        ids = {c: seg[c].iat[k] for c in id_cols}
        if use_chars:
            hay = to_simplified(text) if _HAN.search(text) else text
            for m in char_rx.finditer(hay):
                s, e = m.start(), m.end()
                if e == s:
                    continue
                rows.append({**ids, "row": idx, "from": s, "to": e, "pre": text[max(0, s - window):s],
                             "keyword": text[s:e], "post": text[e:e + window], "pattern": pattern})
            continue
        toks = segment_tokens(text, lg)
        keys = [(to_simplified(t.lemma if match_on == "lemma" else t.text) if cjk
                 else (t.lemma if match_on == "lemma" else t.text)) for t in toks]
        n, L = len(toks), len(words)
        for i in range(n - L + 1):
            if all(words[j].fullmatch(keys[i + j]) for j in range(L)):
                s, e = toks[i].start, toks[i + L - 1].end
                lo, hi = max(0, i - window), min(n, i + L + window)
                pre = text[toks[lo].start:s].strip() if lo < i else ""
                post = text[e:toks[hi - 1].end].strip() if hi > i + L else ""
                rows.append({**ids, "row": idx, "from": s, "to": e, "pre": pre, "keyword": text[s:e],
                             "post": post, "pattern": pattern})
    return pd.DataFrame(rows, columns=id_cols + KWIC_COLUMNS)
