"""Cluster bootstrap: resample whole documents, threads or clients, never single sentences or messages.

>>> import pandas as pd
>>> df = pd.DataFrame({"thread": ["a", "a", "b", "b", "c", "d"], "neg": [1, 1, 0, 0, 1, 0]})
>>> r = cluster_bootstrap(df, "neg", "thread", n_boot=500, seed=0)
>>> r["estimate"], r["n_units"], r["n_obs"]
(0.5, 4, 6)
>>> 0.0 <= r["low"] <= r["estimate"] <= r["high"] <= 1.0
True

Messages of one thread (sentences of one document) are not independent: a
bootstrap that resamples messages treats a thread of 40 similar messages as 40
pieces of evidence and gives intervals that are too narrow. Here the clusters
are drawn with replacement (Efron & Tibshirani 1993, ch. 6; Davison & Hinkley
1997, §3.8, "case resampling" at the top level of a two-stage design), and
the statistic is recomputed on all observations of the drawn clusters.

``statistic="mean"`` is the mean over observations (a ratio estimator:
Σ values of drawn clusters / Σ sizes of drawn clusters), computed as a
matrix product of cluster draw counts with per-cluster sums, so it is fast
on 100,000 threads. ``"cluster_mean"`` weights every cluster equally (mean of
cluster means); ``"sum"`` is the total. A callable receives the values of the
drawn observations (a 1-D numpy array) and returns a float; it is evaluated
draw by draw, so it is slower.

Intervals are percentile intervals. When the value is 0/1 and every draw
gives the same proportion (all zeros or all ones: the percentile interval
would collapse to a point), the interval is the Jeffreys interval
(Brown, Cai & DasGupta 2001) on the number of clusters, the conservative
effective sample size, and ``method`` says so.
"""
from __future__ import annotations

from typing import Callable

import numpy as np
import pandas as pd

from .intervals import jeffreys_interval

__all__ = ["cluster_bootstrap", "cluster_bootstrap_groups", "jeffreys_interval"]

Statistic = str | Callable[[np.ndarray], float]
_BUILTIN = ("mean", "cluster_mean", "sum")
_CHUNK_CELLS = 4_000_000  # draw counts held at once (n_boot chunk × clusters), ~32 MB of float64


def _check(data: pd.DataFrame, columns: list[str], value: str, n_boot: int, ci: float) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise KeyError(f"column(s) {', '.join(map(repr, missing))} not found; columns are: "
                       f"{', '.join(map(str, data.columns))}")
    if n_boot < 1:
        raise ValueError("n_boot must be at least 1")
    if not 0.0 < ci < 1.0:
        raise ValueError("ci must be between 0 and 1, e.g. 0.95")
    if not pd.api.types.is_numeric_dtype(data[value]) and not pd.api.types.is_bool_dtype(data[value]):
        raise TypeError(f"value column {value!r} must be numeric or boolean, not {data[value].dtype}")
    for c in columns:
        n_missing = int(data[c].isna().sum())
        if n_missing:
            raise ValueError(f"column {c!r} has {n_missing} missing values; drop or fill them before resampling")


def _draw_counts(rng: np.random.Generator, n_clusters: int, n_rows: int) -> np.ndarray:
    """How often each cluster is drawn, for ``n_rows`` bootstrap replicates: shape (n_rows, n_clusters)."""
    idx = rng.integers(0, n_clusters, size=(n_rows, n_clusters))
    idx += (np.arange(n_rows) * n_clusters)[:, None]
    return np.bincount(idx.ravel(), minlength=n_rows * n_clusters).reshape(n_rows, n_clusters).astype(float)


