"""Language identification (placeholder: seeded langdetect; the full detector replaces it)."""
from __future__ import annotations

import pandas as pd

__all__ = ["detect_language", "annotate_segments"]


def _as_series(texts) -> pd.Series:
    if isinstance(texts, str):
        return pd.Series([texts])
    return texts if isinstance(texts, pd.Series) else pd.Series(list(texts))


def detect_language(texts, languages=None) -> pd.DataFrame:
    from langdetect import DetectorFactory, detect_langs

    DetectorFactory.seed = 0
    s = _as_series(texts)
    rows = []
    for t in s:
        try:
            best = detect_langs(str(t))[0]
            code = {"zh-cn": "zh-Hans", "zh-tw": "zh-Hant"}.get(best.lang, best.lang)
            rows.append((code, float(best.prob), ""))
        except Exception:
            rows.append(("und", 0.0, ""))
    return pd.DataFrame(rows, columns=["lang", "lang_score", "script"], index=s.index)


def annotate_segments(segments: pd.DataFrame, documents: pd.DataFrame | None = None) -> pd.DataFrame:
    out = segments.copy()
    det = detect_language(out["text"])
    for c in det.columns:
        out[c] = det[c].values
    return out
