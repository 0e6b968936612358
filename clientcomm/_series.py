"""One shared coercion: every annotator takes a str, a list or a pandas Series."""
from __future__ import annotations

import pandas as pd

__all__ = ["as_series"]


def as_series(texts) -> pd.Series:
    """A Series of the texts: a Series as is, a str as one row, anything iterable as rows.

    >>> as_series("привет").tolist()
    ['привет']
    """
    if isinstance(texts, pd.Series):
        return texts
    if isinstance(texts, str):
        return pd.Series([texts])
    return pd.Series(list(texts))