def _replicates(sums: np.ndarray, sizes: np.ndarray, means: np.ndarray, statistic: str, n_boot: int,
                rng: np.random.Generator) -> np.ndarray:
    """Bootstrap replicates of a built-in statistic from per-cluster sums and sizes (vectorised)."""
    k = sums.shape[0]
    chunk = max(1, min(n_boot, _CHUNK_CELLS // max(k, 1)))
    out = np.empty(n_boot)
    done = 0
    while done < n_boot:
        m = min(chunk, n_boot - done)
        w = _draw_counts(rng, k, m)
        if statistic == "mean":
            out[done:done + m] = (w @ sums) / (w @ sizes)
        elif statistic == "cluster_mean":
            out[done:done + m] = (w @ means) / k
        else:  # sum
            out[done:done + m] = w @ sums
        done += m
    return out


def _replicates_callable(values: np.ndarray, codes: np.ndarray, k: int, func: Callable, n_boot: int,
                         rng: np.random.Generator) -> np.ndarray:
    order = np.argsort(codes, kind="stable")
    sorted_vals = values[order]
    bounds = np.searchsorted(codes[order], np.arange(k + 1))
    parts = [sorted_vals[bounds[i]:bounds[i + 1]] for i in range(k)]
    out = np.empty(n_boot)
    for b in range(n_boot):
        drawn = rng.integers(0, k, size=k)
        out[b] = float(func(np.concatenate([parts[i] for i in drawn])))
    return out


def _point(values: np.ndarray, sums: np.ndarray, sizes: np.ndarray, statistic: Statistic) -> float:
    if callable(statistic):
        return float(statistic(values))
    if statistic == "mean":
        return float(sums.sum() / sizes.sum())
    if statistic == "cluster_mean":
        return float(np.mean(sums / sizes))
    return float(sums.sum())


def _statistic_name(statistic: Statistic) -> str:
    if callable(statistic):
        return getattr(statistic, "__name__", "custom statistic")
    if statistic not in _BUILTIN:
        raise ValueError(f"statistic must be one of {', '.join(_BUILTIN)} or a callable, not {statistic!r}")
    return statistic


def _is_binary(values: np.ndarray) -> bool:
    return values.size > 0 and bool(np.isin(values, (0.0, 1.0)).all())


def _interval(reps: np.ndarray, values: np.ndarray, statistic: Statistic, n_units: int, ci: float,
              unit_word: str) -> tuple[float, float, str]:
    alpha = (1.0 - ci) / 2.0
    lo, hi = (float(x) for x in np.nanquantile(reps, [alpha, 1.0 - alpha]))
    method = f"cluster bootstrap percentile CI, resampling {unit_word}"
    if lo == hi and statistic in ("mean", "cluster_mean") and _is_binary(values):
        p = float(values.mean())
        lo, hi = jeffreys_interval(p * n_units, n_units, ci)
        method = (f"Jeffreys interval on {n_units} {unit_word} (cluster bootstrap degenerate: "
                  f"every {unit_word[:-1] if unit_word.endswith('s') else unit_word} has the same value)")
    return lo, hi, method


def _cluster_arrays(values: np.ndarray, codes: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    sums = np.bincount(codes, weights=values, minlength=k)
    sizes = np.bincount(codes, minlength=k).astype(float)
    return sums, sizes, sums / sizes


def cluster_bootstrap(data: pd.DataFrame, value: str, cluster: str, *, statistic: Statistic = "mean",
                      n_boot: int = 2000, ci: float = 0.95, seed: int = 0, min_units: int = 2) -> dict:
    """Estimate and percentile CI of ``statistic`` of ``value``, resampling whole ``cluster``s with replacement.

    Returns ``{"estimate", "low", "high", "n_units", "n_obs", "method"}`` where
    ``n_units`` is the number of clusters and ``n_obs`` the number of rows.
    With fewer than ``min_units`` clusters (at least 2) no interval is
    given: ``low`` and ``high`` are ``None`` and ``method`` says why. A
    percentile interval from 2–4 clusters takes one of a handful of values
    and is too narrow; ``min_units=5`` or more is advisable for reporting.
    """
    _check(data, [value, cluster], value, n_boot, ci)
    stat_name = _statistic_name(statistic)
    if len(data) == 0:
        raise ValueError("no rows to resample")
    values = data[value].to_numpy(dtype=float)
    codes, uniques = pd.factorize(data[cluster], sort=False)
    k = len(uniques)
    sums, sizes, means = _cluster_arrays(values, codes, k)
    est = _point(values, sums, sizes, statistic)
    unit_word = f"{cluster} clusters"
    if k < max(2, min_units):
        why = (f"only one {cluster} (cluster), nothing to resample" if k < 2 else
               f"only {k} {cluster} clusters, fewer than the {min_units} a bootstrap interval needs here")
        return {"estimate": est, "low": None, "high": None, "n_units": k, "n_obs": int(len(values)),
                "method": f"no interval: {why}"}
    rng = np.random.default_rng(seed)
    if callable(statistic):
        reps = _replicates_callable(values, codes, k, statistic, n_boot, rng)
    else:
        reps = _replicates(sums, sizes, means, stat_name, n_boot, rng)
    lo, hi, method = _interval(reps, values, statistic, k, ci, unit_word)
    return {"estimate": est, "low": lo, "high": hi, "n_units": k, "n_obs": int(len(values)),
            "method": f"{method}; statistic {stat_name}; n_boot {n_boot}; seed {seed}"}


def cluster_bootstrap_groups(data: pd.DataFrame, value: str, group: str, cluster: str, *,
                             reference=None, statistic: Statistic = "mean", n_boot: int = 2000,
                             ci: float = 0.95, seed: int = 0, min_units: int = 2) -> pd.DataFrame:
    """Per-group estimate with cluster-bootstrap CI, and each group's difference to a ``reference`` group.

    Clusters are resampled within each group (stratified bootstrap: group
    sizes in clusters stay fixed). If some cluster has rows in more than one
    group (a thread that used two channels), groups are not independent, so
    all clusters are resampled jointly and every group's statistic is taken
    from the same draw; ``method`` says which was done. The difference
    ``diff = estimate − estimate(reference)`` gets a percentile CI from the
    paired replicates. ``reference`` defaults to the first group in sorted order.

    Columns: ``group`` (named after the group column), ``estimate``, ``low``,
    ``high``, ``n_units``, ``n_obs``, ``reference``, ``diff``, ``diff_low``,
    ``diff_high``, ``method``, ``note``. Numbers that cannot be computed are
    missing and ``note`` says why in words; a group with fewer than
    ``min_units`` clusters gets no interval (see ``cluster_bootstrap``).

    >>> df = pd.DataFrame({"channel": ["chat"] * 4 + ["email"] * 4, "thread": list("aabbccdd"),
    ...                    "neg": [1, 1, 0, 0, 0, 0, 0, 1]})
    >>> t = cluster_bootstrap_groups(df, "neg", "channel", "thread", n_boot=200)
    >>> t[["channel", "estimate", "n_units", "diff"]].values.tolist()
    [['chat', 0.5, 2, 0.0], ['email', 0.25, 2, -0.25]]
    """
    _check(data, [value, group, cluster], value, n_boot, ci)
    stat_name = _statistic_name(statistic)
    if len(data) == 0:
        raise ValueError("no rows to resample")
    groups = sorted(pd.unique(data[group]), key=lambda g: str(g))
    if reference is None:
        reference = groups[0]
    elif reference not in set(groups):
        raise ValueError(f"reference group {reference!r} not found in column {group!r}; groups are: "
                         f"{', '.join(map(str, groups))}")
    values_all = data[value].to_numpy(dtype=float)
    gcodes = pd.Categorical(data[group], categories=groups).codes
    ccodes, cuniq = pd.factorize(data[cluster], sort=False)
    k_all = len(cuniq)
    # is every cluster inside one group?
    pair = pd.DataFrame({"c": ccodes, "g": gcodes}).drop_duplicates()
    nested = not pair["c"].duplicated().any()
    rng = np.random.default_rng(seed)
    alpha = (1.0 - ci) / 2.0
    unit_word = f"{cluster} clusters"
    reps: dict = {}
    info: dict = {}
    for gi, g in enumerate(groups):
        sel = gcodes == gi
        vals = values_all[sel]
        codes, uniq = pd.factorize(ccodes[sel], sort=False)
        sums, sizes, means = _cluster_arrays(vals, codes, len(uniq))
        info[g] = {"values": vals, "codes": codes, "k": len(uniq),
                   "estimate": _point(vals, sums, sizes, statistic), "sums": sums, "sizes": sizes, "means": means}
    if nested:
        scheme = f"stratified cluster bootstrap (clusters resampled within each {group})"
        for g in groups:
            d = info[g]
            if d["k"] < 2:
                continue
            if callable(statistic):
                reps[g] = _replicates_callable(d["values"], d["codes"], d["k"], statistic, n_boot, rng)
            else:
                reps[g] = _replicates(d["sums"], d["sizes"], d["means"], stat_name, n_boot, rng)
    else:
        scheme = (f"joint cluster bootstrap (some {cluster} clusters span several {group} groups, "
                  f"so all clusters are drawn together)")
        reps = _joint_replicates(values_all, gcodes, ccodes, k_all, groups, statistic, stat_name, n_boot, rng)
    rows = []
    for g in groups:
        d = info[g]
        row = {group: g, "estimate": d["estimate"], "low": np.nan, "high": np.nan, "n_units": d["k"],
               "n_obs": int(d["values"].size), "reference": reference, "diff": np.nan, "diff_low": np.nan,
               "diff_high": np.nan, "method": f"{scheme}; percentile CI; statistic {stat_name}; "
                                                f"n_boot {n_boot}; seed {seed}", "note": ""}
        notes = []
        r = reps.get(g)
        few = d["k"] < max(2, min_units)
        if r is None or few:
            notes.append(f"only {d['k']} {cluster} in {g}: no interval" if d["k"] < 2 else
                         f"only {d['k']} {cluster} in {g}, fewer than {min_units}: no interval")
        else:
            lo, hi, m = _interval(r, d["values"], statistic, d["k"], ci, unit_word)
            row["low"], row["high"] = lo, hi
            if m.startswith("Jeffreys"):
                notes.append(m)
        row["diff"] = d["estimate"] - info[reference]["estimate"]
        if g == reference:
            row["diff"] = 0.0
            notes.append("reference group")
        elif g in reps and reference in reps and not few and info[reference]["k"] >= max(2, min_units):
            diff = reps[g] - reps[reference]
            lo, hi = np.nanquantile(diff, [alpha, 1.0 - alpha])
            row["diff_low"], row["diff_high"] = float(lo), float(hi)
        else:
            notes.append(f"no interval for the difference: fewer than {max(2, min_units)} {cluster} in {g} "
                         f"or in {reference}")
        row["note"] = "; ".join(notes)
        rows.append(row)
    cols = [group, "estimate", "low", "high", "n_units", "n_obs", "reference", "diff", "diff_low", "diff_high",
            "method", "note"]
    out = pd.DataFrame(rows, columns=cols)
    out.attrs.update({"n_boot": n_boot, "seed": seed, "ci": ci, "nested": nested, "statistic": stat_name})
    return out


def _joint_replicates(values: np.ndarray, gcodes: np.ndarray, ccodes: np.ndarray, k: int, groups: list,
                      statistic: Statistic, stat_name: str, n_boot: int, rng: np.random.Generator) -> dict:
    """Replicates per group when clusters cross groups: one draw of all clusters serves every group."""
    n_g = len(groups)
    flat = ccodes * n_g + gcodes
    sums = np.bincount(flat, weights=values, minlength=k * n_g).reshape(k, n_g)
    sizes = np.bincount(flat, minlength=k * n_g).reshape(k, n_g).astype(float)
    present = sizes > 0
    k_g = present.sum(axis=0)
    out = {g: np.empty(n_boot) for gi, g in enumerate(groups) if k_g[gi] >= 2}
    if callable(statistic):
        for b in range(n_boot):
            w = np.bincount(rng.integers(0, k, size=k), minlength=k)
            row_w = w[ccodes]
            for gi, g in enumerate(groups):
                if g in out:
                    sel = gcodes == gi
                    out[g][b] = float(statistic(np.repeat(values[sel], row_w[sel])))
        return out
    with np.errstate(divide="ignore", invalid="ignore"):
        means = np.where(present, sums / np.where(present, sizes, 1.0), 0.0)
    chunk = max(1, min(n_boot, _CHUNK_CELLS // max(k, 1)))
    done = 0
    while done < n_boot:
        m = min(chunk, n_boot - done)
        w = _draw_counts(rng, k, m)
        s, n = w @ sums, w @ sizes
        if stat_name == "cluster_mean":
            vals = (w @ means) / np.maximum(w @ present.astype(float), 1.0)
        elif stat_name == "mean":
            with np.errstate(divide="ignore", invalid="ignore"):
                vals = s / n
        else:
            vals = s
        for gi, g in enumerate(groups):
            if g in out:
                out[g][done:done + m] = vals[:, gi]
        done += m
    # a draw holding no cluster of a group leaves that replicate undefined (nan); quantiles skip it
    return out
