"""The tagger against adjudicated human codes: precision, recall and F1 per label and language.

>>> import pandas as pd
>>> codes = pd.DataFrame({"unit_id": ["s1", "s2", "s3"], "label_set": "channels", "coder": "adjudicated",
...                       "labels": ["phone", "", "email;phone"]})
>>> tagged = pd.DataFrame({"seg_id": ["s1", "s2", "s3"], "lang": "ru", "channels": ["phone", "phone", "email"]})
>>> v = validate(codes, tagged, "channels").set_index(["lang", "label"])
>>> v.loc[("ru", "phone"), ["tp", "fp", "fn"]].tolist(), v.loc[("ru", "phone"), ["precision", "recall"]].tolist()
([1, 1, 1], [0.5, 0.5])

Each unit is a yes/no decision per label (multi-label codes are compared
label by label). ``precision`` = tp / (tp + fp) is undefined when the tagger
never gave the label; ``recall`` = tp / (tp + fn) is undefined when no unit
was coded with it; the ``note`` then says so and the number is missing.
Wilson intervals (``*_low``, ``*_high``) show how little 10 units can say.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .agreement import NOT_CODERS
from .sheet import label_vocabulary

__all__ = ["validate", "adjudicate", "VALIDATION_COLUMNS"]

VALIDATION_COLUMNS = ["label_set", "lang", "label", "n_units", "support", "predicted", "tp", "fp", "fn",
                      "precision", "precision_low", "precision_high", "recall", "recall_low", "recall_high", "f1",
                      "note"]
_PRED_COLUMN = {"sentiment": "sentiment_label"}


def adjudicate(codes: pd.DataFrame, coders: list[str] | None = None, name: str = "majority") -> pd.DataFrame:
    """Add a coder ``name`` holding, per unit and label set, the labels that more than half the coders gave.

    For ``sentiment`` (one label per unit) a unit without a majority label is
    a tie and gets no decision; ``attrs["ties"]`` counts them.

    >>> c = pd.DataFrame({"unit_id": ["u"] * 3, "label_set": "channels", "coder": ["A", "B", "C"],
    ...                   "labels": ["phone;email", "phone", "email;phone"]})
    >>> adjudicate(c).query("coder == 'majority'")["labels"].tolist()
    ['email;phone']
    """
    base = codes[~codes["coder"].isin(NOT_CODERS + (name,))]
    if coders is not None:
        base = base[base["coder"].isin(coders)]
    rows, ties = [], 0
    for (uid, ls), g in base.groupby(["unit_id", "label_set"], sort=True):
        m = len(g)
        counts: dict = {}
        for s in g["labels"]:
            for x in (s.split(";") if s else []):
                counts[x] = counts.get(x, 0) + 1
        chosen = [x for x, k in counts.items() if k * 2 > m]
        if ls == "sentiment" and len(chosen) != 1:
            ties += 1
            continue
        try:
            order = {x: i for i, x in enumerate(label_vocabulary(ls))}
        except ValueError:  # a label set of the user's own (read with vocabulary=...): alphabetical order
            order = {x: i for i, x in enumerate(sorted(counts))}
        first = g.iloc[0]
        rows.append({**first.to_dict(), "coder": name, "labels": ";".join(sorted(chosen, key=lambda x: order.get(x, 99))),
                     "source": "adjudicate(majority)"})
    out = pd.concat([codes, pd.DataFrame(rows, columns=codes.columns)], ignore_index=True)
    out.attrs["ties"] = ties
    return out


def _ratio(num: int, den: int) -> float:
    return num / den if den else np.nan


def validate(codes: pd.DataFrame, tagged: pd.DataFrame, label_set: str | list[str], *, gold: str = "adjudicated",
             unit_id: str = "seg_id", pred_column: str | None = None, lang_column: str = "lang",
             ci: float = 0.95) -> pd.DataFrame:
    """Precision, recall and F1 of ``tagged`` (the dictionary or sentiment output) against ``gold`` codes.

    ``tagged`` has one row per unit with ``unit_id`` and the predicted labels
    in ``pred_column`` (default: the label set's name, ``sentiment_label``
    for ``sentiment``; ``;``-separated). One row per label set, language and
    label, plus ``lang == "all"`` rows over every language; a label neither
    coded nor tagged in a language gets no row there.
    """
    from ..stats.intervals import wilson_interval

    sets = [label_set] if isinstance(label_set, str) else list(label_set)
    if unit_id not in tagged.columns:
        raise KeyError(f"tagged table has no unit id column {unit_id!r}")
    rows = []
    for ls in sets:
        col = pred_column or _PRED_COLUMN.get(ls, ls)
        if col not in tagged.columns:
            raise KeyError(f"tagged table has no column {col!r} for label set {ls!r}")
        g = codes[(codes["label_set"] == ls) & (codes["coder"] == gold)]
        if g.empty:
            raise ValueError(f"no {ls!r} codes by coder {gold!r}; adjudicate first "
                             f"(clientcomm.coding.adjudicate(codes) adds the majority as coder 'majority')")
        pred = tagged.drop_duplicates(unit_id).set_index(tagged.drop_duplicates(unit_id)[unit_id].astype(str))
        missing = sorted(set(g["unit_id"]) - set(pred.index))
        if missing:
            raise ValueError(f"{len(missing)} coded unit(s) not in the tagged table, e.g. {missing[0]!r}")
        gold_sets = {u: set(s.split(";")) - {""} for u, s in zip(g["unit_id"], g["labels"])}
        units = list(gold_sets)
        pred_sets = {u: set(str(pred.at[u, col]).split(";")) - {"", "nan", "None"} for u in units}
        langs = pred.loc[units, lang_column].astype(str) if lang_column in pred.columns else \
            g.set_index("unit_id")["lang"].astype(str).reindex(units)
        try:
            vocab = label_vocabulary(ls)
        except ValueError:  # the user's own label set: every label seen in the codes or the predictions
            vocab = tuple(sorted(set().union(*gold_sets.values(), *pred_sets.values())))
        labels = [x for x in vocab if any(x in s for s in gold_sets.values()) or any(x in s for s in pred_sets.values())]
        for lang in sorted(set(langs)) + ["all"]:
            us = [u for u in units if lang == "all" or langs[u] == lang]
            for lab in labels:
                tp = sum(lab in gold_sets[u] and lab in pred_sets[u] for u in us)
                fp = sum(lab not in gold_sets[u] and lab in pred_sets[u] for u in us)
                fn = sum(lab in gold_sets[u] and lab not in pred_sets[u] for u in us)
                p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
                notes = []
                if tp + fp == 0:
                    notes.append(f"the tagger never gave {lab} here: precision undefined")
                if tp + fn == 0:
                    notes.append(f"no unit here is coded {lab}: recall undefined")
                f1 = 2 * p * r / (p + r) if np.isfinite(p) and np.isfinite(r) and p + r > 0 else \
                    (0.0 if np.isfinite(p) and np.isfinite(r) else np.nan)
                pl, ph = (float(x) for x in wilson_interval(tp, tp + fp, ci)) if tp + fp else (np.nan, np.nan)
                rl, rh = (float(x) for x in wilson_interval(tp, tp + fn, ci)) if tp + fn else (np.nan, np.nan)
                rows.append({"label_set": ls, "lang": lang, "label": lab, "n_units": len(us), "support": tp + fn,
                             "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn, "precision": p,
                             "precision_low": pl, "precision_high": ph, "recall": r, "recall_low": rl,
                             "recall_high": rh, "f1": f1, "note": "; ".join(notes)})
    out = pd.DataFrame(rows, columns=VALIDATION_COLUMNS)
    # a label neither coded nor tagged in a language says nothing about the tagger there
    out = out[(out["support"] > 0) | (out["predicted"] > 0)].reset_index(drop=True)
    out.attrs.update({"gold": gold, "ci": ci, "interval": "Wilson score interval"})
    return out
