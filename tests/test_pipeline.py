"""The pipeline contract: columns and rows kept, one annotation per distinct text, same result every way."""
from __future__ import annotations

import sys

import pandas as pd
import pytest

from clientcomm import annotation, tokens
from clientcomm.annotation import STEP_PROVIDERS, STEPS, StepUnavailableError
from clientcomm.cli import main as cli_main
from clientcomm.pipeline import (annotate, annotate_frame, annotate_unique, annotation_columns, available_steps,
                                 parse_steps)

MESSAGES = [
    "Здравствуйте! Спасибо за быстрый ответ, всё отлично.",
    "Vă mulțumesc pentru ajutor, problema a fost rezolvată rapid.",
    "客戶打電話來投訴，說送貨太慢了。",
    "客服电话一直打不通，太失望了。",
    "Thank you, the refund arrived today.",
    "",
]


class _Counting:
    """Fake annotators that record every text they see (to check the deduplication)."""

    def __init__(self):
        self.seen: dict[str, list] = {"language": [], "sentiment": [], "dictionaries": []}

    def language(self, texts, languages=None):
        texts = list(texts)
        self.seen["language"] += texts
        return pd.DataFrame({"lang": ["ru" if any("а" <= c <= "я" for c in t) else "xx" for t in texts],
                             "lang_score": [len(t) / 100 for t in texts], "script": ["Cyrl"] * len(texts)})

    def sentiment(self, texts, lang=None, tokens=None):
        texts = list(texts)
        langs = list(lang) if isinstance(lang, pd.Series) else [lang] * len(texts)
        self.seen["sentiment"] += list(zip(texts, langs))
        return pd.DataFrame({"sentiment": [0.5 if lg == "ru" else -0.5 for lg in langs],
                             "sentiment_label": ["positive" if lg == "ru" else "negative" for lg in langs],
                             "sentiment_hits": [[{"term": t[:3], "lang": lg}] for t, lg in zip(texts, langs)],
                             "p_negative": 0.2, "p_neutral": 0.3, "p_positive": 0.5})

    def dictionaries(self, texts, dictionary="channels", lang=None, tokens=None):
        texts = list(texts)
        self.seen["dictionaries"] += texts
        return pd.DataFrame({"labels": [dictionary if "телефон" in t else "" for t in texts],
                             "cues": [""] * len(texts), "hits": [[] for _ in texts]})


@pytest.fixture()
def fake(monkeypatch):
    f = _Counting()
    monkeypatch.setattr(annotation, "step_function", lambda step: getattr(f, step))
    return f


def test_every_distinct_text_is_annotated_once_for_all_rows(fake):
    texts = ["Звоню по телефону третий раз", "ok", "Звоню по телефону третий раз", "ok", "ok", "Другое"]
    df = pd.DataFrame({"id": range(6), "text": texts})
    out = annotate(df, steps=["language", "sentiment", "dictionaries"])
    assert sorted(fake.seen["language"]) == sorted(set(texts))
    assert len(fake.seen["sentiment"]) == 3
    assert len(fake.seen["dictionaries"]) == 3 * 2  # two dictionaries
    assert list(out.columns) == ["id", "text", *annotation_columns(["language", "sentiment", "dictionaries"])]
    assert out["lang"].tolist() == ["ru", "xx", "ru", "xx", "xx", "ru"]
    assert out["channels"].tolist() == ["channels", "", "channels", "", "", ""]
    assert out["sentiment_hits"][0] == [{"term": "Зво", "lang": "ru"}]


def test_per_row_languages_deduplicate_text_and_language_pairs(fake):
    df = pd.DataFrame({"text": ["same words", "same words", "same words", "other"]})
    out = annotate_frame(df, "text", ["sentiment"], lang=pd.Series(["ru", "en", "ru", "ru"]))
    assert sorted(fake.seen["sentiment"]) == [("other", "ru"), ("same words", "en"), ("same words", "ru")]
    assert out["sentiment_label"].tolist() == ["positive", "negative", "positive", "positive"]


def test_forced_language_reaches_every_step(fake):
    out = annotate(["a", "b", "a"], steps=["sentiment"], lang="ru")
    assert out["sentiment"].tolist() == [0.5, 0.5, 0.5]
    assert {lg for _, lg in fake.seen["sentiment"]} == {"ru"}


def test_index_and_extra_columns_survive_duplicate_labels(fake):
    df = pd.DataFrame({"text": ["x", "y", "x"], "lang_score": [9, 9, 9]}, index=[7, 7, 3])
    with pytest.warns(UserWarning, match="lang_score"):
        out = annotate(df, steps=["language"])
    assert list(out.index) == [7, 7, 3] and out.columns[:2].tolist() == ["text", "lang_score"]
    assert out["lang_score"].tolist() == [0.01, 0.01, 0.01]


def test_empty_input_has_the_annotation_columns(fake):
    out = annotate(pd.DataFrame({"text": pd.Series([], dtype=str)}), steps=["language", "dictionaries"])
    assert len(out) == 0 and "lang" in out and "channels" in out


def test_timings_are_recorded_per_step(fake):
    timings: dict = {}
    annotate_unique(["один", "два"], ["language", "sentiment"], timings=timings)
    assert set(timings) == {"language", "sentiment"} and all(v >= 0 for v in timings.values())


def test_real_language_step_matches_the_annotator_row_by_row():
    from clientcomm.language import detect_language

    texts = MESSAGES * 3
    out = annotate(pd.DataFrame({"text": texts}), steps=["language"])
    direct = detect_language(pd.Series(texts))
    assert out["lang"].tolist() == direct["lang"].tolist()
    assert out["lang_score"].tolist() == direct["lang_score"].tolist()
    assert out.loc[0, "lang"] == "ru" and out.loc[5, "lang"] == "und"


