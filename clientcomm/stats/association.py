"""Tests of association for count tables, chosen by what the counts allow, and named in the output.

>>> r = contingency_test([[3, 1], [1, 3]])
>>> r["method"], round(r["p"], 4)
("Fisher's exact test (2×2, two-sided)", 0.4857)

The choice (``contingency_test``):

* a 2×2 table: Fisher's exact test (``scipy.stats.fisher_exact``), always;
* larger tables whose expected counts are all ≥ 5 (Cochran's rule in its
  strict form): Pearson's chi² with (r−1)(c−1) degrees of freedom;
* otherwise: a Monte Carlo permutation test of chi², drawing ``n_perm``
  tables with the observed margins (``scipy.stats.random_table``, Patefield's
  algorithm), p = (1 + #{chi²* ≥ chi²}) / (1 + n_perm) (Davison & Hinkley 1997, §4.2).

A table with fewer than two non-empty rows or columns cannot be tested; the
result then says why in words (``note``) and ``p`` is ``None``, never NaN.

Effect size is the bias-corrected Cramér's V of Bergsma (2013, Journal of the
Korean Statistical Society 42:323–328), which removes the upward bias of V in
small samples (an uncorrected V of 0.3 on 30 units is mostly noise).

When the units come in clusters (passages of one document), counts are not
independent. ``cluster_permutation_test`` then permutes whole clusters.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["contingency_test", "cluster_permutation_test", "cramers_v_corrected", "expected_counts",
           "benjamini_hochberg", "not_tested"]

MIN_EXPECTED = 5.0


def expected_counts(table) -> np.ndarray:
    """Expected counts under independence: row total × column total / N.

    >>> expected_counts([[2, 2], [0, 4]]).tolist()
    [[1.0, 3.0], [1.0, 3.0]]
    """
    t = np.asarray(table, dtype=float)
    n = t.sum()
    if n <= 0:
        raise ValueError("the table is empty")
    return np.outer(t.sum(axis=1), t.sum(axis=0)) / n


def _chi2(t: np.ndarray) -> float:
    e = expected_counts(t)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.where(e > 0, (t - e) ** 2 / e, 0.0).sum())


def cramers_v_corrected(table) -> float:
    """Bias-corrected Cramér's V (Bergsma 2013) of a count table.

    φ² = chi²/n; φ̃² = max(0, φ² − (r−1)(c−1)/(n−1)); r̃ = r − (r−1)²/(n−1),
    c̃ = c − (c−1)²/(n−1); Ṽ = sqrt(φ̃² / min(r̃−1, c̃−1)).

    >>> round(cramers_v_corrected([[20, 10], [10, 20]]), 4)
    0.3095
    """
    t = np.asarray(table, dtype=float)
    t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
    r, c = t.shape
    n = t.sum()
    if r < 2 or c < 2 or n < 2:
        raise ValueError("Cramér's V needs at least two non-empty rows and columns")
    phi2 = _chi2(t) / n
    phi2_c = max(0.0, phi2 - (r - 1) * (c - 1) / (n - 1))
    r_c = r - (r - 1) ** 2 / (n - 1)
    c_c = c - (c - 1) ** 2 / (n - 1)
    k = min(r_c - 1, c_c - 1)
    return float(math.sqrt(phi2_c / k)) if k > 0 else 0.0


def not_tested(reason: str, n: int = 0, **extra) -> dict:
    """A test result that could not be computed, with the reason in words (``p`` is ``None``)."""
    return {"method": "not tested", "statistic": None, "statistic_name": None, "dof": None, "p": None,
            "cramers_v_bc": None, "n": int(n), "min_expected": None, "computed": False, "note": reason, **extra}


def _names(table) -> tuple[list, list]:
    if isinstance(table, pd.DataFrame):
        return [str(x) for x in table.index], [str(x) for x in table.columns]
    t = np.asarray(table)
    return [str(i) for i in range(t.shape[0])], [str(j) for j in range(t.shape[1])]


def _degenerate_reason(t: np.ndarray, rows: list, cols: list, row_name: str, col_name: str) -> str | None:
    """Why a table cannot be tested, in words, or None when it can."""
    if t.sum() == 0:
        return f"no {row_name} in any {col_name}"
    live_r = [rows[i] for i in np.flatnonzero(t.sum(axis=1) > 0)]
    live_c = [cols[j] for j in np.flatnonzero(t.sum(axis=0) > 0)]
    if len(live_c) < 2:
        return f"only one {col_name} ({live_c[0]}) has any {row_name}: nothing to compare"
    if len(live_r) < 2:
        return f"only one {row_name} value ({live_r[0]}) occurs: nothing to compare"
    return None


def contingency_test(table, *, n_perm: int = 9999, seed: int = 0, row_name: str = "row category",
                     col_name: str = "column group", min_expected: float = MIN_EXPECTED) -> dict:
    """Test independence of rows and columns of a count table of independent units; the method is chosen.

    Returns a dict: ``method`` (in words), ``statistic`` and ``statistic_name``
    (odds ratio for Fisher, chi² otherwise), ``dof``, ``p``, ``cramers_v_bc``
    (bias-corrected), ``n``, ``min_expected``, ``computed`` and ``note``.
    Empty rows and columns are dropped first.

    >>> contingency_test([[4, 0], [0, 0]], row_name="temperament", col_name="language")["note"]
    'only one language (0) has any temperament: nothing to compare'
    """
    from scipy.stats import chi2 as chi2_dist
    from scipy.stats import fisher_exact, random_table

    rows, cols = _names(table)
    t = np.asarray(table, dtype=float)
    if t.ndim != 2:
        raise ValueError("a contingency table must be two-dimensional")
    if (t < 0).any() or not np.allclose(t, np.round(t)):
        raise ValueError("a contingency table holds non-negative whole counts")
    n = int(t.sum())
    reason = _degenerate_reason(t, rows, cols, row_name, col_name)
    if reason:
        return not_tested(reason, n)
    keep_r, keep_c = t.sum(axis=1) > 0, t.sum(axis=0) > 0
    t = t[keep_r][:, keep_c]
    e = expected_counts(t)
    chi2 = _chi2(t)
    v = cramers_v_corrected(t)
    dof = (t.shape[0] - 1) * (t.shape[1] - 1)
    base = {"cramers_v_bc": v, "n": n, "min_expected": float(e.min()), "computed": True, "note": "", "dof": dof}
    if t.shape == (2, 2):
        res = fisher_exact(t.astype(int))
        return {"method": "Fisher's exact test (2×2, two-sided)", "statistic": float(res.statistic),
                "statistic_name": "odds ratio", "p": float(res.pvalue), **base}
    if e.min() >= min_expected:
        return {"method": f"Pearson chi² (all expected counts ≥ {min_expected:g})", "statistic": chi2,
                "statistic_name": "chi2", "p": float(chi2_dist.sf(chi2, dof)), **base}
    if n_perm < 1:
        raise ValueError("n_perm must be at least 1")
    tables = random_table(t.sum(axis=1).astype(int), t.sum(axis=0).astype(int), seed=seed).rvs(n_perm)
    with np.errstate(divide="ignore", invalid="ignore"):
        sims = ((tables - e) ** 2 / e).sum(axis=(1, 2))
    p = (1.0 + float((sims >= chi2 - 1e-9).sum())) / (n_perm + 1.0)
    return {"method": (f"Monte Carlo permutation test of chi² ({n_perm} tables with the observed margins; "
                       f"smallest expected count {e.min():.2g} < {min_expected:g})"),
            "statistic": chi2, "statistic_name": "chi2", "p": p, **base}


def _multiset_permutations(items: list):
    """Distinct orderings of a multiset, each once (no duplicates from equal items)."""
    counts = Counter(items)
    keys = sorted(counts, key=str)
    n = len(items)
    out: list = []

    def rec(prefix):
        if len(prefix) == n:
            yield tuple(prefix)
            return
        for k in keys:
            if counts[k]:
                counts[k] -= 1
                prefix.append(k)
                yield from rec(prefix)
                prefix.pop()
                counts[k] += 1

    yield from rec(out)


def _n_arrangements(items: list) -> int:
    c = Counter(items)
    total = math.factorial(len(items))
    for v in c.values():
        total //= math.factorial(v)
    return total


def cluster_permutation_test(data: pd.DataFrame, row: str, col: str, cluster: str, *, n_perm: int = 9999,
                             seed: int = 0, row_name: str | None = None, col_name: str | None = None) -> dict:
    """Permutation test of chi² between two unit-level columns when units are nested in clusters.

    If ``col`` is constant within each cluster (a document's language), the
    ``col`` values are permuted among clusters, which carry all their units
    along: the question "do languages differ?" is answered with documents as
    the units, as it must be. All distinct arrangements are enumerated when
    there are at most ``n_perm`` (an exact test; with four documents there
    are only a dozen, and p cannot fall below 1/12), otherwise ``n_perm``
    random ones are drawn. If ``col`` varies within clusters, ``row`` is
    permuted within each cluster instead (a test of association inside
    clusters, conditional on each cluster's make-up).

    >>> df = pd.DataFrame({"doc": list("aabbccdd"), "lang": list("rrrrooxx"), "phleg": [1, 1, 1, 0, 0, 0, 0, 0]})
    >>> r = cluster_permutation_test(df, "phleg", "lang", "doc")
    >>> r["method"].split(";")[0], round(r["p"], 4)
    ('exact permutation test of chi²: lang permuted among 4 doc clusters (12 arrangements)', 0.6667)
    """
    for c in (row, col, cluster):
        if c not in data.columns:
            raise KeyError(f"column {c!r} not found; columns are: {', '.join(map(str, data.columns))}")
    row_name = row_name or row
    col_name = col_name or col
    d = data[[row, col, cluster]]
    if d.isna().any().any():
        raise ValueError(f"columns {row!r}, {col!r}, {cluster!r} must not have missing values")
    r_codes, r_uniq = pd.factorize(d[row], sort=True)
    c_codes, c_uniq = pd.factorize(d[col], sort=True)
    k_codes, k_uniq = pd.factorize(d[cluster], sort=True)
    n_r, n_c = len(r_uniq), len(c_uniq)
    observed = np.zeros((n_r, n_c))
    np.add.at(observed, (r_codes, c_codes), 1)
    table = pd.DataFrame(observed, index=[str(x) for x in r_uniq], columns=[str(x) for x in c_uniq])
    n = len(d)
    reason = _degenerate_reason(observed, list(table.index), list(table.columns), row_name, col_name)
    if reason:
        return not_tested(reason, n, n_clusters=len(k_uniq), unit=f"{cluster} clusters")
    chi2_obs = _chi2(observed)
    v = cramers_v_corrected(observed)
    per_cluster_col = pd.Series(c_codes).groupby(k_codes).nunique()
    between = bool((per_cluster_col == 1).all())
    rng = np.random.default_rng(seed)

    def stat(rc: np.ndarray, cc: np.ndarray) -> float:
        t = np.bincount(rc * n_c + cc, minlength=n_r * n_c).reshape(n_r, n_c).astype(float)
        t = t[t.sum(axis=1) > 0][:, t.sum(axis=0) > 0]
        return _chi2(t) if min(t.shape) >= 2 else 0.0

    if between:
        cluster_col = np.zeros(len(k_uniq), dtype=int)
        cluster_col[k_codes] = c_codes
        if len(set(cluster_col.tolist())) < 2:
            return not_tested(f"every {cluster} has the same {col_name}: nothing to permute", n)
        n_arr = _n_arrangements(cluster_col.tolist())
        if n_arr <= n_perm and len(k_uniq) <= 12:
            sims = np.array([stat(r_codes, np.asarray(arr)[k_codes])
                             for arr in _multiset_permutations(cluster_col.tolist())])
            p = float((sims >= chi2_obs - 1e-9).mean())
            method = (f"exact permutation test of chi²: {col} permuted among {len(k_uniq)} {cluster} clusters "
                      f"({n_arr} arrangements)")
        else:
            sims = np.array([stat(r_codes, rng.permutation(cluster_col)[k_codes]) for _ in range(n_perm)])
            p = (1.0 + float((sims >= chi2_obs - 1e-9).sum())) / (n_perm + 1.0)
            method = (f"Monte Carlo permutation test of chi²: {col} permuted among {len(k_uniq)} {cluster} "
                      f"clusters ({n_perm} permutations)")
        unit = f"{cluster} (whole clusters permuted)"
        min_p = 1.0 / n_arr
    else:
        order = np.argsort(k_codes, kind="stable")
        bounds = np.searchsorted(k_codes[order], np.arange(len(k_uniq) + 1))
        sims = np.empty(n_perm)
        for b in range(n_perm):
            rc = r_codes.copy()
            for i in range(len(k_uniq)):
                idx = order[bounds[i]:bounds[i + 1]]
                rc[idx] = r_codes[idx][rng.permutation(idx.size)]
            sims[b] = stat(rc, c_codes)
        p = (1.0 + float((sims >= chi2_obs - 1e-9).sum())) / (n_perm + 1.0)
        method = (f"Monte Carlo permutation test of chi²: {row} permuted within each of {len(k_uniq)} {cluster} "
                  f"clusters ({n_perm} permutations)")
        unit = f"units within {cluster} (permuted inside clusters)"
        min_p = 1.0 / (n_perm + 1.0)
    return {"method": f"{method}; seed {seed}", "statistic": chi2_obs, "statistic_name": "chi2", "dof": None,
            "p": p, "cramers_v_bc": v, "n": n, "min_expected": float(expected_counts(
                observed[observed.sum(axis=1) > 0][:, observed.sum(axis=0) > 0]).min()),
            "computed": True, "note": "", "n_clusters": len(k_uniq), "unit": unit, "smallest_possible_p": min_p}


def benjamini_hochberg(p) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (``scipy.stats.false_discovery_control``); missing stay missing.

    The family is the tests that were computed: a test that could not be run
    neither counts nor gets an adjusted value.

    >>> benjamini_hochberg([0.01, 0.04, None, 0.03]).round(3).tolist()
    [0.03, 0.04, nan, 0.04]
    """
    from scipy.stats import false_discovery_control

    arr = np.array([np.nan if v is None else float(v) for v in p], dtype=float)
    out = np.full(arr.shape, np.nan)
    ok = np.isfinite(arr)
    if ok.any():
        out[ok] = false_discovery_control(arr[ok], method="bh")
    return out
