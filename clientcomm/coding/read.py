"""Read filled coding sheets into one long table of codes: one row per unit, label set and coder.

>>> import pandas as pd, tempfile, os
>>> sheet = pd.DataFrame({"unit_id": ["s1", "s2"], "lang": ["ru", "ru"], "text": ["a", "b"],
...                       "channels:A": ["phone; email", "none"], "channels:B": ["phone", ""]})
>>> path = os.path.join(tempfile.mkdtemp(), "coded.csv"); sheet.to_csv(path, index=False)
>>> read(path)[["unit_id", "label_set", "coder", "labels"]].values.tolist()
[['s1', 'channels', 'A', 'email;phone'], ['s1', 'channels', 'B', 'phone'], ['s2', 'channels', 'A', '']]

An empty cell is *not coded* and gives no row; ``none`` is *coded, no
label* and gives ``labels == ""``. Labels are checked against the label
set's vocabulary (a clientcomm dictionary's labels, or negative / neutral /
positive for ``sentiment``) and written sorted in vocabulary order.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from .sheet import NONE, label_vocabulary

__all__ = ["read", "CODE_COLUMNS"]

CODE_COLUMNS = ["unit_id", "label_set", "coder", "labels", "lang", "doc_id", "text", "source"]
_NONE_WORDS = {NONE, "-", "—", "0"}


def _read_one(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    if path.suffix == ".xlsx":
        return pd.read_excel(path, sheet_name="units", dtype=str, keep_default_na=False)
    raise ValueError(f"{path}: read .csv or .xlsx coding sheets, not {path.suffix or 'a file without suffix'}")


def _normalise(cell: str, vocab: tuple[str, ...], where: str) -> str:
    parts = [p.strip().lower() for p in str(cell).replace(",", ";").split(";") if p.strip()]
    if len(parts) == 1 and parts[0] in _NONE_WORDS:
        return ""
    unknown = [p for p in parts if p not in vocab]
    if unknown:
        raise ValueError(f"{where}: unknown label {unknown[0]!r} (allowed: {', '.join(vocab)}, or {NONE!r})")
    return ";".join(v for v in vocab if v in set(parts))


def read(paths: str | Path | Iterable[str | Path], vocabulary: dict | None = None) -> pd.DataFrame:
    """Long table of codes from one or more coding sheets (``.csv``/``.xlsx``, as written by ``write_sheet``).

    Columns: ``unit_id``, ``label_set``, ``coder``, ``labels`` (``;``-joined,
    ``""`` = no label), ``lang``, ``doc_id``, ``text`` (when the sheet has
    them) and ``source`` (file name). ``vocabulary`` maps a label set to its
    allowed labels when it is not a clientcomm dictionary. The same unit,
    label set and coder coded differently in two files is an error.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    vocabulary = dict(vocabulary or {})
    rows = []
    for path in map(Path, paths):
        sheet = _read_one(path)
        if "unit_id" not in sheet.columns:
            raise ValueError(f"{path}: no 'unit_id' column; is this a coding sheet?")
        code_cols = [c for c in sheet.columns if ":" in str(c)]
        if not code_cols:
            raise ValueError(f"{path}: no code columns (named 'label_set:coder', e.g. 'channels:A')")
        for col in code_cols:
            label_set, coder = str(col).split(":", 1)
            vocab = tuple(vocabulary[label_set]) if label_set in vocabulary else label_vocabulary(label_set)
            for i, (uid, cell) in enumerate(zip(sheet["unit_id"], sheet[col])):
                if not str(cell).strip():
                    continue
                labels = _normalise(cell, vocab, f"{path.name} row {i + 2} column {col}")
                rows.append({"unit_id": str(uid), "label_set": label_set, "coder": coder, "labels": labels,
                             "lang": sheet["lang"].iat[i] if "lang" in sheet else "",
                             "doc_id": sheet["doc_id"].iat[i] if "doc_id" in sheet else "",
                             "text": sheet["text"].iat[i] if "text" in sheet else "", "source": path.name})
    codes = pd.DataFrame(rows, columns=CODE_COLUMNS)
    key = ["unit_id", "label_set", "coder"]
    clash = codes[codes.duplicated(key, keep=False)].groupby(key)["labels"].nunique()
    clash = clash[clash > 1]
    if len(clash):
        u, ls, c = clash.index[0]
        raise ValueError(f"unit {u!r}, {ls}, coder {c!r} is coded differently in two files")
    codes = codes.drop_duplicates(key).sort_values(key, kind="mergesort").reset_index(drop=True)
    return codes