def test_all_available_steps_are_deterministic_and_keep_order():
    df = pd.DataFrame({"msg_id": [f"m{i}" for i in range(len(MESSAGES) * 2)], "text": MESSAGES * 2})
    a = annotate(df, steps=None)
    b = annotate(df.iloc[::-1], steps=None).iloc[::-1]
    pd.testing.assert_frame_equal(a, b)
    assert a["msg_id"].tolist() == df["msg_id"].tolist()
    assert set(annotation_columns(parse_steps(None))) >= set(a.columns) - {"msg_id", "text"}


def test_series_and_list_inputs():
    s = pd.Series(MESSAGES[:2], name="message", index=[10, 11])
    out = annotate(s, steps=["language"])
    assert list(out.index) == [10, 11] and out.columns[0] == "message"
    assert annotate(MESSAGES[:2], steps=["language"])["text"].tolist() == MESSAGES[:2]


def test_unknown_text_column_and_step_are_clear_errors():
    with pytest.raises(KeyError, match="body"):
        annotate(pd.DataFrame({"text": ["x"]}), text_column="body")
    with pytest.raises(ValueError, match="unknown step"):
        annotate(["x"], steps="magic")


def test_analyze_equals_the_annotators_called_on_every_segment():
    """Deduplicating (text, language) pairs must not change what the annotators say about each segment."""
    import clientcomm

    steps = clientcomm.available_steps()
    seg = clientcomm.analyze(steps=steps)
    assert seg["doc_id"].nunique() == 4 and seg.index.equals(pd.RangeIndex(len(seg)))
    if "sentiment" in steps:
        direct = clientcomm.score_sentiment(seg["text"], lang=seg["lang"] if "lang" in seg else None)
        assert seg["sentiment"].tolist() == direct["sentiment"].tolist()
        assert seg["sentiment_hits"].tolist() == direct["sentiment_hits"].tolist()
    if "dictionaries" in steps:
        direct = clientcomm.tag(seg["text"], dictionary="channels", lang=seg["lang"] if "lang" in seg else None)
        assert seg["channels"].tolist() == direct["labels"].tolist()


# -- a broken step is an error, never a smaller result ---------------------------------------------

@pytest.fixture(params=STEPS)
def broken_step(request, monkeypatch):
    """Break one annotator: importing its module fails as a missing or broken install would."""
    module = STEP_PROVIDERS[request.param][0]
    monkeypatch.setitem(sys.modules, module, None)  # import_module() now raises ImportError
    return request.param


def test_a_broken_step_fails_annotate_and_available_steps(broken_step):
    with pytest.raises(StepUnavailableError, match=f"step '{broken_step}' is broken"):
        available_steps()
    with pytest.raises(StepUnavailableError, match=f"step '{broken_step}' is broken"):
        annotate(["Спасибо, всё отлично!"])  # default: every registered step
    with pytest.raises(StepUnavailableError, match=f"step '{broken_step}' is broken"):
        annotate(["Спасибо, всё отлично!"], steps=[broken_step])
    others = [s for s in STEPS if s != broken_step]
    assert parse_steps(others) == others  # the other steps still run when asked for by name


def test_a_broken_step_is_one_line_and_exit_2_from_the_cli(broken_step, tmp_path, capsys):
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": ["Спасибо, всё отлично!", "Comanda a întârziat."]}).to_csv(src, index=False)
    code = cli_main(["annotate", str(src), "--output", str(tmp_path / "out.csv")])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("clientcomm: error: ")]
    assert len(errors) == 1 and err.splitlines()[-1] == errors[0]  # one line, last (after the load report)
    assert f"step '{broken_step}' is broken" in errors[0]
    assert not (tmp_path / "out.csv").exists()  # no smaller table written


def test_a_registered_name_that_is_gone_is_a_clear_error(monkeypatch):
    import clientcomm.dictionaries

    monkeypatch.delattr(clientcomm.dictionaries, "tag")
    with pytest.raises(StepUnavailableError, match="clientcomm.dictionaries has no function tag"):
        annotate(["Позвоните мне"], steps="language,dictionaries")


# -- one tokenisation per text ---------------------------------------------------------------------

def test_a_chinese_text_is_segmented_once_per_annotate(monkeypatch):
    calls = []
    real = tokens._zh_rows  # every Chinese segmentation (tokenize, TokenizedText) goes through it

    def counting(text):
        calls.append(text)
        return real(text)

    monkeypatch.setattr(tokens, "_zh_rows", counting)
    text = "客服電話一直打不通，打了三次電話也沒人接，太失望了。"
    out = annotate([text, text], steps=None)
    assert calls == [text]  # sentiment and both dictionaries read one segmentation
    assert out["sentiment_label"].tolist() == ["negative"] * 2 and out["channels"].iloc[0] == "phone"
    # without sharing, the same annotators segment it once each: the saving is real
    from clientcomm.dictionaries import tag
    from clientcomm.sentiment import score_sentiment

    calls.clear()
    score_sentiment([text], lang="zh-Hant")
    tag([text], "channels", lang="zh-Hant")
    tag([text], "temperaments", lang="zh-Hant")
    assert len(calls) >= 2  # sentiment, channels (and temperaments when it has Chinese character entries)


def test_sentiment_probabilities_are_output_columns_when_the_step_gives_them():
    out = annotate(["Спасибо, всё отлично!"], steps=["sentiment"], lang="ru")
    from clientcomm.sentiment import score_sentiment

    direct = score_sentiment(["Спасибо, всё отлично!"], lang="ru")
    probs = [c for c in ("p_negative", "p_neutral", "p_positive") if c in direct]
    assert [c for c in out.columns if c.startswith("p_")] == probs
    for c in probs:
        assert out[c].tolist() == direct[c].tolist()
