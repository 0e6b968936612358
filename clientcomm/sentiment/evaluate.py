"""Evaluate sentiment on a labelled CSV (``text,label``): macro-F1, per-class P/R, confusion matrix.

>>> m = metrics(["positive", "negative", "neutral"], ["positive", "neutral", "neutral"])
>>> round(m["macro_f1"], 3)
0.556

Macro-F1 is averaged over the classes present in the gold labels. When the
gold labels have no ``neutral`` row (e.g. zh-Hans review data), the scorer
runs in binary mode (``score_sentiment(..., binary=True)``: positive when the
score is above the language's ``BINARY_THRESHOLD``, else negative), so no
text is lost to a neutral class the data does not have.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["metrics", "evaluate", "evaluate_file", "format_report", "read_labelled"]

LABELS = ("negative", "neutral", "positive")


def metrics(gold, pred, classes=None) -> dict:
    """Macro-F1 over ``classes`` (default: those in ``gold``), per-class P/R/F1, confusion matrix."""
    gold = [str(g) for g in gold]
    pred = [str(p) for p in pred]
    if classes is None:
        classes = [c for c in LABELS if c in set(gold)] + sorted(set(gold) - set(LABELS))
    cols = list(classes) + sorted(set(pred) - set(classes))
    cm = pd.crosstab(pd.Categorical(gold, categories=list(classes)), pd.Categorical(pred, categories=cols),
                     dropna=False, rownames=["gold"], colnames=["predicted"])
    per = {}
    for c in classes:
        tp = int(cm.loc[c, c]) if c in cm.columns else 0
        npred = int(cm[c].sum()) if c in cm.columns else 0
        ngold = int(cm.loc[c].sum())
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[c] = {"precision": p, "recall": r, "f1": f, "support": ngold}
    macro = sum(v["f1"] for v in per.values()) / len(per) if per else 0.0
    acc = sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0
    return {"macro_f1": macro, "accuracy": acc, "per_class": per, "confusion": cm, "n": len(gold)}


def read_labelled(path: str | Path) -> pd.DataFrame:
    """Read a ``text,label`` CSV (extra columns kept)."""
    df = pd.read_csv(path)
    missing = {"text", "label"} - set(df.columns)
    if missing:
        raise ValueError(f"{path}: needs columns text,label (missing {', '.join(sorted(missing))})")
    df["text"] = df["text"].astype("string").fillna("").astype(str)
    df["label"] = df["label"].astype(str).str.strip().str.lower()
    return df


def evaluate(texts, labels, lang=None, binary: bool | None = None, model=None) -> dict:
    """Score ``texts`` and compare with ``labels``; ``binary`` defaults to "no neutral in labels"."""
    from . import score_sentiment

    labels = [str(x) for x in labels]
    if binary is None:
        binary = "neutral" not in set(labels)
    if model is not None:
        scored = model.score(pd.Series(list(texts)), lang=lang)
    else:
        scored = score_sentiment(pd.Series(list(texts)), lang=lang, binary=binary)
    out = metrics(labels, list(scored["sentiment_label"]))
    out["binary"] = binary
    out["ece"], out["n_ece"] = _ece(scored, labels, binary)
    return out


def _ece(scored: pd.DataFrame, labels: list[str], binary: bool) -> tuple[float | None, int]:
    """Top-label ECE (10 bins) of the probability columns over the rows that have them (binary: the
    negative/positive pair renormalised)."""
    from .calibration import expected_calibration_error

    cols = ["p_negative", "p_positive"] if binary else ["p_negative", "p_neutral", "p_positive"]
    if not set(cols) <= set(scored.columns):
        return None, 0
    p = scored[cols].to_numpy(dtype=float)
    classes = [c.removeprefix("p_") for c in cols]
    ok = ~np.isnan(p).any(axis=1) & np.array([lab in classes for lab in labels])
    if not ok.any():
        return None, 0
    p = p[ok] / p[ok].sum(axis=1, keepdims=True)
    y = np.array([classes.index(lab) for lab, k in zip(labels, ok) if k])
    return expected_calibration_error(p, y), int(ok.sum())


def format_report(m: dict, title: str = "") -> str:
    """Readable text: macro-F1, per-class precision/recall/F1, confusion matrix."""
    lines = []
    if title:
        lines.append(title)
    mode = " (binary mode: no neutral rows)" if m.get("binary") else ""
    lines.append(f"n = {m['n']}   macro-F1 = {m['macro_f1']:.3f}   accuracy = {m['accuracy']:.3f}{mode}")
    if m.get("ece") is not None:
        lines.append(f"expected calibration error (top-label, 10 bins) = {m['ece']:.3f} on {m['n_ece']} texts "
                     "with probabilities (in-sample if these texts were used to fit the calibration)")
    lines.append(f"{'class':<10} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for c, v in m["per_class"].items():
        lines.append(f"{c:<10} {v['precision']:>9.3f} {v['recall']:>7.3f} {v['f1']:>6.3f} {v['support']:>8d}")
    lines.append("confusion matrix (rows gold, columns predicted):")
    lines.append(m["confusion"].to_string())
    return "\n".join(lines)


def evaluate_file(path: str | Path, lang: str | None = None) -> str:
    """``clientcomm eval sentiment DATA.csv [--lang ru]``: the report as text.

    Without ``lang`` each text's language is detected.
    """
    df = read_labelled(path)
    m = evaluate(df["text"], df["label"], lang=lang)
    return format_report(m, title=f"sentiment on {Path(path).name} (lang: {lang or 'detected'})")
