"""Precision, recall and F1 of dictionary mentions against labelled passages.

>>> import pandas as pd
>>> gold = pd.DataFrame({"text": ["Позвоните мне", "Телефон сломался"], "lang": ["ru", "ru"],
...                      "mentions": [["phone"], []]})
>>> float(evaluate_passages(gold, "channels").loc["micro", "f1"])
1.0

The passage file format is the one of ``tests/dictionaries/passages.yaml``:
``passages: [{lang, text, mentions: [labels]}]`` (labels of both dictionaries
may be mixed; only those of the evaluated dictionary count).
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .loader import load_dictionary
from .tagger import tag

__all__ = ["read_passages", "evaluate_passages", "passage_errors"]


def read_passages(path: str | Path) -> pd.DataFrame:
    """Labelled passages (``text``, ``lang``, ``mentions``) from a YAML file."""
    from .._yaml import load_yaml

    with open(path, encoding="utf-8") as fh:
        raw = load_yaml(fh)
    rows = raw["passages"] if isinstance(raw, dict) else raw
    return pd.DataFrame([{"text": r["text"], "lang": r.get("lang"), "mentions": list(r.get("mentions") or [])}
                         for r in rows])


def _predict(passages: pd.DataFrame, dictionary) -> pd.Series:
    out = tag(passages["text"], dictionary, lang=passages["lang"])
    return out["labels"].map(lambda s: set(s.split(";")) if s else set())


def _gold_and_predicted(passages, dictionary):
    """Passages table, dictionary, and per passage the expected and predicted mention label sets."""
    if not isinstance(passages, pd.DataFrame):
        passages = read_passages(passages)
    d = load_dictionary(dictionary)
    vocab = set(d.labels)
    gold = passages["mentions"].map(lambda m: set(m) & vocab)
    return passages, d, gold, _predict(passages, d)


def evaluate_passages(passages: pd.DataFrame | str | Path, dictionary="channels") -> pd.DataFrame:
    """Per-label ``tp, fp, fn, precision, recall, f1, support`` plus a ``micro`` row (mentions only)."""
    passages, d, gold, pred = _gold_and_predicted(passages, dictionary)
    rows = {}
    for lab in d.labels:
        tp = sum(lab in g and lab in p for g, p in zip(gold, pred))
        fp = sum(lab not in g and lab in p for g, p in zip(gold, pred))
        fn = sum(lab in g and lab not in p for g, p in zip(gold, pred))
        rows[lab] = (tp, fp, fn)
    tab = pd.DataFrame.from_dict(rows, orient="index", columns=["tp", "fp", "fn"])
    tab.loc["micro"] = tab.sum()
    prec = tab["tp"] / (tab["tp"] + tab["fp"]).where(lambda x: x > 0)
    rec = tab["tp"] / (tab["tp"] + tab["fn"]).where(lambda x: x > 0)
    tab["precision"] = prec.round(4)
    tab["recall"] = rec.round(4)
    tab["f1"] = (2 * prec * rec / (prec + rec)).round(4)
    tab["support"] = tab["tp"] + tab["fn"]
    return tab


def passage_errors(passages: pd.DataFrame | str | Path, dictionary="channels") -> pd.DataFrame:
    """The passages where predicted and expected mention labels differ."""
    passages, d, gold, pred = _gold_and_predicted(passages, dictionary)
    bad = gold != pred
    return pd.DataFrame({"lang": passages["lang"], "text": passages["text"],
                         "expected": gold.map(sorted), "predicted": pred.map(sorted)})[bad]
