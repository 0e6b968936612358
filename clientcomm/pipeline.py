"""Compose the annotators: ``annotate`` for any column of texts, ``analyze`` for a corpus.

>>> import pandas as pd
>>> out = annotate(pd.DataFrame({"id": [1], "text": ["Спасибо, всё отлично!"]}), steps=["language"])
>>> list(out.columns[:2]), out.loc[0, "lang"]
(['id', 'text'], 'ru')

Speed: a column is deduplicated once for all steps (message data repeats a
lot), each distinct text is annotated once, and the results are spread back
to every row. ``jobs=N`` annotates the distinct texts in N worker processes
(:mod:`clientcomm.parallel`) with results identical to ``jobs=1``. A Dask
DataFrame goes through :mod:`clientcomm.dask_support` and comes back as one;
files larger than memory go through :func:`clientcomm.streaming.annotate_file`.
"""
from __future__ import annotations

import importlib
import logging
import time
import warnings
from typing import Iterable, Sequence

import pandas as pd

__all__ = ["STEPS", "available_steps", "parse_steps", "annotate", "analyze", "annotate_frame",
           "annotate_unique", "annotation_columns", "SEGMENT_COLUMNS"]

log = logging.getLogger(__name__)

#: Every step the toolkit knows, in the order they run.
STEPS = ("language", "sentiment", "dictionaries")
SEGMENT_COLUMNS = ["doc_id", "seg_id", "level", "start", "end", "text"]
#: The dictionaries the ``dictionaries`` step applies; each fills the column of its name.
DICTIONARIES = ("temperaments", "channels")

_STEP_PROVIDERS = {
    "language": ("clientcomm.language", "detect_language"),
    "sentiment": ("clientcomm.sentiment", "score_sentiment"),
    "dictionaries": ("clientcomm.dictionaries", "tag"),
}
_STEP_COLUMNS = {
    "language": ("lang", "lang_score", "script"),
    "sentiment": ("sentiment", "sentiment_label", "sentiment_hits"),
    "dictionaries": DICTIONARIES,
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


def annotation_columns(steps: Sequence[str]) -> list[str]:
    """Names of the columns the steps can add, in output order.

    >>> annotation_columns(["language", "dictionaries"])
    ['lang', 'lang_score', 'script', 'temperaments', 'channels']
    """
    return [c for s in STEPS if s in steps for c in _STEP_COLUMNS[s]]


def _column(values, n: int) -> pd.Series:
    s = values if isinstance(values, pd.Series) else pd.Series(list(values))
    if len(s) != n:
        raise ValueError(f"an annotator returned {len(s)} values for {n} texts")
    return s.reset_index(drop=True)


def annotate_unique(texts: Sequence[str], steps: Sequence[str], lang=None,
                    timings: dict | None = None) -> pd.DataFrame:
    """Annotation columns for a list of texts (one row each, RangeIndex), no input columns.

    The core every other entry point calls, once per distinct text. ``lang``
    is None (detect), one code for all texts, or a sequence aligned with
    ``texts``. When ``timings`` is a dict, seconds per step are added to it.

    >>> annotate_unique(["Mulțumesc frumos!"], ["language"])["lang"].tolist()
    ['ro']
    """
    texts = list(texts)
    if not texts:  # run on one text so that the columns and dtypes are the real ones
        return annotate_unique([""], steps, lang if isinstance(lang, str) or lang is None else None).iloc[:0]
    n = len(texts)
    s = pd.Series(texts)
    if lang is not None and not isinstance(lang, str):
        lang = _column(lang, n)
    cols: dict[str, pd.Series] = {}

    def _clock(step, t0):
        _tick(timings, step, t0)

    langs = None
    if "language" in steps:
        t0 = time.perf_counter()
        det = _provider("language")(s)
        for c in _STEP_COLUMNS["language"]:
            if c in det:
                cols[c] = _column(det[c], n)
        langs = cols["lang"]
        _clock("language", t0)
    elif lang is not None:
        langs = lang if not isinstance(lang, str) else None
    if "sentiment" in steps:
        t0 = time.perf_counter()
        sent = _provider("sentiment")(s, lang=langs if langs is not None else lang)
        for c in _STEP_COLUMNS["sentiment"]:
            if c in sent:
                cols[c] = _column(sent[c], n)
        _clock("sentiment", t0)
    if "dictionaries" in steps:
        t0 = time.perf_counter()
        tag = _provider("dictionaries")
        for name in DICTIONARIES:
            cols[name] = _column(tag(s, dictionary=name, lang=langs if langs is not None else lang)["labels"], n)
        _clock("dictionaries", t0)
    return pd.DataFrame(cols, index=pd.RangeIndex(n))


def _put(out: pd.DataFrame, name: str, values: pd.Series) -> None:
    if name in out.columns and name not in getattr(out, "_cc_added", set()):
        warnings.warn(f"input column {name!r} is replaced by the annotation of the same name", stacklevel=4)
    out[name] = values.array  # positional, keeps the dtype


def _texts(col: pd.Series) -> pd.Series:
    return col.astype("string").fillna("").astype(str)


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
    from .parallel import AnnotationPool

    t0 = time.perf_counter()
    texts = _texts(df[text_column])
    if lang is not None and not isinstance(lang, str):
        langs = pd.Series(list(lang), index=df.index).astype("string").fillna("").astype(str)
        codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([texts.to_numpy(), langs.to_numpy()]))
        u_texts = [t for t, _ in uniques]
        u_lang = [lg or None for _, lg in uniques]
    else:
        codes, uniques = pd.factorize(texts)
        u_texts, u_lang = list(uniques), lang
    _tick(timings, "dedup", t0)
    if pool is None:
        pool = AnnotationPool(jobs, steps, lang if isinstance(lang, str) else None)
    ann = pool.annotate_unique(u_texts, progress=progress, lang=u_lang, timings=timings)
    t0 = time.perf_counter()
    expanded = ann.take(codes)
    out = df.copy()
    for c in ann.columns:
        _put(out, c, expanded[c])
    _tick(timings, "expand", t0)
    return out


def _tick(timings: dict | None, stage: str, t0: float) -> None:
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0


def _is_dask(data) -> bool:
    return type(data).__module__.split(".")[0] in ("dask", "dask_expr")


def annotate(data, text_column: str = "text", steps: str | Iterable[str] | None = None,
             lang: str | None = None, *, jobs: int | None = 1, progress: bool | None = None,
             timings: dict | None = None):
    """Annotate a column of texts: every input column kept, in order, plus annotation columns.

    ``data`` is a DataFrame (texts in ``text_column``), a Series, a list of
    strings, or a Dask DataFrame (a Dask DataFrame comes back, computed
    lazily partition by partition). ``steps`` is any of ``language``,
    ``sentiment``, ``dictionaries`` (default: all available). ``lang`` forces
    one language for every text when the language step is not run. One
    output row per input row, same order. ``jobs`` worker processes (0 or -1:
    all cores) give the same result as one; ``progress`` shows a tqdm bar
    (default: only on long runs in a terminal). ``timings``, if a dict,
    receives the seconds spent per stage.
    """
    if _is_dask(data):
        from .dask_support import annotate_dask

        if _n_jobs(jobs) != 1:
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


def _n_jobs(jobs) -> int:
    from .parallel import resolve_jobs

    return resolve_jobs(jobs)


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
    if _is_dask(documents):
        from .dask_support import analyze_dask

        return analyze_dask(documents, level=level, steps=steps)
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
        segs = annotate_frame(segs, "text", rest, lang=lang_hint, jobs=jobs, progress=progress)
    return segs.reset_index(drop=True)
