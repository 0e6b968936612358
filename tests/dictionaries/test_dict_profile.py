"""The exploratory temperament-cue profile: rates per 100 tokens, axes, quadrants."""
from __future__ import annotations

import pytest

from clientcomm.dictionaries import profile
from clientcomm.dictionaries.profiles import E_CUES, N_CUES


def test_rates_per_100_tokens_hand_computed():
    # "I never call you!": 4 tokens; I (i), never (absolutist), call (social), you (you), one "!".
    row = profile(["I never call you!"], lang="en").iloc[0]
    assert row["n_tokens"] == 4
    assert row["i"] == row["absolutist"] == row["social"] == row["you"] == row["exclam"] == 25.0
    assert row["posemo"] == row["negemo"] == row["we"] == row["urgency"] == row["rep_punct"] == 0.0
    assert row["E_raw"] == 75.0 and row["N_raw"] == 50.0
    assert sorted(row["cue_words"]) == ["absolutist:never", "i:I", "social:call", "you:you"]


def test_quadrants_relative_to_collection():
    texts = ["We love working with you! Thank you so much!!",
             "I am always worried, nothing ever works for me.",
             "The report is attached.",
             "We need this right now!!! I am furious, you never answer!"]
    p = profile(texts, lang="en")
    assert list(p["quadrant"]) == ["sanguine", "melancholic", "phlegmatic", "choleric"]
    assert list(p.columns[:11]) == ["n_tokens", *E_CUES, *N_CUES]


def test_fixed_center_and_empty_text():
    p = profile(["Спасибо, мы очень рады!", ""], lang="ru", center={"E": 0.0, "N": 0.0})
    assert p.loc[0, "quadrant"] == "sanguine"
    assert p.loc[1, "quadrant"] == "" and p.loc[1, "n_tokens"] == 0


def test_chinese_pronouns_not_double_counted():
    row = profile(["我们和您一起努力。"], lang="zh-Hans").iloc[0]
    assert row["we"] > 0 and row["i"] == 0 and row["you"] > 0


def test_bad_center():
    with pytest.raises(ValueError):
        profile(["a b"], lang="en", center="mode")


def test_every_cue_is_listed():
    from clientcomm.dictionaries import list_cues

    c = list_cues()
    assert set(c["cue"]) == set(E_CUES) | set(N_CUES)
    assert set(c["lang"]) == {"en", "ru", "ro", "zh", "any"}
    # Al-Mosaiwi & Johnstone's 19 absolutist words are all in the English list
    en_abs = set(c.query("cue == 'absolutist' and lang == 'en'")["term"])
    assert len(en_abs) == 19 and {"always", "never", "completely", "nothing"} <= en_abs
