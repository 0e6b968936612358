"""Cross-tabulate two (possibly semicolon multi-label) columns of a segment table.

>>> import pandas as pd
>>> seg = pd.DataFrame({"channels": ["phone", "phone;email", "", "email"], "lang": ["ru", "ru", "ro", "ro"]})
>>> t = crosstab(seg, "channels", "lang")
>>> t[["channels", "lang", "count", "n_segments", "rate_per_100"]].values.tolist()
[['email', 'ro', 1, 2, 50.0], ['email', 'ru', 1, 2, 50.0], ['phone', 'ro', 0, 2, 0.0], ['phone', 'ru', 2, 2, 100.0]]
>>> round(t.attrs["cramers_v"], 3)
0.577

Cells are counts of segments carrying a row label and a column label (a
segment with ``phone;email`` counts once for each). ``rate_per_100`` is per
100 segments of the column group, ``ci_low``/``ci_high`` a percentile
bootstrap interval of that proportion (×100). ``attrs``: ``chi2``, ``p``,
``dof``, ``cramers_v``, ``n`` (cells total) and the wide ``counts`` and
``rates`` tables. Because a multi-label segment adds to several cells, the
cells are not independent observations: treat chi² and V as descriptive.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["crosstab", "split_labels", "cramers_v"]

_VOCAB = {
    "channels": ("email", "phone", "messenger", "sms", "meeting", "letter", "video", "social", "web"),
    "temperaments": ("sanguine", "choleric", "melancholic", "phlegmatic"),
}


def split_labels(value, sep: str = ";") -> list[str]:
    """``"phone;email"`` → ``["phone", "email"]``; empty, None and NaN → ``[]``.

    >>> split_labels("phone; email"), split_labels(None)
    (['phone', 'email'], [])
    """
    if value is None or (isinstance(value, float) and value != value):
        return []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if str(v)]
    return [p.strip() for p in str(value).split(sep) if p.strip()]


def cramers_v(chi2: float, n: float, shape: tuple[int, int]) -> float:
    """Cramér's V = sqrt(chi² / (n · (min(r, c) − 1))).

    >>> cramers_v(8.0, 8, (2, 2))
    1.0
    """
    k = min(shape) - 1
    return float(np.sqrt(chi2 / (n * k))) if n > 0 and k > 0 else float("nan")


def _order(labels: set, column: str) -> list:
    vocab = _VOCAB.get(column)
    if vocab:
        return [v for v in vocab if v in labels] + sorted(labels - set(vocab))
    return sorted(labels)


def crosstab(segments: pd.DataFrame, row: str = "channels", col: str = "lang", sep: str = ";",
             n_boot: int = 1000, seed: int = 0, ci: float = 0.95, empty_label: str | None = None) -> pd.DataFrame:
    """Tidy cross-table of ``row`` labels by ``col`` labels with rates, chi², Cramér's V and bootstrap CIs.

    Both columns may hold semicolon-separated labels. Segments without a row
    label are left out of the cells but count in the column group sizes
    (``n_segments``), unless ``empty_label`` names a row for them (e.g.
    ``"(none)"``). The bootstrap resamples the segments of each column group
    ``n_boot`` times (seeded with ``seed``): for a 0/1 indicator this is a
    binomial draw of the group size, which is how it is computed.
    """
    from scipy.stats import chi2_contingency

    for c in (row, col):
        if c not in segments.columns:
            raise KeyError(f"column {c!r} not found; columns are: {', '.join(map(str, segments.columns))}")
    rows_l = [split_labels(v, sep) or ([empty_label] if empty_label else []) for v in segments[row]]
    cols_l = [split_labels(v, sep) for v in segments[col]]
    row_labels = _order({x for r in rows_l for x in r}, row)
    col_labels = _order({x for c in cols_l for x in c}, col)
    counts = pd.DataFrame(0, index=pd.Index(row_labels, name=row), columns=pd.Index(col_labels, name=col))
    n_col = pd.Series(0, index=col_labels, dtype=int)
    for rl, cl in zip(rows_l, cols_l):
        for c in set(cl):
            n_col[c] += 1
            for r in set(rl):
                counts.loc[r, c] += 1
    rates = counts.div(n_col.where(n_col > 0), axis=1) * 100.0
    rng = np.random.default_rng(seed)
    alpha = (1.0 - ci) / 2.0
    records = []
    for r in row_labels:
        for c in col_labels:
            k, n = int(counts.loc[r, c]), int(n_col[c])
            if n > 0 and n_boot > 0:
                draws = rng.binomial(n, k / n, size=n_boot) / n * 100.0
                lo, hi = np.quantile(draws, [alpha, 1.0 - alpha])
            else:
                lo = hi = float("nan")
            records.append({row: r, col: c, "count": k, "n_segments": n,
                            "rate_per_100": (100.0 * k / n) if n else float("nan"),
                            "ci_low": float(lo), "ci_high": float(hi)})
    out = pd.DataFrame(records, columns=[row, col, "count", "n_segments", "rate_per_100", "ci_low", "ci_high"])
    m = counts.loc[counts.sum(axis=1) > 0, counts.sum(axis=0) > 0]
    if m.shape[0] >= 2 and m.shape[1] >= 2:
        chi2, p, dof, _ = chi2_contingency(m.to_numpy(), correction=False)
        v = cramers_v(chi2, float(m.to_numpy().sum()), m.shape)
    else:
        chi2, p, dof, v = float("nan"), float("nan"), 0, float("nan")
    out.attrs.update({"chi2": float(chi2), "p": float(p), "dof": int(dof), "cramers_v": v,
                      "n": int(counts.to_numpy().sum()), "counts": counts, "rates": rates,
                      "n_boot": n_boot, "seed": seed, "ci": ci})
    return out
