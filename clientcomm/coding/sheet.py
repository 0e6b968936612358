"""Draw a stratified sample of units and write it as a coding sheet (.csv or .xlsx) for human coders.

>>> import pandas as pd
>>> seg = pd.DataFrame({"seg_id": [f"s{i}" for i in range(6)], "doc_id": ["a"] * 3 + ["b"] * 3,
...                     "text": ["Позвоните.", "Напишите.", "Ждём.", "Sunați.", "Scrieți.", "Așteptăm."],
...                     "lang": ["ru"] * 3 + ["ro"] * 3})
>>> sheet = sample(seg, 4, stratify_by="lang", seed=1, label_sets=["channels"], coders=["A", "B"])
>>> sheet["lang"].value_counts().sort_index().tolist(), [c for c in sheet.columns if ":" in c]
([2, 2], ['channels:A', 'channels:B'])

Conventions a coder follows (also written into the sheet's ``codebook``):
an empty cell means *not coded yet*; ``none`` means *coded: no label
applies*; several labels are separated by ``;``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd

__all__ = ["sample", "write_sheet", "label_vocabulary", "code_column", "NONE", "UNIT_COLUMNS"]

NONE = "none"
UNIT_COLUMNS = ["unit_id", "doc_id", "lang", "text", "context"]
_SENTIMENT = ("negative", "neutral", "positive")


def code_column(label_set: str, coder: str) -> str:
    """Name of the sheet column where ``coder`` writes the ``label_set`` codes: ``"channels:A"``."""
    if ":" in label_set or ":" in coder:
        raise ValueError("label set and coder names must not contain ':'")
    return f"{label_set}:{coder}"


def label_vocabulary(label_set: str) -> tuple[str, ...]:
    """Allowed labels of a label set: a clientcomm dictionary's labels, or the three sentiment labels.

    >>> label_vocabulary("sentiment")
    ('negative', 'neutral', 'positive')
    """
    if label_set in ("sentiment", "sentiment_label"):
        return _SENTIMENT
    from ..dictionaries import load_dictionary

    try:
        return tuple(load_dictionary(label_set).labels)
    except FileNotFoundError as exc:  # say how to name the labels of a set that is not a dictionary
        raise ValueError(f"label set {label_set!r} is neither 'sentiment' nor a clientcomm dictionary ({exc}); "
                         f"pass its labels, e.g. read(paths, vocabulary={{{label_set!r}: [...]}})") from exc


def _allocate(sizes: pd.Series, n: int, allocation: str) -> pd.Series:
    """How many units to draw per stratum: proportional (largest remainder) or equal, capped by stratum size."""
    if allocation == "proportional":
        exact = sizes / sizes.sum() * n
        take = np.floor(exact).astype(int)
        rest = n - int(take.sum())
        order = (exact - take).sort_values(ascending=False, kind="mergesort").index[:rest]
        take.loc[order] += 1
    elif allocation == "equal":
        take = pd.Series(0, index=sizes.index)
        left = n
        open_ = list(sizes.index)
        while left > 0 and open_:
            share = max(1, left // len(open_))
            for s in list(open_):
                add = min(share, int(sizes[s] - take[s]), left)
                take[s] += add
                left -= add
                if take[s] >= sizes[s]:
                    open_.remove(s)
                if left == 0:
                    break
    else:
        raise ValueError("allocation must be 'proportional' or 'equal'")
    return take.clip(upper=sizes).astype(int)


def _context(table: pd.DataFrame, text: str, context_by: str | None, window: int) -> pd.Series:
    """The ``window`` units before and after each unit of the same ``context_by`` group, around a marker."""
    out = pd.Series("", index=table.index, dtype=object)
    groups = table.groupby(context_by, sort=False).groups if context_by else {None: table.index}
    for _, idx in groups.items():
        texts = table.loc[idx, text].astype(str).tolist()
        for k, i in enumerate(idx):
            before = " ".join(texts[max(0, k - window):k])
            after = " ".join(texts[k + 1:k + 1 + window])
            out.loc[i] = f"{before} [>>> UNIT <<<] {after}".strip()
    return out


def sample(table: pd.DataFrame, n: int, stratify_by: str | list[str] | None = None, seed: int = 0, *,
           unit_id: str = "seg_id", text: str = "text", context_by: str | None = "doc_id", window: int = 1,
           label_sets: Iterable[str] = ("temperaments", "channels"), coders: Iterable[str] = ("A", "B"),
           allocation: str = "proportional") -> pd.DataFrame:
    """A coding sheet: ``n`` units drawn without replacement (stratified, seeded), with empty code columns.

    Columns: ``unit_id``, ``doc_id`` and ``lang`` when the table has them,
    ``text``, ``context`` (``window`` neighbouring units of the same
    ``context_by`` group on each side, the unit replaced by a marker), the
    strata columns, then one empty column ``label_set:coder`` per label set
    and coder. Rows are in a seeded random order, so that coders do not meet
    the strata in blocks. ``allocation``: ``"proportional"`` to stratum size
    or ``"equal"`` per stratum (to oversample rare strata, e.g. units the
    dictionary tagged). ``attrs["vocabulary"]`` holds each label set's labels.
    """
    for c in [unit_id, text] + ([context_by] if context_by else []):
        if c not in table.columns:
            raise KeyError(f"column {c!r} not found; columns are: {', '.join(map(str, table.columns))}")
    if table[unit_id].duplicated().any():
        raise ValueError(f"unit ids in {unit_id!r} must be unique")
    if not 0 < n <= len(table):
        raise ValueError(f"n must be between 1 and the number of units ({len(table)}), not {n}")
    strata = [stratify_by] if isinstance(stratify_by, str) else list(stratify_by or [])
    for c in strata:
        if c not in table.columns:
            raise KeyError(f"stratum column {c!r} not found")
    label_sets, coders = list(label_sets), list(coders)
    vocab = {ls: label_vocabulary(ls) for ls in label_sets}
    work = table.reset_index(drop=True)
    context = _context(work, text, context_by, window)
    rng = np.random.default_rng(seed)
    if strata:
        key = work[strata].astype(str).agg(" | ".join, axis=1)
        sizes = key.value_counts().sort_index()
        take = _allocate(sizes, n, allocation)
        if take.sum() < n:
            raise ValueError(f"the strata hold only {int(take.sum())} units for n = {n} with {allocation} allocation")
        chosen = np.concatenate([rng.choice(np.flatnonzero(key.to_numpy() == s), size=int(k), replace=False)
                                 for s, k in take.items() if k > 0])
    else:
        chosen = rng.choice(len(work), size=n, replace=False)
    chosen = rng.permutation(np.sort(chosen))
    sheet = pd.DataFrame({"unit_id": work.loc[chosen, unit_id].astype(str).to_numpy()})
    for c in ("doc_id", "lang"):
        if c in work.columns:
            sheet[c] = work.loc[chosen, c].astype(str).to_numpy()
    sheet["text"] = work.loc[chosen, text].astype(str).to_numpy()
    sheet["context"] = context.loc[chosen].to_numpy()
    for c in strata:
        if c not in sheet.columns:
            sheet[c] = work.loc[chosen, c].to_numpy()
    for ls in label_sets:
        for coder in coders:
            sheet[code_column(ls, coder)] = ""
    sheet.attrs.update({"vocabulary": vocab, "seed": seed, "stratify_by": strata, "allocation": allocation,
                        "coders": coders, "label_sets": label_sets})
    return sheet


def _codebook(sheet: pd.DataFrame) -> pd.DataFrame:
    vocab = sheet.attrs.get("vocabulary") or {}
    rows = [{"label_set": ls, "allowed labels": "; ".join(v) + f"; {NONE}"} for ls, v in vocab.items()]
    rows.append({"label_set": "(how to code)",
                 "allowed labels": (f"empty cell = not coded yet; '{NONE}' = coded, no label applies; several labels "
                                    "separated by ';'. Code the unit (the sentence), not its context.")})
    return pd.DataFrame(rows, columns=["label_set", "allowed labels"])


def write_sheet(sheet: pd.DataFrame, path: str | Path, coder: str | None = None) -> Path:
    """Write a coding sheet as ``.csv`` (UTF-8 with BOM, so spreadsheet programs read Cyrillic and Chinese)
    or ``.xlsx`` (a ``units`` sheet and a ``codebook`` sheet). With ``coder``, only that coder's code
    columns are written (each coder gets a file without the others' codes)."""
    path = Path(path)
    out = sheet
    if coder is not None:
        mine = [c for c in sheet.columns if ":" in c and c.split(":", 1)[1] == coder]
        if not mine:
            raise ValueError(f"no code columns for coder {coder!r} in the sheet")
        out = sheet[[c for c in sheet.columns if ":" not in c] + mine]
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".csv":
        out.to_csv(path, index=False, encoding="utf-8-sig")
    elif path.suffix == ".xlsx":
        with pd.ExcelWriter(path, engine="openpyxl") as xl:
            out.to_excel(xl, sheet_name="units", index=False)
            _codebook(sheet).to_excel(xl, sheet_name="codebook", index=False)
    else:
        raise ValueError(f"write .csv or .xlsx, not {path.suffix or 'a file without suffix'}")
    return path
