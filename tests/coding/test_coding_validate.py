"""validate(): precision/recall/F1 per label and language by hand; adjudicate(): majority and ties."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.coding import adjudicate, validate


def test_precision_recall_f1_by_hand():
    gold = ["phone", "phone;email", "", "email", "phone", "", "meeting"]
    pred = ["phone", "phone", "phone", "", "phone", "", ""]
    codes = pd.DataFrame({"unit_id": [f"s{i}" for i in range(7)], "label_set": "channels",
                          "coder": "adjudicated", "labels": gold})
    tagged = pd.DataFrame({"seg_id": [f"s{i}" for i in range(7)], "lang": ["ru"] * 4 + ["ro"] * 3,
                           "channels": pred})
    v = validate(codes, tagged, "channels").set_index(["lang", "label"])
    # all: phone tp = s0, s1, s4 = 3; fp = s2 = 1; fn = 0 → P = 0.75, R = 1.0, F1 = 2*0.75/1.75 = 0.857
    allp = v.loc[("all", "phone")]
    assert (allp["tp"], allp["fp"], allp["fn"]) == (3, 1, 0)
    assert allp["precision"] == 0.75 and allp["recall"] == 1.0 and allp["f1"] == pytest.approx(6 / 7)
    # email: coded twice (s1, s3), never predicted → recall 0, precision undefined
    email = v.loc[("all", "email")]
    assert email["recall"] == 0.0 and np.isnan(email["precision"])
    assert "never gave email" in email["note"]
    # per language: ro has phone tp 1 (s4), nothing else
    assert v.loc[("ro", "phone"), "precision"] == 1.0
    assert ("ro", "email") not in v.index  # neither coded nor tagged in ro: no row
    assert ("ro", "meeting") in v.index and "never gave meeting" in v.loc[("ro", "meeting"), "note"]
    assert allp["precision_low"] < 0.75 < allp["precision_high"]


def test_validate_needs_gold_and_known_units():
    codes = pd.DataFrame({"unit_id": ["s1"], "label_set": "sentiment", "coder": "A", "labels": ["neutral"]})
    tagged = pd.DataFrame({"seg_id": ["s1"], "lang": ["ru"], "sentiment_label": ["neutral"]})
    with pytest.raises(ValueError, match="adjudicate first"):
        validate(codes, tagged, "sentiment")
    ok = validate(codes.assign(coder="adjudicated"), tagged, "sentiment")
    assert ok.set_index(["lang", "label"]).loc[("ru", "neutral"), "f1"] == 1.0
    with pytest.raises(ValueError, match="not in the tagged table"):
        validate(codes.assign(coder="adjudicated", unit_id="s9"), tagged, "sentiment")


def test_adjudicate_majority_and_sentiment_ties():
    codes = pd.DataFrame({"unit_id": ["u1"] * 3 + ["u2"] * 3 + ["u3"] * 2,
                          "label_set": ["channels"] * 3 + ["sentiment"] * 3 + ["sentiment"] * 2,
                          "coder": ["A", "B", "C", "A", "B", "C", "A", "B"],
                          "labels": ["phone;email", "phone", "", "negative", "negative", "neutral",
                                     "positive", "neutral"]})
    out = adjudicate(codes)
    maj = out[out["coder"] == "majority"].set_index("unit_id")["labels"].to_dict()
    # phone given by 2 of 3 coders (kept), email by 1 of 3 (dropped); u3 is a 1–1 tie
    assert maj == {"u1": "phone", "u2": "negative"}
    assert out.attrs["ties"] == 1


def test_validate_a_label_set_of_ones_own():
    codes = pd.DataFrame({"unit_id": ["s1", "s2"], "label_set": "topic", "coder": "adjudicated",
                          "labels": ["billing", "delivery"]})
    tagged = pd.DataFrame({"seg_id": ["s1", "s2"], "lang": "en", "topic": ["billing", "billing"]})
    v = validate(codes, tagged, "topic").set_index(["lang", "label"])
    assert v.loc[("en", "billing"), "precision"] == 0.5 and v.loc[("en", "delivery"), "recall"] == 0.0
