"""Read and write tables by file extension (CSV, TSV, JSONL, JSON, Parquet, Excel).

Writers keep every value: time-zone-aware times go to text formats and Excel
as ISO 8601 text with their offset (``2024-01-15T10:00:00+02:00``; Excel
cannot hold a time zone), lists and dicts (a ``cleaning_log``) as JSON text in
Parquet and Excel (nested in JSON, Python text in CSV as the streaming writer does),
and control characters that Excel refuses (``\\x0b``, ``\\x01`` …) as Excel's
own ``_xHHHH_`` escapes, which :func:`read_table` turns back. A write goes to
a temporary file beside the target that is renamed over it only when
complete, so a failed write leaves no partial file (and an existing file
untouched).

>>> import pandas as pd, tempfile, os
>>> p = os.path.join(tempfile.mkdtemp(), "t.csv")
>>> _ = write_table(pd.DataFrame({"text": ["привет"]}), p); read_table(p)["text"][0]
'привет'
"""
from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pandas as pd

__all__ = ["read_table", "write_table", "holds_nested_as_text", "TABLE_SUFFIXES", "OUTPUT_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq", ".xlsx")
OUTPUT_SUFFIXES = (".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq", ".xlsx")

# XML 1.0 (the format inside .xlsx) forbids these characters, and turns \r into \n: written _xHHHH_ as Excel
# does; "_x" is escaped too so the escape is reversible
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b-\x0d\x0e-\x1f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_XML_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def _suffix(path: Path) -> str:
    s = path.suffix.lower()
    if s in (".gz", ".bz2", ".xz", ".zst"):
        s = Path(path.stem).suffix.lower()
    return s


def holds_nested_as_text(path: str | Path) -> bool:
    """Whether :func:`write_table` writes nested values (lists of hits) into ``path`` as their Python text.

    True for CSV and TSV (pandas writes ``str(value)``); JSON keeps them nested, Parquet and Excel as JSON.

    >>> holds_nested_as_text("out.csv"), holds_nested_as_text("out.tsv.gz"), holds_nested_as_text("out.jsonl")
    (True, True, False)
    """
    return _suffix(Path(path)) in (".csv", ".tsv", ".tab")


def read_table(path: str | Path, **kwargs) -> pd.DataFrame:
    """Read a table; text columns stay strings (no type guessing of ids).

    For message exports with unknown encodings, several Excel sheets and a
    load report, use :func:`clientcomm.loaders.read_records` (what
    ``clientcomm annotate`` reads with).
    """
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
        df = pd.read_excel(path, dtype=str, keep_default_na=False, **kwargs)
        for col in df.columns:
            if df[col].dtype == object or pd.api.types.is_string_dtype(df[col]):
                df[col] = df[col].map(_xml_unescape)
        return df
    raise ValueError(f"unsupported table format {path.suffix!r}: use one of {', '.join(TABLE_SUFFIXES)}")


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` in the format named by the extension of ``path``; atomically (temporary file, then rename)."""
    path = Path(path)
    s = _suffix(path)
    if s not in OUTPUT_SUFFIXES:
        raise ValueError(f"unsupported output format {path.suffix!r}: use .csv, .tsv, .jsonl, .json, .parquet "
                         "or .xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _write(df, tmp, s)
        os.replace(tmp, path)
    except BaseException:  # noqa: BLE001 - remove the partial file, then let the error through
        tmp.unlink(missing_ok=True)
        raise
    return path


def _write(df: pd.DataFrame, path: Path, s: str) -> None:
    if s in (".parquet", ".pq"):
        _nested_as_json(df).to_parquet(path, index=False)
        return
    # CSV/TSV keep pandas' text of nested values (as the streaming writer does), JSON keeps them nested
    out = _times_as_text(_nested_as_json(df) if s == ".xlsx" else df)
    if s == ".csv":
        out.to_csv(path, index=False)
    elif s in (".tsv", ".tab"):
        out.to_csv(path, index=False, sep="\t")
    elif s in (".jsonl", ".ndjson"):
        out.to_json(path, orient="records", lines=True, force_ascii=False)
    elif s == ".json":
        out.to_json(path, orient="records", force_ascii=False)
    elif s == ".xlsx":
        for col in out.columns:
            if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
                out[col] = out[col].map(_xml_escape)
        _write_xlsx(out, path)


def _write_xlsx(df: pd.DataFrame, path: Path) -> None:
    """One sheet, every string a string: a text starting with ``=`` is not turned into a formula."""
    import openpyxl  # optional heavy dependency: imported only for Excel output
    from openpyxl.cell import WriteOnlyCell

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Sheet1")
    ws.append([str(c) for c in df.columns])

    def cell(v):
        if isinstance(v, str):
            c = WriteOnlyCell(ws, value=v)
            c.data_type = "s"  # openpyxl reads "=…" as a formula (lost on reading, or run by Excel)
            return c
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and v != v):
            return None
        return v.item() if hasattr(v, "item") else v  # numpy scalars

    try:
        for row in df.itertuples(index=False, name=None):
            ws.append([cell(v) for v in row])
        wb.save(path)
    except BaseException:
        if not ws.closed:  # the save failed before closing the sheet: finish its row writer now, or the
            try:           # garbage collector does it later with a warning
                ws.close()
            except Exception:  # noqa: BLE001 - the original error below is the one to report
                pass
        raise
    finally:
        wb.close()  # write-only sheets buffer in a temporary file: released even when saving failed


def _nested_as_json(df: pd.DataFrame) -> pd.DataFrame:
    """Lists, tuples and dicts (such as ``cleaning_log``) become JSON text: every format can hold them."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            if any(isinstance(v, (list, dict, tuple)) for v in out[col]):
                out[col] = out[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str)
                                        if isinstance(v, (list, dict, tuple)) else v)
    return out


def _times_as_text(df: pd.DataFrame) -> pd.DataFrame:
    """Time-zone-aware columns as ISO 8601 text with the offset (no format keeps the zone otherwise)."""
    out = df
    for col in df.columns:
        if isinstance(df[col].dtype, pd.DatetimeTZDtype):
            if out is df:
                out = df.copy()
            out[col] = df[col].map(lambda t: "" if pd.isna(t) else t.isoformat())
    return out


def _xml_escape(v):
    if not isinstance(v, str):
        return v
    return _XML_ILLEGAL.sub(lambda m: "_x005F_" if m.group() == "_" else f"_x{ord(m.group()):04X}_", v)


def _xml_unescape(v):
    if not isinstance(v, str) or "_x" not in v:
        return v
    return _XML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), v)
