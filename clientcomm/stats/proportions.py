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

__all__ = ["expected_proportions", "PROB_COLUMNS"]

PROB_COLUMNS = ("p_negative", "p_neutral", "p_positive")


def expected_proportions(data: pd.DataFrame, by: str, cluster: str, columns=PROB_COLUMNS, *, reference=None,
                         n_boot: int = 2000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Mean of each probability column per ``by`` group, cluster-bootstrap CI, difference to ``reference``.

    Rows with a missing probability (empty text) are left out and counted
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
        t = cluster_bootstrap_groups(d, col, by, cluster, reference=reference, n_boot=n_boot, ci=ci, seed=seed)
        t.insert(1, "class", col[2:] if col.startswith("p_") else col)
        parts.append(t)
    out = pd.concat(parts, ignore_index=True)
    out.attrs.update({"dropped": int((~ok).sum()), "n_boot": n_boot, "seed": seed, "cluster": cluster})
    return out
