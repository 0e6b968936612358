"""Calibration: the logistic fit, ECE, the shipped parameters and the probability columns."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from clientcomm.sentiment import calibration as cal
from clientcomm.sentiment import heldout_accuracy, score_sentiment

DEV = Path(__file__).resolve().parents[3] / "shared" / "data" / "sentiment"


def test_fit_recovers_known_logistic_parameters():
    rng = np.random.default_rng(7)
    x = rng.normal(size=(6000, 1))
    p1 = 1 / (1 + np.exp(-(2.0 * x[:, 0] - 1.0)))
    y = (rng.random(6000) < p1).astype(int)
    W, b = cal.fit_multinomial(x, y, 2, l2=0.0)
    # a 2-class softmax is identified only up to a shift: compare class 1 minus class 0
    assert W[1, 0] - W[0, 0] == pytest.approx(2.0, abs=0.15)
    assert b[1] - b[0] == pytest.approx(-1.0, abs=0.1)


def test_l2_shrinks_weights():
    x = np.array([[-2.0], [-1.0], [1.0], [2.0]] * 5)
    y = np.array([0, 0, 1, 1] * 5)
    w_weak, _ = cal.fit_multinomial(x, y, 2, l2=1e-3)
    w_strong, _ = cal.fit_multinomial(x, y, 2, l2=1.0)
    assert abs(w_strong[1, 0] - w_strong[0, 0]) < abs(w_weak[1, 0] - w_weak[0, 0])


def test_softmax_is_stable_and_normalised():
    p = cal.softmax(np.array([[1000.0, 0.0, -1000.0], [1.0, 1.0, 1.0]]))
    assert np.allclose(p.sum(axis=1), 1.0) and p[0, 0] == pytest.approx(1.0)
    assert np.allclose(p[1], 1 / 3)


def test_ece_by_hand():
    # bin 0.9: 2 texts, one right -> |0.5 - 0.9| = 0.4; bin 0.6: 2 texts, both right -> |1 - 0.6| = 0.4
    p = np.array([[0.9, 0.1], [0.9, 0.1], [0.6, 0.4], [0.4, 0.6]])
    y = np.array([0, 1, 0, 1])
    assert cal.expected_calibration_error(p, y) == pytest.approx(0.5 * 0.4 + 0.5 * 0.4)


def test_ece_small_for_calibrated_and_large_for_overconfident_probabilities():
    rng = np.random.default_rng(3)
    q = rng.uniform(0.5, 1.0, 20000)
    y = (rng.random(20000) >= q).astype(int)  # class 0 with probability q: calibrated
    good = np.column_stack([q, 1 - q])
    bad = np.column_stack([np.full_like(q, 0.99), np.full_like(q, 0.01)])
    assert cal.expected_calibration_error(good, y) < 0.02
    assert cal.expected_calibration_error(bad, y) > 0.2
    assert cal.classwise_ece(good, y) < 0.02


def test_macro_f1_and_folds():
    assert cal.macro_f1(np.array([0, 0, 1, 1]), np.array([0, 1, 1, 1]), 2) == pytest.approx((2 / 3 + 0.8) / 2)
    y = np.array([0] * 10 + [1] * 5)
    f = cal.stratified_folds(y, 5, seed=0)
    assert all(((f == k) & (y == 0)).sum() == 2 and ((f == k) & (y == 1)).sum() == 1 for k in range(5))
    assert (f == cal.stratified_folds(y, 5, seed=0)).all()


@pytest.mark.parametrize("tag,key", [("ru", "ru"), ("ro-RO", "ro"), ("mo", "ro"), ("zh-Hans", "zh-Hans"),
                                     ("zh-CN", "zh-Hans"), ("zh-Hant", "zh-Hant"), ("zh-HK", "zh-Hant"),
                                     ("yue", "zh-Hant"), ("en", "en"), ("de", None), (None, None)])
def test_calibration_key(tag, key):
    assert cal.calibration_key(tag) == key


def test_shipped_parameters_are_current_and_documented():
    params = cal.load_parameters()
    about = params["about"]
    for k in ("fitted_by", "date", "data", "cv", "ece", "model_selection"):
        assert about[k], k
    assert about["resources_sha256"] == cal.resources_digest(), (
        "lexicons or rule tables changed since the calibration was fitted: "
        "run python benchmarks/sentiment.py --fit-calibration")
    for key, e in params["languages"].items():
        assert set(e["features"]) <= set(cal.FEATURES)
        assert all(len(e["weights"][c]) == len(e["features"]) for c in e["classes"])
        assert len(e["features"]) * len(e["classes"]) <= 18, "the model must stay small and inspectable"


def test_heldout_accuracy_table():
    t = heldout_accuracy()
    assert {"lang", "n", "macro_f1_cv", "ece_cv", "data", "calibrated"} <= set(t.columns)
    fitted = t[t["calibrated"]].set_index("lang")
    assert set(fitted.index) == {"ru", "ro", "zh-Hans", "zh-Hant"}
    assert (fitted["n"] > 500).all() and fitted["macro_f1_cv"].between(0.5, 1.0).all()
    assert (fitted["ece_cv"] <= 0.05).all()
    assert not t.set_index("lang").loc["en", "calibrated"]


def _summary(score, pos, neg, n_pos, n_neg):
    return pd.DataFrame({"score": score, "pos": pos, "neg": neg, "n_pos": n_pos, "n_neg": n_neg}, dtype=float)


@pytest.mark.parametrize("lang", ["ru", "ro", "zh-Hans", "zh-Hant", "en"])
def test_probabilities_are_monotone_in_the_evidence(lang):
    pos = np.array([0.0, 1.0, 2.0, 4.0, 8.0])
    s = pos / np.sqrt(pos ** 2 + 15)
    p = cal.probabilities(_summary(s, pos, 0 * pos, (pos > 0).astype(float), 0 * pos), [lang] * 5)
    assert np.allclose(p.iloc[1:].sum(axis=1), 1.0)
    if lang.startswith("zh"):  # row 0 has no hit: unsupported for Chinese (see the next test)
        p.iloc[0] = 0.0
    # from the first hit on (no hit at all is its own feature: in ro, texts without hits are mostly neutral
    # tweets, while a mild positive word is common in negative reviews)
    assert (np.diff(p["p_positive"]) > 0).all() and (np.diff(p["p_negative"][1:]) < 0).all()
    neg = cal.probabilities(_summary(-s, 0 * pos, pos, 0 * pos, (pos > 0).astype(float)), [lang] * 5)
    assert (np.diff(neg["p_negative"][1:]) > 0).all()


def test_zh_hans_neutral_comes_from_the_zh_hant_model():
    summ = _summary([0.3, -0.5], [2.5, 0.0], [0.0, 4.0], [1, 0], [0, 2])
    hans = cal.probabilities(summ, ["zh-Hans"] * 2)
    hant = cal.probabilities(summ, ["zh-Hant"] * 2)
    assert np.allclose(hans["p_neutral"], hant["p_neutral"])
    assert not np.allclose(hans["p_positive"], hant["p_positive"])
    assert cal.load_parameters()["languages"]["zh-Hans"]["classes"] == ["negative", "positive"]


def test_score_sentiment_columns_and_labels():
    texts = ["Спасибо, всё отлично решили!", "Никто не перезвонил, ужасный сервис", "", "Das ist wunderbar"]
    out = score_sentiment(texts, lang=["ru", "ru", "ru", "de"])
    probs = out[["p_negative", "p_neutral", "p_positive"]]
    assert np.allclose(probs.iloc[:2].sum(axis=1), 1.0)
    assert probs.iloc[2:].isna().all().all(), "no probabilities for empty text or a language without resources"
    assert list(out["sentiment_label"]) == ["positive", "negative", "neutral", "neutral"]
    best = probs.iloc[:2].to_numpy().argmax(axis=1)
    assert [("negative", "neutral", "positive")[i] for i in best] == list(out["sentiment_label"].iloc[:2])
    assert list(out["sentiment_lang"]) == ["ru", "ru", "ru", None]


def test_calibrated_false_keeps_the_engine_band_and_binary_mode():
    text = ["Ресторан открылся в центре, обслуживание нормальное"]
    eng = score_sentiment(text, lang="ru", calibrated=False)
    from clientcomm.sentiment import explain

    assert eng["sentiment_label"].iloc[0] == explain(text[0], "ru").label
    b = score_sentiment(["Banca are un sediu nou în centru.", "Produs excelent"], lang="ro", binary=True)
    assert set(b["sentiment_label"]) <= {"positive", "negative"}
    assert (b["sentiment_label"] == np.where(b["p_positive"] > b["p_negative"], "positive", "negative")).all()


def test_nested_cv_on_the_ru_development_set():
    path = DEV / "ru_dev.csv"
    if not path.exists():
        pytest.skip(f"development data not available at {path}")
    from clientcomm.sentiment.engine import score_text
    from clientcomm.sentiment.evaluate import read_labelled

    df = read_labelled(path)  # as benchmarks/sentiment.py reads it
    res = [score_text(t, "ru") for t in df["text"]]
    summ = cal.hit_summary([r.score for r in res], [r.hits for r in res])
    e = cal.fit_language(summ, df["label"], [r.label for r in res])
    assert e["cv"]["ece"] <= 0.05
    assert e["cv"]["macro_f1"] >= e["cv"]["macro_f1_engine"] - 0.02
    stored = cal.load_parameters()["languages"]["ru"]["cv"]
    assert e["cv"]["macro_f1"] == pytest.approx(stored["macro_f1"], abs=1e-4), "file not refitted?"


def test_no_probabilities_where_the_calibration_data_had_no_such_texts():
    """zh_hant_dev has no text without hits: Chinese texts without hits get NaN and the engine's label."""
    params = cal.load_parameters()["languages"]
    assert params["zh-Hant"]["n_without_hits"] < cal.MIN_ROWS_WITHOUT_HITS <= params["ru"]["n_without_hits"]
    out = score_sentiment(["今天去咗銀行", "今天去了银行", "服务很好，下次还来", "Банк открыл офис"],
                          lang=["zh-Hant", "zh-Hans", "zh-Hans", "ru"])
    assert out[["p_negative", "p_neutral", "p_positive"]].iloc[:2].isna().all().all()
    assert list(out["sentiment_label"].iloc[:2]) == ["neutral", "neutral"]
    assert out[["p_negative", "p_neutral", "p_positive"]].iloc[2:].notna().all().all()
    assert score_sentiment("服务很好，下次还来", lang="zh-Hans", binary=True)["sentiment_label"].iloc[0] == "positive"
    assert score_sentiment("今天去了银行", lang="zh-Hans", binary=True)["sentiment_label"].iloc[0] == "negative"


def test_the_resources_digest_follows_rule_values_not_comments(monkeypatch):
    """A changed rule-table value makes the stored parameters stale; a comment or docstring does not."""
    from clientcomm.sentiment.lang import ro

    before = cal.resources_digest()
    monkeypatch.setattr(ro, "__doc__", "another docstring")
    assert cal.resources_digest() == before
    monkeypatch.setattr(ro, "NEGATION_SCOPE", ro.NEGATION_SCOPE + 1)
    assert cal.resources_digest() != before


def test_a_texts_probabilities_do_not_depend_on_its_batch():
    """Bit-equal alone and among others: --jobs chunks and streaming batches must not change the output."""
    texts = ["Всё отлично, спасибо большое!", "Ужасный сервис, третий день никто не отвечает.",
             "Нормально, но доставка долгая.", "Оператор вежливый, вопрос решили быстро."] * 5
    together = score_sentiment(texts, "ru")[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    for i, t in enumerate(texts[:4]):
        alone = score_sentiment([t], "ru")[["p_negative", "p_neutral", "p_positive"]].to_numpy()
        assert (alone[0] == together[i]).all(), t
