"""``annotate`` and ``analyze`` on a Dask DataFrame: the same calls, partition by partition.

Dask is optional (``pip install clientcomm[dask]``) and imported only here,
only when a Dask DataFrame is passed. Every partition is annotated by the
pandas code path (:func:`clientcomm.annotate`) through ``map_partitions``,
with the output ``meta`` declared from a one-row run, so the result is a lazy
Dask DataFrame whose computed rows equal what pandas gives on the same data.

>>> import pandas as pd, dask.dataframe as dd                  # doctest: +SKIP
>>> ddf = dd.from_pandas(pd.DataFrame({"text": ["Mulțumesc frumos!"]}), npartitions=1)  # doctest: +SKIP
>>> annotate_dask(ddf, steps=["language"]).compute()["lang"].tolist()  # doctest: +SKIP
['ro']

On a cluster, connect a ``distributed.Client`` first (``Client("tcp://scheduler:8786")``);
the workers need clientcomm installed.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

__all__ = ["annotate_dask", "analyze_dask"]


def _annotate_partition(part: pd.DataFrame, text_column: str, steps: list[str], lang: str | None) -> pd.DataFrame:
    from .pipeline import annotate_frame

    return annotate_frame(part, text_column, steps, lang=lang, jobs=1, progress=False)


def _conform(df: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Give a partition the dtypes declared in ``meta`` (an all-empty column may come out differently)."""
    for c in meta.columns:
        if c in df and df[c].dtype != meta[c].dtype:
            try:
                df[c] = df[c].astype(meta[c].dtype)
            except (TypeError, ValueError):
                pass
    return df


def _annotate_and_conform(part, text_column, steps, lang, meta):
    return _conform(_annotate_partition(part, text_column, steps, lang), meta)


def annotate_dask(ddf, text_column: str = "text", steps: str | Iterable[str] | None = None,
                  lang: str | None = None):
    """Annotate ``ddf[text_column]`` lazily; returns a Dask DataFrame (input columns + annotations)."""
    from .pipeline import parse_steps

    steps = parse_steps(steps)
    if text_column not in ddf.columns:
        raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, ddf.columns))}")
    sample = ddf._meta_nonempty.head(1)
    meta = _annotate_partition(sample, text_column, steps, lang).iloc[:0]
    return ddf.map_partitions(_annotate_and_conform, text_column, steps, lang, meta, meta=meta,
                              enforce_metadata=False)


def _analyze_partition(part: pd.DataFrame, level: str, steps: list[str]) -> pd.DataFrame:
    from .pipeline import analyze

    if len(part) == 0:
        return None
    return analyze(part, level=level, steps=steps)


def _analyze_and_conform(part, level, steps, meta):
    out = _analyze_partition(part, level, steps)
    if out is None:
        return meta.copy()
    return _conform(out, meta)[list(meta.columns)] if set(meta.columns) <= set(out.columns) else out


def analyze_dask(documents, level: str = "sentence", steps: str | Iterable[str] | None = None):
    """Segment and annotate a Dask DataFrame of documents, one partition at a time.

    A document's segments depend only on its own row, so keep every document
    in one row. The segment table's index restarts in each partition (use
    ``doc_id`` and ``seg_id``, not the index).
    """
    from .pipeline import parse_steps

    steps = parse_steps(steps)
    meta = None
    try:
        meta = _analyze_partition(documents._meta_nonempty.head(2), level, steps)
    except Exception:
        meta = None
    if meta is None or len(meta) == 0:  # synthetic values did not segment: use a real document
        meta = _analyze_partition(documents.head(1, npartitions=-1), level, steps)
    meta = meta.iloc[:0]
    return documents.map_partitions(_analyze_and_conform, level, steps, meta, meta=meta,
                                    enforce_metadata=False)
