"""Reading and writing tables by extension."""
from __future__ import annotations

import pandas as pd
import pytest

from clientcomm.tables import read_table, write_table


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl", ".parquet", ".xlsx"])
def test_round_trip(tmp_path, suffix):
    df = pd.DataFrame({"id": ["007", "8"], "text": ["Привет, клиент!", "客戶很滿意"]})
    path = write_table(df, tmp_path / f"t{suffix}")
    back = read_table(path)
    assert list(back.columns) == ["id", "text"]
    assert list(back["text"]) == list(df["text"])
    assert [str(v) for v in back["id"]] == (["007", "8"] if suffix != ".jsonl" else ["007", "8"])


def test_unknown_extension(tmp_path):
    with pytest.raises(ValueError, match="unsupported"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "x.doc")
