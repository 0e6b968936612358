"""Dictionary counts normalised per 100 tokens, as LIWC reports them.

>>> import pandas as pd
>>> seg = pd.DataFrame({"text": ["Позвоните нам или напишите на почту", "Спасибо"], "lang": ["ru", "ru"]})
>>> per_100_tokens(seg, "channels")[["n_tokens", "phone", "email"]].values.tolist()
[[6.0, 16.666666666666668, 16.666666666666668], [1.0, 0.0, 0.0]]

A hit of a multi-word entry counts once; ``n_tokens`` is the number of word
tokens of ``clientcomm.tokens.tokenize`` (jieba words for Chinese).
"""
from __future__ import annotations

import pandas as pd

from ._common import as_segments, segment_langs, segment_tokens

__all__ = ["token_counts", "dictionary_counts", "per_100_tokens"]


def token_counts(segments, text_column: str = "text", lang=None, lang_column: str = "lang") -> pd.Series:
    """Number of word tokens per segment.

    >>> token_counts(["один два три", "客戶很滿意"]).tolist()
    [3, 3]
    """
    seg = as_segments(segments, text_column)
    langs = segment_langs(seg, lang, lang_column)
    return pd.Series([len(segment_tokens(t, lg)) for t, lg in zip(seg[text_column].tolist(), langs)],
                     index=seg.index, name="n_tokens")


def dictionary_counts(segments, dictionary="channels", level: str = "mention", text_column: str = "text",
                      lang=None, lang_column: str = "lang") -> pd.DataFrame:
    """Hits per label (``level`` ``mention``, ``cue`` or ``all``) and ``n_tokens``, one row per segment."""
    from ..dictionaries import load_dictionary, tag

    if level not in ("mention", "cue", "all"):
        raise ValueError("level must be 'mention', 'cue' or 'all'")
    d = load_dictionary(dictionary)
    seg = as_segments(segments, text_column)
    langs = segment_langs(seg, lang, lang_column)
    lang_arg = pd.Series(langs, index=seg.index) if any(v is not None for v in langs) else None
    tagged = tag(seg[text_column].astype(str), d, lang=lang_arg)
    rows = []
    for hits in tagged["hits"]:
        c = dict.fromkeys(d.labels, 0)
        for h in hits:
            if level == "all" or h["level"] == level:
                c[h["label"]] += 1
        rows.append(c)
    out = pd.DataFrame(rows, index=seg.index, columns=list(d.labels))
    out.insert(0, "n_tokens", token_counts(seg, text_column, langs))
    return out


def per_100_tokens(segments, dictionary="channels", by: str | list | None = None, level: str = "mention",
                   text_column: str = "text", lang=None, lang_column: str = "lang") -> pd.DataFrame:
    """Label rates per 100 tokens: per segment, or per group of ``by`` (sums of hits / sums of tokens)."""
    seg = as_segments(segments, text_column)
    counts = dictionary_counts(seg, dictionary, level, text_column, lang, lang_column)
    labels = [c for c in counts.columns if c != "n_tokens"]
    if by is not None:
        keys = [by] if isinstance(by, str) else list(by)
        counts = pd.concat([seg[keys], counts], axis=1).groupby(keys, sort=True)[["n_tokens", *labels]].sum()
    out = counts[labels].astype(float).mul(100.0).div(counts["n_tokens"].where(counts["n_tokens"] > 0), axis=0)
    out = out.fillna(0.0)
    out.insert(0, "n_tokens", counts["n_tokens"].astype(float))
    return out
