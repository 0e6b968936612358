"""Calibrated sentiment probabilities: a small multinomial logistic model over the engine's output.

>>> p = probabilities(pd.DataFrame({"score": [0.8, 0.0, -0.8], "pos": [4.0, 0.0, 0.0],
...                                 "neg": [0.0, 0.0, 4.0], "n_pos": [2, 0, 0], "n_neg": [0, 0, 2]}),
...                   ["ro", "ro", "ro"])
>>> list(p.idxmax(axis=1))
['p_positive', 'p_neutral', 'p_negative']
>>> bool(np.allclose(p.sum(axis=1), 1.0))
True

The engine (:mod:`clientcomm.sentiment.engine`) gives a score and the hits
behind it; its neutral band was tuned per language on different data, so a
label share is not comparable between languages. This module maps, per
language, six numbers the engine already produced (:data:`FEATURES`: the
score, the log-scaled sums of positive and of negative hit weights, whether
there was no hit, and the log-scaled numbers of positive and negative hits)
to ``p_negative``, ``p_neutral``, ``p_positive`` with a multinomial logistic
regression (numpy/scipy, L2). Its parameters (at most 3 × 6 weights and 3
intercepts per language) live in ``calibration.json`` beside this module,
with their provenance and the cross-validated figures;
:func:`heldout_accuracy` shows those figures as a table.

Text length is deliberately *not* a feature: in ru_dev long texts are
mostly complaining bank reviews and short ones news-like tweets, so length
raises the development figure by predicting the data source, which would
not carry over to other corpora (see the sentiment README).

Languages: ``ru``, ``ro``, ``zh-Hant`` are fitted on 3-class development
sets. ``zh-Hans`` data have no neutral class, so its model gives
P(positive | not neutral); ``p_neutral`` for zh-Hans is the neutral
probability of the zh-Hant model (same lexicon and rules, other domain),
and the rest is shared in the zh-Hans ratio: that neutral part is *not*
validated on Simplified Chinese. zh_hant_dev has no text without hits, so
Chinese texts without any hit get no probabilities (NaN, engine label), see
:data:`MIN_ROWS_WITHOUT_HITS`. ``en`` has no development set: it uses the
parameters fitted on ru and ro pooled and is flagged ``calibrated = False``.
Other languages get no probabilities (NaN).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["FEATURES", "CLASSES", "PARAMETER_FILE", "calibration_key", "feature_matrix", "hit_summary", "summary_arrays",
           "fit_multinomial", "softmax", "expected_calibration_error", "classwise_ece", "macro_f1",
           "stratified_folds", "probabilities", "probability_array", "resources_digest", "fit_language", "nested_cv", "select_model",
           "load_parameters", "heldout_accuracy", "PROB_COLUMNS", "FEATURE_SETS", "L2_GRID",
           "MIN_ROWS_WITHOUT_HITS"]

CLASSES = ("negative", "neutral", "positive")
PROB_COLUMNS = ("p_negative", "p_neutral", "p_positive")
PARAMETER_FILE = Path(__file__).with_name("calibration.json")

#: Feature definitions, in the order the weights are stored (n_pos/n_neg are numbers of hits).
FEATURES: dict[str, str] = {
    "score": "engine score (−1..1)",
    "log_pos": "log(1 + sum of positive hit weights after rules)",
    "log_neg": "log(1 + |sum of negative hit weights after rules|)",
    "no_hits": "1 when no lexicon term fired, else 0",
    "log_n_pos": "log(1 + number of positive hits)",
    "log_n_neg": "log(1 + number of negative hits)",
}

_HANT_TAGS = ("zh-hant", "zh-hk", "zh-tw", "zh-mo")


def calibration_key(lang: str | None) -> str | None:
    """The parameter set used for a BCP-47 tag: ``ru``, ``ro``, ``en``, ``zh-Hans``, ``zh-Hant`` or None.

    >>> calibration_key("zh-HK"), calibration_key("zh"), calibration_key("ro-RO"), calibration_key("uk")
    ('zh-Hant', 'zh-Hans', 'ro', None)
    """
    if not isinstance(lang, str) or not lang:
        return None
    tag = lang.replace("_", "-").lower()
    base = tag.split("-")[0]
    if base in ("ru", "en"):
        return base
    if base in ("ro", "mo"):
        return "ro"
    if base == "yue" or any(tag.startswith(t) for t in _HANT_TAGS):
        return "zh-Hant"
    if base in ("zh", "cmn"):
        return "zh-Hans"
    return None


def hit_summary(scores, hits) -> pd.DataFrame:
    """Columns ``score, pos, neg, n_pos, n_neg`` from engine scores and hit lists (dicts or :class:`Hit`).

    >>> hit_summary([0.5], [[{"weight_after_rules": 2.0}, {"weight_after_rules": -0.5}]]).iloc[0].tolist()
    [0.5, 2.0, 0.5, 1.0, 1.0]
    """
    return pd.DataFrame(_summary_rows(scores, hits), columns=list(SUMMARY_COLUMNS), dtype=float)


#: the columns of :func:`hit_summary`
SUMMARY_COLUMNS = ("score", "pos", "neg", "n_pos", "n_neg")


def _summary_rows(scores, hits) -> list[tuple]:
    rows = []
    for s, hs in zip(scores, hits):
        ws = [h["weight_after_rules"] if isinstance(h, dict) else h.weight_after_rules for h in (hs or ())]
        rows.append((float(s), sum(w for w in ws if w > 0), -sum(w for w in ws if w < 0),
                     sum(1 for w in ws if w > 0), sum(1 for w in ws if w < 0)))
    return rows


def summary_arrays(scores, hits) -> dict[str, np.ndarray]:
    """:func:`hit_summary`'s columns as float arrays, without the DataFrame (``score_sentiment`` makes one per
    call, for every chunk of texts; the same values, so the same probabilities).

    >>> summary_arrays([0.5], [[{"weight_after_rules": 2.0}, {"weight_after_rules": -0.5}]])["neg"].tolist()
    [0.5]
    """
    rows = _summary_rows(scores, hits)
    table = np.array(rows, dtype=float).reshape(len(rows), len(SUMMARY_COLUMNS))
    return {c: table[:, k] for k, c in enumerate(SUMMARY_COLUMNS)}


def _column(summary, name: str) -> np.ndarray:
    """A column of a :func:`hit_summary` frame or of :func:`summary_arrays` as float values."""
    return np.asarray(summary[name], dtype=float)


def feature_matrix(summary: pd.DataFrame, names=tuple(FEATURES)) -> np.ndarray:
    """The model's input (one row per text, columns ``names``) from :func:`hit_summary` (or :func:`summary_arrays`)."""
    pos = _column(summary, "pos")
    neg = _column(summary, "neg")
    n_pos = _column(summary, "n_pos")
    n_neg = _column(summary, "n_neg")
    score = _column(summary, "score")
    cols = {"score": score, "log_pos": np.log1p(pos), "log_neg": np.log1p(neg),
            "no_hits": ((n_pos + n_neg) == 0).astype(float), "log_n_pos": np.log1p(n_pos),
            "log_n_neg": np.log1p(n_neg)}
    unknown = [n for n in names if n not in cols]
    if unknown:
        raise ValueError(f"unknown calibration feature(s): {', '.join(unknown)}")
    return np.column_stack([cols[n] for n in names]) if len(names) else np.zeros((len(score), 0))


