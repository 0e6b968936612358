"""Aggregate sentence segments into the units a test counts: passages (paragraphs) or documents.

>>> import pandas as pd
>>> seg = pd.DataFrame({"doc_id": ["a", "a", "a", "b"], "paragraph": [0, 0, 1, 0], "seg_id": ["1", "2", "3", "4"],
...                     "lang": ["ru", "ru", "ru", "ro"], "channels": ["phone", "email;phone", "", "web"]})
>>> passages(seg, ["channels"])[["doc_id", "paragraph", "lang", "channels", "sentences"]].values.tolist()
[['a', 0, 'ru', 'phone;email', 2], ['a', 1, 'ru', '', 1], ['b', 0, 'ro', 'web', 1]]

A source often names a temperament in one sentence and the channel in the
next, and sentences of one paragraph are not independent: the passage
(paragraph) is the natural unit for presence/absence tests, with documents as
the clusters above it.
"""
from __future__ import annotations

import pandas as pd

from .crosstab import split_labels

__all__ = ["passages"]


def _join(values) -> str:
    return ";".join(dict.fromkeys(x for v in values for x in split_labels(v)))


def _majority(s: pd.Series):
    return s.value_counts().sort_index().idxmax() if s.notna().any() else ""


def passages(segments: pd.DataFrame, labels=("temperaments", "channels"), by=None,
             means=("sentiment", "p_negative", "p_neutral", "p_positive")) -> pd.DataFrame:
    """One row per passage: ``by`` columns (default ``doc_id`` and ``paragraph``, or ``doc_id`` and
    ``seg_id`` when there is no paragraph column), ``lang`` (the passage's most frequent language),
    the union of each multi-label column in ``labels`` (first-seen order), ``sentences`` and the mean of
    each column of ``means`` present in the table."""
    if by is None:
        by = ["doc_id", "paragraph"] if "paragraph" in segments.columns else ["doc_id", "seg_id"]
    by = [by] if isinstance(by, str) else list(by)
    missing = [c for c in [*by, *labels] if c not in segments.columns]
    if missing:
        raise KeyError(f"column(s) {', '.join(missing)} not found; columns are: {', '.join(map(str, segments.columns))}")
    agg = {c: (c, _join) for c in labels}
    if "lang" in segments.columns:
        agg = {"lang": ("lang", _majority), **agg}
    agg["sentences"] = (by[-1], "size")
    for c in means:
        if c in segments.columns:
            agg[c] = (c, "mean")
    return segments.groupby(by, sort=True).agg(**agg).reset_index()
