"""Satisfaction weights: least squares recovers a known linear rule; written weights read back; bad files refused."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.conversations import satisfaction as sat


def _features(n: int = 60, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(rng.normal(size=(n, len(sat.FEATURES))), columns=list(sat.FEATURES))


def test_fit_weights_recovers_a_known_linear_rule():
    feats = _features()
    true = {f: round(0.1 * (k + 1) * (-1) ** k, 1) for k, f in enumerate(sat.FEATURES)}
    target = 0.25 + sum(feats[f] * w for f, w in true.items())  # exact: no noise
    fit = sat.fit_weights(feats, target)
    assert fit["intercept"] == pytest.approx(0.25, abs=1e-4)
    assert fit["weights"] == pytest.approx(true, abs=1e-4)


def test_written_weights_read_back_and_score(tmp_path):
    feats = _features(n=5, seed=1)
    fit = {"intercept": -0.1, "weights": {f: 0.05 * (k + 1) for k, f in enumerate(sat.FEATURES)}}
    path = tmp_path / "weights.yaml"
    sat.write_weights(fit, "fitted for this test\nsecond header line", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# fitted for this test\n# second header line\n")
    back = sat.load_weights(str(path))
    assert back["intercept"] == -0.1 and back["weights"] == pytest.approx(fit["weights"])
    expected = np.tanh(-0.1 + sum(feats[f] * w for f, w in fit["weights"].items()))
    np.testing.assert_allclose(sat.score(feats, back).to_numpy(), expected.to_numpy())


def test_a_weights_file_without_every_feature_is_refused(tmp_path):
    path = tmp_path / "partial.yaml"
    path.write_text("intercept: 0.0\nweights:\n  client_thanks: 0.3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no weight for feature"):
        sat.load_weights(str(path))


def test_no_client_message_means_no_score():
    feats = _features(n=3, seed=2)
    feats.loc[1, "client_sentiment_last"] = np.nan
    out = sat.score(feats, {"intercept": 0.0, "weights": {f: 0.1 for f in sat.FEATURES}})
    assert out.isna().tolist() == [False, True, False]
    assert sat.describe(0.123) == "+0.12" and sat.describe(-0.3) == "−0.30" and sat.describe(float("nan")) == "n/a"
