"""Explainable sentiment for ru, ro, zh-Hans, zh-Hant (and en): lexicons + rules.

>>> df = score_sentiment(["Спасибо, всё отлично!", "Ужасный сервис, никто не перезвонил"], lang="ru")
>>> list(df["sentiment_label"])
['positive', 'negative']
>>> print(explain("Nu recomand, calitate proastă.", "ro"))  # doctest: +ELLIPSIS
negative ...

``score_sentiment`` returns one row per text (index aligned with the input):
``sentiment`` (−1..1), ``sentiment_label``, ``sentiment_hits`` (list of
dicts ``term, lemma, start, end, valence, weight_after_rules, rules``),
calibrated ``p_negative``, ``p_neutral``, ``p_positive`` and
``sentiment_lang``. ``heldout_accuracy()`` gives the cross-validated
macro-F1 and calibration error per language behind those probabilities.
``fit`` adapts the scorer to a study's own labels with a small, listable
linear model (see :mod:`clientcomm.sentiment.model`).
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .._series import as_series as _as_series
from ..language.per_text import text_languages
from .calibration import CLASSES, PROB_COLUMNS, heldout_accuracy, probability_array, summary_arrays
from .data_classes import Hit, SentimentResult
from .engine import HIT_FIELDS, score_rows, score_text
from .resources import lang_code, lexicon_frame, rule_table

__all__ = ["score_sentiment", "explain", "fit", "heldout_accuracy", "resource_lang", "SentimentModel", "Hit",
           "SentimentResult", "lexicon_frame", "rule_table", "score_text"]


#: Languages without sentiment resources whose Cyrillic texts are scored with the Russian ones
#: (flagged in ``sentiment_lang``); the dictionaries fall back the same way (``resolve_lang``).
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def resource_lang(text: str, lang: str | None) -> str | None:
    """The language whose lexicon and rules score ``text``: ``lang`` itself, or ``ru`` for Cyrillic text
    in a language without sentiment resources (uk, bg, be, sr, mk, kk, und, unknown), else ``lang``.

    >>> resource_lang("Дякую, все добре", "uk"), resource_lang("Das ist gut", "de"), resource_lang("Спасибо", "ru")
    ('ru', 'de', 'ru')
    """
    if lang_code(lang) is not None:
        return lang
    if isinstance(text, str) and _CYRILLIC.search(text):
        return "ru"
    return lang


def score_sentiment(texts, lang=None, binary: bool = False, calibrated: bool = True,
                    tokens=None) -> pd.DataFrame:
    """Score texts: ``sentiment``, ``sentiment_label``, ``sentiment_hits``, ``p_negative``, ``p_neutral``,
    ``p_positive`` and ``sentiment_lang`` per text.

    ``texts`` is a string, list or Series; ``lang`` None (detected with
    ``clientcomm.language.detect_language``), one BCP-47 code for all, or a
    Series/list aligned with ``texts``.

    ``sentiment`` is the engine's score (−1..1), explained by the hits.
    ``p_*`` are calibrated probabilities (:mod:`clientcomm.sentiment.calibration`;
    their cross-validated accuracy: :func:`heldout_accuracy`); NaN for empty
    texts and languages without parameters. ``sentiment_label`` is the most
    probable class (``calibrated=False``: the engine's neutral band instead).
    ``binary=True`` labels every text positive or negative (for data without
    a neutral class): the more probable of the two (uncalibrated: score above
    the language's ``BINARY_THRESHOLD``). ``sentiment_lang`` is the language
    whose resources scored the text: a Cyrillic text detected as uk/bg/…
    is scored with the Russian ones (``ru``); None means no resources (score 0, neutral).
    ``tokens``: :class:`~clientcomm.tokens.TokenizedText` objects aligned with
    ``texts``, shared with other annotators (the pipeline passes them).
    """
    s = _as_series(texts)
    langs = text_languages(s, lang)
    values = s.tolist()
    scores, labels, hits, used = [], [], [], []
    for k, (t, lg) in enumerate(zip(values, langs)):
        t = t if isinstance(t, str) else ""
        lg = resource_lang(t, lg if isinstance(lg, str) else None)
        r = score_rows(t, lg, binary=binary, tokens=None if tokens is None else tokens[k])
        scores.append(r.score)
        labels.append(r.label)
        hits.append([dict(zip(HIT_FIELDS, h)) for h in r.hits])  # as Hit.to_dict()
        used.append(lg if lang_code(lg) is not None else None)
    # the calibration in arrays, the frame made once at the end (this runs once per chunk of every
    # annotate call: a pandas step per column here cost more than scoring a short text)
    summary = summary_arrays(scores, hits)
    has_text = [isinstance(t, str) and bool(t.strip()) for t in values]
    probs = probability_array(summary, [u if ok else None for u, ok in zip(used, has_text)])
    if calibrated:
        ok = ~np.isnan(probs).any(axis=1)
        if binary:
            pos, neg = PROB_COLUMNS.index("p_positive"), PROB_COLUMNS.index("p_negative")
            lab = np.where(probs[:, pos] > probs[:, neg], "positive", "negative")
        else:
            lab = np.array(CLASSES, dtype=object)[np.where(np.isnan(probs), -1.0, probs).argmax(axis=1)]
        labels = [str(c) if good else engine for c, good, engine in zip(lab.tolist(), ok.tolist(), labels)]
    rows = list(zip(scores, labels, hits))
    out = pd.DataFrame(rows, columns=["sentiment", "sentiment_label", "sentiment_hits"], index=s.index)
    for k, c in enumerate(PROB_COLUMNS):
        out[c] = probs[:, k].copy()
    out["sentiment_lang"] = pd.Series(used, index=s.index, dtype=object)
    return out


def explain(text: str, lang: str | None = None, binary: bool = False) -> SentimentResult:
    """The engine's explanation of one text: print it, or ``.to_frame()`` for a table of hits.

    Its ``label`` is the engine's rule label (neutral band); ``score_sentiment``
    adds calibrated probabilities and labels by the most probable class.
    """
    if lang is None:
        lang = text_languages(pd.Series([text]), None)[0]
    return score_text(text, resource_lang(text, lang if isinstance(lang, str) else None), binary=binary)


def fit(texts, labels, lang, **kwargs):
    """Fit an explainable model on a study's own labels; see :func:`clientcomm.sentiment.model.fit`."""
    from .model import fit as _fit

    return _fit(texts, labels, lang, **kwargs)


def __getattr__(name):
    if name == "SentimentModel":
        from .model import SentimentModel

        return SentimentModel
    raise AttributeError(name)
