"""Cluster bootstrap: whole clusters are resampled, seeded, vectorised, honest at zero counts."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.stats.resample import cluster_bootstrap, cluster_bootstrap_groups, jeffreys_interval


def _threads(n_threads: int, size: int, seed: int = 3) -> pd.DataFrame:
    """Threads whose messages all share one 0/1 value (perfect within-thread correlation)."""
    rng = np.random.default_rng(seed)
    per_thread = rng.integers(0, 2, n_threads)
    return pd.DataFrame({"thread": np.repeat(np.arange(n_threads), size),
                         "neg": np.repeat(per_thread, size)})


def test_correlated_messages_give_wider_interval_than_message_bootstrap():
    df = _threads(40, 10)
    by_thread = cluster_bootstrap(df, "neg", "thread", n_boot=2000, seed=1)
    # naive bootstrap: every message its own cluster
    naive = cluster_bootstrap(df.assign(msg=np.arange(len(df))), "neg", "msg", n_boot=2000, seed=1)
    width_thread = by_thread["high"] - by_thread["low"]
    width_naive = naive["high"] - naive["low"]
    assert by_thread["estimate"] == pytest.approx(naive["estimate"])
    # 40 independent threads of 10 identical messages carry the information of 40 messages, not 400:
    # the standard error is sqrt(10) ≈ 3.2 times larger, so the interval is about 3 times wider
    assert width_thread > 2.5 * width_naive
    assert by_thread["n_units"] == 40 and by_thread["n_obs"] == 400
    assert naive["n_units"] == 400


def test_interval_matches_binomial_theory_for_independent_clusters():
    df = _threads(400, 3, seed=5)
    r = cluster_bootstrap(df, "neg", "thread", n_boot=4000, seed=0)
    p = r["estimate"]
    se = np.sqrt(p * (1 - p) / 400)
    assert r["high"] - r["low"] == pytest.approx(2 * 1.96 * se, rel=0.12)


def test_seeded_and_deterministic():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"thread": np.repeat(np.arange(30), 4), "neg": rng.normal(size=120)})
    a = cluster_bootstrap(df, "neg", "thread", seed=7)
    b = cluster_bootstrap(df, "neg", "thread", seed=7)
    c = cluster_bootstrap(df, "neg", "thread", seed=8)
    assert a == b
    assert (a["low"], a["high"]) != (c["low"], c["high"])


def test_callable_statistic_equals_builtin_mean_on_same_draws():
    df = pd.DataFrame({"c": list("aabbbcdd"), "v": [1.0, 3.0, 2.0, 2.0, 5.0, 4.0, 0.0, 1.0]})
    builtin = cluster_bootstrap(df, "v", "c", statistic="mean", n_boot=300, seed=2)
    custom = cluster_bootstrap(df, "v", "c", statistic=np.median, n_boot=300, seed=2)
    assert builtin["estimate"] == pytest.approx(18 / 8)
    assert custom["estimate"] == pytest.approx(2.0)
    assert custom["low"] <= custom["estimate"] <= custom["high"]


def test_cluster_mean_weights_clusters_equally():
    df = pd.DataFrame({"c": ["a"] * 9 + ["b"], "v": [1.0] * 9 + [0.0]})
    assert cluster_bootstrap(df, "v", "c", statistic="mean", n_boot=50)["estimate"] == pytest.approx(0.9)
    assert cluster_bootstrap(df, "v", "c", statistic="cluster_mean", n_boot=50)["estimate"] == pytest.approx(0.5)


def test_zero_counts_do_not_collapse():
    df = pd.DataFrame({"thread": np.repeat(np.arange(20), 3), "neg": 0})
    r = cluster_bootstrap(df, "neg", "thread", n_boot=500)
    assert r["estimate"] == 0.0 and r["low"] == 0.0
    # Jeffreys upper bound on 20 clusters with 0 successes: Beta(0.5, 20.5) 97.5% quantile
    assert r["high"] == pytest.approx(jeffreys_interval(0, 20)[1])
    assert r["high"] > 0.05
    assert "Jeffreys" in r["method"]


def test_single_cluster_says_why():
    df = pd.DataFrame({"thread": ["x", "x"], "neg": [1, 0]})
    r = cluster_bootstrap(df, "neg", "thread")
    assert r["low"] is None and "only one" in r["method"]


def test_errors_are_clear():
    df = pd.DataFrame({"thread": ["x", None], "neg": [1, 0]})
    with pytest.raises(ValueError, match="missing values"):
        cluster_bootstrap(df, "neg", "thread")
    with pytest.raises(KeyError, match="not found"):
        cluster_bootstrap(df, "nope", "thread")
    with pytest.raises(ValueError, match="statistic must be"):
        cluster_bootstrap(df.dropna(), "neg", "thread", statistic="median")


def test_groups_stratified_difference_and_reference():
    rng = np.random.default_rng(0)
    chat = pd.DataFrame({"channel": "chat", "thread": [f"c{i}" for i in range(200)],
                         "neg": (rng.random(200) < 0.6).astype(int)})
    mail = pd.DataFrame({"channel": "email", "thread": [f"e{i}" for i in range(200)],
                         "neg": (rng.random(200) < 0.2).astype(int)})
    df = pd.concat([chat, mail], ignore_index=True)
    t = cluster_bootstrap_groups(df, "neg", "channel", "thread", reference="chat", n_boot=1000).set_index("channel")
    assert t.attrs["nested"] is True
    assert "stratified" in t.loc["email", "method"]
    d = t.loc["email"]
    assert d["diff"] == pytest.approx(d["estimate"] - t.loc["chat", "estimate"])
    assert d["diff_low"] < d["diff"] < d["diff_high"] < 0  # a clear difference excludes zero
    assert t.loc["chat", "note"] == "reference group" and t.loc["chat", "diff"] == 0.0
    with pytest.raises(ValueError, match="reference group"):
        cluster_bootstrap_groups(df, "neg", "channel", "thread", reference="fax")


def test_groups_joint_when_clusters_cross_groups():
    df = pd.DataFrame({"channel": ["chat", "email"] * 30, "thread": np.repeat(np.arange(30), 2),
                       "neg": np.tile([1, 0], 30)})
    t = cluster_bootstrap_groups(df, "neg", "channel", "thread", n_boot=200)
    assert t.attrs["nested"] is False
    assert t["method"].str.contains("joint").all()
    # every thread holds one chat (1) and one email (0) message: the difference is exactly −1 in every draw
    e = t.set_index("channel").loc["email"]
    assert e["diff_low"] == e["diff_high"] == -1.0


def test_groups_note_when_a_group_has_one_cluster():
    df = pd.DataFrame({"lang": ["ru", "ru", "ro"], "doc": ["a", "b", "c"], "neg": [1, 0, 1]})
    t = cluster_bootstrap_groups(df, "neg", "lang", "doc", reference="ru", n_boot=100).set_index("lang")
    assert np.isnan(t.loc["ro", "low"]) and "only 1 doc in ro" in t.loc["ro", "note"]
    assert t.loc["ro", "note"].count("no interval") == 2


def test_groups_fast_on_100k_threads():
    import time

    rng = np.random.default_rng(1)
    n = 100_000
    sizes = rng.integers(1, 5, n)
    df = pd.DataFrame({"thread": np.repeat(np.arange(n), sizes),
                       "channel": np.repeat(rng.choice(["chat", "email", "phone"], n), sizes)})
    df["neg"] = (rng.random(len(df)) < 0.3).astype(int)
    t0 = time.perf_counter()
    t = cluster_bootstrap_groups(df, "neg", "channel", "thread", n_boot=200)
    assert time.perf_counter() - t0 < 20  # generous: the machine is shared; a per-draw Python loop takes minutes
    assert t["n_units"].sum() == n


def test_min_units_withholds_intervals_from_too_few_clusters():
    df = pd.DataFrame({"doc": list("aabbcc"), "neg": [1, 0, 1, 1, 0, 0], "lang": ["ru"] * 4 + ["ro"] * 2})
    r = cluster_bootstrap(df, "neg", "doc", min_units=5)
    assert r["low"] is None and "fewer than the 5" in r["method"]
    t = cluster_bootstrap_groups(df, "neg", "lang", "doc", reference="ru", min_units=3, n_boot=50).set_index("lang")
    assert "only 2 doc in ru, fewer than 3: no interval" in t.loc["ru", "note"]
    assert np.isnan(t.loc["ro", "diff_low"])