def softmax(z: np.ndarray) -> np.ndarray:
    """Row-wise softmax, stable for large values."""
    z = np.asarray(z, dtype=float)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit_multinomial(X: np.ndarray, y: np.ndarray, n_classes: int, l2: float = 1e-3) -> tuple[np.ndarray, np.ndarray]:
    """Weights ``(n_classes, n_features)`` and intercepts of an L2 multinomial logistic regression.

    Minimises the mean log-loss + ``l2/2 · ‖W‖²`` (intercepts not penalised)
    with L-BFGS; deterministic (starts at zero).

    >>> W, b = fit_multinomial(np.array([[-1.0], [-0.5], [0.5], [1.0]]), np.array([0, 0, 1, 1]), 2)
    >>> bool(W[1, 0] > W[0, 0])
    True
    """
    from scipy import optimize  # scipy is a core dependency; imported here to keep import light

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=int)
    n, d = X.shape
    k = int(n_classes)
    Y = np.eye(k)[y]

    def loss(wb):
        W = wb[: k * d].reshape(k, d)
        b = wb[k * d:]
        Z = X @ W.T + b
        Z = Z - Z.max(axis=1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        G = (np.exp(logp) - Y) / n
        val = -(Y * logp).sum() / n + 0.5 * l2 * (W * W).sum()
        return val, np.concatenate([(G.T @ X + l2 * W).ravel(), G.sum(axis=0)])

    res = optimize.minimize(loss, np.zeros(k * d + k), jac=True, method="L-BFGS-B",
                            options={"maxiter": 2000})
    if not res.success:
        raise RuntimeError(f"calibration fit did not converge: {res.message}")
    return res.x[: k * d].reshape(k, d), res.x[k * d:]


def expected_calibration_error(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Top-label ECE: Σ_bins (n_bin/n)·|accuracy − mean confidence|, equal-width bins on [0, 1].

    >>> expected_calibration_error(np.array([[0.9, 0.1], [0.9, 0.1]]), np.array([0, 1]))
    0.4
    """
    proba = np.asarray(proba, dtype=float)
    y = np.asarray(y, dtype=int)
    conf = proba.max(axis=1)
    correct = (proba.argmax(axis=1) == y).astype(float)
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return round(float(total), 10)


def classwise_ece(proba: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Classwise ECE: for each class, the binned gap between P(class) and its frequency; mean over classes."""
    proba = np.asarray(proba, dtype=float)
    y = np.asarray(y, dtype=int)
    out = []
    for c in range(proba.shape[1]):
        p = proba[:, c]
        hit = (y == c).astype(float)
        idx = np.minimum((p * bins).astype(int), bins - 1)
        out.append(sum((idx == b).mean() * abs(hit[idx == b].mean() - p[idx == b].mean())
                       for b in range(bins) if (idx == b).any()))
    return float(np.mean(out))


def macro_f1(y: np.ndarray, pred: np.ndarray, n_classes: int) -> float:
    """Macro-F1 over the classes present in ``y`` (codes 0..n_classes-1).

    >>> round(macro_f1(np.array([0, 1, 2]), np.array([0, 2, 2]), 3), 3)
    0.556
    """
    k = n_classes
    cm = np.bincount(np.asarray(y) * k + np.asarray(pred), minlength=k * k).reshape(k, k)
    tp = np.diag(cm).astype(float)
    p = np.divide(tp, cm.sum(axis=0), out=np.zeros(k), where=cm.sum(axis=0) > 0)
    r = np.divide(tp, cm.sum(axis=1), out=np.zeros(k), where=cm.sum(axis=1) > 0)
    f = np.divide(2 * p * r, p + r, out=np.zeros(k), where=(p + r) > 0)
    return float(f[cm.sum(axis=1) > 0].mean())


def stratified_folds(y: np.ndarray, k: int = 5, seed: int = 0) -> np.ndarray:
    """Fold number (0..k-1) per row, each class spread evenly over the folds (seeded)."""
    rng = np.random.default_rng(seed)
    y = np.asarray(y)
    fold = np.empty(len(y), dtype=int)
    for c in np.unique(y):
        ix = np.flatnonzero(y == c)
        rng.shuffle(ix)
        fold[ix] = np.arange(len(ix)) % k
    return fold


def resources_digest() -> str:
    """sha256 over the lexicons and rule tables the engine reads; stored with the parameters, which go
    stale when these change (refit with ``python benchmarks/sentiment.py --fit-calibration``).

    Lexicons count by their bytes; a rule table (``lang/<code>.py``) by the values of its public
    upper-case tables, so that a comment or docstring does not make the parameters stale.
    """
    import hashlib
    import importlib

    pkg = Path(__file__).parent
    h = hashlib.sha256()
    for f in sorted((pkg / "lexicons").glob("*.tsv"), key=lambda x: x.name):
        h.update(f.name.encode())
        h.update(f.read_bytes().replace(b"\r\n", b"\n"))
    for f in sorted((pkg / "lang").glob("*.py"), key=lambda x: x.name):
        if f.stem == "__init__":
            continue
        mod = importlib.import_module(f"{__package__}.lang.{f.stem}")
        h.update(f.name.encode())
        for name in sorted(n for n in vars(mod) if n.isupper()):
            h.update(f"{name}={_canonical(getattr(mod, name))}".encode())
    return h.hexdigest()


def _canonical(value) -> str:
    """A text form of a rule-table value that does not depend on set or dict order."""
    if isinstance(value, dict):
        return "{" + ",".join(f"{_canonical(k)}:{_canonical(v)}" for k, v in sorted(value.items(), key=repr)) + "}"
    if isinstance(value, (set, frozenset)):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return repr(value)


# ------------------------------------------------------------------ applying stored parameters
@lru_cache(maxsize=4)
def _read(path: str) -> dict:  # noqa: D401 - cached reader behind load_parameters
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if data.get("format") != "clientcomm-sentiment-calibration":
        raise ValueError(f"{path} is not a clientcomm sentiment calibration file")
    return data


def load_parameters(path: str | Path | None = None) -> dict:
    """The calibration file as a dict (``about`` = provenance, ``languages`` = parameters); cached."""
    p = Path(path) if path is not None else PARAMETER_FILE
    if not p.exists():
        raise FileNotFoundError(f"calibration parameters not found: {p} "
                                "(write them with: python benchmarks/sentiment.py --fit-calibration)")
    return _read(str(p.resolve()))


def _model_proba(entry: dict, summary: pd.DataFrame) -> np.ndarray:
    X = feature_matrix(summary, entry["features"])
    W = np.array([entry["weights"][c] for c in entry["classes"]], dtype=float).reshape(len(entry["classes"]), -1)
    b = np.array([entry["intercepts"][c] for c in entry["classes"]], dtype=float)
    # einsum, not X @ W.T: BLAS takes another routine for a 1-row X, which changes the last bit, so a text's
    # probabilities would depend on how many texts of its language share its batch (--jobs chunks)
    return softmax(np.einsum("ij,kj->ik", X, W) + b)


#: A parameter set fitted on fewer texts without any hit than this gives no probabilities for such
#: texts (NaN; the engine's label stays): zh_hant_dev has none, so its model would only extrapolate.
MIN_ROWS_WITHOUT_HITS = 30


def _unsupported_no_hits(entry: dict, summary: pd.DataFrame) -> np.ndarray:
    no_hits = (_column(summary, "n_pos") + _column(summary, "n_neg")) == 0
    if entry.get("n_without_hits", MIN_ROWS_WITHOUT_HITS) < MIN_ROWS_WITHOUT_HITS:
        return no_hits
    return np.zeros(len(no_hits), dtype=bool)


def _three_class(key: str, summary: pd.DataFrame, params: dict) -> np.ndarray:
    """(n, 3) probabilities in :data:`CLASSES` order for one parameter set (NaN rows: not supported)."""
    entry = params["languages"][key]
    p = _model_proba(entry, summary)
    p[_unsupported_no_hits(entry, summary)] = np.nan
    if list(entry["classes"]) == list(CLASSES):
        return p
    if list(entry["classes"]) != ["negative", "positive"]:
        raise ValueError(f"calibration {key}: unsupported classes {entry['classes']}")
    src = entry.get("neutral_from")
    if not src:
        raise ValueError(f"calibration {key}: two classes and no neutral_from")
    q = _model_proba(params["languages"][src], summary)[:, CLASSES.index("neutral")]
    q[_unsupported_no_hits(params["languages"][src], summary)] = np.nan
    return np.column_stack([(1 - q) * p[:, 0], q, (1 - q) * p[:, 1]])


def probabilities(summary: pd.DataFrame, langs, path: str | Path | None = None) -> pd.DataFrame:
    """``p_negative, p_neutral, p_positive`` per row of :func:`hit_summary`; NaN where no parameters apply.

    ``langs`` holds one tag per row (see :func:`calibration_key`).
    """
    return pd.DataFrame(probability_array(summary, langs, path), columns=list(PROB_COLUMNS), index=summary.index)


def probability_array(summary, langs, path: str | Path | None = None) -> np.ndarray:
    """:func:`probabilities` as an ``(n, 3)`` array (columns :data:`PROB_COLUMNS`), from a :func:`hit_summary`
    frame or :func:`summary_arrays` (``score_sentiment`` uses these: no pandas step per call)."""
    params = load_parameters(path)
    cols = {c: _column(summary, c) for c in SUMMARY_COLUMNS}
    keys = [calibration_key(lg) for lg in langs]
    n = len(cols["score"])
    if len(keys) != n:
        raise ValueError(f"{len(keys)} language tags for {n} rows")
    out = np.full((n, 3), np.nan)
    for key in dict.fromkeys(k for k in keys if k is not None):
        if key not in params["languages"]:
            continue
        m = np.fromiter((k == key for k in keys), dtype=bool, count=n)
        out[m] = _three_class(key, {c: v[m] for c, v in cols.items()}, params)
    return out


def heldout_accuracy(path: str | Path | None = None) -> pd.DataFrame:
    """Cross-validated accuracy of the calibrated labels per language, read from the parameter file.

    Columns: ``lang, n, classes, macro_f1_cv, macro_f1_engine_band, ece_cv, ece_classwise_cv, calibrated,
    data, note``. ``macro_f1_cv`` and the ECEs are measured on folds the parameters were not fitted on
    (nested 5-fold CV, see ``about`` in the file); ``macro_f1_engine_band`` is the engine's own
    neutral-band label on the same rows, for comparison (its bands were tuned on them). The lexicons
    were refined on these sets too, so all figures are optimistic; ``calibrated`` is False for a
    language without a development set (en).
    Print it beside any cross-language difference: a difference smaller than the error is no finding.

    >>> t = heldout_accuracy()
    >>> {"ru", "ro", "zh-Hans", "zh-Hant"} <= set(t["lang"])
    True
    """
    params = load_parameters(path)
    rows = []
    for key, e in params["languages"].items():
        cv = e.get("cv") or {}
        rows.append({"lang": key, "n": cv.get("n", 0), "classes": "/".join(e["classes"]),
                     "macro_f1_cv": cv.get("macro_f1"), "macro_f1_engine_band": cv.get("macro_f1_engine"),
                     "ece_cv": cv.get("ece"), "ece_classwise_cv": cv.get("ece_classwise"),
                     "calibrated": bool(e.get("calibrated", True)), "data": e.get("data", ""),
                     "note": e.get("note", "")})
    return pd.DataFrame(rows)


# ------------------------------------------------------------------ fitting (development sets)
#: Model menu searched by the inner cross-validation: feature subsets × L2 strengths.
FEATURE_SETS: dict[str, tuple[str, ...]] = {
    "hits4": ("score", "log_pos", "log_neg", "no_hits"),
    "hits6": tuple(FEATURES),
}
L2_GRID: tuple[float, ...] = (1e-3, 1e-2)


def _log_loss(p: np.ndarray, y: np.ndarray) -> float:
    return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-12, 1.0)).mean())


