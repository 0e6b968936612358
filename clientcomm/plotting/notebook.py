"""Notebook set-up: the same display, seeds and quiet logging in every notebook run.

Stored notebook outputs are compared by ``pytest --nbval``, so a run must
print nothing that changes from run to run.

>>> setup_notebook()
>>> import pandas as pd; pd.get_option("display.precision")
3
"""
from __future__ import annotations

import logging
import random
import warnings
from pathlib import Path
from typing import Iterable

import pandas as pd

__all__ = ["setup_notebook", "load_segments", "select_languages", "readable"]


def setup_notebook(seed: int = 0) -> None:
    """Fix pandas display options, seed every random source, silence chatty loggers, register fonts."""
    import numpy as np

    from .fonts import register_fonts

    pd.set_option("display.precision", 3)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_colwidth", 90)
    pd.set_option("display.width", 160)
    random.seed(seed)
    np.random.seed(seed)
    try:
        from langdetect import DetectorFactory

        DetectorFactory.seed = seed
    except ImportError:  # pragma: no cover
        pass
    for name in ("jieba", "matplotlib", "matplotlib.font_manager", "papermill", "fontTools"):
        logging.getLogger(name).setLevel(logging.ERROR)
    try:
        import jieba

        jieba.setLogLevel(logging.ERROR)
    except ImportError:  # pragma: no cover
        pass
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    warnings.filterwarnings("ignore", category=FutureWarning)
    register_fonts()


def select_languages(segments: pd.DataFrame, languages: str | Iterable[str] | None) -> pd.DataFrame:
    """Keep the segments whose ``lang`` is in ``languages`` (None keeps all; "ru,ro" works too).

    >>> seg = pd.DataFrame({"lang": ["ru", "ro", "zh-Hant"]})
    >>> select_languages(seg, "ru,zh-Hant")["lang"].tolist()
    ['ru', 'zh-Hant']
    """
    if languages is None or "lang" not in segments:
        return segments
    if isinstance(languages, str):
        languages = [x.strip() for x in languages.split(",") if x.strip()]
    keep = set(languages)
    return segments[segments["lang"].isin(keep)].reset_index(drop=True)


def load_segments(corpus_path: str | Path | None = None, languages=None, level: str = "sentence",
                  segments_path: str | Path | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Documents table and annotated segment table of a corpus (None = the bundled one).

    The notebooks' first step: ``docs, segs = load_segments(corpus_path, languages)``.
    ``segments_path`` reuses a segment table already computed for the same
    corpus (``.pkl`` as written by the report, or ``.parquet``/``.csv`` from
    ``clientcomm analyze``) instead of analysing again.
    """
    import clientcomm

    docs = clientcomm.load_corpus(corpus_path)
    if segments_path is not None:
        segs = _read_segments(Path(segments_path))
    else:
        segs = clientcomm.analyze(docs, level=level)
    return docs, select_languages(segs, languages)


def _read_segments(path: Path) -> pd.DataFrame:
    import ast
    import json

    if path.suffix == ".pkl":
        return pd.read_pickle(path)
    from ..io import read_table

    segs = read_table(path)
    if "sentiment_hits" in segs and len(segs) and isinstance(segs["sentiment_hits"].iloc[0], str):
        # write_table stores nested values as JSON in Parquet/Excel and as Python text in CSV/TSV
        parse = ast.literal_eval if path.suffix.lower() in (".csv", ".tsv", ".tab") else json.loads
        segs["sentiment_hits"] = [parse(v) if v else [] for v in segs["sentiment_hits"]]
    return segs


def readable(table: pd.DataFrame, digits: int = 3, missing: str = "—") -> pd.DataFrame:
    """A table for display: numbers rounded to ``digits`` as text, missing values as ``missing`` (never "nan").

    Stored notebook outputs are read by people and checked by nbval; a test
    that could not be computed shows a dash and its note, not NaN.

    >>> readable(pd.DataFrame({"p": [0.01234, None], "n": [3, 4], "note": ["", "only one language"]})).values.tolist()
    [['0.012', '3', ''], ['—', '4', 'only one language']]
    """
    import numpy as np

    out = pd.DataFrame(index=table.index)
    for c in table.columns:
        col = table[c]
        if pd.api.types.is_bool_dtype(col):
            out[c] = col.astype(str)
        elif pd.api.types.is_integer_dtype(col):
            out[c] = col.astype(str)
        elif pd.api.types.is_float_dtype(col):
            out[c] = [missing if not np.isfinite(v) else f"{v:.{digits}f}" for v in col.to_numpy(dtype=float)]
        else:
            out[c] = [missing if (v is None or (isinstance(v, float) and v != v)) else str(v) for v in col]
    return out
