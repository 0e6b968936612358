"""Shared coercions of an annotator's arguments: texts as a str, a list or a pandas Series, and a value per text."""
from __future__ import annotations

import pandas as pd

__all__ = ["as_series", "per_text"]


def as_series(texts) -> pd.Series:
    """A Series of the texts: a Series as is, a str as one row, anything iterable as rows.

    >>> as_series("привет").tolist()
    ['привет']

    A DataFrame is a TypeError (iterating it would give its column names).
    """
    if isinstance(texts, pd.Series):
        return texts
    if isinstance(texts, pd.DataFrame):  # iterating a frame gives its column names, not its texts
        raise TypeError("texts is a DataFrame: pass its text column (df['text']), or annotate the whole table "
                        "with clientcomm.annotate(df)")
    if isinstance(texts, str):
        return pd.Series([texts])
    return pd.Series(list(texts))


def per_text(value, texts: pd.Series, name: str = "lang") -> list:
    """One item of ``value`` per text, in the order of ``texts`` (e.g. the ``lang`` argument of an annotator).

    A str (or None) is repeated for every text. A Series on the same index,
    or of the same length, is taken in order; a longer Series whose index
    holds every label of ``texts`` is aligned on the labels. A list must have
    one item per text. Anything else is a ValueError naming ``name``.

    >>> texts = pd.Series(["a", "b"], index=[10, 11])
    >>> per_text("ru", texts), per_text(["ru", "ro"], texts)
    (['ru', 'ru'], ['ru', 'ro'])
    >>> per_text(pd.Series({11: "ro", 12: "en", 10: "ru"}), texts)
    ['ru', 'ro']
    """
    if value is None or isinstance(value, str):
        return [value] * len(texts)
    if isinstance(value, pd.Series):
        if value.index.equals(texts.index) or len(value) == len(texts):
            return value.tolist()
        missing = texts.index.difference(value.index)
        if len(missing) or not value.index.is_unique:
            raise ValueError(f"{name} has {len(value)} values for {len(texts)} texts and its index does not "
                             f"hold every text's label once ({len(missing)} missing)")
        return value.reindex(texts.index).tolist()
    values = list(value)
    if len(values) != len(texts):
        raise ValueError(f"{name} has {len(values)} values for {len(texts)} texts")
    return values
