"""Keyness of features in target vs reference segments: G², chi² (Yates), p, log-ratio.

>>> import pandas as pd
>>> seg = pd.DataFrame({"text": ["call me call me", "send an email", "email me", "email them"], "lang": "en"})
>>> k = keyness(seg, seg.index < 1)
>>> k.loc[0, "feature"], int(k.loc[0, "n_target"]), int(k.loc[0, "n_reference"])
('call', 2, 0)

The table follows quanteda's ``textstat_keyness``: one row per feature,
sorted by the chosen statistic, signed negative when the feature is rarer in
the target than expected. For each feature the 2×2 table is

    ============  =========  ==============
                  target     reference
    feature       a          b
    other tokens  c          d
    ============  =========  ==============

with expected counts E = row total × column total / N. ``G2`` is the
log-likelihood 2·Σ O·ln(O/E) over the four cells (Dunning 1993; Rayson &
Garside 2000); ``chi2`` is Pearson's chi² with Yates' continuity correction
N·(|ad − bc| − N/2)² / ((a+b)(c+d)(a+c)(b+d)); ``p`` is the upper tail of
chi² with 1 degree of freedom for the chosen ``measure``; ``log_ratio`` is
log2 of the ratio of relative frequencies (Hardie 2014), a count of 0
replaced by 0.5.

Keyness without circularity: when the target was *selected* by some terms
(passages that name флегматик), those terms are key by construction and top
the list. ``exclude`` takes glob patterns (``флегматик*``, ``*флегм*``) that
remove every matching token from both parts before counting: a token is
dropped when its lower-cased form, its lemma, or any hyphen-separated part of
either (клиентами-флегматиками) fully matches a pattern. The totals are then
of the remaining tokens, and ``attrs["excluded"]`` counts what was removed.

>>> k = keyness(seg, seg.index < 1, exclude=["call*"])
>>> "call" in set(k["feature"]), k.attrs["excluded"]
(False, {'target': 2, 'reference': 0})
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

import re

from ..matching import glob_to_regex
from ._common import as_segments, segment_langs, segment_tokens

__all__ = ["keyness", "g2_2x2", "chi2_yates_2x2"]


def g2_2x2(a, b, c, d) -> np.ndarray:
    """Log-likelihood G² of 2×2 tables (vectorised), unsigned."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    obs = (a, b, c, d)
    exp = ((a + b) * (a + c) / n, (a + b) * (b + d) / n, (c + d) * (a + c) / n, (c + d) * (b + d) / n)
    total = np.zeros_like(a)
    for o, e in zip(obs, exp):
        with np.errstate(divide="ignore", invalid="ignore"):
            total += np.where(o > 0, o * np.log(o / e), 0.0)
    return 2.0 * total


