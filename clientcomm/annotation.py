"""The core annotation: the registered steps, and texts → one row of annotation columns per text.

>>> annotate_unique(["Mulțumesc frumos!"], ["language"])["lang"].tolist()
['ro']
>>> available_steps()
['language', 'sentiment', 'dictionaries']

Every entry point (:mod:`clientcomm.pipeline`, :mod:`clientcomm.parallel`,
:mod:`clientcomm.dask_support`, :mod:`clientcomm.streaming`) ends here; this
module imports none of them. A step is registered in :data:`STEP_PROVIDERS`
as ``(module, function)``; it is looked up when used, so a missing or broken
step is a :class:`StepUnavailableError` with one clear line, never a smaller
result.

One tokenisation per text: each distinct text gets one
:class:`~clientcomm.tokens.TokenizedText`, shared by the sentiment step and
both dictionaries (a Chinese text goes through jieba once).

Result shape per step (one row per text, the columns of :data:`STEP_COLUMNS`):

- ``language``: ``lang`` (BCP-47 or ``und``), ``lang_score`` (0..1), ``script``;
- ``sentiment``: ``sentiment`` (−1..1), ``sentiment_label``, ``sentiment_hits``
  (list of dicts: ``term, lemma, start, end, valence, weight_after_rules, rules``)
  and, when the sentiment step provides them, ``p_negative``, ``p_neutral``,
  ``p_positive``;
- ``dictionaries``: one column per dictionary of :data:`DICTIONARIES`, the
  labels found, ``;``-separated (``""`` when none).
"""
from __future__ import annotations

import gc
import importlib
import threading
import time
import warnings
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import pandas as pd

# The registered annotators. Imported here so that the import graph shows them; each is still
# looked up through importlib when used (see step_function), which is how a broken one is reported.
from . import dictionaries as _dictionaries  # noqa: F401
from . import language as _language  # noqa: F401
from . import sentiment as _sentiment  # noqa: F401
from ._series import per_text
from .language import annotate_segments
from .segment import segment
from .tokens import tokenized_texts

__all__ = ["STEPS", "STEP_PROVIDERS", "STEP_COLUMNS", "DICTIONARIES", "StepUnavailableError", "step_function",
           "available_steps", "parse_steps", "annotation_columns", "annotate_unique", "annotate_frame",
           "analyze_documents", "nested_as_text", "tick"]

#: Every step the toolkit knows, in the order they run.
STEPS = ("language", "sentiment", "dictionaries")
#: The dictionaries the ``dictionaries`` step applies; each fills the column of its name.
DICTIONARIES = ("temperaments", "channels")
#: step → (module, function) of its annotator.
STEP_PROVIDERS = {
    "language": ("clientcomm.language", "detect_language"),
    "sentiment": ("clientcomm.sentiment", "score_sentiment"),
    "dictionaries": ("clientcomm.dictionaries", "tag"),
}
#: step → the columns it can add, in output order (a provider's extra columns are not kept).
STEP_COLUMNS = {
    "language": ("lang", "lang_score", "script"),
    "sentiment": ("sentiment", "sentiment_label", "sentiment_hits", "p_negative", "p_neutral", "p_positive"),
    "dictionaries": DICTIONARIES,
}


class StepUnavailableError(ImportError):
    """A registered step whose annotator cannot be imported or is not where the registry says."""


def step_function(step: str) -> Callable:
    """The annotator function of ``step``; a clear :class:`StepUnavailableError` when it is broken.

    >>> step_function("language").__name__
    'detect_language'
    """
    mod, fn = STEP_PROVIDERS[step]
    try:
        module = importlib.import_module(mod)
    except ImportError as exc:
        raise StepUnavailableError(f"step {step!r} is broken: cannot import {mod} ({exc})") from exc
    func = getattr(module, fn, None)
    if not callable(func):
        raise StepUnavailableError(f"step {step!r} is broken: {mod} has no function {fn}")
    return func


def available_steps() -> list[str]:
    """The registered steps, in running order, after checking that each one loads (else the error).

    A broken step raises :class:`StepUnavailableError` rather than being left
    out: a shorter list would silently give a smaller result.
    """
    for step in STEPS:
        step_function(step)
    return list(STEPS)


def parse_steps(steps: str | Sequence[str] | None) -> list[str]:
    """Normalise a step list (``"language,sentiment"`` or a list) to running order; None means all.

    >>> parse_steps("dictionaries, language")
    ['language', 'dictionaries']
    """
    if steps is None:
        return available_steps()
    if isinstance(steps, str):
        steps = [s.strip() for s in steps.split(",") if s.strip()]
    steps = list(steps)
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        raise ValueError(f"unknown step(s) {', '.join(unknown)}: choose from {', '.join(STEPS)}")
    for s in steps:
        step_function(s)
    return [s for s in STEPS if s in steps]