def select_model(summary: pd.DataFrame, y: np.ndarray, n_classes: int, k: int = 5,
                 seed: int = 1) -> tuple[str, float]:
    """``(feature set, l2)`` from the menu with the lowest k-fold cross-validated log-loss on these rows."""
    folds = stratified_folds(y, k, seed)
    best = None
    for name, feats in FEATURE_SETS.items():
        X = feature_matrix(summary, feats)
        for l2 in L2_GRID:
            p = np.zeros((len(y), n_classes))
            for f in range(k):
                tr = folds != f
                W, b = fit_multinomial(X[tr], y[tr], n_classes, l2)
                p[~tr] = softmax(X[~tr] @ W.T + b)
            ll = _log_loss(p, y)
            if best is None or ll < best[0] - 1e-12:
                best = (ll, name, l2)
    return best[1], best[2]


def nested_cv(summary: pd.DataFrame, y: np.ndarray, n_classes: int, k: int = 5,
              seed: int = 0) -> tuple[np.ndarray, list[tuple[str, float]]]:
    """Out-of-fold probabilities: per outer fold, the model is chosen (inner CV) and fitted on the other folds."""
    folds = stratified_folds(y, k, seed)
    out = np.zeros((len(y), n_classes))
    chosen = []
    for f in range(k):
        tr = folds != f
        sub = summary.loc[tr].reset_index(drop=True)
        name, l2 = select_model(sub, y[tr], n_classes, k, seed + 1)
        X = feature_matrix(summary, FEATURE_SETS[name])
        W, b = fit_multinomial(X[tr], y[tr], n_classes, l2)
        out[~tr] = softmax(X[~tr] @ W.T + b)
        chosen.append((name, l2))
    return out, chosen


