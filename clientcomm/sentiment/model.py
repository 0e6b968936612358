"""Trainable, explainable adaptation: a small multinomial logistic regression
over the engine's lexicon scores, per-term contributions and (optionally)
frequent lemmas, fitted with numpy/scipy. Every weight can be listed.

>>> texts = ["Отличный сервис, спасибо!", "Ужасно, никто не перезвонил", "Банк открыл офис",
...          "Спасибо, всё быстро", "Плохой сервис", "Офис работает до шести"] * 3
>>> labels = ["positive", "negative", "neutral"] * 6
>>> m = fit(texts, labels, "ru", min_count=2)
>>> m.score(["Спасибо, отличный сервис"])["sentiment_label"].iloc[0]
'positive'

The features of a text are: ``lex:pos`` and ``lex:neg`` (sums of positive
and negative hit weights after rules, log-scaled), ``lex:score`` (the
engine's −1..1 score), ``lex:none`` (no hit), ``term:<lemma>`` (summed
weight after rules of each lexicon term that fired, so a negated term counts
against its own sign) and, with ``words=True``, ``word:<lemma>`` counts of
lemmas seen ``min_count`` times in training (zh: Simplified words). L2
regularisation with strength ``1/C``. ``sentiment`` is P(positive) −
P(negative); the label is the most probable class.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import optimize, sparse

from ..tokens import tokenize
from .engine import score_text
from .resources import lang_code

__all__ = ["SentimentModel", "fit", "features"]

_DENSE = ["lex:pos", "lex:neg", "lex:score", "lex:none"]


def _tok_lang(lang: str) -> str:
    return lang if lang_code(lang) != "zh" or lang.startswith("zh") else "zh-Hant"


def features(text: str, lang: str, words: bool = True) -> tuple[dict[str, float], list[tuple[str, int, int]], object]:
    """Feature dict of one text, the word tokens ``(lemma, start, end)`` and the engine result."""
    r = score_text(text, lang)
    pos = sum(h.weight_after_rules for h in r.hits if h.weight_after_rules > 0)
    neg = -sum(h.weight_after_rules for h in r.hits if h.weight_after_rules < 0)
    f: dict[str, float] = {"lex:pos": math.log1p(pos), "lex:neg": math.log1p(neg), "lex:score": r.score,
                           "lex:none": 0.0 if r.hits else 1.0}
    for h in r.hits:
        k = "term:" + h.lemma
        f[k] = f.get(k, 0.0) + h.weight_after_rules / 4.0
    toks = []
    if words and isinstance(text, str):
        toks = [(t.lemma, t.start, t.end) for t in tokenize(text, _tok_lang(lang)) if len(t.lemma) > 1 or lang_code(lang) == "zh"]
        for lem, _, _ in toks:
            k = "word:" + lem
            f[k] = f.get(k, 0.0) + 1.0
    return f, toks, r


@dataclass
class SentimentModel:
    """A fitted model: classes, feature names, one weight row per class and intercepts."""

    lang: str
    classes: list[str]
    feature_names: list[str]
    coef: np.ndarray          # (n_classes, n_features)
    intercept: np.ndarray     # (n_classes,)
    words: bool = True
    meta: dict = field(default_factory=dict)

    def __post_init__(self):
        self._index = {f: i for i, f in enumerate(self.feature_names)}

    # ---- scoring -------------------------------------------------------
    def _matrix(self, feats: list[dict]) -> sparse.csr_matrix:
        return _to_matrix(feats, self._index)

    def predict_proba(self, texts, lang: str | None = None) -> pd.DataFrame:
        s = texts if isinstance(texts, pd.Series) else pd.Series([texts] if isinstance(texts, str) else list(texts))
        feats = [features(t if isinstance(t, str) else "", lang or self.lang, self.words)[0] for t in s]
        p = _softmax(self._matrix(feats) @ self.coef.T + self.intercept)
        return pd.DataFrame(p, columns=self.classes, index=s.index)

    def score(self, texts, lang: str | None = None) -> pd.DataFrame:
        """Columns of ``score_sentiment`` (without ``sentiment_lang``); ``p_*`` are this model's probabilities
        (NaN for a class it was not fitted on); hits include the learned word and term weights."""
        s = texts if isinstance(texts, pd.Series) else pd.Series([texts] if isinstance(texts, str) else list(texts))
        lg = lang or self.lang
        rows = []
        pos_i = self.classes.index("positive") if "positive" in self.classes else None
        neg_i = self.classes.index("negative") if "negative" in self.classes else None
        delta = np.zeros(len(self.feature_names))
        if pos_i is not None:
            delta += self.coef[pos_i]
        if neg_i is not None:
            delta -= self.coef[neg_i]
        for t in s:
            t = t if isinstance(t, str) else ""
            f, toks, r = features(t, lg, self.words)
            z = self._matrix([f]) @ self.coef.T + self.intercept
            p = _softmax(np.asarray(z))[0]
            sent = (p[pos_i] if pos_i is not None else 0.0) - (p[neg_i] if neg_i is not None else 0.0)
            hits = []
            for h in r.hits:
                d = h.to_dict()
                j = self._index.get("term:" + h.lemma)
                d["learned_weight"] = round(float(delta[j]), 4) if j is not None else 0.0
                hits.append(d)
            seen = set()
            for lem, st, en in toks:
                j = self._index.get("word:" + lem)
                if j is None or abs(delta[j]) < 0.05 or lem in seen:
                    continue
                seen.add(lem)
                hits.append({"term": t[st:en], "lemma": lem, "start": st, "end": en, "valence": 0.0,
                             "weight_after_rules": round(float(delta[j]), 4), "rules": ["learned"]})
            hits.sort(key=lambda d: d["start"])
            probs = [float(p[self.classes.index(c)]) if c in self.classes else float("nan")
                     for c in ("negative", "neutral", "positive")]
            rows.append((round(float(sent), 4), self.classes[int(np.argmax(p))], hits, *probs))
        return pd.DataFrame(rows, columns=["sentiment", "sentiment_label", "sentiment_hits", "p_negative",
                                           "p_neutral", "p_positive"], index=s.index)

    def weights(self) -> pd.DataFrame:
        """All weights: one row per feature, one column per class, plus ``positive_minus_negative``."""
        df = pd.DataFrame(self.coef.T, index=self.feature_names, columns=self.classes)
        if "positive" in df and "negative" in df:
            df["positive_minus_negative"] = df["positive"] - df["negative"]
            df = df.reindex(df["positive_minus_negative"].abs().sort_values(ascending=False).index)
        df.index.name = "feature"
        return df.reset_index()

    # ---- persistence ---------------------------------------------------
    def save(self, path: str | Path) -> Path:
        """Write the model as plain JSON (readable, diff-able)."""
        path = Path(path)
        data = {"format": "clientcomm-sentiment-model", "version": 1, "lang": self.lang, "classes": self.classes,
                "words": self.words, "meta": self.meta,
                "intercept": {c: float(b) for c, b in zip(self.classes, self.intercept)},
                "weights": {f: [round(float(w), 6) for w in self.coef[:, i]]
                            for i, f in enumerate(self.feature_names)}}
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "SentimentModel":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if data.get("format") != "clientcomm-sentiment-model":
            raise ValueError(f"{path} is not a clientcomm sentiment model")
        names = list(data["weights"])
        coef = np.array([data["weights"][f] for f in names], dtype=float).T.reshape(len(data["classes"]), len(names))
        return cls(data["lang"], list(data["classes"]), names, coef,
                   np.array([data["intercept"][c] for c in data["classes"]], dtype=float),
                   bool(data.get("words", True)), data.get("meta", {}))


def _to_matrix(feats: list[dict], index: dict[str, int]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for k, v in f.items():
            j = index.get(k)
            if j is not None and v:
                rows.append(r)
                cols.append(j)
                vals.append(v)
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), len(index)))


def _softmax(z) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(texts, labels, lang: str, C: float = 1.0, words: bool = True, min_count: int = 3,
        max_words: int = 5000) -> SentimentModel:
    """Fit a :class:`SentimentModel` on labelled texts of one language (deterministic).

    ``labels`` are class names (usually negative/neutral/positive; any two or
    more classes work). ``C`` is the inverse L2 strength.
    """
    texts = list(texts)
    labels = [str(x) for x in labels]
    if len(texts) != len(labels):
        raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError("fit needs at least two classes")
    feats = [features(t if isinstance(t, str) else "", lang, words)[0] for t in texts]
    counts = Counter(k for f in feats for k in f if not k.startswith("lex:"))
    kept = sorted((k for k, c in counts.items() if c >= min_count and (k.startswith("term:") or words)),
                  key=lambda k: (-counts[k], k))
    terms = [k for k in kept if k.startswith("term:")]
    wordf = [k for k in kept if k.startswith("word:")][:max_words]
    names = _DENSE + sorted(terms) + sorted(wordf)
    index = {f: i for i, f in enumerate(names)}
    X = _to_matrix(feats, index)
    y = np.array([classes.index(c) for c in labels])
    Y = np.eye(len(classes))[y]
    n, d = X.shape
    k = len(classes)
    lam = 1.0 / (C * n)

    def loss(wb):
        W = wb[: k * d].reshape(k, d)
        b = wb[k * d:]
        Z = np.asarray(X @ W.T) + b
        Z -= Z.max(axis=1, keepdims=True)
        logp = Z - np.log(np.exp(Z).sum(axis=1, keepdims=True))
        P = np.exp(logp)
        val = -(Y * logp).sum() / n + 0.5 * lam * n * (W * W).sum() / n
        G = (P - Y) / n
        gW = np.asarray((X.T @ G).T) + lam * W
        return val, np.concatenate([gW.ravel(), G.sum(axis=0)])

    res = optimize.minimize(loss, np.zeros(k * d + k), jac=True, method="L-BFGS-B",
                            options={"maxiter": 500})
    W = res.x[: k * d].reshape(k, d)
    b = res.x[k * d:]
    return SentimentModel(lang, classes, names, W, b, words,
                          {"n_train": n, "C": C, "min_count": min_count, "converged": bool(res.success)})
