"""threads() on a Dask DataFrame equals the pandas result, with threads spread over partitions."""
from __future__ import annotations

import pandas as pd
import pytest

import clientcomm

dd = pytest.importorskip("dask.dataframe", reason="dask is an optional extra (pip install clientcomm[dask])")


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
    got = clientcomm.threads(ddf)
    assert isinstance(got, pd.DataFrame) and len(got) == 9
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected.reset_index(drop=True))
