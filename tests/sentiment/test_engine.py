"""Engine behaviour common to all languages: output shape, explanations, emoji, emphasis, determinism."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from clientcomm.sentiment import explain, score_sentiment
from clientcomm.sentiment.engine import label_for
from clientcomm.sentiment.resources import RuleTable, lang_code, lexicon_names, read_lexicon
from clientcomm.sentiment.rules import collapse_elongation, find_emoticons, is_shouted

TEXTS = ["Спасибо, всё отлично решили!", "Никто не перезвонил, ужасный сервис",
         "Produs excelent, livrare rapidă", "Banca are un sediu nou în centru."]
LANGS = ["ru", "ru", "ro", "ro"]


def test_output_columns_and_index_alignment():
    s = pd.Series(TEXTS, index=[10, 11, 12, 13])
    out = score_sentiment(s, lang=pd.Series(LANGS, index=[0, 1, 2, 3]))
    assert list(out.columns) == ["sentiment", "sentiment_label", "sentiment_hits", "p_negative", "p_neutral",
                                 "p_positive", "sentiment_lang"]
    assert list(out.index) == [10, 11, 12, 13]
    assert list(out["sentiment_label"]) == ["positive", "negative", "positive", "neutral"]
    assert out["sentiment"].between(-1, 1).all()


def test_string_and_list_inputs():
    assert score_sentiment("Foarte mulțumit, recomand!", lang="ro")["sentiment_label"].iloc[0] == "positive"
    assert len(score_sentiment(TEXTS, lang=LANGS)) == 4
    with pytest.raises(ValueError):
        score_sentiment(TEXTS, lang=["ru"])


def test_hits_explain_every_nonneutral_score():
    out = score_sentiment(TEXTS, lang=LANGS)
    for score, label, hits in out[["sentiment", "sentiment_label", "sentiment_hits"]].itertuples(index=False):
        total = sum(h["weight_after_rules"] for h in hits)
        if label != "neutral":
            assert hits, "a non-neutral score needs hits"
        assert math.isclose(score, total / math.sqrt(total ** 2 + 15) if total else 0.0, abs_tol=1e-3)
        for h in hits:
            assert set(h) >= {"term", "lemma", "start", "end", "valence", "weight_after_rules", "rules"}


def test_hit_offsets_point_into_the_text():
    text = "Приложение удобное, но поддержка ужасная"
    for h in explain(text, "ru").hits:
        assert text[h.start:h.end] == h.term


def test_unknown_language_and_empty_text_are_neutral_without_error():
    out = score_sentiment(["Das ist wunderbar", "", None], lang=["de", "ru", "ro"])
    assert list(out["sentiment"]) == [0.0, 0.0, 0.0]
    assert list(out["sentiment_label"]) == ["neutral"] * 3


def test_language_detected_when_not_given():
    out = score_sentiment(["Спасибо большое, сотрудники очень вежливые и всё быстро сделали"])
    assert out["sentiment_label"].iloc[0] == "positive"


def test_deterministic():
    a = score_sentiment(TEXTS * 3, lang=LANGS * 3)
    b = score_sentiment(TEXTS * 3, lang=LANGS * 3)
    pd.testing.assert_frame_equal(a, b)


def test_emoji_and_chat_smileys():
    found = [m[0] for m in find_emoticons("Спасибо))) 👍 но связь :( http://x.ru/a:/b", {})]
    assert found == [")))", "👍", ":("]
    r = explain("Оформили карту за 10 минут 👍", "ru")
    assert [h.rules for h in r.hits] == [["emoji"]] and r.label == "positive"


def test_exclamation_and_caps_and_elongation_amplify():
    plain = explain("Сервис отличный", "ru").score
    assert explain("Сервис отличный!!!", "ru").score > plain
    assert explain("Сервис ОТЛИЧНЫЙ, правда", "ru").hits[0].rules == ["caps"]
    assert explain("Сервис отличныйййй", "ru").hits[0].rules == ["elongated"]
    assert collapse_elongation("superrrr") == ["superr", "super"]
    assert is_shouted("УЖАС", "это УЖАС просто") and not is_shouted("УЖАС", "УЖАС")


def test_binary_mode_has_no_neutral():
    out = score_sentiment(["Banca are un sediu nou în centru.", "Produs excelent"], lang="ro", binary=True)
    assert set(out["sentiment_label"]) <= {"positive", "negative"}


def test_label_band():
    t = RuleTable(code="x", NEUTRAL_BAND=(-0.1, 0.2))
    assert [label_for(v, t) for v in (-0.2, 0.0, 0.2, 0.3)] == ["negative", "neutral", "neutral", "positive"]


def test_lang_mapping():
    assert [lang_code(x) for x in ("ru", "ro", "zh-Hans", "zh-Hant", "yue", "en-GB", "de", None)] == \
        ["ru", "ro", "zh", "zh", "zh", "en", None, None]
    assert lexicon_names("zh-Hant") == ("zh", "zh_yue") and lexicon_names("zh-Hans") == ("zh",)


def test_read_lexicon_validates(tmp_path):
    p = tmp_path / "x.tsv"
    p.write_text("# test\nterm\tvalence\tnotes\nхороший\t2\t\nплохой\t9\t\n", encoding="utf-8")
    with pytest.raises(ValueError, match="outside"):
        read_lexicon(p, "ru")
    p.write_text("# test\nterm\tvalence\tnotes\nхороший\t2\tgeneral\n", encoding="utf-8")
    assert read_lexicon(p, "ru") == {"хороший": (2.0, "хороший")}