def fit_language(summary: pd.DataFrame, labels, engine_labels=None, k: int = 5, seed: int = 0) -> dict:
    """One language's parameter entry: model chosen and fitted on all rows, figures from nested CV.

    ``labels`` are gold class names; the classes are those of :data:`CLASSES`
    present in them (zh-Hans: negative/positive). ``engine_labels`` (the
    engine's own labels, same mode) are scored on the same outer folds for
    comparison.
    """
    labels = [str(x) for x in labels]
    classes = [c for c in CLASSES if c in set(labels)]
    if len(classes) < 2 or set(labels) - set(classes):
        raise ValueError(f"labels must be among {CLASSES} with at least two classes, got {sorted(set(labels))}")
    y = np.array([classes.index(c) for c in labels])
    summary = summary.reset_index(drop=True)
    kc = len(classes)
    oof, chosen = nested_cv(summary, y, kc, k, seed)
    name, l2 = select_model(summary, y, kc, k, seed + 1)
    feats = FEATURE_SETS[name]
    W, b = fit_multinomial(feature_matrix(summary, feats), y, kc, l2)
    n_without_hits = int(((summary["n_pos"] + summary["n_neg"]) == 0).sum())
    cv = {"n": int(len(y)), "macro_f1": round(macro_f1(y, oof.argmax(axis=1), kc), 4),
          "ece": round(expected_calibration_error(oof, y), 4),
          "ece_classwise": round(classwise_ece(oof, y), 4),
          "log_loss": round(_log_loss(oof, y), 4),
          "models_chosen_per_fold": [f"{a} l2={c:g}" for a, c in chosen]}
    if engine_labels is not None:
        eng = np.array([classes.index(str(c)) if str(c) in classes else -1 for c in engine_labels])
        if (eng < 0).any():
            raise ValueError("engine labels contain classes absent from the gold labels (use binary mode)")
        cv["macro_f1_engine"] = round(macro_f1(y, eng, kc), 4)
    return {"classes": classes, "features": list(feats), "l2": l2,
            "weights": {c: [round(float(w), 6) for w in W[i]] for i, c in enumerate(classes)},
            "intercepts": {c: round(float(b[i]), 6) for i, c in enumerate(classes)},
            "n_without_hits": n_without_hits, "cv": cv, "calibrated": True, "_oof": oof}
