"""The ``lang`` argument every annotator takes, as one language code per text.

>>> import pandas as pd
>>> texts = pd.Series(["Спасибо большое!", "Mulțumesc frumos!"])
>>> text_languages(texts, None), text_languages(texts, "ru"), text_languages(texts, ["ru", "ro"])
(['ru', 'ro'], ['ru', 'ru'], ['ru', 'ro'])
"""
from __future__ import annotations

import pandas as pd

from .._series import per_text
from .detector import detect_language

__all__ = ["text_languages"]


def text_languages(texts: pd.Series, lang) -> list:
    """One language per text of ``texts``: detected (:func:`detect_language`) when ``lang`` is None;
    otherwise one code for all, or a list/Series aligned with ``texts`` (:func:`clientcomm._series.per_text`).

    Sentiment, the dictionaries and the temperament profile read their ``lang``
    argument through this one function, so they accept the same values.
    """
    if lang is None:
        return detect_language(texts)["lang"].tolist()
    return per_text(lang, texts, "lang")
