"""Tests for multi-label columns: presence or absence of each label per unit, one test per label.

>>> import pandas as pd
>>> p = pd.DataFrame({"channels": ["phone", "phone;email", "", "email", "", ""], "lang": ["ru", "ru", "ru", "ro", "ro", "ro"]})
>>> t = label_tests(p, "channels", "lang", unit="passages", n_perm=999)
>>> t[["label", "counts", "method"]].values.tolist()[1]
['phone', 'ro 0/3 · ru 2/3', "Fisher's exact test (2×2, two-sided)"]

A passage naming both phone and e-mail adds to two cells of a channel ×
language table, so the cells of such a table are not independent counts and
chi² on it is wrong. Here every unit is either with or without a label, one
2×k table per label (units × groups), and the family of per-label tests is
adjusted with Benjamini–Hochberg. When ``by`` is itself multi-label
(temperament × channel), each pair of labels gets a 2×2 table of units
with/without each. With ``cluster`` (e.g. ``doc_id``), the test permutes
whole clusters (see ``cluster_permutation_test``), because units of one
document are not independent.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .association import benjamini_hochberg, cluster_permutation_test, contingency_test, not_tested
from .crosstab import _order, split_labels

__all__ = ["label_tests", "LABEL_TEST_COLUMNS"]

LABEL_TEST_COLUMNS = ["family", "label", "by", "counts", "n_units", "method", "unit", "statistic", "p", "p_bh",
                      "cramers_v_bc", "result", "note"]


def _fmt_p(p: float) -> str:
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def _result_text(r: dict, p_bh: float | None) -> str:
    if not r["computed"]:
        return f"not tested: {r['note']}"
    bh = f", BH-adjusted p {_fmt_p(p_bh)}" if p_bh is not None and np.isfinite(p_bh) else ""
    return f"p = {_fmt_p(r['p'])}{bh}; bias-corrected V = {r['cramers_v_bc']:.2f}"


def label_tests(data: pd.DataFrame, labels: str, by: str, *, cluster: str | None = None, unit: str = "units",
                sep: str = ";", label_values=None, by_name: str | None = None, n_perm: int = 9999, seed: int = 0,
                family: str | None = None) -> pd.DataFrame:
    """One presence/absence test per label of ``labels`` against ``by``, Benjamini–Hochberg across them.

    ``data`` has one row per unit (passage, document, thread). ``by`` is a
    group column (language, source) or, if any of its values holds ``sep``,
    another multi-label column (then one 2×2 test per label pair). Returns
    one row per test with ``counts`` (units with the label / units, per
    group), ``method`` (exact / permutation / chi², chosen by the counts),
    ``unit`` (what was counted and resampled), ``p``, ``p_bh``,
    ``cramers_v_bc``, ``result`` (a sentence) and ``note`` (why a test was not
    run). ``p`` is missing only for tests not run, and ``result`` then says why.
    """
    for c in [labels, by] + ([cluster] if cluster else []):
        if c not in data.columns:
            raise KeyError(f"column {c!r} not found; columns are: {', '.join(map(str, data.columns))}")
    by_name = by_name or by
    family = family or f"{labels} × {by}"
    lab_sets = [set(split_labels(v, sep)) for v in data[labels]]
    values = list(label_values) if label_values is not None else _order({x for s in lab_sets for x in s}, labels)
    by_multi = data[by].astype(str).str.contains(sep, regex=False).any()
    rows = []
    if by_multi:
        by_sets = [set(split_labels(v, sep)) for v in data[by]]
        by_values = _order({x for s in by_sets for x in s}, by)
        pairs = [(a, b) for a in values for b in by_values]
    else:
        groups = data[by].astype(str).to_numpy()
        pairs = [(a, None) for a in values]
    for lab, other in pairs:
        present = np.array([lab in s for s in lab_sets])
        if other is None:
            col = groups
            shown_by = by
            grp = pd.Series(present).groupby(col)
            counts = " · ".join(f"{g} {int(v.sum())}/{len(v)}" for g, v in sorted(grp, key=lambda x: str(x[0])))
            col_name = by_name
        else:
            col = np.array([other in s for s in by_sets])
            shown_by = f"{by}: {other}"
            counts = (f"with {other} {int(present[col].sum())}/{int(col.sum())} · "
                      f"without {int(present[~col].sum())}/{int((~col).sum())}")
            col_name = f"{by_name} ({other} named or not)"
        row_name = f"{unit[:-1] if unit.endswith('s') else unit} naming {lab}"
        if not present.any():
            r = not_tested(f"no {unit[:-1] if unit.endswith('s') else unit} names {lab}", len(present))
        elif present.all():
            r = not_tested(f"every {unit[:-1] if unit.endswith('s') else unit} names {lab}", len(present))
        elif other is not None and not col.any():
            r = not_tested(f"no {unit[:-1] if unit.endswith('s') else unit} names {other}", len(present))
        elif len(set(col.tolist())) < 2:
            r = not_tested(f"only one {col_name} ({col[0]}) in the data: nothing to compare", len(present))
        elif cluster is not None:
            gname = by if other is None else f"{other} named"
            frame = pd.DataFrame({f"{lab} named": present, gname: col, cluster: data[cluster].to_numpy()})
            r = cluster_permutation_test(frame, f"{lab} named", gname, cluster, n_perm=n_perm, seed=seed,
                                         row_name=row_name, col_name=col_name)
        else:
            table = pd.crosstab(pd.Series(present, name="present"), pd.Series(col, name="group"))
            r = contingency_test(table, n_perm=n_perm, seed=seed, row_name=row_name, col_name=col_name)
        if cluster is not None and r["computed"]:
            unit_text = f"{unit} (presence/absence per unit); {r['unit']}"
        elif cluster is not None:
            unit_text = f"{unit} (presence/absence per unit); {cluster} clusters"
        else:
            unit_text = f"{unit} (presence/absence per unit), assumed independent"
        rows.append({"family": family, "label": lab, "by": shown_by, "counts": counts, "n_units": int(len(present)),
                     "method": r["method"], "unit": unit_text, "statistic": r["statistic"], "p": r["p"],
                     "cramers_v_bc": r["cramers_v_bc"], "note": r["note"], "_r": r})
    out = pd.DataFrame(rows, columns=[*LABEL_TEST_COLUMNS, "_r"])
    out["p_bh"] = benjamini_hochberg(out["p"].tolist()) if len(out) else []
    out["result"] = [_result_text(r, pb) for r, pb in zip(out["_r"], out["p_bh"])]
    out = out.drop(columns="_r")
    out["p"] = pd.to_numeric(out["p"], errors="coerce")
    out.attrs.update({"family": family, "n_tests": int(out["p"].notna().sum()), "seed": seed, "n_perm": n_perm})
    return out.reset_index(drop=True)
