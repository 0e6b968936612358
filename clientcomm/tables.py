"""Read and write tables by file extension (CSV, TSV, JSONL, Parquet, Excel).

>>> import pandas as pd, tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
>>> write_table(pd.DataFrame({"text": ["привет"]}), p); read_table(p)["text"][0]
'привет'
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

__all__ = ["read_table", "write_table", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq", ".xlsx")


def _suffix(path: Path) -> str:
    s = path.suffix.lower()
    if s in (".gz", ".bz2", ".xz", ".zst"):
        s = Path(path.stem).suffix.lower()
    return s


def read_table(path: str | Path, **kwargs) -> pd.DataFrame:
    """Read a table; text columns stay strings (no type guessing of ids)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    s = _suffix(path)
    if s == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, **kwargs)
    if s in (".tsv", ".tab"):
        return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, **kwargs)
    if s in (".jsonl", ".ndjson"):
        return pd.read_json(path, lines=True, dtype=False, **kwargs)
    if s == ".json":
        return pd.read_json(path, dtype=False, **kwargs)
    if s in (".parquet", ".pq"):
        return pd.read_parquet(path, **kwargs)
    if s == ".xlsx":
        return pd.read_excel(path, dtype=str, **kwargs)
    raise ValueError(f"unsupported table format {path.suffix!r}: use one of {', '.join(TABLE_SUFFIXES)}")


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` in the format named by the extension of ``path``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    s = _suffix(path)
    if s == ".csv":
        df.to_csv(path, index=False)
    elif s in (".tsv", ".tab"):
        df.to_csv(path, index=False, sep="\t")
    elif s in (".jsonl", ".ndjson"):
        df.to_json(path, orient="records", lines=True, force_ascii=False)
    elif s in (".parquet", ".pq"):
        _for_parquet(df).to_parquet(path, index=False)
    elif s == ".xlsx":
        df.to_excel(path, index=False)
    else:
        raise ValueError(f"unsupported output format {path.suffix!r}: use .csv, .tsv, .jsonl, .parquet or .xlsx")
    return path


def _for_parquet(df: pd.DataFrame) -> pd.DataFrame:
    """Parquet cannot hold mixed Python objects: nested lists/dicts go as JSON text."""
    import json

    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            sample = out[col].dropna().head(50)
            if any(isinstance(v, (list, dict, tuple)) for v in sample):
                out[col] = out[col].map(lambda v: v if v is None else json.dumps(v, ensure_ascii=False, default=str))
    return out
