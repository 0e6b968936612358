"""Cross-tabulate two (possibly semicolon multi-label) columns of a segment table.

>>> import pandas as pd
>>> seg = pd.DataFrame({"channels": ["phone", "phone;email", "", "email"], "lang": ["ru", "ru", "ro", "ro"]})
>>> t = crosstab(seg, "channels", "lang")
>>> t[["channels", "lang", "count", "n_segments", "rate_per_100"]].values.tolist()
[['email', 'ro', 1, 2, 50.0], ['email', 'ru', 1, 2, 50.0], ['phone', 'ro', 0, 2, 0.0], ['phone', 'ru', 2, 2, 100.0]]
>>> t.attrs["test"]["note"][:40]
'some segments carry several channels lab'

Cells are counts of segments carrying a row label and a column label (a
segment with ``phone;email`` counts once for each). ``rate_per_100`` is per
100 segments of the column group; ``ci_low``/``ci_high`` its interval (×100):
Wilson's score interval when segments are taken as independent, or a cluster
bootstrap over ``cluster`` (documents, threads) when it is given, which is
what segments of one text call for (``ci_method`` says which). Neither
collapses to [0, 0] at a zero count.

``attrs["test"]`` is a test of independence (see ``contingency_test``) when
every segment has at most one row label and one column label; with
multi-label segments the cells are not independent and no test is run on the
table (the note says so): use ``label_tests``, which tests presence/absence
of each label per unit. ``attrs`` also holds the wide ``counts`` and ``rates``.
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
    """Cramér's V = sqrt(chi² / (n · (min(r, c) − 1))), uncorrected (biased upwards in small samples;
    ``cramers_v_corrected`` is Bergsma's correction).

    >>> cramers_v(8.0, 8, (2, 2))
    1.0
    """
    k = min(shape) - 1
    if n <= 0 or k <= 0:
        raise ValueError("Cramér's V needs n > 0 and at least two rows and columns")
    return float(np.sqrt(chi2 / (n * k)))


def _order(labels: set, column: str) -> list:
    vocab = _VOCAB.get(column)
    if vocab:
        return [v for v in vocab if v in labels] + sorted(labels - set(vocab))
    return sorted(labels)


def crosstab(segments: pd.DataFrame, row: str = "channels", col: str = "lang", sep: str = ";", *,
             cluster: str | None = None, n_boot: int = 2000, seed: int = 0, ci: float = 0.95,
             empty_label: str | None = None, n_perm: int = 9999, min_units: int = 2) -> pd.DataFrame:
    """Tidy cross-table of ``row`` labels by ``col`` labels with rates, intervals and (where valid) a test.

    Both columns may hold semicolon-separated labels. Segments without a row
    label are left out of the cells but count in the column group sizes
    (``n_segments``), unless ``empty_label`` names a row for them (e.g.
    ``"(none)"``). With ``cluster`` the intervals resample whole clusters
    (``cluster_bootstrap_groups``, seeded) and the test permutes clusters; a
    group with fewer than ``min_units`` clusters gets a Wilson interval over
    its segments instead, and ``ci_method`` says so.
    """
    from .association import cluster_permutation_test, contingency_test, not_tested
    from .intervals import wilson_interval
    from .resample import cluster_bootstrap_groups

    for c in (row, col) + ((cluster,) if cluster else ()):
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
    bounds: dict = {}
    if cluster is not None and row_labels and col_labels:
        long = pd.DataFrame([(i, c) for i, cl in enumerate(cols_l) for c in set(cl)], columns=["_i", col])
        long[cluster] = segments[cluster].to_numpy()[long["_i"].to_numpy()]
        for r in row_labels:
            long["_has"] = [int(r in rows_l[i]) for i in long["_i"]]
            g = cluster_bootstrap_groups(long, "_has", col, cluster, n_boot=n_boot, ci=ci, seed=seed,
                                         min_units=min_units)
            for rec in g.itertuples(index=False):
                if rec.low == rec.low:  # an interval exists (at least two clusters in the group)
                    bounds[(r, str(rec[0]))] = (
                        100.0 * rec.low, 100.0 * rec.high,
                        f"cluster bootstrap over {cluster}" + (f" ({rec.note})" if "Jeffreys" in rec.note else ""))
                else:
                    k_, n_ = int(counts.loc[r, str(rec[0])]), int(n_col[str(rec[0])])
                    lo_, hi_ = wilson_interval(k_, n_, ci)
                    bounds[(r, str(rec[0]))] = (
                        100.0 * float(lo_), 100.0 * float(hi_),
                        f"Wilson score interval within {rec.n_units} {cluster} (segments as if independent; "
                        f"too few {cluster} for a between-{cluster} interval)")
        ci_name = f"cluster bootstrap over {cluster} ({n_boot} draws, seed {seed})"
    else:
        ci_name = "Wilson score interval (segments assumed independent)"
    records = []
    for r in row_labels:
        for c in col_labels:
            k, n = int(counts.loc[r, c]), int(n_col[c])
            if (r, c) in bounds:
                lo, hi, m = bounds[(r, c)]
            else:
                lo, hi = (100.0 * float(x) for x in wilson_interval(k, n, ci))
                m = "Wilson score interval"
            records.append({row: r, col: c, "count": k, "n_segments": n,
                            "rate_per_100": (100.0 * k / n) if n else 0.0,
                            "ci_low": float(lo), "ci_high": float(hi), "ci_method": m})
    out = pd.DataFrame(records, columns=[row, col, "count", "n_segments", "rate_per_100", "ci_low", "ci_high",
                                         "ci_method"])
    single = all(len(set(r)) <= 1 for r in rows_l) and all(len(set(c)) <= 1 for c in cols_l)
    n_cells = int(counts.to_numpy().sum())
    if not single:
        test = not_tested(f"some segments carry several {row} labels or several {col} labels, so the cells are "
                          f"not independent counts; test presence/absence per label with label_tests", n_cells)
    elif cluster is not None:
        flat = pd.DataFrame({row: [r[0] if r else "" for r in rows_l], col: [c[0] if c else "" for c in cols_l],
                             cluster: segments[cluster].to_numpy()})
        flat = flat[(flat[row] != "") & (flat[col] != "")]
        test = cluster_permutation_test(flat, row, col, cluster, n_perm=n_perm, seed=seed) if len(flat) else \
            not_tested(f"no segment has both a {row} and a {col} label")
    else:
        test = contingency_test(counts, n_perm=n_perm, seed=seed, row_name=row, col_name=col)
    out.attrs.update({"test": test, "n": n_cells, "counts": counts, "rates": rates, "n_boot": n_boot,
                      "seed": seed, "ci": ci, "ci_method": ci_name})
    return out
