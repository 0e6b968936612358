"""Expected proportions of classes (means of calibrated probabilities) per group, with cluster-bootstrap CIs.

>>> import pandas as pd
>>> seg = pd.DataFrame({"doc_id": ["a", "a", "b", "c", "c", "d"], "lang": ["ru", "ru", "ru", "ro", "ro", "ro"],
...                     "p_negative": [0.8, 0.2, 0.1, 0.3, 0.3, 0.0], "p_neutral": [0.1, 0.6, 0.8, 0.6, 0.4, 1.0],
...                     "p_positive": [0.1, 0.2, 0.1, 0.1, 0.3, 0.0]})
>>> t = expected_proportions(seg, "lang", "doc_id", n_boot=200)
>>> t[t["class"] == "negative"][["lang", "estimate", "n_units", "diff"]].round(3).values.tolist()
[['ro', 0.2, 2, 0.0], ['ru', 0.367, 2, 0.167]]

Counting sentences whose *label* is negative compares thresholds that were
tuned separately per language; the mean of a calibrated probability
``p_negative`` is the expected share of negative sentences, comparable across
languages as far as each calibration holds (its cross-validated error is in
``clientcomm.sentiment.heldout_accuracy()``, which belongs beside any
cross-language difference). Sentences of one document are not independent,
so the intervals resample whole ``cluster``s (documents, threads, clients).
"""
from __future__ import annotations

import pandas as pd

from .resample import cluster_bootstrap_groups

__all__ = ["expected_proportions", "describe_differences", "PROB_COLUMNS"]

PROB_COLUMNS = ("p_negative", "p_neutral", "p_positive")


def expected_proportions(data: pd.DataFrame, by: str, cluster: str, columns=PROB_COLUMNS, *, reference=None,
                         n_boot: int = 2000, ci: float = 0.95, seed: int = 0, min_units: int = 2) -> pd.DataFrame:
    """Mean of each probability column per ``by`` group, cluster-bootstrap CI, difference to ``reference``.

    Rows with a missing probability (the engine gives none for an empty
    text, or where its calibration has no basis) are left out and counted
    in ``attrs["dropped"]``. Returns one row per group and class with the
    columns of ``cluster_bootstrap_groups`` plus ``class`` (the column name
    without ``p_``); ``note`` says why an interval is missing (one document
    in a group gives no between-document interval).
    """
    missing = [c for c in [by, cluster, *columns] if c not in data.columns]
    if missing:
        raise KeyError(f"column(s) {', '.join(missing)} not found; calibrated probabilities come from "
                       f"clientcomm.score_sentiment (p_negative, p_neutral, p_positive)")
    ok = data[list(columns)].notna().all(axis=1)
    d = data.loc[ok, [by, cluster, *columns]]
    parts = []
    for col in columns:
        t = cluster_bootstrap_groups(d, col, by, cluster, reference=reference, n_boot=n_boot, ci=ci, seed=seed,
                                     min_units=min_units)
        t.insert(1, "class", col[2:] if col.startswith("p_") else col)
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update({"dropped": int((~ok).sum()), "n_boot": n_boot, "seed": seed, "cluster": cluster})
    return out


def describe_differences(table: pd.DataFrame, accuracy: pd.DataFrame | None = None, by: str | None = None,
                         metric: str = "macro_f1_cv") -> list[str]:
    """One sentence per group and class: the difference to the reference, its CI and the engine's accuracy.

    ``table`` is an ``expected_proportions`` result; ``accuracy`` a table
    indexed by language with ``metric`` (``clientcomm.sentiment.heldout_accuracy()``
    indexed by ``lang``). A difference is called a finding only when its CI
    excludes 0 *and* it is larger than the engine's error 1 − macro-F1 of
    both languages; otherwise the sentence says why not.

    >>> t = pd.DataFrame({"lang": ["ro", "ru"], "class": "negative", "reference": "ro", "estimate": [0.2, 0.5],
    ...                   "diff": [0.0, 0.3], "diff_low": [float("nan"), 0.1], "diff_high": [float("nan"), 0.5],
    ...                   "note": ["reference group", ""]})
    >>> acc = pd.DataFrame({"macro_f1_cv": [0.74, 0.62]}, index=["ro", "ru"])
    >>> describe_differences(t, acc)
    ['ru − ro, negative: +0.300 [+0.100, +0.500]; held-out macro-F1 ru 0.62, ro 0.74: not a finding: smaller than the engine error 0.38 (1 − macro-F1)']
    """
    by = by or table.columns[0]
    lines = []
    for rec in table.to_dict("records"):
        g, ref = rec[by], rec["reference"]
        if g == ref:
            continue
        r = pd.Series(rec)
        head = f"{g} − {ref}, {rec.get('class', '')}: {r['diff']:+.3f}"
        ok = r['diff_low'] == r['diff_low']
        head += f" [{r['diff_low']:+.3f}, {r['diff_high']:+.3f}]" if ok else " (no interval)"
        acc_txt, err = "", None
        if accuracy is not None and metric in accuracy.columns:
            def f1(lang):
                v = accuracy[metric].get(lang) if lang in accuracy.index else None
                return None if v is None or v != v else float(v)
            a, b = f1(g), f1(ref)
            acc_txt = "; held-out macro-F1 " + ", ".join(f"{lg} {v:.2f}" if v is not None else f"{lg} not measured"
                                                      for lg, v in ((g, a), (ref, b)))
            if a is not None and b is not None:
                err = 1.0 - min(a, b)
        if not ok:
            verdict = f"not a finding: {r['note'] or 'no interval'}"
        elif r['diff_low'] <= 0.0 <= r['diff_high']:
            verdict = "not a finding (CI includes 0)"
        elif err is None:
            verdict = "CI excludes 0, but the engine's accuracy is not known for both languages"
        elif abs(r['diff']) <= err:
            verdict = f"not a finding: smaller than the engine error {err:.2f} (1 − macro-F1)"
        else:
            verdict = f"a finding (CI excludes 0 and the difference exceeds the engine error {err:.2f})"
        lines.append(f"{head}{acc_txt}: {verdict}")
    return lines
