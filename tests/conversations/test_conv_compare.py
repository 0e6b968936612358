"""compare(): estimates, CIs that resample threads (not messages), effect sizes, reasons in words."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm import compare


def _messages(seed=0, threads_per_group=12, per_thread=15):
    """Messages whose values are identical within a thread (perfectly correlated)."""
    rng = np.random.default_rng(seed)
    rows = []
    for g in ("email", "messenger"):
        for t in range(threads_per_group):
            v = rng.normal(0.3 if g == "messenger" else 0.0, 0.5)
            rows += [{"thread_id": f"{g}-{t}", "doc_id": f"{g}-{t}-{k}", "channel": g, "sentiment": v}
                     for k in range(per_thread)]
    return pd.DataFrame(rows)


def test_thread_level_ci_is_wider_than_naive_message_level():
    m = _messages()
    by_thread = compare(m, by="channel", measures=["sentiment"], unit="thread_id", n_boot=1000)
    naive = compare(m, by="channel", measures=["sentiment"], unit="doc_id", n_boot=1000)  # every message a unit
    w_thread = (by_thread["high"] - by_thread["low"]).to_numpy()
    w_naive = (naive["high"] - naive["low"]).to_numpy()
    assert (w_thread > 2 * w_naive).all()   # 15 copies per thread: about √15 ≈ 3.9 times narrower if ignored
    assert by_thread["n_units"].tolist() == [12, 12] and by_thread["n_obs"].tolist() == [180, 180]
    np.testing.assert_allclose(by_thread["estimate"], naive["estimate"])


def test_difference_and_effect_size_against_reference():
    t = pd.DataFrame({"thread_id": [f"t{i}" for i in range(40)], "channel": ["email"] * 20 + ["chat"] * 20,
                      "first_response_s": [3600.0 + 60 * i for i in range(20)] + [120.0 + 6 * i for i in range(20)]})
    r = compare(t, by="channel", measures=["first_response_s"], reference="email", n_boot=500).set_index("channel")
    assert r.loc["email", "diff"] == 0.0 and r.loc["email", "effect_size"] == 0.0
    assert r.loc["chat", "diff"] < 0 and r.loc["chat", "diff_high"] < 0 and r.loc["chat", "effect_size"] < -2
    assert r.loc["chat", "low"] <= r.loc["chat", "estimate"] <= r.loc["chat", "high"]


def test_same_seed_same_table():
    m = _messages(threads_per_group=5, per_thread=3)
    a = compare(m, by="channel", measures=["sentiment"], n_boot=200, seed=3)
    b = compare(m, by="channel", measures=["sentiment"], n_boot=200, seed=3)
    pd.testing.assert_frame_equal(a, b)


def test_two_keys_and_boolean_measure():
    t = pd.DataFrame({"thread_id": [f"t{i}" for i in range(16)], "channels": ["email", "messenger"] * 8,
                      "langs": ["ru"] * 8 + ["ro"] * 8, "escalation": [True, False, False, False] * 4})
    r = compare(t, by=["channel", "lang"], measures=["escalation"], n_boot=200)
    assert set(zip(r["channel"], r["lang"])) == {("email", "ru"), ("email", "ro"), ("messenger", "ru"),
                                                ("messenger", "ro")}
    assert r.set_index(["channel", "lang"]).loc[("email", "ru"), "estimate"] == 0.5
    assert r["note"].str.contains("groups from column channels").all()


def test_reasons_in_words_never_nan_alone():
    t = pd.DataFrame({"thread_id": ["a", "b", "c"], "channel": ["email", "email", "chat"],
                      "first_response_s": [10.0, np.nan, 30.0], "empty": [np.nan] * 3})
    r = compare(t, by="channel", measures=["first_response_s", "empty", "nope"], n_boot=100)
    notes = dict(zip(r["measure"] + "/" + r["channel"].fillna(""), r["note"]))
    assert "no values of empty" in notes["empty/"]
    assert "not a column" in notes["nope/"]
    assert "1 rows without a value" in notes["first_response_s/email"]
    assert "without a value" not in notes["first_response_s/chat"]
    assert "no interval" in notes["first_response_s/chat"]
    assert r.loc[r["low"].isna(), "note"].str.len().gt(0).all()


def test_unknown_unit_or_key_is_a_clear_error():
    t = pd.DataFrame({"thread_id": ["a"], "channel": ["email"], "x": [1.0]})
    with pytest.raises(KeyError, match="unit column 'client'"):
        compare(t, by="channel", measures=["x"], unit="client")
    with pytest.raises(KeyError, match="no column 'weekday'"):
        compare(t, by="weekday", measures=["x"])
