"""Worker processes give exactly the single-process result; progress bars stay quiet when asked."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm import parallel
from clientcomm.parallel import AnnotationPool, progress_bar, resolve_jobs, split_chunks
from clientcomm.pipeline import annotate

MESSAGES = [
    "Здравствуйте! Спасибо за быстрый ответ, всё отлично.",
    "Третий день не могу дозвониться в банк, оператор не отвечает.",
    "Vă mulțumesc pentru ajutor, problema a fost rezolvată rapid.",
    "Comanda a întârziat o săptămână și nimeni nu răspunde la telefon.",
    "客戶打電話來投訴，說送貨太慢了。",
    "客服电话一直打不通，太失望了。",
    "Thank you, the refund arrived today.",
    "I have e-mailed support twice and nobody replied.",
    "",
    "12345",
]


def _frame(n_variants: int = 12) -> pd.DataFrame:
    texts = [f"{m} #{i}" if m else m for i in range(n_variants) for m in MESSAGES]
    return pd.DataFrame({"msg_id": range(len(texts)), "text": texts}).sample(frac=1.0, random_state=0)


def test_resolve_jobs_and_chunks():
    assert resolve_jobs(None) == 1 and resolve_jobs(2) == 2 and resolve_jobs(0) >= 1 and resolve_jobs(-1) >= 1
    chunks = list(split_chunks(list(range(10)), 4))
    assert [len(c) for c in chunks] == [4, 4, 2] and sum(chunks, []) == list(range(10))


def test_two_workers_give_identical_results_on_a_mixed_language_table(monkeypatch):
    """All steps, every language: the table from two worker processes equals the one from this process."""
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    df = _frame()
    one = annotate(df, steps=None, jobs=1)
    two = annotate(df, steps=None, jobs=2)
    assert 2 in parallel._EXECUTORS  # the pool really ran
    pd.testing.assert_frame_equal(one, two)
    assert set(one["lang"]) >= {"ru", "ro", "en", "zh-Hans", "zh-Hant"}  # the table really is mixed
    assert one["sentiment_label"].nunique() >= 2 and (one["channels"] != "").any()


def test_pool_reassembles_chunks_in_order():
    texts = [m + f" ({i})" for i in range(5) for m in MESSAGES if m]
    with AnnotationPool(jobs=2, steps=["language", "sentiment"], chunk_size=7, min_parallel=1) as pool:
        par = pool.annotate_unique(texts)
    seq = AnnotationPool(jobs=1, steps=["language", "sentiment"]).annotate_unique(texts)
    pd.testing.assert_frame_equal(par, seq)
    assert list(par.index) == list(range(len(texts)))


def test_workers_send_the_hits_as_text_when_asked():
    """nested_as_text=True: the hits come back as their Python text, the other columns as without it."""
    texts = [m + f" ({i})" for i in range(3) for m in MESSAGES if m]
    with AnnotationPool(jobs=2, steps=["sentiment"], chunk_size=5, min_parallel=1, nested_as_text=True) as pool:
        par = pool.annotate_unique(texts)
    seq = AnnotationPool(jobs=1, steps=["sentiment"]).annotate_unique(texts)
    assert any(seq["sentiment_hits"].map(len))
    assert par["sentiment_hits"].tolist() == [str(h) for h in seq["sentiment_hits"]]
    pd.testing.assert_frame_equal(par.drop(columns="sentiment_hits"), seq.drop(columns="sentiment_hits"))


def test_per_text_languages_travel_with_their_chunk():
    """Each chunk carries its own slice of languages: a misaligned slice would score a text in another language."""
    texts = ["Сервис отличный", "Сервис ужасный", "Всё хорошо", "Serviciu excelent", "Serviciu groaznic"]
    langs = ["ru", "ru", "ru", "ro", "ro"]
    with AnnotationPool(jobs=2, steps=["sentiment", "dictionaries"], chunk_size=2, min_parallel=1) as pool:
        out = pool.annotate_unique(texts, lang=langs)
    seq = AnnotationPool(jobs=1, steps=["sentiment", "dictionaries"]).annotate_unique(texts, lang=langs)
    pd.testing.assert_frame_equal(out, seq)
    assert out["sentiment_label"].tolist() == ["positive", "negative", "positive", "positive", "negative"]


def test_progress_is_silent_when_not_interactive(capsys):
    annotate(_frame(3), steps=["language"])  # default: stderr is captured, not a terminal
    annotate(_frame(3), steps=["language"], progress=False)
    assert capsys.readouterr().err == ""


def test_progress_bar_can_be_forced(capsys):
    with progress_bar(30, True) as bar:
        bar.update(30)
    assert "30" in capsys.readouterr().err
    with progress_bar(10**6, False) as bar:
        bar.update(5)
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("method", ["spawn"])
def test_spawned_workers_load_their_own_models(monkeypatch, method):
    """The spawn path (macOS, Windows, threaded parents) must import and warm up by itself."""
    monkeypatch.setenv("CLIENTCOMM_START_METHOD", method)
    parallel.shutdown()
    try:
        texts = [m for m in MESSAGES if m]
        with AnnotationPool(jobs=2, steps=["language"], chunk_size=3, min_parallel=1) as pool:
            par = pool.annotate_unique(texts)
        assert par["lang"].tolist() == AnnotationPool(1, ["language"]).annotate_unique(texts)["lang"].tolist()
    finally:
        parallel.shutdown()


def test_deal_chunks_gives_every_position_once_in_chunks_of_about_equal_cost():
    import random

    rng = random.Random(7)
    costs = [rng.choice([40, 60, 400, 3000]) for _ in range(997)]
    chunks = parallel.deal_chunks(costs, 24)
    assert sorted(i for c in chunks for i in c) == list(range(len(costs)))
    totals = [sum(costs[i] for i in c) for c in chunks]
    assert max(totals) - min(totals) <= max(costs)  # round-robin over sorted costs: at most one text apart
    assert all(c == sorted(c) for c in chunks)


def test_texts_go_to_their_family_first_and_one_family_alone_still_gives_the_same_table():
    assert parallel.text_family("客服很好 ok") == "han" and parallel.text_family("Спасибо") == "other"
    texts = [f"{m} ({i})" for i in range(6) for m in MESSAGES[:4]]  # ru and ro only: the Han worker steals
    with AnnotationPool(jobs=2, steps=["language", "sentiment", "dictionaries"], chunk_size=3,
                        min_parallel=1) as pool:
        par = pool.annotate_unique(texts)
    seq = AnnotationPool(jobs=1, steps=["language", "sentiment", "dictionaries"]).annotate_unique(texts)
    pd.testing.assert_frame_equal(par, seq)


def test_a_streaming_parent_with_workers_loads_no_annotator_data(tmp_path):
    """With --jobs 2 the workers annotate every chunk; the parent holds the chunk and the writer, not the models."""
    import subprocess
    import sys

    src = tmp_path / "in.csv"
    pd.DataFrame({"text": [m for m in MESSAGES if m] * 3}).to_csv(src, index=False)
    code = ("import sys; from clientcomm import parallel; from clientcomm.streaming import annotate_file; "
            f"n = annotate_file({str(src)!r}, {str(tmp_path / 'out.csv')!r}, chunksize=4, jobs=2); "
            "print(n, 'jieba' in sys.modules, bool(parallel._STATE.get('warm_steps')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "CLIENTCOMM_START_METHOD": "fork"})
    assert out.stdout.split() == ["27", "False", "False"]
    whole = annotate(pd.read_csv(src), steps=None)
    streamed = pd.read_csv(tmp_path / "out.csv")
    assert streamed["lang"].tolist() == whole["lang"].tolist()
    assert streamed["sentiment"].round(6).tolist() == whole["sentiment"].round(6).tolist()
