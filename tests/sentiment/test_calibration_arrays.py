"""score_sentiment's array path of the calibration against the frame path it replaces (bit for bit)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from clientcomm.sentiment import score_sentiment
from clientcomm.sentiment.calibration import (CLASSES, PROB_COLUMNS, hit_summary, probabilities, probability_array,
                                              summary_arrays)
from clientcomm.sentiment.engine import HIT_FIELDS, score_rows

# our own sentences (no development rows): praise, complaint, mixed, none, in each language with parameters
TEXTS = ["Спасибо, всё очень хорошо!", "Ужасный сервис, никому не советую.", "Доставка быстрая, но курьер грубый.",
         "Заказ номер 15.", "Mulțumesc, totul a fost excelent!", "Nu recomand, calitate proastă.", "服务很好，谢谢！",
         "質量太差了，不會再買。", "The refund arrived, thanks a lot!", "", "   ", "12345"]
LANGS = ["ru", "ru", "ru", "ru", "ro", "ro", "zh-Hans", "zh-Hant", "en", "ru", None, "xx"]


def _old_score_sentiment(texts: list[str], langs: list, binary: bool) -> pd.DataFrame:
    """What score_sentiment computed before (hit_summary and probabilities as frames, then pandas' where)."""
    rows, used = [], []
    for t, lg in zip(texts, langs):
        r = score_rows(t, lg, binary=binary)
        rows.append((r.score, r.label, [dict(zip(HIT_FIELDS, h)) for h in r.hits]))
        used.append(lg if lg not in (None, "xx") else None)
    out = pd.DataFrame(rows, columns=["sentiment", "sentiment_label", "sentiment_hits"])
    summary = hit_summary(out["sentiment"], out["sentiment_hits"])
    has_text = [bool(t.strip()) for t in texts]
    probs = probabilities(summary, [u if ok else None for u, ok in zip(used, has_text)])
    for c in PROB_COLUMNS:
        out[c] = probs[c]
    ok = probs.notna().all(axis=1)
    if binary:
        lab = np.where(probs["p_positive"] > probs["p_negative"], "positive", "negative")
    else:
        lab = np.array(CLASSES, dtype=object)[probs.fillna(-1.0).to_numpy().argmax(axis=1)]
    out["sentiment_label"] = out["sentiment_label"].where(~ok, pd.Series(lab))
    return out


def test_summary_arrays_are_hit_summary() -> None:
    rs = [score_rows(t, lg) for t, lg in zip(TEXTS, LANGS)]
    hits = [[dict(zip(HIT_FIELDS, h)) for h in r.hits] for r in rs]
    frame = hit_summary([r.score for r in rs], hits)
    arrays = summary_arrays([r.score for r in rs], hits)
    assert list(arrays) == list(frame.columns)
    for c in frame.columns:
        assert arrays[c].dtype == np.float64
        assert np.array_equal(arrays[c].view(np.int64), frame[c].to_numpy().view(np.int64)), c
    assert any(arrays["n_pos"]) and any(arrays["n_neg"])  # the sentences do hit both ways


def test_probability_array_is_probabilities_bit_for_bit() -> None:
    rs = [score_rows(t, lg) for t, lg in zip(TEXTS, LANGS)]
    hits = [[dict(zip(HIT_FIELDS, h)) for h in r.hits] for r in rs]
    frame = probabilities(hit_summary([r.score for r in rs], hits), LANGS).to_numpy()
    arr = probability_array(summary_arrays([r.score for r in rs], hits), LANGS)
    assert np.array_equal(np.isnan(frame), np.isnan(arr))
    assert np.array_equal(np.nan_to_num(frame).view(np.int64), np.nan_to_num(arr).view(np.int64))
    assert (~np.isnan(arr).any(axis=1)).sum() >= 4  # several languages got probabilities


def test_score_sentiment_is_the_frame_path() -> None:
    for binary in (False, True):
        new = score_sentiment(TEXTS, lang=LANGS, binary=binary)
        old = _old_score_sentiment(TEXTS, LANGS, binary)
        for c in old.columns:
            assert new[c].dtype == old[c].dtype, c
            assert new[c].equals(old[c]), (binary, c)
