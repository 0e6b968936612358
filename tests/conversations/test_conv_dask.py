"""threads() on a Dask DataFrame: partition by partition, equal to the pandas result, threads spread over partitions."""
from __future__ import annotations

import dask.dataframe as dd  # the [test] extra declares dask: missing is a broken install, not a skip
import pandas as pd
import pytest

import clientcomm


def _messages() -> pd.DataFrame:
    rows = []
    texts = {"client": ["Where is my order?", "This is unacceptable, still nothing!", "Thanks, it arrived."],
             "agent": ["Sorry, checking now.", "It ships today."]}
    for t in range(9):
        for k in range(5):
            role = "client" if k % 2 == 0 else "agent"
            rows.append({"thread_id": f"T{t}", "role": role, "text": texts[role][(k // 2 + t) % len(texts[role])],
                         "timestamp": pd.Timestamp("2024-02-01 09:00", tz="UTC") + pd.Timedelta(minutes=7 * k + t),
                         "channel": "chat" if t % 2 else "email"})
    df = pd.DataFrame(rows).sample(frac=1.0, random_state=1).reset_index(drop=True)  # a thread's rows scattered
    df["doc_id"] = [f"m{i}" for i in range(len(df))]
    return df


def test_dask_equals_pandas():
    df = _messages()
    ddf = dd.from_pandas(df, npartitions=4)
    parts = [set(p["thread_id"]) for p in (ddf.get_partition(i).compute() for i in range(4))]
    assert any(len(a & b) for i, a in enumerate(parts) for b in parts[i + 1:])  # threads do cross partitions
    expected = clientcomm.threads(df)
    lazy = clientcomm.threads(ddf)
    assert type(lazy).__module__.startswith(("dask", "dask_expr"))  # stays a Dask DataFrame
    got = lazy.compute().sort_values("thread_id").reset_index(drop=True)
    assert len(got) == 9
    pd.testing.assert_frame_equal(got, expected.reset_index(drop=True))


def test_dask_mailbox_owner_is_decided_over_all_partitions():
    rows = []
    for k in range(6):  # six one-message-each-way threads of one mailbox; the owner is on every message
        client = f"c{k}@client{k}.ro"
        rows.append({"thread_id": f"m{k}", "sender": client, "recipient": "desk@shop.ro", "channel": "email",
                     "source": "box.mbox", "timestamp": pd.Timestamp("2024-03-01 10:00", tz="UTC"),
                     "text": "Unde este comanda?"})
        rows.append({"thread_id": f"m{k}", "sender": "desk@shop.ro", "recipient": client, "channel": "email",
                     "source": "box.mbox", "timestamp": pd.Timestamp("2024-03-01 11:00", tz="UTC"),
                     "text": "Pleacă azi."})
    df = pd.DataFrame(rows)
    got = clientcomm.threads(dd.from_pandas(df, npartitions=6)).compute()  # one message per partition
    assert (got["n_client"] == 1).all() and (got["n_agent"] == 1).all() and (got["first_response_s"] == 3600).all()


def test_dask_articles_say_no_threads():
    from clientcomm.conversations.thread_table import NoThreadsError

    ddf = dd.from_pandas(pd.DataFrame({"thread_id": ["", ""], "text": ["An article.", "Another."]}), npartitions=2)
    with pytest.raises(NoThreadsError, match="no threads"):
        clientcomm.threads(ddf)
