"""Per-message cues the thread table needs: outcome cues (thanks, solved, closing, complaint, apology) and temperament cues.

Both come from dictionaries in the clientcomm format read by
:func:`clientcomm.tag`: :data:`OUTCOME_DICTIONARY` (``resolution_cues.yaml``,
beside this module) and the bundled ``temperaments`` dictionary (mentions and
cues both count). Each distinct (text, language) pair is tagged once.

A message's cues are stored as ``label:matched words`` pairs joined by ``;``,
so the words that fired stay visible:

>>> import pandas as pd
>>> tag_cues(pd.DataFrame({"text": ["谢谢，已经好了", "Still not fixed, this is unacceptable"],
...                        "lang": ["zh-Hans", "en"]}))["outcome_cues"].tolist()
['thanks:谢谢;solved:好了', 'complaint:Still not|unacceptable']
>>> cue_labels("thanks:谢谢;solved:好了")
['thanks', 'solved']
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["OUTCOME_DICTIONARY", "OUTCOME_LABELS", "RESOLVED_LABELS", "CUE_COLUMNS", "tag_cues", "cue_labels",
           "cue_words", "has_cue"]

OUTCOME_DICTIONARY = Path(__file__).with_name("resolution_cues.yaml")
OUTCOME_LABELS = ("thanks", "solved", "closing", "complaint", "apology")
#: Labels that make a client's last message a resolution cue.
RESOLVED_LABELS = ("thanks", "solved", "closing")
#: Columns :func:`tag_cues` adds: dictionary → column.
CUE_COLUMNS = {"outcome": "outcome_cues", "temperaments": "temperament_cues"}


def _pairs(hits: list[dict]) -> str:
    words: dict[str, list[str]] = {}
    for h in hits:
        w = words.setdefault(h["label"], [])
        if h["match"] not in w:
            w.append(h["match"])
    return ";".join(f"{lab}:{'|'.join(ws)}" for lab, ws in words.items())


def tag_cues(df: pd.DataFrame, text_column: str = "text", lang_column: str = "lang") -> pd.DataFrame:
    """A copy of ``df`` with ``outcome_cues`` and ``temperament_cues`` (``label:words;…``, ``""`` when none)."""
    from ..dictionaries import tag  # the tagger loads its dictionaries lazily

    texts = df[text_column].astype("string").fillna("").astype(str)
    langs = (df[lang_column].astype("string").fillna("").astype(str) if lang_column in df
             else pd.Series("", index=df.index))
    codes, uniq = pd.factorize(pd.MultiIndex.from_arrays([texts.to_numpy(), langs.to_numpy()]))
    u_text = pd.Series([t for t, _ in uniq], dtype=object)
    u_lang = [lg if lg and lg != "und" else None for _, lg in uniq]
    out = df.copy()
    for name, col in CUE_COLUMNS.items():
        dictionary = str(OUTCOME_DICTIONARY) if name == "outcome" else name
        if len(u_text):
            hits = tag(u_text, dictionary=dictionary, lang=u_lang)["hits"]
            vals = pd.Series([_pairs(h) for h in hits], dtype=object)
        else:
            vals = pd.Series([], dtype=object)
        out[col] = vals.take(codes).to_numpy() if len(codes) else []
    return out


def cue_labels(value: str) -> list[str]:
    """Labels in a ``label:words;…`` cue string."""
    return [p.split(":", 1)[0] for p in value.split(";") if p] if value else []


def cue_words(value: str, labels) -> list[str]:
    """The matched words of the given labels in a cue string.

    >>> cue_words("thanks:谢谢;complaint:投诉|垃圾", ["complaint"])
    ['投诉', '垃圾']
    """
    out = []
    for p in (value.split(";") if value else []):
        lab, _, words = p.partition(":")
        if lab in labels:
            out += [w for w in words.split("|") if w]
    return out


def has_cue(values: pd.Series, labels) -> pd.Series:
    """Boolean Series: does each cue string contain one of ``labels``? (each distinct string tested once)

    >>> has_cue(pd.Series(["thanks:谢谢", "", "complaint:垃圾;thanks:谢了"]), ["thanks"]).tolist()
    [True, False, True]
    """
    pattern = "(?:^|;)(?:" + "|".join(labels) + "):"
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, cats = values.cat.codes.to_numpy(), values.cat.categories
    else:
        codes, cats = pd.factorize(values.to_numpy(dtype=object, na_value=""))
    hit = pd.Series(list(cats), dtype=object).str.contains(pattern, regex=True).to_numpy(dtype=bool)
    return pd.Series(hit[codes] & (codes >= 0) if len(hit) else np.zeros(len(codes), bool), index=values.index)
