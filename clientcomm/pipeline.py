"""Compose the annotators: ``annotate`` for any column of texts, ``analyze`` for a corpus.

>>> import pandas as pd
>>> out = annotate(pd.DataFrame({"id": [1], "text": ["Спасибо, всё отлично!"]}), steps=["language"])
>>> list(out.columns[:2]), out.loc[0, "lang"]
(['id', 'text'], 'ru')
"""
from __future__ import annotations

import importlib
import logging
import warnings
from typing import Iterable

import pandas as pd

__all__ = ["STEPS", "available_steps", "parse_steps", "annotate", "analyze", "SEGMENT_COLUMNS"]

log = logging.getLogger(__name__)

#: Every step the toolkit knows, in the order they run.
STEPS = ("language", "sentiment", "dictionaries")
SEGMENT_COLUMNS = ["doc_id", "seg_id", "level", "start", "end", "text"]

_STEP_PROVIDERS = {
    "language": ("clientcomm.language", "detect_language"),
    "sentiment": ("clientcomm.sentiment", "score_sentiment"),
    "dictionaries": ("clientcomm.dictionaries", "tag"),
}


def _provider(step: str):
    mod, fn = _STEP_PROVIDERS[step]
    try:
        return getattr(importlib.import_module(mod), fn)
    except (ImportError, AttributeError):
        return None


def available_steps() -> list[str]:
    """The steps whose annotator is installed, in running order."""
    return [s for s in STEPS if _provider(s) is not None]


def parse_steps(steps: str | Iterable[str] | None) -> list[str]:
    """Normalise a step list (``"language,sentiment"`` or a list); None means all available."""
    if steps is None:
        return available_steps()
    if isinstance(steps, str):
        steps = [s.strip() for s in steps.split(",") if s.strip()]
    steps = list(steps)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}: choose from {', '.join(STEPS)}")
    missing = [s for s in steps if _provider(s) is None]
    if missing:
        raise ValueError(f"step(s) not available in this installation: {', '.join(missing)}")
    return [s for s in STEPS if s in steps]


def _put(out: pd.DataFrame, name: str, values) -> None:
    if name in out.columns and name not in getattr(out, "_cc_added", set()):
        warnings.warn(f"input column {name!r} is replaced by the annotation of the same name", stacklevel=3)
    out[name] = list(values) if not isinstance(values, pd.Series) else values.to_numpy()


def annotate_frame(df: pd.DataFrame, text_column: str, steps: list[str], lang: str | None = None) -> pd.DataFrame:
    """Run ``steps`` on ``df[text_column]``; returns a new frame with the annotation columns added."""
    out = df.copy()
    texts = out[text_column].astype("string").fillna("").astype(str)
    langs = None
    if "language" in steps:
        det = _provider("language")(texts)
        for c in ("lang", "lang_score", "script"):
            _put(out, c, det[c])
        langs = det["lang"]
    elif lang is not None:
        langs = pd.Series([lang] * len(out), index=out.index)
    if "sentiment" in steps:
        sent = _provider("sentiment")(texts, lang=langs if langs is not None else lang)
        for c in ("sentiment", "sentiment_label", "sentiment_hits"):
            if c in sent:
                _put(out, c, sent[c])
    if "dictionaries" in steps:
        tag = _provider("dictionaries")
        for name in ("temperaments", "channels"):
            res = tag(texts, dictionary=name, lang=langs)
            _put(out, name, res["labels"])
    return out


def annotate(data, text_column: str = "text", steps: str | Iterable[str] | None = None,
             lang: str | None = None) -> pd.DataFrame:
    """Annotate a column of texts: every input column kept, in order, plus annotation columns.

    ``data`` is a DataFrame (texts in ``text_column``), a Series, or a list of
    strings. ``steps`` is any of ``language``, ``sentiment``, ``dictionaries``
    (default: all available). ``lang`` forces one language for every text when
    the language step is not run. One output row per input row, same order.
    """
    if isinstance(data, pd.Series):
        name = data.name if data.name is not None else text_column
        data = data.to_frame(name=name)
        text_column = name
    elif not isinstance(data, pd.DataFrame):
        data = pd.DataFrame({text_column: list(data)})
    if text_column not in data.columns:
        raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, data.columns))}")
    return annotate_frame(data, text_column, parse_steps(steps), lang=lang)


def analyze(documents: pd.DataFrame | None = None, level: str = "sentence",
            steps: str | Iterable[str] | None = None) -> pd.DataFrame:
    """Segment a documents table and annotate every segment: the tidy segment table.

    >>> seg = analyze(steps=["language"])
    >>> seg[["doc_id", "lang"]].drop_duplicates("doc_id").shape[0]
    4
    """
    from .corpus import load_corpus
    from .segment import segment

    if documents is None:
        documents = load_corpus()
    steps = parse_steps(steps)
    segs = segment(documents, level=level)
    if "language" in steps:
        from .language import annotate_segments

        segs = annotate_segments(segs, documents)
    rest = [s for s in steps if s != "language"]
    if rest:
        lang_hint = segs["lang"] if "lang" in segs else None
        if lang_hint is None and "declared_lang" in documents:
            lang_hint = segs["doc_id"].map(dict(zip(documents["doc_id"], documents["declared_lang"])))
        segs = _annotate_with_langs(segs, rest, lang_hint)
    return segs.reset_index(drop=True)


def _annotate_with_langs(segs: pd.DataFrame, steps: list[str], langs) -> pd.DataFrame:
    out = segs.copy()
    texts = out["text"].astype(str)
    if "sentiment" in steps:
        sent = _provider("sentiment")(texts, lang=langs)
        for c in ("sentiment", "sentiment_label", "sentiment_hits"):
            if c in sent:
                out[c] = sent[c].to_numpy()
    if "dictionaries" in steps:
        tag = _provider("dictionaries")
        for name in ("temperaments", "channels"):
            out[name] = tag(texts, dictionary=name, lang=langs)["labels"].to_numpy()
    return out
