"""``annotate`` and ``analyze`` on a Dask DataFrame equal the pandas results, on a LocalCluster of processes.

Two worker processes (``processes=True``): the partitions, the annotation
functions and their results are serialised to and from other processes, as
on a real cluster. Kept small (a few hundred messages) so the module runs in
well under a minute.
"""
from __future__ import annotations

import os
import random

import dask  # the [test] extra declares dask and distributed: missing is a broken install, not a skip
import dask.dataframe as dd
import pandas as pd
import pytest

import clientcomm

# Small vocabularies of real phrases; messages are random combinations of them.
_PARTS = {
    "ru": (["Здравствуйте", "Добрый день", "Привет", "Уважаемая поддержка"],
           ["третий день не могу дозвониться", "спасибо за быстрый ответ", "курьер опоздал на два часа",
            "деньги так и не вернули", "менеджер очень вежливо всё объяснил", "письмо осталось без ответа"],
           ["это ужасно", "всё отлично", "жду звонка", "пишу в чат уже неделю", "буду рекомендовать друзьям"]),
    "ro": (["Bună ziua", "Salut", "Stimată echipă"],
           ["comanda a întârziat o săptămână", "vă mulțumesc pentru ajutor", "nu răspunde nimeni la telefon",
            "am primit rambursarea azi", "operatorul a fost foarte amabil"],
           ["sunt foarte mulțumit", "este inacceptabil", "aștept un e-mail", "vă recomand cu drag"]),
    "zh": (["您好", "你好", "客服你好"],
           ["快递三天了还没到", "谢谢你们的耐心解答", "电话一直打不通", "退款已经收到了", "服務態度非常好"],
           ["太失望了", "非常满意", "请尽快回复", "下次還會再來"]),
    "en": (["Hello", "Hi team", "Dear support"],
           ["I have been waiting for a call back for three days", "thank you for the quick answer",
            "the refund arrived today", "nobody answers the phone", "your agent was very polite"],
           ["this is unacceptable", "great service", "please reply by email", "I will recommend you"]),
}


def _messages(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        lang = rng.choice(sorted(_PARTS))
        greet, body, close = (rng.choice(p) for p in _PARTS[lang])
        sep = "，" if lang == "zh" else ", "
        end = "。" if lang == "zh" else rng.choice([".", "!", "?"])
        rows.append((f"m{i:05d}", rng.choice(["email", "chat", "phone"]), f"{greet}{sep}{body}{sep}{close}{end}"))
    return pd.DataFrame(rows, columns=["msg_id", "channel", "text"])


@pytest.fixture(scope="module")
def client():
    from distributed import Client, LocalCluster

    with dask.config.set({"dataframe.convert-string": False}):
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
            with Client(cluster) as c:
                yield c


def test_annotate_dask_equals_pandas_on_mixed_messages(client):
    pdf = _messages()
    assert pdf["text"].nunique() > 200
    steps = clientcomm.available_steps()
    ddf = dd.from_pandas(pdf, npartitions=4)
    lazy = clientcomm.annotate(ddf, steps=steps)
    assert isinstance(lazy, dd.DataFrame)
    assert list(lazy.columns) == list(clientcomm.annotate(pdf.head(3), steps=steps).columns)
    got = lazy.compute()
    want = clientcomm.annotate(pdf, steps=steps)
    pd.testing.assert_frame_equal(got, want)
    workers = client.run(os.getpid)
    assert len(workers) == 2 and os.getpid() not in workers.values()  # computed in other processes
    assert (got.dtypes == lazy.dtypes).all()  # the declared meta is what comes back


def test_analyze_dask_equals_pandas_on_the_bundled_corpus(client):
    docs = clientcomm.load_corpus()
    steps = clientcomm.available_steps()
    lazy = clientcomm.analyze(dd.from_pandas(docs, npartitions=2), steps=steps)
    assert isinstance(lazy, dd.DataFrame)
    got = lazy.compute().reset_index(drop=True)
    want = clientcomm.analyze(docs, steps=steps)
    pd.testing.assert_frame_equal(got, want)


def test_missing_text_column_fails_before_any_work(client):
    ddf = dd.from_pandas(pd.DataFrame({"body": ["x"]}), npartitions=1)
    with pytest.raises(KeyError, match="text"):
        clientcomm.annotate(ddf, steps=["language"])


# --- error paths and edge partitions, on Dask's synchronous scheduler (no cluster needed) ---------------

def test_jobs_is_ignored_for_a_dask_frame_with_a_warning():
    ddf = dd.from_pandas(pd.DataFrame({"text": ["Спасибо за ответ"]}), npartitions=1)
    with pytest.warns(UserWarning, match="jobs= is ignored"):
        clientcomm.annotate(ddf, steps=["language"], jobs=2)


def test_analyze_dask_without_segments_in_the_first_documents_is_an_error():
    docs = clientcomm.load_corpus().assign(raw_text="", clean_text="")
    with pytest.raises(ValueError, match="give no segments"):
        clientcomm.analyze(dd.from_pandas(docs, npartitions=2), level="paragraph", steps=["language"])


def test_an_empty_partition_gives_no_rows_and_the_declared_columns():
    docs = clientcomm.load_corpus()
    ddf = dd.from_pandas(docs, npartitions=len(docs))
    kept = ddf[ddf["doc_id"] != docs["doc_id"].iloc[-1]]  # the last partition is now empty
    with dask.config.set(scheduler="sync"):
        out = clientcomm.analyze(kept, level="paragraph", steps=["language"]).compute()
    expected = clientcomm.analyze(docs.iloc[:-1], level="paragraph", steps=["language"])
    assert list(out.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(out.reset_index(drop=True), expected.reset_index(drop=True))


def test_a_partition_that_cannot_take_the_declared_dtype_names_the_column():
    from clientcomm.dask_support import _conform

    meta = pd.DataFrame({"lang_score": pd.Series([], dtype="float64")})
    with pytest.raises(TypeError, match="column 'lang_score'"):
        _conform(pd.DataFrame({"lang_score": ["not a number"]}), meta)
