"""Compare groups (channels, languages, roles) on thread or message measures, with cluster-bootstrap CIs.

>>> import pandas as pd
>>> t = pd.DataFrame({"thread_id": list("abcdefgh"), "channel": ["email"] * 4 + ["messenger"] * 4,
...                   "first_response_s": [3600, 5400, 7200, 4000, 60, 120, 300, 90]})
>>> r = compare(t, by="channel", measures=["first_response_s"], n_boot=300)
>>> r[["channel", "estimate", "n_units", "diff"]].values.tolist()
[['email', 5050.0, 4, 0.0], ['messenger', 142.5, 4, -4907.5]]

Every interval resamples whole ``unit``s (threads by default, or a client
column), never messages: the messages of a thread are not independent. The
bootstrap is :func:`clientcomm.stats.resample.cluster_bootstrap_groups`
(stratified by group when every unit is in one group, joint otherwise).
``diff`` is the group's estimate minus the reference group's (first in
sorted order unless ``reference`` is given) with a percentile CI from the
paired replicates; ``effect_size`` is Cohen's d on per-unit means (the
difference divided by the pooled standard deviation of the two groups'
unit means). Whatever cannot be computed is NaN and ``note`` says why in words.

``by`` names a column, or two (``["channel", "lang"]``: every combination is
a group). On a thread table, ``by="channel"``/``"lang"`` use ``channels``/
``langs`` (a thread's set, e.g. ``email;messenger`` for a channel switch).
Default measures: those of :data:`THREAD_MEASURES` in the table, else
``sentiment`` (message tables). Booleans become 0/1 (the estimate is a share).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["compare", "THREAD_MEASURES", "COMPARE_COLUMNS"]

THREAD_MEASURES = ("first_response_s", "median_response_s", "client_sentiment_first", "client_sentiment_last",
                   "sentiment_change", "escalation", "resolved_cue", "client_satisfaction")
COMPARE_COLUMNS = ["measure", "group", "estimate", "low", "high", "n_units", "n_obs", "reference", "diff",
                   "diff_low", "diff_high", "effect_size", "unit", "method", "note"]
_NONE = "(none)"


def _resolve_key(table: pd.DataFrame, key: str) -> tuple[str, str]:
    if key in table.columns:
        return key, ""
    if f"{key}s" in table.columns:
        return f"{key}s", f"groups from column {key}s (the set of each thread)"
    raise KeyError(f"no column {key!r} to compare by; columns are: {', '.join(map(str, table.columns))}")


def _cohens_d(data: pd.DataFrame, measure: str, group: str, unit: str, ref) -> dict:
    per_unit = data.groupby([group, unit], sort=False)[measure].mean()
    stats = per_unit.groupby(level=0).agg(["mean", "var", "count"])
    out = {}
    if ref not in stats.index:
        return out
    m0, v0, n0 = stats.loc[ref]
    for g, (m1, v1, n1) in stats.iterrows():
        if g == ref or n0 < 2 or n1 < 2:
            continue
        pooled = np.sqrt(((n0 - 1) * v0 + (n1 - 1) * v1) / (n0 + n1 - 2))
        out[g] = (m1 - m0) / pooled if pooled > 0 else np.nan
    return out


def compare(table: pd.DataFrame, by: str | list[str] = "channel", measures: list[str] | None = None, *,
            unit: str = "thread_id", n_boot: int = 2000, seed: int = 0, reference=None,
            ci: float = 0.95) -> pd.DataFrame:
    """Tidy table: one row per measure and group (see the module docstring)."""
    from ..stats.resample import cluster_bootstrap_groups

    keys = [by] if isinstance(by, str) else list(by)
    if not 1 <= len(keys) <= 2:
        raise ValueError("by: one column name or a list of two")
    if unit not in table.columns:
        raise KeyError(f"unit column {unit!r} not found (CIs resample whole threads or clients); columns are: "
                       f"{', '.join(map(str, table.columns))}")
    resolved = [_resolve_key(table, k) for k in keys]
    cols = [c for c, _ in resolved]
    key_notes = [n for _, n in resolved if n]
    if measures is None:
        measures = [m for m in THREAD_MEASURES if m in table.columns] or (
            ["sentiment"] if "sentiment" in table.columns else [])
        if not measures:
            raise ValueError("no measures given and none of the usual ones in the table; pass measures=[...]")
    groups = table[cols].astype("string").fillna(_NONE).replace("", _NONE)
    label = groups[cols[0]] if len(cols) == 1 else groups[cols[0]].str.cat(groups[cols[1]], sep=" | ")
    rows = []
    for measure in measures:
        base = {"measure": measure, "unit": unit}
        if measure not in table.columns:
            rows.append({**base, "note": f"measure {measure!r} is not a column of the table"})
            continue
        values = table[measure]
        if pd.api.types.is_bool_dtype(values) or values.dtype == object and values.dropna().isin([True, False]).all():
            values = values.astype("boolean").astype("Float64")
        values = pd.to_numeric(values, errors="coerce").astype(float)
        data = pd.DataFrame({"group": label.to_numpy(), "unit": table[unit].astype(str).to_numpy(),
                             "value": values.to_numpy()})
        n_missing = int(data["value"].isna().sum())
        missing_by_group = data.loc[data["value"].isna(), "group"].value_counts().to_dict()
        data = data.dropna(subset=["value"])
        if data.empty:
            rows.append({**base, "note": f"no values of {measure} (all {n_missing} missing)"})
            continue
        ref = reference if reference is not None else sorted(data["group"].unique())[0]
        if ref not in set(data["group"]):
            raise ValueError(f"reference group {ref!r} not found; groups are: {', '.join(sorted(data['group'].unique()))}")
        res = cluster_bootstrap_groups(data, "value", "group", "unit", reference=ref, n_boot=n_boot, ci=ci,
                                       seed=seed)
        d = _cohens_d(data, "value", "group", "unit", ref)
        for r in res.to_dict("records"):
            notes = [r["note"]] if r["note"] else []
            if missing_by_group.get(r["group"]):
                notes.append(f"{missing_by_group[r['group']]} rows without a value of {measure} left out")
            if r["group"] != ref and r["group"] not in d:
                notes.append("no effect size: fewer than 2 units in this or the reference group, or no spread")
            rows.append({**base, **{k: r[k] for k in ("group", "estimate", "low", "high", "n_units", "n_obs",
                                                      "reference", "diff", "diff_low", "diff_high", "method")},
                         "effect_size": 0.0 if r["group"] == ref else d.get(r["group"], np.nan),
                         "note": "; ".join(notes + key_notes)})
    out = pd.DataFrame(rows, columns=COMPARE_COLUMNS)
    split = out["group"].astype("string").str.split(" | ", n=1, regex=False)
    for i, k in enumerate(keys):  # named as asked (``channel``), even when read from ``channels``
        out.insert(1 + i, k, split.str[i] if len(cols) > 1 else out["group"])
    if len(cols) == 1:
        out = out.drop(columns="group")
    out.attrs.update({"n_boot": n_boot, "seed": seed, "ci": ci, "unit": unit,
                      "effect_size": "Cohen's d on per-unit means vs. the reference group"})
    return out
