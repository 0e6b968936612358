"""The client-satisfaction estimate of a thread: a small linear score, explainable term by term.

``client_satisfaction = tanh(intercept + Σ weight_f × feature_f)``, in −1…1,
with seven features of the thread (:data:`FEATURES`), all computed from the
client's messages except the last:

- ``client_sentiment_last``, ``client_sentiment_mean``: sentiment (−1…1) of the
  client's last message and mean over the client's messages;
- ``client_thanks``: 1 when a client message thanks (``resolution_cues.yaml``);
- ``client_solved_last``: 1 when the client's last message says it is solved;
- ``client_complaints``: number of client messages with complaint words;
- ``client_questions_last``: question marks in the client's last message (at most 3),
  an open question at the end means an open problem;
- ``agent_apology``: 1 when an agent apologised (there was something to apologise for).

The weights are a data file, ``satisfaction_weights.yaml`` beside this module,
fitted by ordinary least squares on one half of the development dialogues
(see its header and ``benchmarks/satisfaction.py``). Each thread's
``satisfaction_drivers`` lists the terms by size with the messages and words
behind them.

>>> import pandas as pd
>>> f = pd.DataFrame({"client_sentiment_last": [0.6, -0.7], "client_sentiment_mean": [0.3, -0.5],
...                   "client_thanks": [1, 0], "client_solved_last": [1, 0], "client_complaints": [0, 2],
...                   "client_questions_last": [0, 2], "agent_apology": [0, 1]})
>>> s = score(f)
>>> bool(s[0] > 0.5 and s[1] < -0.5)
True
"""
from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["FEATURES", "WEIGHTS_FILE", "load_weights", "score", "contributions", "fit_weights", "write_weights"]

WEIGHTS_FILE = Path(__file__).with_name("satisfaction_weights.yaml")
FEATURES = ("client_sentiment_last", "client_sentiment_mean", "client_thanks", "client_solved_last",
            "client_complaints", "client_questions_last", "agent_apology")


@lru_cache(maxsize=4)
def load_weights(path: str | None = None) -> dict:
    """``{"intercept": float, "weights": {feature: float}, ...}`` from the weights file."""
    from .._yaml import load_yaml  # only when scoring

    p = Path(path) if path else WEIGHTS_FILE
    data = load_yaml(p)
    missing = [f for f in FEATURES if f not in data.get("weights", {})]
    if missing:
        raise ValueError(f"{p}: no weight for feature(s) {', '.join(missing)}")
    return data


def contributions(features: pd.DataFrame, weights: dict | None = None) -> pd.DataFrame:
    """Per thread and feature: weight × value (the terms of the linear score)."""
    w = weights or load_weights()
    cols = {f: features[f].astype(float).fillna(0.0) * float(w["weights"][f]) for f in FEATURES}
    return pd.DataFrame(cols, index=features.index)


def score(features: pd.DataFrame, weights: dict | None = None) -> pd.Series:
    """``tanh(intercept + Σ contributions)``; NaN where the client's last sentiment is missing (no client message)."""
    w = weights or load_weights()
    lin = float(w["intercept"]) + contributions(features, w).sum(axis=1)
    out = np.tanh(lin)
    return out.where(features["client_sentiment_last"].notna())


def fit_weights(features: pd.DataFrame, target: pd.Series) -> dict:
    """Ordinary least squares of ``target`` on :data:`FEATURES` (with intercept): ``{"intercept", "weights"}``."""
    x = features[list(FEATURES)].astype(float).fillna(0.0).to_numpy()
    x = np.c_[np.ones(len(x)), x]
    coef, *_ = np.linalg.lstsq(x, target.astype(float).to_numpy(), rcond=None)
    return {"intercept": round(float(coef[0]), 4),
            "weights": {f: round(float(c), 4) for f, c in zip(FEATURES, coef[1:])}}


def write_weights(fit: dict, header: str, path: str | Path = WEIGHTS_FILE) -> None:
    """Write fitted weights as YAML with a ``#`` provenance ``header`` (one comment line per line)."""
    lines = [f"# {h}".rstrip() for h in header.splitlines()]
    lines += [f"intercept: {fit['intercept']}", "weights:"]
    lines += [f"  {f}: {fit['weights'][f]}" for f in FEATURES]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_weights.cache_clear()


def describe(value: float) -> str:
    """A signed number as text: ``+0.12`` / ``−0.30``."""
    return ("+" if value >= 0 else "−") + f"{abs(value):.2f}" if not math.isnan(value) else "n/a"
