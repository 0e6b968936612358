"""Compose the annotators: ``annotate`` for any column of texts, ``analyze`` for a corpus.

>>> import pandas as pd
>>> out = annotate(pd.DataFrame({"id": [1], "text": ["Спасибо, всё отлично!"]}), steps=["language"])
>>> list(out.columns[:2]), out.loc[0, "lang"]
(['id', 'text'], 'ru')

This module is the façade: it chooses how the work runs (in this process,
in ``jobs`` worker processes, or on a Dask DataFrame) and hands it to the
core in :mod:`clientcomm.annotation`. Imports go one way: ``pipeline`` →
``parallel``/``dask_support`` → ``annotation`` → the annotators.

Speed: a column is deduplicated once for all steps (message data repeats a
lot), each distinct text is annotated once, and the results are spread back
to every row. ``jobs=N`` annotates the distinct texts in N worker processes
(:mod:`clientcomm.parallel`) with results identical to ``jobs=1``. A Dask
DataFrame goes through :mod:`clientcomm.dask_support` and comes back as one;
files larger than memory go through :func:`clientcomm.streaming.annotate_file`.
"""
from __future__ import annotations

import warnings
from typing import Iterable

import pandas as pd

from . import annotation
from .annotation import (DICTIONARIES, STEPS, StepUnavailableError, annotate_unique, annotation_columns,
                         available_steps, parse_steps)
from .corpus import load_corpus
from .dask_support import analyze_dask, annotate_dask, is_dask
from .parallel import AnnotationPool, resolve_jobs

__all__ = ["STEPS", "DICTIONARIES", "available_steps", "parse_steps", "annotate", "analyze", "annotate_frame",
           "annotate_unique", "annotation_columns", "SEGMENT_COLUMNS", "StepUnavailableError"]

SEGMENT_COLUMNS = ["doc_id", "seg_id", "level", "start", "end", "text"]


def annotate_frame(df: pd.DataFrame, text_column: str, steps: list[str], lang=None, *,
                   jobs: int | None = 1, progress: bool | None = None, pool=None,
                   timings: dict | None = None) -> pd.DataFrame:
    """Run ``steps`` on ``df[text_column]``; returns a new frame with the annotation columns added.

    Distinct texts (per language when ``lang`` is a per-row sequence) are
    annotated once, by ``pool`` (a :class:`clientcomm.parallel.AnnotationPool`)
    when given, else by the pool of ``jobs`` processes. ``timings``: a dict
    to which seconds are added per stage (``dedup``, each step, ``expand``;
    with workers, a step's time is summed over them).
    """
    if pool is None:
        pool = AnnotationPool(jobs, steps, lang if isinstance(lang, str) else None)
    return annotation.annotate_frame(df, text_column, steps, lang, pool=pool, progress=progress,
                                     timings=timings, warn_replaced=4)


def annotate(data, text_column: str = "text", steps: str | Iterable[str] | None = None,
             lang: str | None = None, *, jobs: int | None = 1, progress: bool | None = None,
             timings: dict | None = None):
    """Annotate a column of texts: every input column kept, in order, plus annotation columns.

    ``data`` is a DataFrame (texts in ``text_column``), a Series, a list of
    strings, or a Dask DataFrame (a Dask DataFrame comes back, computed
    lazily partition by partition). ``steps`` is any of ``language``,
    ``sentiment``, ``dictionaries`` (default: all). ``lang`` forces
    one language for every text when the language step is not run. One
    output row per input row, same order. ``jobs`` worker processes (0 or -1:
    all cores) give the same result as one; ``progress`` shows a tqdm bar
    (default: only on long runs in a terminal). ``timings``, if a dict,
    receives the seconds spent per stage. A broken step raises
    :class:`~clientcomm.annotation.StepUnavailableError`.
    """
    if is_dask(data):
        if resolve_jobs(jobs) != 1:
            warnings.warn("jobs= is ignored for a Dask DataFrame: the Dask scheduler runs the partitions",
                          stacklevel=2)
        return annotate_dask(data, text_column=text_column, steps=steps, lang=lang)
    if isinstance(data, pd.Series):
        name = data.name if data.name is not None else text_column
        data = data.to_frame(name=name)
        text_column = name
    elif not isinstance(data, pd.DataFrame):
        data = pd.DataFrame({text_column: list(data)})
    if text_column not in data.columns:
        raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, data.columns))}")
    return annotate_frame(data, text_column, parse_steps(steps), lang=lang, jobs=jobs, progress=progress,
                          timings=timings)


def analyze(documents=None, level: str = "sentence", steps: str | Iterable[str] | None = None, *,
            jobs: int | None = 1, progress: bool | None = None):
    """Segment a documents table and annotate every segment: the tidy segment table.

    ``documents`` may be a Dask DataFrame: each partition is analysed on its
    own (keep a document's rows in one partition) and a Dask DataFrame of
    segments comes back. ``jobs`` parallelises the sentiment and dictionary
    steps over distinct segment texts.

    >>> seg = analyze(steps=["language"])
    >>> seg[["doc_id", "lang"]].drop_duplicates("doc_id").shape[0]
    4
    """
    if is_dask(documents):
        return analyze_dask(documents, level=level, steps=steps)
    if documents is None:
        documents = load_corpus()
    steps = parse_steps(steps)
    pool = AnnotationPool(jobs, [s for s in steps if s != "language"])
    return annotation.analyze_documents(documents, level, steps, pool=pool, progress=progress)