def annotation_columns(steps: Sequence[str]) -> list[str]:
    """Names of the columns the steps can add, in output order.

    >>> annotation_columns(["language", "dictionaries"])
    ['lang', 'lang_score', 'script', 'temperaments', 'channels']
    """
    return [c for s in STEPS if s in steps for c in STEP_COLUMNS[s]]


def tick(timings: dict | None, stage: str, t0: float) -> None:
    """Add the seconds since ``t0`` to ``timings[stage]`` (when ``timings`` is a dict)."""
    if timings is not None:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - t0


def _column(values, n: int) -> pd.Series:
    s = values if isinstance(values, pd.Series) else pd.Series(list(values))
    if len(s) != n:
        raise ValueError(f"an annotator returned {len(s)} values for {n} texts")
    return s.reset_index(drop=True)


#: Allocations between two young-generation garbage collections while a batch is annotated (CPython's
#: default is 700). A batch allocates hundreds of thousands of short-lived tokens and tuples, almost none
#: in reference cycles; at the default CPython kept running full collections over the lexicons, word lists
#: and caches, about 7 % of the annotation CPU on 5,000 distinct texts. Results do not depend on it.
GC_YOUNG_THRESHOLD = 50_000
_GC_LOCK = threading.Lock()
_GC_STATE: dict = {"depth": 0, "saved": None}


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the young-generation GC threshold to :data:`GC_YOUNG_THRESHOLD` inside the block, then restore it.

    Nested and concurrent blocks share one change; the last to leave restores the threshold.

    >>> before = gc.get_threshold()
    >>> with fewer_collections():
    ...     gc.get_threshold()[0] >= GC_YOUNG_THRESHOLD
    True
    >>> gc.get_threshold() == before
    True
    """
    with _GC_LOCK:
        if _GC_STATE["depth"] == 0:
            saved = gc.get_threshold()
            _GC_STATE["saved"] = saved
            gc.set_threshold(max(saved[0], GC_YOUNG_THRESHOLD), *saved[1:])
        _GC_STATE["depth"] += 1
    try:
        yield
    finally:
        with _GC_LOCK:
            _GC_STATE["depth"] -= 1
            if _GC_STATE["depth"] == 0:
                gc.set_threshold(*_GC_STATE["saved"])


def annotate_unique(texts: Sequence[str], steps: Sequence[str], lang=None,
                    timings: dict | None = None) -> pd.DataFrame:
    """Annotation columns for a list of texts (one row each, RangeIndex), no input columns.

    The core every other entry point calls, once per distinct text. ``lang``
    is None (detect), one code for all texts, or a sequence aligned with
    ``texts``. When ``timings`` is a dict, seconds per step are added to it.
    """
    texts = list(texts)
    if not texts:  # run on one text so that the columns and dtypes are the real ones
        return annotate_unique([""], steps, lang if isinstance(lang, str) or lang is None else None).iloc[:0]
    with fewer_collections():
        return _annotate_texts(texts, steps, lang, timings)


def _annotate_texts(texts: list[str], steps: Sequence[str], lang, timings: dict | None) -> pd.DataFrame:
    """:func:`annotate_unique` of a non-empty list."""
    n = len(texts)
    # object dtype: the steps read the texts back as Python strings (tolist, per text); from pandas' own
    # string dtype every such read would convert the whole column again
    s = pd.Series(texts, dtype=object)
    if lang is not None and not isinstance(lang, str):
        lang = pd.Series(per_text(lang, s, "lang"))
    cols: dict[str, pd.Series] = {}
    langs = lang
    if "language" in steps:
        t0 = time.perf_counter()
        det = step_function("language")(s)
        for c in STEP_COLUMNS["language"]:
            if c in det:
                cols[c] = _column(det[c], n)
        langs = cols["lang"]
        tick(timings, "language", t0)
    shared = tokenized_texts(texts)  # tokens made once per text, on first use, for every later step
    if "sentiment" in steps:
        t0 = time.perf_counter()
        sent = step_function("sentiment")(s, lang=langs, tokens=shared)
        for c in STEP_COLUMNS["sentiment"]:
            if c in sent:
                cols[c] = _column(sent[c], n)
        tick(timings, "sentiment", t0)
    if "dictionaries" in steps:
        t0 = time.perf_counter()
        tag = step_function("dictionaries")
        for name in DICTIONARIES:
            cols[name] = _column(tag(s, dictionary=name, lang=langs, tokens=shared)["labels"], n)
        tick(timings, "dictionaries", t0)
    return pd.DataFrame(cols, index=pd.RangeIndex(n))


def nested_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every list, tuple and dict (the hits of ``sentiment_hits``) replaced by its Python text.

    That text, ``str(value)``, is what pandas writes for such a value into a CSV or TSV
    file, so writing the result gives the same bytes. Made where the values are (in
    each worker, in parallel), the process that writes the file neither unpickles nor
    formats them. Other values are kept; the frame is changed in place and returned.

    >>> nested_as_text(pd.DataFrame({"h": [[{"term": "ok"}], None, "x"]}))["h"].tolist()
    ["[{'term': 'ok'}]", None, 'x']
    """
    for col in frame.columns:
        if frame[col].dtype == object:
            values = frame[col].tolist()
            if any(isinstance(v, (list, tuple, dict)) for v in values):
                frame[col] = pd.Series([str(v) if isinstance(v, (list, tuple, dict)) else v for v in values],
                                       index=frame.index, dtype=object)
    return frame


