"""Shared helpers of the statistics layer: segment tables in, tokens out."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..language.scripts import HAN_RE

__all__ = ["as_segments", "segment_langs", "segment_tokens"]

_HAN = HAN_RE


def as_segments(segments, text_column: str = "text") -> pd.DataFrame:
    """A segment table from a DataFrame, a Series or a list of strings."""
    if isinstance(segments, pd.DataFrame):
        if text_column not in segments.columns:
            raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, segments.columns))}")
        return segments
    if isinstance(segments, str):
        segments = [segments]
    s = segments if isinstance(segments, pd.Series) else pd.Series(list(segments))
    return pd.DataFrame({text_column: s.astype(str)}, index=s.index)


def segment_langs(seg: pd.DataFrame, lang=None, lang_column: str = "lang") -> list:
    """One language code (or None) per segment: ``lang`` if given, else the ``lang`` column."""
    if lang is not None:
        if isinstance(lang, str):
            return [lang] * len(seg)
        return list(lang)
    if lang_column in seg.columns:
        return [None if (v is None or v != v or v in ("", "und")) else str(v) for v in seg[lang_column]]
    return [None] * len(seg)


@lru_cache(maxsize=100_000)
def _tok(text: str, lang: str | None) -> tuple:
    from ..tokens import tokenize

    if lang is None and _HAN.search(text):
        lang = "zh-Hans"
    return tuple(tokenize(text, lang))


def segment_tokens(text: str, lang: str | None):
    """Tokens of one segment (cached; see ``clientcomm.tokens.tokenize``)."""
    return _tok(text if isinstance(text, str) else "", lang)
