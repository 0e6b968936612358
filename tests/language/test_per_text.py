"""clientcomm.language.per_text: the one reading of an annotator's ``lang`` argument."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.dictionaries import tag
from clientcomm.language.per_text import text_languages
from clientcomm.sentiment import score_sentiment


def test_text_languages_detects_or_aligns():
    texts = pd.Series(["Мы перезвоним вам завтра утром.", "Vă sunăm mâine dimineață."], index=["x", "y"])
    assert text_languages(texts, None) == ["ru", "ro"]
    assert text_languages(texts, "ru") == ["ru", "ru"]
    assert text_languages(texts, pd.Series({"y": "ro", "x": "ru", "z": "en"})) == ["ru", "ro"]


def test_sentiment_and_dictionaries_accept_the_same_lang_values():
    texts = pd.Series(["Спасибо, всё отлично, позвоните мне!"], index=[3])
    whole = pd.Series({1: "en", 3: "ru"})  # the lang column of a larger table
    assert score_sentiment(texts, lang=whole)["sentiment_lang"].tolist() == ["ru"]
    assert tag(texts, "channels", lang=whole)["labels"].tolist() == ["phone"]
    for annotate in (lambda l: score_sentiment(texts, lang=l), lambda l: tag(texts, "channels", lang=l)):
        with pytest.raises(ValueError, match="lang has 2 values for 1 texts"):
            annotate(["ru", "ro"])