def _texts(col: pd.Series) -> pd.Series:
    return col.astype("string").fillna("").astype(str)


def annotate_frame(df: pd.DataFrame, text_column: str, steps: Sequence[str], lang=None, *,
                   pool=None, progress: bool | None = None, timings: dict | None = None,
                   warn_replaced: int = 3) -> pd.DataFrame:
    """Run ``steps`` on ``df[text_column]``; a new frame with the annotation columns added.

    Distinct texts (per language when ``lang`` is a per-row sequence) are
    annotated once, by ``pool`` (anything with the ``annotate_unique`` method
    of :class:`clientcomm.parallel.AnnotationPool`) or, without one, here.
    ``timings``: a dict to which seconds are added per stage (``dedup``, each
    step, ``expand``).
    """
    t0 = time.perf_counter()
    texts = _texts(df[text_column])
    if lang is not None and not isinstance(lang, str):
        langs = pd.Series(per_text(lang, df[text_column], "lang"), index=df.index)
        langs = langs.astype("string").fillna("").astype(str)
        codes, uniques = pd.factorize(pd.MultiIndex.from_arrays([texts.to_numpy(), langs.to_numpy()]))
        u_texts = [t for t, _ in uniques]
        u_lang = [lg or None for _, lg in uniques]
    else:
        codes, uniques = pd.factorize(texts)
        u_texts, u_lang = list(uniques), lang
    tick(timings, "dedup", t0)
    if pool is None:
        ann = annotate_unique(u_texts, steps, u_lang, timings=timings)
    else:
        ann = pool.annotate_unique(u_texts, progress=progress, lang=u_lang, timings=timings)
    t0 = time.perf_counter()
    expanded = ann.take(codes)
    out = df.copy()
    for c in ann.columns:
        if c in out.columns:
            warnings.warn(f"input column {c!r} is replaced by the annotation of the same name",
                          stacklevel=warn_replaced)
        col = expanded[c].array  # positional, keeps the dtype
        # ...also of an object column (pandas would store one holding only strings, such as the hits as
        # text, in its string type: a copy of every string, turned back into objects when written)
        out[c] = pd.Series(col, index=out.index, dtype=object, copy=False) if expanded[c].dtype == object else col
    tick(timings, "expand", t0)
    return out


def analyze_documents(documents: pd.DataFrame, level: str, steps: Sequence[str], *, pool=None,
                      progress: bool | None = None) -> pd.DataFrame:
    """Segment a documents table and annotate every segment (the pandas core of ``analyze``).

    The language of a segment comes from the language step (with its
    document as context) or, without it, from ``declared_lang``; the other
    steps run on distinct (segment text, language) pairs, by ``pool`` when given.
    """
    steps = list(steps)
    segs = segment(documents, level=level)
    if "language" in steps:
        segs = annotate_segments(segs, documents)
    rest = [s for s in steps if s != "language"]
    if rest:
        lang_hint = segs["lang"] if "lang" in segs else None
        if lang_hint is None and "declared_lang" in documents:
            lang_hint = segs["doc_id"].map(dict(zip(documents["doc_id"], documents["declared_lang"])))
        segs = annotate_frame(segs, "text", rest, lang=lang_hint, pool=pool, progress=progress, warn_replaced=4)
    return segs.reset_index(drop=True)
