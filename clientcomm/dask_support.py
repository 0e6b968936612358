"""``annotate`` and ``analyze`` on a Dask DataFrame: the same calls, partition by partition.

Dask is optional (``pip install clientcomm[dask]``) and never imported here:
the functions only call methods of the Dask DataFrame they are given. Every
partition is annotated by the pandas core (:mod:`clientcomm.annotation`)
through ``map_partitions``, with the output ``meta`` declared from a small
run, so the result is a lazy Dask DataFrame whose computed rows equal what
pandas gives on the same data.

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

from .annotation import analyze_documents, annotate_frame, parse_steps

__all__ = ["annotate_dask", "analyze_dask", "is_dask"]


def is_dask(data) -> bool:
    """True for a Dask collection (checked by its module: Dask itself is not imported).

    >>> is_dask(pd.DataFrame())
    False
    """
    return type(data).__module__.split(".")[0] in ("dask", "dask_expr")


def _annotate_partition(part: pd.DataFrame, text_column: str, steps: list[str], lang: str | None) -> pd.DataFrame:
    return annotate_frame(part, text_column, steps, lang=lang)


def _conform(df: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Give a partition the dtypes declared in ``meta`` (an all-empty column may come out differently).

    A column that cannot take the declared dtype is an error naming it: the
    partitions would otherwise disagree with the declared ``meta``.
    """
    for c in meta.columns:
        if c in df and df[c].dtype != meta[c].dtype:
            try:
                df[c] = df[c].astype(meta[c].dtype)
            except (TypeError, ValueError) as exc:
                raise TypeError(f"column {c!r}: a partition's {df[c].dtype} values do not convert to the "
                                f"declared {meta[c].dtype} ({exc})") from exc
    return df


def _annotate_and_conform(part, text_column, steps, lang, meta):
    return _conform(_annotate_partition(part, text_column, steps, lang), meta)


def annotate_dask(ddf, text_column: str = "text", steps: str | Iterable[str] | None = None,
                  lang: str | None = None):
    """Annotate ``ddf[text_column]`` lazily; returns a Dask DataFrame (input columns + annotations)."""
    steps = parse_steps(steps)
    if text_column not in ddf.columns:
        raise KeyError(f"text column {text_column!r} not found; columns are: {', '.join(map(str, ddf.columns))}")
    sample = ddf._meta_nonempty.head(1)
    meta = _annotate_partition(sample, text_column, steps, lang).iloc[:0]
    return ddf.map_partitions(_annotate_and_conform, text_column, steps, lang, meta, meta=meta,
                              enforce_metadata=False)


#: documents analysed up front to declare the output columns of analyze_dask
_META_DOCUMENTS = 3


def _analyze_partition(part: pd.DataFrame, level: str, steps: list[str]) -> pd.DataFrame | None:
    if len(part) == 0:
        return None
    return analyze_documents(part, level, steps)


def _analyze_and_conform(part, level, steps, meta):
    out = _analyze_partition(part, level, steps)
    if out is None:
        return meta.copy()
    return _conform(out, meta)[list(meta.columns)] if set(meta.columns) <= set(out.columns) else out


def analyze_dask(documents, level: str = "sentence", steps: str | Iterable[str] | None = None):
    """Segment and annotate a Dask DataFrame of documents, one partition at a time.

    A document's segments depend only on its own row, so keep every document
    in one row. The segment table's index restarts in each partition (use
    ``doc_id`` and ``seg_id``, not the index). The output ``meta`` comes from
    the first few real documents (Dask's synthetic sample values need not
    segment into sentences).
    """
    steps = parse_steps(steps)
    meta = _analyze_partition(documents.head(_META_DOCUMENTS, npartitions=-1), level, steps)
    if meta is None or len(meta) == 0:
        raise ValueError(f"analyze_dask: the first {_META_DOCUMENTS} documents give no segments, so the output "
                         "columns cannot be declared; drop empty documents first")
    meta = meta.iloc[:0]
    return documents.map_partitions(_analyze_and_conform, level, steps, meta, meta=meta,
                                    enforce_metadata=False)