def chi2_yates_2x2(a, b, c, d) -> np.ndarray:
    """Pearson chi² with Yates' continuity correction of 2×2 tables (vectorised), unsigned."""
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = a + b + c + d
    num = n * np.maximum(np.abs(a * d - b * c) - n / 2.0, 0.0) ** 2
    den = (a + b) * (c + d) * (a + c) * (b + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(den > 0, num / den, 0.0)


def _exclusion(patterns) -> re.Pattern | None:
    if patterns is None:
        return None
    if isinstance(patterns, str):
        patterns = [patterns]
    bodies = [glob_to_regex(p.lower()) for p in patterns if p]
    return re.compile("|".join(f"(?:{b})" for b in bodies)) if bodies else None


def _excluded(rx: re.Pattern, form: str, lemma: str) -> bool:
    for w in (form.lower(), lemma.lower()):
        if rx.fullmatch(w) or any(rx.fullmatch(part) for part in re.split(r"[-‐‑']", w) if part):
            return True
    return False


def _features(seg: pd.DataFrame, text_column: str, langs: list, feature: str,
              exclude: re.Pattern | None = None) -> tuple[list[Counter], list[int]]:
    out, dropped = [], []
    for text, lg in zip(seg[text_column].tolist(), langs):
        toks = [t for t in segment_tokens(text if isinstance(text, str) else "", lg) if not t.text.isdigit()]
        kept = [t for t in toks if exclude is None or not _excluded(exclude, t.text, t.lemma)]
        out.append(Counter((t.lemma if feature == "lemma" else t.text.lower()) for t in kept))
        dropped.append(len(toks) - len(kept))
    return out, dropped


def keyness(segments, target, measure: str = "G2", feature: str = "lemma", min_count: int = 1,
            text_column: str = "text", lang=None, lang_column: str = "lang", exclude=None, *,
            permutations: int = 0, unit: str | list[str] | None = None, strata: str | None = None,
            seed: int = 0) -> pd.DataFrame:
    """Keyness table of target segments against the rest.

    ``target`` is a boolean mask aligned with ``segments`` (Series, array or
    list) or the name of a boolean column. ``feature`` is ``"lemma"`` (default)
    or ``"token"`` (lower-cased word forms). Features with fewer than
    ``min_count`` occurrences in all are dropped. Columns: ``feature``,
    ``G2``, ``chi2``, ``p``, ``n_target``, ``n_reference``, ``log_ratio``;
    ``attrs`` holds the token totals of both parts.
    """
    from scipy.stats import chi2 as chi2_dist

    if measure not in ("G2", "chi2"):
        raise ValueError("measure must be 'G2' or 'chi2'")
    if feature not in ("lemma", "token"):
        raise ValueError("feature must be 'lemma' or 'token'")
    seg = as_segments(segments, text_column)
    if isinstance(target, str):
        target = seg[target]
    mask = np.asarray(target.to_numpy() if isinstance(target, pd.Series) else target, dtype=bool)
    if mask.shape != (len(seg),):
        raise ValueError(f"target has {mask.size} values for {len(seg)} segments")
    if not mask.any() or mask.all():
        raise ValueError("target must select some segments but not all of them")
    langs = segment_langs(seg, lang, lang_column)
    feats, dropped = _features(seg, text_column, langs, feature, _exclusion(exclude))
    tgt, ref = Counter(), Counter()
    for m, c in zip(mask, feats):
        (tgt if m else ref).update(c)
    dropped_arr = np.asarray(dropped)
    vocab = sorted(set(tgt) | set(ref))
    a = np.array([tgt[f] for f in vocab], dtype=float)
    b = np.array([ref[f] for f in vocab], dtype=float)
    ta, tb = a.sum(), b.sum()
    keep = (a + b) >= min_count
    vocab = [f for f, k in zip(vocab, keep) if k]
    a, b = a[keep], b[keep]
    c, d = ta - a, tb - b
    expected_a = (a + b) * ta / (ta + tb)
    sign = np.where(a >= expected_a, 1.0, -1.0)
    g2 = g2_2x2(a, b, c, d)
    chi = chi2_yates_2x2(a, b, c, d)
    stat = g2 if measure == "G2" else chi
    lr = np.log2((np.where(a > 0, a, 0.5) / ta) / (np.where(b > 0, b, 0.5) / tb))
    out = pd.DataFrame({"feature": vocab, "G2": sign * g2, "chi2": sign * chi,
                        "p": chi2_dist.sf(stat, df=1), "n_target": a.astype(int), "n_reference": b.astype(int),
                        "log_ratio": lr})
    from .association import benjamini_hochberg

    out["p_bh"] = benjamini_hochberg(out["p"].tolist())
    method = (f"{measure} with chi² (1 df) p over tokens taken as independent (descriptive); "
              f"Benjamini–Hochberg over {len(out)} features")
    if permutations > 0:
        out["p_perm"] = _permutation_p(seg, mask, feats, vocab, unit=unit, strata=strata,
                                       n_perm=permutations, seed=seed, observed=g2)
        out["p_perm_bh"] = benjamini_hochberg(out["p_perm"].tolist())
        who = "segments" if unit is None else f"units of {unit}"
        method += (f"; p_perm: permutation test, target labels permuted among {who}"
                   + (f" within {strata}" if strata else "") + f" ({permutations} permutations, seed {seed})")
    out = out.sort_values([measure, "feature"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    out.attrs.update({"measure": measure, "method": method, "tokens_target": int(ta), "tokens_reference": int(tb),
                      "exclude": [exclude] if isinstance(exclude, str) else list(exclude or []),
                      "excluded": {"target": int(dropped_arr[mask].sum()),
                                   "reference": int(dropped_arr[~mask].sum())}})
    return out


def _permutation_p(seg: pd.DataFrame, mask: np.ndarray, feats: list[Counter], vocab: list,
                   unit, strata: str | None, n_perm: int, seed: int, observed: np.ndarray) -> np.ndarray:
    """Permutation p of G² per feature, shuffling the target flag among units (within strata)."""
    if unit is None:
        ucode = np.arange(len(seg))
    else:
        cols = [unit] if isinstance(unit, str) else list(unit)
        ucode = seg.groupby(cols, sort=False).ngroup().to_numpy()
    n_units = int(ucode.max()) + 1
    flags = np.zeros(n_units)
    seen = np.zeros(n_units, dtype=int)
    np.add.at(flags, ucode, mask.astype(float))
    np.add.at(seen, ucode, 1)
    if not np.all((flags == 0) | (flags == seen)):
        raise ValueError(f"the target must be the same for all segments of a unit ({unit})")
    flags = (flags > 0).astype(float)
    col = {f: j for j, f in enumerate(vocab)}
    counts = np.zeros((n_units, len(vocab)))
    tokens = np.zeros(n_units)
    for u, c in zip(ucode, feats):
        tokens[u] += sum(c.values())
        for f, k in c.items():
            j = col.get(f)
            if j is not None:
                counts[u, j] += k
    if strata is None:
        groups = [np.arange(n_units)]
    else:
        s_of_unit = pd.Series(seg[strata].to_numpy()).groupby(ucode).agg(lambda x: x.iloc[0])
        groups = [np.flatnonzero(s_of_unit.to_numpy() == v) for v in pd.unique(s_of_unit)]
    rng = np.random.default_rng(seed)
    total_f = counts.sum(axis=0)
    total_t = tokens.sum()
    hits = np.zeros(len(vocab))
    chunk = max(1, min(n_perm, 2_000_000 // max(n_units, 1)))
    done = 0
    while done < n_perm:
        m = min(chunk, n_perm - done)
        perm = np.tile(flags, (m, 1))
        for g in groups:
            perm[:, g] = rng.permuted(perm[:, g], axis=1)
        a = perm @ counts
        ta = (perm @ tokens)[:, None]
        b = total_f[None, :] - a
        tb = total_t - ta
        g2 = g2_2x2(a, b, ta - a, tb - b)
        hits += (g2 >= observed[None, :] - 1e-9).sum(axis=0)
        done += m
    return (1.0 + hits) / (1.0 + n_perm)
