"""Evaluate language identification on a labelled CSV (``text,lang``): the ``clientcomm eval langid`` report.

>>> import pandas as pd
>>> df = pd.DataFrame({"text": ["Добрый вечер, как дела?", "Bună seara, ce mai faci?"], "lang": ["ru", "ro"]})
>>> score_table(df)["correct"].tolist()
[True, True]
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from .detector import detect_language

__all__ = ["score_table", "summarise", "evaluate_file", "LENGTH_BUCKETS", "read_labelled"]

#: Length buckets in characters, as (label, lowest, highest).
LENGTH_BUCKETS = (("<=30", 0, 30), ("31-100", 31, 100), (">100", 101, 10**9))


def read_labelled(path: str) -> pd.DataFrame:
    """Read a CSV with a text column and a ``lang`` (or ``label``) column."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    if "lang" not in df.columns and "label" in df.columns:
        df = df.rename(columns={"label": "lang"})
    missing = {"text", "lang"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}; expected text,lang")
    return df


def _bucket(n: int) -> str:
    for label, lo, hi in LENGTH_BUCKETS:
        if lo <= n <= hi:
            return label
    return LENGTH_BUCKETS[-1][0]


def score_table(df: pd.DataFrame, languages: Iterable[str] | None = None) -> pd.DataFrame:
    """Per-text table: ``text``, ``lang`` (gold), ``pred``, ``lang_score``, ``length``, ``bucket``, ``correct``."""
    det = detect_language(df["text"].astype(str), languages=languages)
    out = pd.DataFrame({"text": df["text"].astype(str).to_numpy(), "lang": df["lang"].astype(str).to_numpy(),
                        "pred": det["lang"].to_numpy(), "lang_score": det["lang_score"].to_numpy()})
    out["length"] = out["text"].str.len()
    out["bucket"] = out["length"].map(_bucket)
    out["correct"] = out["lang"] == out["pred"]
    return out


def summarise(table: pd.DataFrame, top: int = 10) -> dict[str, pd.DataFrame | float]:
    """Accuracy overall, per language, per length bucket, calibration and the top confusions."""
    order = [b for b, _, _ in LENGTH_BUCKETS]
    per_lang = table.groupby("lang")["correct"].agg(n="size", accuracy="mean")
    per_bucket = table.groupby("bucket")["correct"].agg(n="size", accuracy="mean").reindex(order)
    per_bucket["n"] = per_bucket["n"].fillna(0).astype(int)
    wrong = table[~table["correct"]]
    conf = (wrong.groupby(["lang", "pred"]).size().rename("n").reset_index()
            .sort_values(["n", "lang", "pred"], ascending=[False, True, True]).head(top).reset_index(drop=True))
    bins = pd.cut(table["lang_score"], [-0.01, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0])
    calib = table.groupby(bins, observed=True).agg(n=("correct", "size"), mean_score=("lang_score", "mean"),
                                                   accuracy=("correct", "mean"))
    return {"accuracy": float(table["correct"].mean()), "per_language": per_lang, "per_length": per_bucket,
            "confusions": conf, "calibration": calib}


def evaluate_file(path: str, languages: str | Iterable[str] | None = None) -> str:
    """The printed report for ``clientcomm eval langid DATA.csv`` (columns ``text,lang``)."""
    if isinstance(languages, str):
        languages = [c.strip() for c in languages.split(",") if c.strip()]
    table = score_table(read_labelled(path), languages=languages)
    s = summarise(table)
    fmt = {"accuracy": "{:.3f}".format, "mean_score": "{:.3f}".format}
    lines = [f"language identification on {path}: {len(table)} texts",
             f"accuracy overall: {s['accuracy']:.3f}", "", "per language:",
             s["per_language"].to_string(formatters=fmt), "", "per length (characters):",
             s["per_length"].to_string(formatters=fmt), "", "calibration (lang_score bucket):",
             s["calibration"].to_string(formatters=fmt), "", "top confusions (gold -> predicted):",
             s["confusions"].to_string(index=False) if len(s["confusions"]) else "(none)"]
    return "\n".join(lines)
