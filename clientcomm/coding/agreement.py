"""Agreement between coders: Cohen's κ, Fleiss' κ and Krippendorff's α (nominal), with bootstrap CIs over units.

>>> import pandas as pd
>>> codes = pd.DataFrame({"unit_id": ["u1", "u1", "u2", "u2", "u3", "u3", "u4", "u4"],
...                       "label_set": "sentiment", "coder": ["A", "B"] * 4,
...                       "labels": ["negative", "negative", "neutral", "neutral", "positive", "neutral",
...                                  "neutral", "neutral"]})
>>> t = agreement(codes, per_label=False, n_boot=200)
>>> t[["measure", "coders", "n_units"]].values.tolist()
[["Cohen's kappa", 'A–B', 4], ["Fleiss' kappa", 'A, B', 4], ["Krippendorff's alpha", 'A, B', 4]]
>>> round(float(t.loc[0, "estimate"]), 3)
0.556

Point estimates come from ``nltk.metrics.agreement.AnnotationTask``:
``kappa_pairwise`` (Cohen 1960) for each pair of coders on the units both
coded, ``pi`` (multi-π, i.e. Fleiss' κ = Siegel & Castellan's K) on the units
every coder coded, ``alpha`` (Krippendorff 1980; nominal distance) on all
units with at least two codes, so a missing code costs nothing but that code.

The CIs are seeded percentile bootstraps over units (the independent
pieces of evidence: all codes of a unit move together). Each
coefficient is a function of sums over units (coincidence counts, a
confusion matrix, category counts), so a draw is a weighted sum (a matrix
product), not a new ``AnnotationTask``; the same formulas reproduce nltk's
point estimate, and that is checked on every call.

A label set is measured twice: on the whole code of a unit (``label``
``"(all)"``: "phone;email" is one category) and, with ``per_label``, on the
presence or absence of each label (binary), which is how multi-label codes
are usually reported. When every code is the same there is no variation and
the coefficients are undefined: the row says so instead of giving a number.
"""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

__all__ = ["agreement", "AGREEMENT_COLUMNS", "NOT_CODERS"]

AGREEMENT_COLUMNS = ["label_set", "label", "measure", "coders", "n_units", "estimate", "low", "high", "method",
                     "note"]
#: Coder names that hold decisions rather than independent codes; left out of agreement.
NOT_CODERS = ("adjudicated", "majority")


def _nltk_value(matrix: np.ndarray, coders: list, measure: str) -> float:
    from nltk.metrics.agreement import AnnotationTask  # nltk is heavy to import; only here

    data = [(coders[j], f"u{i}", int(matrix[i, j])) for i in range(matrix.shape[0]) for j in range(matrix.shape[1])
            if matrix[i, j] >= 0]
    task = AnnotationTask(data=data)
    if measure == "cohen":
        return float(task.kappa_pairwise(coders[0], coders[1]))
    if measure == "fleiss":
        return float(task.pi())
    return float(task.alpha())


def _sufficient(matrix: np.ndarray, k: int, measure: str) -> np.ndarray:
    """Per-unit additive statistics of a coefficient (rows = units)."""
    onehot = np.stack([(matrix == c).sum(axis=1) for c in range(k)], axis=1).astype(float)  # n_uc
    m = onehot.sum(axis=1)
    if measure == "alpha":
        agree = (onehot * (onehot - 1)).sum(axis=1) / np.where(m > 1, m - 1, 1)
        return np.column_stack([agree, onehot])
    if measure == "fleiss":
        p_i = ((onehot ** 2).sum(axis=1) - m) / (m * (m - 1))
        return np.column_stack([p_i, onehot])
    a = np.stack([(matrix[:, 0] == c) for c in range(k)], axis=1).astype(float)
    b = np.stack([(matrix[:, 1] == c) for c in range(k)], axis=1).astype(float)
    return np.column_stack([(matrix[:, 0] == matrix[:, 1]).astype(float), a, b])


def _from_sums(s: np.ndarray, w_total: np.ndarray, k: int, n_coders: int, measure: str) -> np.ndarray:
    """Coefficient from weighted sums of the per-unit statistics (rows = draws); nan when undefined."""
    with np.errstate(divide="ignore", invalid="ignore"):
        if measure == "alpha":
            a, nc = s[:, 0], s[:, 1:1 + k]
            n = nc.sum(axis=1)
            return 1.0 - (n - 1) * (n - a) / (n * n - (nc ** 2).sum(axis=1))
        if measure == "fleiss":
            p_bar = s[:, 0] / w_total
            pj = s[:, 1:1 + k] / (w_total * n_coders)[:, None]
            pe = (pj ** 2).sum(axis=1)
            return (p_bar - pe) / (1.0 - pe)
        po = s[:, 0] / w_total
        pa, pb = s[:, 1:1 + k] / w_total[:, None], s[:, 1 + k:1 + 2 * k] / w_total[:, None]
        pe = (pa * pb).sum(axis=1)
        return (po - pe) / (1.0 - pe)


