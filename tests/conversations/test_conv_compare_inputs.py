"""compare(): which measures it takes by default, and one clear answer for each input it cannot use."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from clientcomm.conversations import compare


def _table() -> pd.DataFrame:
    return pd.DataFrame({"thread_id": [f"t{i}" for i in range(8)],
                         "channel": ["email", "chat"] * 4,
                         "lang": ["ru", "ro", "ro", "ru"] * 2,
                         "sentiment": [0.5, -0.5, 0.4, -0.2, 0.6, -0.4, 0.3, -0.1],
                         "empty": [np.nan] * 8})


def test_without_measures_the_sentiment_column_is_compared():
    out = compare(_table(), by="channel", n_boot=50)
    assert set(out["measure"]) == {"sentiment"} and set(out["channel"]) >= {"chat", "email"}


def test_a_measure_with_no_values_or_no_column_is_a_note_not_an_error():
    out = compare(_table(), by="channel", measures=["empty", "absent"], n_boot=50)
    notes = dict(zip(out["measure"], out["note"]))
    assert notes["empty"] == "no values of empty (all 8 missing)"
    assert notes["absent"] == "measure 'absent' is not a column of the table"


@pytest.mark.parametrize("kwargs,error,message", [
    ({"by": ["channel", "lang", "thread_id"]}, ValueError, "one column name or a list of two"),
    ({"by": "channel", "unit": "client"}, KeyError, "unit column 'client' not found"),
    ({"by": "channel", "reference": "sms"}, ValueError, "reference group 'sms' not found; groups are: chat, email"),
    ({"by": "role"}, KeyError, "no column 'role' to compare by"),
])
def test_inputs_it_cannot_use_are_named(kwargs, error, message):
    with pytest.raises(error, match=message):
        compare(_table(), n_boot=50, **kwargs)


def test_no_measure_at_all_asks_for_one():
    with pytest.raises(ValueError, match="pass measures="):
        compare(_table().drop(columns=["sentiment"]), by="channel", n_boot=50)
