"""Explainable sentiment for ru, ro, zh-Hans, zh-Hant (and en): lexicons + rules.

>>> df = score_sentiment(["Спасибо, всё отлично!", "Ужасный сервис, никто не перезвонил"], lang="ru")
>>> list(df["sentiment_label"])
['positive', 'negative']
>>> print(explain("Nu recomand, calitate proastă.", "ro"))  # doctest: +ELLIPSIS
negative ...

``score_sentiment`` returns one row per text (index aligned with the input):
``sentiment`` (−1..1), ``sentiment_label`` and ``sentiment_hits`` (list of
dicts ``term, lemma, start, end, valence, weight_after_rules, rules``).
``fit`` adapts the scorer to a study's own labels with a small, listable
linear model (see :mod:`clientcomm.sentiment.model`).
"""
from __future__ import annotations

import pandas as pd

from .._series import as_series as _as_series
from .data_classes import Hit, SentimentResult
from .engine import score_text
from .resources import lexicon_frame, rule_table

__all__ = ["score_sentiment", "explain", "fit", "SentimentModel", "Hit", "SentimentResult",
           "lexicon_frame", "rule_table", "score_text"]




def _langs_for(s: pd.Series, lang) -> pd.Series:
    if lang is None:
        from ..language import detect_language

        return detect_language(s.astype(str))["lang"].reindex(s.index)
    if isinstance(lang, pd.Series):
        if len(lang) != len(s):
            raise ValueError(f"lang has {len(lang)} values for {len(s)} texts")
        return pd.Series(lang.to_numpy(), index=s.index)
    if isinstance(lang, str):
        return pd.Series([lang] * len(s), index=s.index, dtype=object)
    lst = list(lang)
    if len(lst) != len(s):
        raise ValueError(f"lang has {len(lst)} values for {len(s)} texts")
    return pd.Series(lst, index=s.index, dtype=object)


def score_sentiment(texts, lang=None, binary: bool = False) -> pd.DataFrame:
    """Score texts: ``sentiment``, ``sentiment_label``, ``sentiment_hits`` per text.

    ``texts`` is a string, list or Series; ``lang`` None (detected with
    ``clientcomm.language.detect_language``), one BCP-47 code for all, or a
    Series/list aligned with ``texts``. ``binary=True`` labels every text
    positive or negative (for data without a neutral class): positive when
    the score is above the language's ``BINARY_THRESHOLD`` (default 0).
    Texts in languages without a lexicon score 0 and are neutral.
    """
    s = _as_series(texts)
    langs = _langs_for(s, lang)
    rows = []
    for t, lg in zip(s.tolist(), langs.tolist()):
        lg = lg if isinstance(lg, str) else None
        r = score_text(t if isinstance(t, str) else "", lg, binary=binary)
        rows.append((r.score, r.label, [h.to_dict() for h in r.hits]))
    return pd.DataFrame(rows, columns=["sentiment", "sentiment_label", "sentiment_hits"], index=s.index)


def explain(text: str, lang: str | None = None, binary: bool = False) -> SentimentResult:
    """The full explanation of one text: print it, or ``.to_frame()`` for a table of hits."""
    if lang is None:
        lang = _langs_for(pd.Series([text]), None).iloc[0]
    return score_text(text, lang, binary=binary)


def fit(texts, labels, lang, **kwargs):
    """Fit an explainable model on a study's own labels; see :func:`clientcomm.sentiment.model.fit`."""
    from .model import fit as _fit

    return _fit(texts, labels, lang, **kwargs)


def __getattr__(name):
    if name == "SentimentModel":
        from .model import SentimentModel

        return SentimentModel
    raise AttributeError(name)