def _coefficient(matrix: np.ndarray, coders: list, measure: str, n_boot: int, ci: float,
                 rng: np.random.Generator) -> dict:
    """Point estimate (nltk), bootstrap CI over units (vectorised) and a note for one coefficient."""
    values = sorted(set(matrix[matrix >= 0].tolist()))
    n_units = matrix.shape[0]
    if n_units < 2:
        return {"estimate": None, "low": None, "high": None, "n_units": n_units,
                "note": f"{n_units} unit(s) with the codes this coefficient needs: too few"}
    if len(values) < 2:
        return {"estimate": None, "low": None, "high": None, "n_units": n_units,
                "note": "no variation: every code is the same, so agreement beyond chance is undefined"}
    remap = {v: i for i, v in enumerate(values)}
    mat = np.vectorize(lambda x: remap.get(x, -1))(matrix)
    k = len(values)
    est = _nltk_value(mat, coders, measure)
    stats = _sufficient(mat, k, measure)
    check = _from_sums(stats.sum(axis=0)[None, :], np.array([float(n_units)]), k, len(coders), measure)[0]
    if not np.isclose(check, est, atol=1e-9):
        raise RuntimeError(f"{measure}: vectorised formula {check} disagrees with nltk {est}")
    idx = rng.integers(0, n_units, size=(n_boot, n_units))
    w = np.zeros((n_boot, n_units))
    np.add.at(w, (np.repeat(np.arange(n_boot), n_units), idx.ravel()), 1.0)
    reps = _from_sums(w @ stats, w.sum(axis=1), k, len(coders), measure)
    ok = np.isfinite(reps)
    a = (1.0 - ci) / 2.0
    note = ""
    if ok.sum() < n_boot:
        note = f"{n_boot - int(ok.sum())} of {n_boot} bootstrap draws had no variation and were left out"
    lo, hi = (float(x) for x in np.quantile(reps[ok], [a, 1.0 - a])) if ok.any() else (None, None)
    return {"estimate": est, "low": lo, "high": hi, "n_units": n_units, "note": note}


def _wide(codes: pd.DataFrame, coders: list, label: str | None) -> pd.DataFrame:
    """units × coders matrix of category strings (None where not coded)."""
    vals = codes["labels"]
    if label is not None:
        vals = vals.map(lambda s: "present" if label in s.split(";") else "absent")
    return (codes.assign(_v=vals).pivot(index="unit_id", columns="coder", values="_v")
            .reindex(columns=coders))


def agreement(codes: pd.DataFrame, label_set: str | list[str] | None = None, coders: list[str] | None = None, *,
              per_label: bool = True, n_boot: int = 1000, ci: float = 0.95, seed: int = 0) -> pd.DataFrame:
    """Agreement table: per label set (and label), Cohen's κ per coder pair, Fleiss' κ and Krippendorff's α.

    ``codes`` is the long table of ``read``. ``coders`` defaults to every
    coder except the decision columns ``adjudicated`` and ``majority``.
    Columns: ``label_set``, ``label`` (``"(all)"`` or one label, binary),
    ``measure``, ``coders``, ``n_units``, ``estimate``, ``low``, ``high``,
    ``method``, ``note`` (why a number is missing, in words).
    """
    need = {"unit_id", "label_set", "coder", "labels"}
    if not need <= set(codes.columns):
        raise KeyError(f"codes need columns {sorted(need)}; use clientcomm.coding.read")
    sets = ([label_set] if isinstance(label_set, str) else list(label_set)) if label_set is not None else \
        sorted(codes["label_set"].unique())
    rng = np.random.default_rng(seed)
    rows = []
    for ls in sets:
        sub = codes[codes["label_set"] == ls]
        if sub.empty:
            raise ValueError(f"no codes for label set {ls!r}")
        cs = list(coders) if coders is not None else sorted(c for c in sub["coder"].unique() if c not in NOT_CODERS)
        sub = sub[sub["coder"].isin(cs)]
        if len(cs) < 2:
            rows.append({"label_set": ls, "label": "(all)", "measure": "agreement", "coders": ", ".join(cs),
                         "n_units": sub["unit_id"].nunique(), "method": "",
                         "note": "agreement needs at least two coders"})
            continue
        present = sorted({x for s in sub["labels"] for x in s.split(";") if x})
        for label in [None] + (present if per_label else []):
            wide = _wide(sub, cs, label)
            cats = sorted({v for v in wide.to_numpy().ravel().tolist() if isinstance(v, str)})
            code_of = {v: i for i, v in enumerate(cats)}
            mat = wide.apply(lambda col: col.map(lambda v: code_of.get(v, -1) if isinstance(v, str) else -1)).to_numpy()
            lab = "(all)" if label is None else label
            kind = "nominal categories (the whole code)" if label is None else f"binary: {label} present or absent"
            for a, b in itertools.combinations(range(len(cs)), 2):
                pair = mat[:, [a, b]]
                pair = pair[(pair >= 0).all(axis=1)]
                r = _coefficient(pair, [cs[a], cs[b]], "cohen", n_boot, ci, rng)
                rows.append({"label_set": ls, "label": lab, "measure": "Cohen's kappa", "coders": f"{cs[a]}–{cs[b]}",
                             "method": f"nltk AnnotationTask.kappa_pairwise; {kind}; units coded by both", **r})
            complete = mat[(mat >= 0).all(axis=1)]
            r = _coefficient(complete, cs, "fleiss", n_boot, ci, rng)
            rows.append({"label_set": ls, "label": lab, "measure": "Fleiss' kappa", "coders": ", ".join(cs),
                         "method": f"nltk AnnotationTask.pi (multi-π); {kind}; units coded by every coder", **r})
            pairable = mat[(mat >= 0).sum(axis=1) >= 2]
            r = _coefficient(pairable, cs, "alpha", n_boot, ci, rng)
            rows.append({"label_set": ls, "label": lab, "measure": "Krippendorff's alpha", "coders": ", ".join(cs),
                         "method": f"nltk AnnotationTask.alpha; {kind}; units with ≥ 2 codes", **r})
    out = pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)
    for c in ("estimate", "low", "high"):
        out[c] = pd.to_numeric(out[c], errors="coerce")
    out["method"] = out["method"] + f"; CI: percentile bootstrap over units, {n_boot} draws, seed {seed}"
    out["note"] = out["note"].fillna("")
    out.attrs.update({"n_boot": n_boot, "seed": seed, "ci": ci})
    return out
